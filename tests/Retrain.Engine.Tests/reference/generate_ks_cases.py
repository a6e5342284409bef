#!/usr/bin/python3
"""Writes ks_2samp_cases.json: reference values from SciPy for the Kolmogorov-Smirnov tests.

Run with the system Python that has SciPy installed:

    /usr/bin/python3 tests/Retrain.Engine.Tests/reference/generate_ks_cases.py

It writes ks_2samp_cases.json next to itself. The committed file was produced with scipy 1.10.1,
numpy 1.24.2, Python 3.11.2 (Debian 12); the JSON records the versions it was made with.

Two kinds of cases:

* "ks_2samp": scipy.stats.ks_2samp(x, y, alternative='two-sided', method='auto').
  Small samples are stored inline. Large samples are stored as a generator spec that the C# side
  (tests/Retrain.Engine.Tests/Drift/ReferenceSamples.cs) reproduces bit for bit.
* "kstwo": scipy.stats.kstwo.sf(d, n) at points chosen to cover every computational region.

The sample generator (keep in sync with ReferenceSamples.cs):
  SplitMix64 on a uint64 state; u = (z >> 11) * 2**-53, a double in [0, 1).
  value = shift + scale * base, where base is, by "kind":
    uniform : u
    irwin4  : ((u1 + u2) + u3) + u4 - 2.0     (four consecutive draws, summed left to right)
    grid    : floor(u * k) / k                (k distinct levels in [0, 1): ties)
    integer : floor(u * k)                    (integers 0..k-1: ties)
  Only IEEE-exact-by-definition operations (+, *, /, floor), so any conforming platform agrees.
"""

import json
import math
import os
import random
import sys
import warnings

import numpy as np
import scipy
from scipy import stats

MASK64 = (1 << 64) - 1


def splitmix64(state):
    """Yields successive SplitMix64 outputs from the given uint64 seed."""
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        yield z ^ (z >> 31)


def generate(spec):
    """The sample a spec describes, as a list of Python floats (IEEE doubles)."""
    bits = splitmix64(spec["seed"])
    unit = lambda: float(next(bits) >> 11) * (2.0 ** -53)
    kind, n = spec["kind"], spec["n"]
    scale, shift = float(spec["scale"]), float(spec["shift"])
    out = []
    for _ in range(n):
        if kind == "uniform":
            base = unit()
        elif kind == "irwin4":
            u1 = unit(); u2 = unit(); u3 = unit(); u4 = unit()
            base = ((u1 + u2) + u3) + u4 - 2.0
        elif kind == "grid":
            base = math.floor(unit() * spec["k"]) / spec["k"]
        elif kind == "integer":
            base = float(math.floor(unit() * spec["k"]))
        else:
            raise ValueError(kind)
        out.append(shift + scale * base)
    return out


def run_ks(x, y):
    """ks_2samp(auto) plus which method SciPy actually used."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = stats.ks_2samp(np.asarray(x), np.asarray(y), alternative="two-sided", method="auto")
    fell_back = any("Exact calculation unsuccessful" in str(w.message) for w in caught)
    exact = max(len(x), len(y)) <= 10000 and not fell_back
    return float(res.statistic), float(res.pvalue), ("exact" if exact else "asymp")


INLINE_LIMIT = 200  # total size up to which samples are stored inline

cases = []
seed_source = random.Random(20240611)  # only picks parameters; every parameter is stored


def new_seed():
    return seed_source.getrandbits(64)


def spec(n, kind="uniform", scale=1.0, shift=0.0, k=None):
    s = {"seed": new_seed(), "n": n, "kind": kind, "scale": scale, "shift": shift}
    if k is not None:
        s["k"] = k
    return s


def add(case_id, xspec, yspec, x=None, y=None):
    if x is None:
        x = generate(xspec)
    if y is None:
        y = generate(yspec)
    stat, p, method = run_ks(x, y)
    case = {"id": case_id, "n1": len(x), "n2": len(y)}
    if len(x) + len(y) <= INLINE_LIMIT:
        case["x"] = x
        case["y"] = y
    else:
        case["xSpec"] = xspec
        case["ySpec"] = yspec
    case.update({"statistic": stat, "pvalue": p, "method": method})
    cases.append(case)


# 1. Tiny samples: every size pair 1..5 x 1..5, continuous and tied.
for n1 in range(1, 6):
    for n2 in range(1, 6):
        add(f"tiny-{n1}x{n2}", spec(n1), spec(n2, shift=0.2))
        add(f"tiny-ties-{n1}x{n2}", spec(n1, "integer", k=3), spec(n2, "integer", k=3))

# Hand-written samples with ties within and across samples.
add("hand-ties-1", None, None, x=[1.0, 2.0, 2.0, 3.0], y=[2.0, 2.0, 2.0, 4.0, 5.0])
add("hand-ties-2", None, None, x=[0.0, 0.0, 0.0], y=[0.0, 0.0, 1.0])
add("hand-all-equal", None, None, x=[7.0, 7.0, 7.0, 7.0], y=[7.0, 7.0])
add("hand-interleaved", None, None, x=[1.0, 3.0, 5.0, 7.0], y=[2.0, 4.0, 6.0, 8.0])
add("hand-negative", None, None, x=[-3.5, -1.25, 0.0, 2.5], y=[-0.5, 0.25, 4.0])

# 2. Identical samples: p = 1.
for n in (1, 2, 7, 30, 100, 1000, 12000):
    s = spec(n, "irwin4")
    add(f"identical-{n}", s, s)
s = spec(5000, "integer", k=10)
add("identical-ties-5000", s, s)

# 3. Completely separated samples: the smallest possible p-values.
for n1, n2 in ((1, 1), (1, 5), (3, 3), (5, 8), (10, 10), (10, 25), (20, 30), (50, 50), (100, 37),
               (60, 140), (300, 300), (200, 500), (1000, 1000), (1500, 2500), (5000, 5000),
               (10000, 10000), (12000, 30000), (20000, 20000)):
    add(f"separated-{n1}x{n2}", spec(n1), spec(n2, shift=10.0))
add("separated-reversed-40x25", spec(40, shift=5.0), spec(25))

# 4. Random sizes and shifts, continuous and tied, across the exact range.
shifts = (0.0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.6)
for i in range(60):
    n1 = seed_source.choice((seed_source.randint(6, 40), seed_source.randint(40, 400), seed_source.randint(400, 3000)))
    n2 = seed_source.choice((n1, seed_source.randint(6, 40), seed_source.randint(40, 400), seed_source.randint(400, 3000)))
    shift = seed_source.choice(shifts)
    kind = seed_source.choice(("uniform", "irwin4", "grid", "integer"))
    k = seed_source.choice((4, 10, 50, 1000)) if kind in ("grid", "integer") else None
    add(f"random-{i}-{kind}-{n1}x{n2}", spec(n1, kind, k=k), spec(n2, kind, shift=shift, k=k))

# 5. Equal sizes (the closed-form exact path).
for n in (6, 11, 25, 64, 128, 500, 2000, 7000):
    for shift in (0.0, 0.1, 0.3):
        add(f"equal-{n}-shift{shift}", spec(n, "irwin4"), spec(n, "irwin4", shift=shift))

# Sizes with common factors and coprime sizes (lcm structure of the exact lattice).
for n1, n2 in ((12, 18), (30, 45), (100, 150), (99, 100), (97, 101), (256, 1024), (1000, 999), (640, 480)):
    for shift in (0.05, 0.25):
        add(f"lattice-{n1}x{n2}-shift{shift}", spec(n1, "irwin4"), spec(n2, "irwin4", shift=shift))

# 6. Around the exact/asymptotic switch at 10000.
for n1, n2, shift in ((10000, 10000, 0.02), (9999, 10000, 0.01), (10000, 9999, 0.04), (10000, 500, 0.1),
                      (10000, 10001, 0.01), (10001, 10000, 0.03), (10001, 9000, 0.0), (10001, 50, 0.3),
                      (9999, 10000, 0.0), (10001, 10001, 0.05)):
    add(f"switch-{n1}x{n2}-shift{shift}", spec(n1, "irwin4"), spec(n2, "irwin4", shift=shift))
add("switch-ties-10000x9998", spec(10000, "grid", k=100), spec(9998, "grid", k=100, shift=0.01))
add("switch-ties-10002x9998", spec(10002, "grid", k=100), spec(9998, "grid", k=100, shift=0.01))

# 7. Large samples (asymptotic), n up to 100000, p from ~1 down to 0.
for n1, n2 in ((100000, 100000), (100000, 25000), (50000, 100000), (20000, 80000), (15000, 15000), (11000, 100000)):
    for shift in (0.0, 0.003, 0.01, 0.02, 0.05, 0.2):
        add(f"large-{n1}x{n2}-shift{shift}", spec(n1, "irwin4"), spec(n2, "irwin4", shift=shift))
add("large-ties-100000x60000", spec(100000, "integer", k=20), spec(60000, "integer", k=20, scale=1.0))
add("large-ties-shift-100000x60000", spec(100000, "integer", k=20), spec(60000, "integer", k=20, shift=1.0))
add("large-grid-40000x70000", spec(40000, "grid", k=1000), spec(70000, "grid", k=1000, shift=0.004))
add("large-scale-30000x30000", spec(30000, "irwin4"), spec(30000, "irwin4", scale=1.1))

# kstwo.sf(d, n) at points in every region of the algorithm choice.
kstwo_cases = []


def add_kstwo(n, d):
    if any(c["n"] == n and c["d"] == d for c in kstwo_cases):
        return
    kstwo_cases.append({"id": f"kstwo-n{n}-d{d!r}", "n": n, "d": d, "sf": float(stats.kstwo.sf(d, n))})


for n in (1, 2, 3, 5, 10, 37, 100, 140):
    for d in (0.0, 0.2 / n, 0.5 / n, 0.75 / n, 1.0 / n, 1.5 / n, 0.1, 0.25, 0.4, 0.5, 0.6, 0.9, 1.0 - 1.5 / n, 1.0 - 0.5 / n, 0.999, 1.0):
        if 0.0 <= d <= 1.0:
            add_kstwo(n, d)
for n in (10, 37, 100, 140):  # n d^2 around the Durbin / Pomeranz / Smirnov thresholds 0.754693 and 4
    for nd2 in (0.3, 0.75, 0.76, 1.5, 3.0, 3.99, 4.01, 6.0, 12.0, 30.0):
        add_kstwo(n, math.sqrt(nd2 / n))
for n in (141, 500, 2000, 10000, 50000, 100000, 100001, 200000, 1000000, 2000000):
    for nd2 in (0.01, 0.05, 0.2, 0.5, 1.0, 1.5, 2.19, 2.21, 5.0, 20.0, 60.0, 200.0, 369.0, 371.0):
        add_kstwo(n, math.sqrt(nd2 / n))
    for d in (0.6 / n, 0.9 / n, 1.0 / n, 0.45, 0.5, 0.7):
        add_kstwo(n, d)
for n in (141, 1000, 5000, 100000):  # around n d^1.5 = 1.4 (Durbin vs Pelz-Good)
    for c in (1.3, 1.39, 1.41, 1.6):
        add_kstwo(n, (c / n) ** (2.0 / 3.0))

# n d an exact integer or half-integer (the Durbin matrix's h = 0 and the Smirnov sum's last-term edge):
# two-sample statistics are fractions, so these points are common in practice.
for n in (20, 100, 140, 500, 6000, 50000):
    for nd2 in (0.3, 1.0, 2.0, 3.0, 5.0, 20.0):
        j = max(1, round(math.sqrt(nd2 * n)))
        add_kstwo(n, j / n)
        add_kstwo(n, (j + 0.5) / n)

out = {
    "generator": "tests/Retrain.Engine.Tests/reference/generate_ks_cases.py",
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "python": sys.version.split()[0],
    "call": "scipy.stats.ks_2samp(x, y, alternative='two-sided', method='auto'); scipy.stats.kstwo.sf(d, n)",
    "ks2samp": cases,
    "kstwo": kstwo_cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ks_2samp_cases.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} ks_2samp cases and {len(kstwo_cases)} kstwo cases to {path}")
