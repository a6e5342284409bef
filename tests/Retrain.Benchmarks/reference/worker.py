"""The reference side of the Retrain benchmarks: scipy / scikit-learn / numpy on the same data.

Run by the C# harness (tests/Retrain.Benchmarks, `bench`) as a long-lived process so that the data is
loaded once and each repetition times only the computation, like the Retrain side. Protocol: one JSON
object per line on stdin, one JSON object per line on stdout.

    {"cmd": "setup", "case": "<name>", ...arguments}  ->  {"ok": true}
    {"cmd": "run", "case": "<name>"}                   ->  {"ok": true, "seconds": t, "summary": {...}}
    {"cmd": "versions"}                                ->  {"ok": true, "versions": {...}}
    {"cmd": "quit"}

Arrays come from raw little-endian float64 (or int32) files written by the harness, one column after
another: shape (columns, rows).
"""
import json
import platform
import sys
import time

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.ensemble import GradientBoostingRegressor, HistGradientBoostingRegressor


def load(path, columns, rows, dtype="<f8"):
    return np.fromfile(path, dtype=dtype).reshape(columns, rows)


def bonferroni(p):
    return np.minimum(1.0, np.asarray(p) * len(p))


class Drift:
    """A loop of scipy.stats.ks_2samp over the features, then Bonferroni (Retrain's default correction)."""

    def __init__(self, a):
        self.ref = load(a["reference"], a["features"], a["referenceRows"])
        self.cur = load(a["current"], a["features"], a["currentRows"])

    def run(self):
        d, p = [], []
        for f in range(self.ref.shape[0]):
            r = stats.ks_2samp(self.ref[f], self.cur[f])
            d.append(float(r.statistic))
            p.append(float(r.pvalue))
        adjusted = bonferroni(p)
        return {"statistics": d, "pValues": p, "drifted": int(np.sum((adjusted < 0.05) & (np.asarray(d) >= 0.1)))}


class Train:
    """scikit-learn gradient boosting on FD001 with the same trees, leaves, learning rate and leaf size."""

    def __init__(self, a):
        f = a["features"]
        self.x = load(a["trainX"], f, a["trainRows"]).T.copy()
        self.y = load(a["trainY"], 1, a["trainRows"])[0]
        self.tx = load(a["testX"], f, a["testRows"]).T.copy()
        self.ty = load(a["testY"], 1, a["testRows"])[0]
        trees, leaves, rate, leaf = a["trees"], a["leaves"], a["learningRate"], a["minLeaf"]
        if a["model"] == "hist":
            self.make = lambda: HistGradientBoostingRegressor(
                max_iter=trees, max_leaf_nodes=leaves, learning_rate=rate, min_samples_leaf=leaf,
                early_stopping=False, random_state=a["seed"])
        else:
            self.make = lambda: GradientBoostingRegressor(
                n_estimators=trees, max_leaf_nodes=leaves, learning_rate=rate, min_samples_leaf=leaf,
                random_state=a["seed"])

    def run(self):
        model = self.make().fit(self.x, self.y)
        pred = model.predict(self.tx)
        return {"rmse": float(np.sqrt(np.mean((pred - self.ty) ** 2)))}


def metrics(y, p):
    e = p - y
    ae = np.abs(e)
    nz = y != 0
    ss = np.sum((y - y.mean()) ** 2)
    return {"mae": float(ae.mean()), "rmse": float(np.sqrt(np.mean(e * e))),
            "r2": float(1 - np.sum(e * e) / ss), "mape": float(np.mean(ae[nz] / np.abs(y[nz])))}


class Compare:
    """Metrics of both models, scipy.stats.ttest_rel on absolute errors, and a 2,000-resample percentile
    bootstrap CI of the MAE improvement: per resample np.bincount of the drawn rows and two dot products
    (faster than gathering the rows; measured 3x), or, with groups, per-unit sums drawn as one
    (resamples x units) index matrix."""

    def __init__(self, a):
        rows = a["rows"]
        m = load(a["values"], 3, rows)
        self.y, self.a, self.b = m[0], m[1], m[2]
        self.groups = load(a["groups"], 1, rows, "<i4")[0] if a.get("useGroups") else None
        self.resamples = a["resamples"]
        self.seed = a["seed"]

    def run(self):
        y, a, b = self.y, self.a, self.b
        ma, mb = metrics(y, a), metrics(y, b)
        ea, eb = np.abs(a - y), np.abs(b - y)
        t = stats.ttest_rel(eb, ea)
        rng = np.random.default_rng(self.seed)
        n = len(y)
        if self.groups is None:
            imp = np.empty(self.resamples)
            for r in range(self.resamples):
                c = np.bincount(rng.integers(0, n, n), minlength=n)
                sa, sb = ea @ c, eb @ c
                imp[r] = (sa - sb) / sa * 100
        else:
            _, g = np.unique(self.groups, return_inverse=True)
            k = g.max() + 1
            ua, ub = np.bincount(g, ea, k), np.bincount(g, eb, k)
            idx = rng.integers(0, k, (self.resamples, k))
            sa, sb = ua[idx].sum(1), ub[idx].sum(1)
            imp = (sa - sb) / sa * 100
        lo, hi = np.percentile(imp, [2.5, 97.5])
        improvement = (ma["mae"] - mb["mae"]) / ma["mae"] * 100
        return {"champion": ma, "challenger": mb, "t": float(t.statistic), "p": float(t.pvalue),
                "improvementPct": improvement, "ciLow": float(lo), "ciHigh": float(hi)}


class ReadCsv:
    """pandas.read_csv of one file (the end-to-end case's reading, in a warm process)."""

    def __init__(self, a):
        self.path = a["path"]

    def run(self):
        import pandas
        frame = pandas.read_csv(self.path)
        return {"rows": len(frame)}


CASES = {"drift": Drift, "train": Train, "compare": Compare, "readcsv": ReadCsv}


def versions():
    import pandas
    return {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
            "sklearn": sklearn.__version__, "pandas": pandas.__version__}


def serve():
    cases = {}
    for line in sys.stdin:
        msg = json.loads(line)
        try:
            if msg["cmd"] == "quit":
                break
            if msg["cmd"] == "versions":
                out = {"ok": True, "versions": versions()}
            elif msg["cmd"] == "setup":
                cases[msg["case"]] = CASES[msg["kind"]](msg)
                out = {"ok": True}
            elif msg["cmd"] == "drop":
                cases.pop(msg["case"], None)
                out = {"ok": True}
            else:
                case = cases[msg["case"]]
                start = time.perf_counter()
                summary = case.run()
                out = {"ok": True, "seconds": time.perf_counter() - start, "summary": summary}
        except Exception as e:  # reported to the harness, which fails the case with this text
            out = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


def memory(argv):
    """Peak RSS of a dedicated process that loads the drift data and runs the check once."""
    import resource
    args = json.loads(argv[0])
    Drift(args).run()
    print(json.dumps({"peakBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "memory":
        memory(sys.argv[2:])
    else:
        serve()
