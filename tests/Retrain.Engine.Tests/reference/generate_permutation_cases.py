#!/usr/bin/python3
"""Writes permutation_cases.json: exact permutation p-values of the two-sample KS statistic from
scipy.stats.permutation_test(permutation_type='independent', alternative='greater'), with one row per
engine, where exchanging engines is exchanging rows, so the engine permutation must give the same p.
Each case has at most 3432 distinct splits, so scipy enumerates them all (n_resamples is larger).
Run with Debian's /usr/bin/python3 (python3-scipy):

    /usr/bin/python3 tests/Retrain.Engine.Tests/reference/generate_permutation_cases.py

It writes next to itself. The JSON records the scipy and numpy versions it was made with.
"""
import json
import os
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261202)


def ks(x, y):
    return stats.ks_2samp(x, y).statistic


cases = []
for n_ref, n_cur, kind in [(5, 4, "normal"), (7, 3, "integer"), (6, 6, "normal"), (8, 5, "integer"),
                           (9, 4, "shifted"), (7, 7, "integer"), (4, 2, "normal")]:
    if kind == "integer":  # ties within and across the windows
        x = rng.integers(0, 4, n_ref).astype(float)
        y = rng.integers(0, 4, n_cur).astype(float)
    elif kind == "shifted":
        x = rng.normal(0, 1, n_ref)
        y = rng.normal(1.5, 1, n_cur)
    else:
        x = rng.normal(0, 1, n_ref)
        y = rng.normal(0, 1, n_cur)
    res = stats.permutation_test((x, y), ks, vectorized=False,
                                 permutation_type="independent", alternative="greater", n_resamples=100000)
    cases.append({"reference": x.tolist(), "current": y.tolist(), "statistic": float(res.statistic),
                  "pvalue": float(res.pvalue), "splits": int(len(res.null_distribution))})

out = {"generator": os.path.basename(__file__), "scipy": scipy.__version__, "numpy": np.__version__, "cases": cases}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "permutation_cases.json"), "w") as f:
    json.dump(out, f, indent=1)
