"""Independent reference values for test/stats/*.test.ts (contingency tests).

Run with Debian's python3 and its scipy/statsmodels packages (R is not installed here):
    apt-get install -y python3-scipy python3-statsmodels
    /usr/bin/python3 test/stats/reference-values.py
The tests copy the printed values; each test names the function that produced its value.
"""
import itertools
import math

import numpy as np
import scipy
from scipy import stats
from scipy.special import comb
import statsmodels
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import confint_proportions_2indep

print("scipy", scipy.__version__, "statsmodels", statsmodels.__version__)

print("\n# fisher_exact (two-sided, less, greater; statistic = sample odds ratio)")
for t in ([[3, 1], [1, 3]], [[4, 1], [13, 7]], [[4, 1], [5, 15]], [[25, 45], [10, 47]], [[0, 5], [6, 2]], [[10, 2], [3, 15]],
          [[12, 12], [66, 9]], [[7, 17], [50, 25]], [[4, 1], [6, 14]]):
    two = stats.fisher_exact(t)
    less = stats.fisher_exact(t, alternative="less").pvalue
    greater = stats.fisher_exact(t, alternative="greater").pvalue
    print(t, "p2=%.10g" % two.pvalue, "less=%.10g" % less, "greater=%.10g" % greater, "or=%.10g" % two.statistic)


def freeman_halton_rx2(t):
    """Brute force over the first column of an r x 2 table: P = prod C(r_i, x_i) / C(N, c_1)."""
    rows = [sum(r) for r in t]
    n = sum(rows)
    c1 = sum(r[0] for r in t)
    def prob(xs):
        return math.prod(comb(r, x, exact=True) for r, x in zip(rows, xs)) / comb(n, c1, exact=True)
    obs = prob([r[0] for r in t])
    p = 0.0
    for xs in itertools.product(*[range(r + 1) for r in rows]):
        if sum(xs) == c1 and prob(xs) <= obs * (1 + 1e-7):
            p += prob(xs)
    return p, obs


print("\n# Freeman-Halton by brute force over r x 2 tables (exact integer binomials)")
for t in ([[4, 1], [13, 7], [2, 3]], [[4, 1], [5, 15], [3, 2]], [[4, 1], [6, 14], [3, 2]], [[66, 9], [21, 4], [12, 12]], [[1, 9], [0, 7], [8, 1]]):
    p, obs = freeman_halton_rx2(t)
    print(t, "p=%.10g" % p, "pTable=%.10g" % obs)

print("\n# statsmodels mcnemar: chi-square with and without continuity correction, and exact (binomial)")
for t in ([[794, 150], [86, 570]], [[79, 31], [0, 26]], [[53, 3], [0, 51]], [[20, 12], [5, 30]], [[10, 4], [4, 10]]):
    cc = mcnemar(t, exact=False, correction=True)
    plain = mcnemar(t, exact=False, correction=False)
    ex = mcnemar(t, exact=True)
    print(t, "cc=%.10g p=%.10g" % (cc.statistic, cc.pvalue), "plain=%.10g p=%.10g" % (plain.statistic, plain.pvalue), "exact p=%.10g" % ex.pvalue)

print("\n# chi2_contingency (Yates for 2x2 when correction=True) and Cramer's V (scipy.stats.contingency.association)")
for t in ([[12, 5], [7, 9]], [[50, 25], [15, 10], [7, 17]], [[25, 45], [6, 23], [4, 24]], [[10, 0], [0, 10]], [[3, 1], [1, 3]]):
    a = np.array(t)
    yes = stats.chi2_contingency(a, correction=True)
    no = stats.chi2_contingency(a, correction=False)
    v = stats.contingency.association(a, method="cramer")
    print(t, "corr=%.10g p=%.10g" % (yes.statistic, yes.pvalue), "plain=%.10g p=%.10g df=%d" % (no.statistic, no.pvalue, no.dof),
          "minE=%.10g" % yes.expected_freq.min(), "V=%.10g" % v)

print("\n# binom.cdf")
for k, n, p in ((0, 31, 0.5), (3, 43, 0.5), (7, 20, 0.3), (12, 25, 0.5)):
    print((k, n, p), "%.12g" % stats.binom.cdf(k, n, p))

print("\n# Newcombe hybrid score interval of p1 - p2 (statsmodels confint_proportions_2indep, method='newcomb')")
for k1, n1, k2, n2 in ((56, 70, 48, 80), (9, 10, 3, 10), (6, 7, 2, 7), (5, 56, 0, 29), (0, 10, 0, 20), (10, 10, 0, 20), (25, 70, 10, 57)):
    lo, hi = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff")
    print((k1, n1, k2, n2), "d=%.10g" % (k1 / n1 - k2 / n2), "low=%.10g high=%.10g" % (lo, hi))
