#!/usr/bin/python3
"""Writes evaluation_cases.json: reference answers for Retrain.Engine.Evaluation.

Run with Debian's interpreter (it has python3-sklearn and python3-scipy):
    /usr/bin/python3 tests/Retrain.Engine.Tests/reference/generate_evaluation_cases.py

It writes evaluation_cases.json next to itself. The committed file was produced with scikit-learn
1.2.1, scipy 1.10.1, numpy 1.24.2, Python 3.11.2 (Debian 12); the JSON records the versions.

metric_cases: scikit-learn's mean_absolute_error, sqrt(mean_squared_error), r2_score
(force_finite default) and mean_absolute_percentage_error on the rows whose true value
is not 0 (the engine skips those rows and reports how many it skipped).
ttest_cases: scipy.stats.ttest_rel(a, b), two-sided.

Where the library has no finite answer (nan/inf), the case carries the engine's documented
rule as the expected value ("rule" says which) and the library's own output as text.
"""
import json
import math
import os
import platform
import sys
import warnings

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.metrics import mean_absolute_error, mean_absolute_percentage_error, mean_squared_error, r2_score

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "evaluation_cases.json")
rng = np.random.default_rng(20240611)


def r6(x):
    """Rounded to 9 significant digits so the file stays small; the references are computed on the rounded values."""
    return [float(f"{float(v):.9g}") for v in x]


def metric_case(name, y, p):
    y = np.asarray(y, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    nz = y != 0
    rule = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r2 = r2_score(y, p)
    lib_r2 = repr(float(r2))
    if len(y) < 2 or np.all(y == y[0]):
        # sklearn's force_finite rule for constant y_true, applied to exactly constant y_true
        # (also n == 1, where sklearn returns nan, and values whose float mean is inexact).
        expected_r2 = 1.0 if np.all(y == p) else 0.0
        if not (math.isfinite(r2) and r2 == expected_r2):
            rule = "constant y_true: R2 = 1 if predictions are perfect else 0"
        r2 = expected_r2
    if nz.any():
        mape = mean_absolute_percentage_error(y[nz], p[nz])
    else:
        mape = 0.0
        rule = (rule + "; " if rule else "") + "all y_true are 0: MAPE = 0, every row skipped"
    case = {
        "name": name,
        "y_true": r6(y),
        "y_pred": r6(p),
        "mae": float(mean_absolute_error(y, p)),
        "rmse": float(math.sqrt(mean_squared_error(y, p))),
        "r2": float(r2),
        "mape": float(mape),
        "count": int(len(y)),
        "mape_skipped": int((~nz).sum()),
    }
    if rule:
        case["rule"] = rule
        case["sklearn_r2"] = lib_r2
    return case


def metric_cases():
    cases = []
    add = lambda name, y, p: cases.append(metric_case(name, np.array(r6(y)), np.array(r6(p))))
    # Hand-made edge cases
    add("perfect-3", [1, 2, 3], [1, 2, 3])
    add("sklearn-doc-r2-zero", [1, 2, 3], [2, 2, 2])
    add("sklearn-doc-r2-minus3", [1, 2, 3], [3, 2, 1])
    add("constant-y-perfect", [-2, -2, -2], [-2, -2, -2])
    add("constant-y-imperfect", [-2, -2, -2], [-2, -2, -1.5])
    add("constant-y-point-one-imperfect", [0.1] * 7, [0.1, 0.1, 0.2, 0.1, 0.1, 0.1, 0.0])
    add("constant-y-point-one-perfect", [0.1] * 7, [0.1] * 7)
    add("single-row", [5], [3])
    add("single-row-perfect", [5], [5])
    add("single-zero-row", [0], [2])
    add("two-rows", [10, 20], [12, 17])
    add("rul-with-zeros", [0, 1, 2, 0, 5, 10, 0], [1, 1, 3, 2, 4, 12, 0.5])
    add("all-zero-y", [0, 0, 0, 0], [1, -1, 0.5, 0])
    add("all-zero-y-perfect", [0, 0, 0], [0, 0, 0])
    add("negatives", [-3, -1.5, 2, -7, 4], [-2.5, -1, 1, -8, 5.5])
    add("negative-predictions-of-rul", [0, 3, 8, 15, 1], [-4, -1, 6, 14, -0.5])
    add("tiny-true-values", [1e-3, 2e-3, -1e-3, 5e-4], [1.1e-3, 1.5e-3, -2e-3, 5e-4])
    add("large-values", [1e6, 2.5e6, 3e6, 1.2e6], [1.1e6, 2.4e6, 3.3e6, 1.0e6])
    add("worse-than-mean", [1, 2, 3, 4], [4, 3, 2, 1])
    # Random cases: RUL-like integers with zeros, continuous with negatives, heavy tails
    for n in [2, 3, 5, 8, 13, 50, 100, 250, 1000, 4000, 10000]:
        y = rng.integers(0, 300, n).astype(float)
        if n >= 5:
            y[rng.choice(n, max(1, n // 20), replace=False)] = 0
        add(f"rul-int-n{n}", y, y + rng.normal(0, 20, n))
    for n in [2, 4, 10, 30, 100, 500, 2000, 10000]:
        y = rng.normal(0, 5, n)
        add(f"normal-neg-n{n}", y, y + rng.normal(0.5, 2, n))
    for n in [5, 20, 200, 3000]:
        y = rng.integers(0, 150, n).astype(float)
        add(f"heavy-tail-n{n}", y, y + rng.standard_t(2, n) * 10)
    for n in [6, 60, 600]:
        y = rng.integers(0, 3, n).astype(float)  # many zeros
        add(f"mostly-zero-y-n{n}", y, rng.uniform(-1, 3, n))
    for n in [10, 1000]:
        y = rng.uniform(-1e4, 1e4, n)
        add(f"wide-range-n{n}", y, y * rng.uniform(0.9, 1.1, n))
    for n in [25, 400]:
        y = rng.integers(0, 200, n).astype(float)
        add(f"near-perfect-n{n}", y, y + rng.normal(0, 1e-4, n))
    return cases


def fmt(x):
    return repr(float(x))


def ttest_case(name, a, b):
    a = np.asarray(r6(a), dtype=np.float64)
    b = np.asarray(r6(b), dtype=np.float64)
    n = len(a)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = stats.ttest_rel(a, b)
    t, p = float(res.statistic), float(res.pvalue)
    case = {"name": name, "a": [float(v) for v in a], "b": [float(v) for v in b], "df": max(n - 1, 0)}
    d = a - b
    if n < 2:
        case.update(statistic=0.0, pvalue=1.0, rule="fewer than 2 pairs: statistic 0, p 1")
    elif np.all(d == 0):
        case.update(statistic=0.0, pvalue=1.0, rule="identical samples: statistic 0, p 1")
    elif np.all(d == d[0]):
        case.update(statistic=math.copysign(sys.float_info.max, d[0]), pvalue=0.0,
                    rule="constant nonzero difference: statistic +-double.MaxValue, p 0")
    else:
        assert math.isfinite(t) and math.isfinite(p), name
        case.update(statistic=t, pvalue=p)
    if "rule" in case:
        case.update(scipy_statistic=fmt(t), scipy_pvalue=fmt(p))
    return case


def ttest_cases():
    cases = []
    add = lambda name, a, b: cases.append(ttest_case(name, a, b))
    add("n2", [1.0, 2.0], [1.5, 2.9])
    add("n2-opposite-signs", [3.0, 1.0], [1.0, 2.0])
    add("n3", [4.0, 5.5, 6.0], [3.0, 5.0, 4.0])
    add("n4", [0.2, 0.4, 0.1, 0.9], [0.3, 0.3, 0.5, 1.2])
    add("n5", [10, 12, 9, 14, 11], [9, 12.5, 8, 12, 10])
    add("ties-some-zero-differences", [1, 2, 3, 4, 5, 6], [1, 2, 3, 3, 4, 4])
    add("ties-integer-errors", [2, 2, 3, 3, 3, 5, 5, 1], [2, 3, 3, 2, 4, 5, 4, 1])
    add("sign-negative", [1, 2, 1, 2, 1], [3, 3, 4, 2.5, 3])
    add("p-near-one", [1, 2, 3, 4], [1.01, 1.98, 3.02, 3.995])
    add("n1", [1.0], [2.0])
    add("n0", [], [])
    add("identical", [1, 2, 3, 4], [1, 2, 3, 4])
    add("constant-positive-difference", [2, 3, 4, 5], [1, 2, 3, 4])
    add("constant-negative-difference", [0.5, 1.5, 2.5], [1.0, 2.0, 3.0])
    for n in [6, 10, 30, 100, 1000, 5000]:
        b = np.abs(rng.normal(10, 4, n))
        add(f"abs-errors-small-effect-n{n}", np.abs(b + rng.normal(-0.2, 3, n)), b)
    for n in [20, 200, 3000]:
        b = np.abs(rng.normal(10, 4, n))
        add(f"abs-errors-large-effect-n{n}", np.abs(b * 0.7 + rng.normal(0, 1, n)), b)
    for n in [50, 500]:
        a = rng.integers(0, 20, n).astype(float)
        add(f"integer-ties-n{n}", a, np.clip(a + rng.integers(-2, 3, n), 0, None))
    add("tiny-p", np.arange(200) * 0.01 + 5, np.arange(200) * 0.01 + rng.normal(0, 0.1, 200))
    add("very-tiny-p", np.full(400, 5.0) + rng.normal(0, 0.05, 400), np.full(400, 3.0) + rng.normal(0, 0.05, 400))
    add("large-scale", rng.normal(1e6, 1e3, 40), rng.normal(1e6 + 300, 1e3, 40))
    add("small-scale", rng.normal(1e-6, 1e-7, 40), rng.normal(1.05e-6, 1e-7, 40))
    return cases


def main():
    doc = {
        "generator": "tests/Retrain.Engine.Tests/reference/generate_evaluation_cases.py",
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "sklearn": sklearn.__version__,
        },
        "metric_cases": metric_cases(),
        "ttest_cases": ttest_cases(),
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    print(f"{OUT}: {len(doc['metric_cases'])} metric cases, {len(doc['ttest_cases'])} ttest cases")


if __name__ == "__main__":
    main()
