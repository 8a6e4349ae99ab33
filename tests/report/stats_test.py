#!/usr/bin/python3
"""opkomst's statistics against independent implementations: Wilson
intervals and the exact McNemar test against statsmodels, Bowker against
statsmodels, the Wilcoxon signed-rank test against scipy. Random cases of
the sizes a team has (a handful to a few hundred), plus edge cases.
Usage: stats_test.py STATS_ORACLE_BINARY"""
import random
import subprocess
import sys
import warnings

import numpy as np
from scipy import stats
from statsmodels.stats.contingency_tables import SquareTable, mcnemar
from statsmodels.stats.proportion import proportion_confint

warnings.simplefilter("ignore")
rng = random.Random(7)
cases, expected = [], []

for k, n in [(0, 10), (10, 10), (17, 40), (1, 1), (123, 162), (5, 284)] + \
        [(rng.randint(0, n), n) for n in (rng.randint(1, 300) for _ in range(60))]:
    cases.append(f"wilson {k} {n}")
    expected.append(proportion_confint(k, n, alpha=0.05, method="wilson"))

for b, c in [(0, 0), (0, 5), (7, 0), (3, 3), (12, 40)] + [(rng.randint(0, 30), rng.randint(0, 30)) for _ in range(60)]:
    cases.append(f"mcnemar {b} {c}")
    r = mcnemar(np.array([[5, b], [c, 5]]), exact=True)
    expected.append((r.statistic, r.pvalue))

for _ in range(40):
    k = rng.randint(2, 6)
    t = [[rng.randint(0, 12) for _ in range(k)] for _ in range(k)]
    cases.append(f"bowker {k} " + " ".join(str(v) for row in t for v in row))
    r = SquareTable(np.array(t), shift_zeros=False).symmetry("bowker")
    expected.append((r.statistic, r.df, r.pvalue))

wilcoxon_inputs = [([1, 2, 3, 4, 5, 6], [2, 3, 5, 4, 7, 9])]  # a zero difference
for _ in range(80):
    n = rng.choice([rng.randint(5, 12), rng.randint(20, 80)])
    x = [rng.randint(1, 5) for _ in range(n)]
    y = [min(5, max(1, v + rng.choice([-1, 0, 0, 1, 1, 2]))) for v in x]
    wilcoxon_inputs.append((x, y))
for _ in range(20):  # continuous data: no ties, no zeros -> the exact method
    n = rng.randint(5, 30)
    x = [rng.random() for _ in range(n)]
    wilcoxon_inputs.append((x, [v + rng.gauss(0.2, 1) for v in x]))
for x, y in wilcoxon_inputs:
    cases.append(f"wilcoxon {len(x)} " + " ".join(map(str, x)) + " " + " ".join(map(str, y)))
    if all(a == b for a, b in zip(x, y)):
        expected.append(None)
        continue
    r = stats.wilcoxon(x, y)
    expected.append((r.statistic, r.pvalue))

out = subprocess.run([sys.argv[1]], input="\n".join(cases) + "\n", capture_output=True, text=True, check=True)
lines = out.stdout.split("\n")
failed = 0
for case, want, got in zip(cases, expected, lines):
    if want is None:
        ok = got.strip() == ""
    else:
        values = [float(v) for v in got.split()]
        ok = len(values) == len(want) and all(abs(a - float(b)) <= 1e-7 + 1e-6 * abs(float(b))
                                              for a, b in zip(values, want))
    if not ok:
        failed += 1
        print(f"FAIL {case[:80]}: opkomst {got!r}, reference {want}")
print(f"{len(cases) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
