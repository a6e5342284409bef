#!/usr/bin/python3
"""Writes drift_measure_cases.json: Wasserstein-1 distances from scipy.stats.wasserstein_distance and
PSI values from an independent numpy computation (10 quantile bins of the reference, the 'lower'
k/10 quantiles as inner edges, one extra bin below and one above the reference's range, shares
floored at 1e-4). Run with Debian's /usr/bin/python3 (python3-scipy):

    /usr/bin/python3 tests/Retrain.Engine.Tests/reference/generate_drift_measure_cases.py

It writes next to itself, wherever it is run from. The committed file was produced with
scipy 1.10.1 and numpy 1.24.2 (Debian 12); the JSON records the versions it was made with.
"""
import json
import os
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261126)
MIN_SHARE = 1e-4


def psi(ref, cur, bins=10):
    ref = np.sort(ref)
    cur = np.sort(cur)
    edges = []
    for k in range(1, bins):
        e = ref[(k * (len(ref) - 1)) // bins]  # the 'lower' k/bins quantile, index computed exactly
        if not edges or e > edges[-1]:
            edges.append(e)
    # bins are (e[b-1], e[b]]: count values <= edge with searchsorted side='right'
    # bins: x < min | [min, e1] | (e1, e2] ... (e_last, max] | x > max
    lo, hi = ref[0], ref[-1]
    def counts(x):
        below = int(np.sum(x < lo))
        above = int(np.sum(x > hi))
        inside = x[(x >= lo) & (x <= hi)]
        idx = np.searchsorted(inside, edges, side="right")
        return np.array([below] + list(np.diff(np.concatenate(([0], idx, [len(inside)])))) + [above])
    r_counts = counts(ref)
    c_counts = counts(cur)
    r = np.maximum(MIN_SHARE, r_counts / len(ref))
    c = np.maximum(MIN_SHARE, c_counts / len(cur))
    return float(np.sum((c - r) * np.log(c / r)))


cases = []
def add(name, x, y):
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    cases.append({"name": name, "x": x, "y": y,
                  "wasserstein": float(stats.wasserstein_distance(x, y)),
                  "psi": psi(np.array(x), np.array(y))})

add("single values", [1.0], [3.5])
add("identical", [1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
add("shifted", np.arange(50), np.arange(50) + 7.25)
add("ties", np.round(rng.normal(size=200), 1), np.round(rng.normal(0.3, 1.2, size=150), 1))
add("constant reference", np.full(100, 2.0), rng.normal(2, 1, size=80))
add("constant reference, shifted below", np.full(300, 2388.0), np.concatenate((np.full(100, 2388.0), np.full(200, 2223.0))))
add("current beyond both ends", rng.uniform(0, 1, size=500), rng.uniform(-0.5, 1.5, size=400))
add("both constant equal", np.full(40, 5.0), np.full(60, 5.0))
add("integers", rng.integers(0, 5, size=300), rng.integers(0, 7, size=120))
add("disjoint", rng.uniform(0, 1, size=90), rng.uniform(10, 11, size=70))
for i in range(12):
    n1, n2 = int(rng.integers(20, 3000)), int(rng.integers(20, 3000))
    add(f"normal {i} ({n1} vs {n2})", rng.normal(0, 1, size=n1), rng.normal(rng.uniform(-0.5, 0.5), rng.uniform(0.7, 1.5), size=n2))
for i in range(6):
    n1, n2 = int(rng.integers(50, 2000)), int(rng.integers(50, 2000))
    add(f"exponential {i}", rng.exponential(2.0, size=n1), rng.exponential(rng.uniform(1.5, 3), size=n2))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "drift_measure_cases.json"), "w") as f:
    json.dump({"generator": "generate_drift_measure_cases.py", "scipy": scipy.__version__, "numpy": np.__version__,
               "cases": cases}, f)
print(len(cases), "cases")
