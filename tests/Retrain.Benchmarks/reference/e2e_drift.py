"""End to end, the Python way: a fresh process reads both CSV files with pandas and loops scipy.stats.ks_2samp
over every column, Bonferroni-corrected. Prints the largest statistic and the number of drifted features."""
import sys

import numpy as np
import pandas as pd
from scipy import stats

ref = pd.read_csv(sys.argv[1])
cur = pd.read_csv(sys.argv[2])
d, p = [], []
for column in ref.columns:
    r = stats.ks_2samp(ref[column].to_numpy(), cur[column].to_numpy())
    d.append(r.statistic)
    p.append(r.pvalue)
adjusted = np.minimum(1.0, np.asarray(p) * len(p))
print(max(d), int(np.sum((adjusted < 0.05) & (np.asarray(d) >= 0.1))))
