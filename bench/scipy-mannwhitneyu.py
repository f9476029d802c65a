"""Times scipy.stats.mannwhitneyu on the judge benchmark's data, for the ratio in `npm run bench`.

Reads {"metrics": [{"canary": [...], "baseline": [...]}, ...]} from the file named on the command
line; prints {"medianMs": ..., "pValues": [...]} (two-sided, asymptotic, continuity-corrected:
the same test R's wilcox.test runs on samples this large). scipy computes no confidence interval.
"""
import json
import sys
import time

import numpy as np
from scipy.stats import mannwhitneyu

with open(sys.argv[1]) as f:
    metrics = [(np.array(m["canary"]), np.array(m["baseline"])) for m in json.load(f)["metrics"]]

times = []
p_values = []
for run in range(6):
    start = time.perf_counter()
    p_values = [
        float(mannwhitneyu(c, b, alternative="two-sided", use_continuity=True, method="asymptotic").pvalue)
        for c, b in metrics
    ]
    times.append((time.perf_counter() - start) * 1000)
times = sorted(times[1:])  # the first run warms up
print(json.dumps({"medianMs": times[len(times) // 2], "pValues": p_values}))
