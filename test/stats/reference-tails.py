"""Reference p-values far in the tail (below 1e-30) for test/stats/tails.test.ts.

Needs only Python's standard library, so Debian's /usr/bin/python3 runs it (it has no scipy):
    /usr/bin/python3 test/stats/reference-tails.py
Every value is computed exactly or in 120-digit decimal arithmetic, independently of the
project's code:
- chi-square upper tails from their closed forms for whole degrees of freedom
  (even df: e^(-x/2) * sum_{k < df/2} (x/2)^k / k!;
   odd df: erfc(sqrt(x/2)) + sqrt(2x/pi) e^(-x/2) * sum_{j=1..(df-1)/2} x^(j-1) / (1*3*...*(2j-1))),
  with erf from its series of positive terms and pi from Machin's formula;
- chi-square statistics of tables as exact fractions;
- Fisher's and the Freeman-Halton exact tests by enumerating every table with the observed
  margins, with probabilities as exact fractions (math.comb), counting tables at most
  (1 + 1e-7) times as likely as the observed one, as R's fisher.test;
- the exact McNemar test as 2 * P(X <= min(b, c)) for X ~ Binomial(b + c, 1/2), exactly.
Where mpmath is importable (not on Debian's python3), its values are printed beside them as a
second, independent check.
"""
import itertools
import math
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 120

try:
    import mpmath

    mpmath.mp.dps = 60
except ImportError:
    mpmath = None


def pi():
    """Machin: pi = 16 atan(1/5) - 4 atan(1/239)."""
    def atan_inv(n):
        x = Decimal(1) / n
        x2 = x * x
        total, term, k = Decimal(0), x, 1
        while term != 0:
            total += term / k if (k // 2) % 2 == 0 else -term / k
            term *= x2
            k += 2
            if abs(term) < Decimal(10) ** -130:
                break
        return total
    return 16 * atan_inv(5) - 4 * atan_inv(239)


PI = pi()


def erfc(z):
    """1 - erf(z), erf(z) = 2/sqrt(pi) e^(-z^2) sum_n 2^n z^(2n+1) / (1*3*...*(2n+1)), at 400 digits."""
    with_prec = getcontext().prec
    getcontext().prec = 400
    z = Decimal(z)
    term = z
    total = Decimal(0)
    n = 0
    while True:
        total += term
        n += 1
        term = term * 2 * z * z / (2 * n + 1)
        if term < total * Decimal(10) ** -420:
            break
    erf = 2 / PI.sqrt() * (-(z * z)).exp() * total
    out = 1 - erf
    getcontext().prec = with_prec
    return +out


def chi2_sf(x, df):
    x = Decimal(x.numerator) / Decimal(x.denominator) if isinstance(x, Fraction) else Decimal(x)
    half = x / 2
    if df % 2 == 0:
        s = sum(half ** k / math.factorial(k) for k in range(df // 2))
        return (-half).exp() * s
    s = Decimal(0)
    odd = Decimal(1)
    for j in range(1, (df - 1) // 2 + 1):
        odd *= 2 * j - 1
        s += x ** (j - 1) / odd
    return erfc(half.sqrt()) + (2 * x / PI).sqrt() * (-half).exp() * s


def chi2_statistic(table):
    rows = [sum(r) for r in table]
    cols = [sum(c) for c in zip(*table)]
    n = sum(rows)
    stat = Fraction(0)
    for i, r in enumerate(table):
        for j, o in enumerate(r):
            e = Fraction(rows[i] * cols[j], n)
            stat += (o - e) ** 2 / e
    return stat


def exact_rx2(table):
    """Freeman-Halton (Fisher for 2x2) over r x 2 tables with the observed margins, exactly."""
    rows = [sum(r) for r in table]
    n = sum(rows)
    c1 = sum(r[0] for r in table)
    denom = math.comb(n, c1)

    def prob(xs):
        return Fraction(math.prod(math.comb(r, x) for r, x in zip(rows, xs)), denom)

    obs = prob([r[0] for r in table])
    limit = obs * (1 + Fraction(1, 10 ** 7))
    p = Fraction(0)
    for xs in itertools.product(*[range(r + 1) for r in rows[:-1]]):
        last = c1 - sum(xs)
        if 0 <= last <= rows[-1]:
            q = prob(list(xs) + [last])
            if q <= limit:
                p += q
    return p


def mcnemar_exact(b, c):
    k, m = min(b, c), b + c
    return min(Fraction(1), 2 * Fraction(sum(math.comb(m, i) for i in range(k + 1)), 2 ** m))


def show(label, value, check=None):
    d = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else value
    line = "%s %s" % (label, format(d, ".12e"))
    if check is not None:
        line += "   mpmath %s" % mpmath.nstr(check, 13)
    print(line)


print("# chi-square upper tail P(X >= x), X ~ chi2(df)")
for x, df in ((100, 1), (150, 1), (200, 1), (100, 2), (200, 2), (150, 3), (300, 4), (160, 5)):
    check = mpmath.gammainc(mpmath.mpf(df) / 2, mpmath.mpf(x) / 2, regularized=True) if mpmath else None
    show("chi2_sf(%d, %d)" % (x, df), chi2_sf(Fraction(x), df), check)

print("\n# Pearson chi-square of tables (exact statistic) and its p-value")
for t in ([[24, 1], [0, 59], [0, 31]], [[57, 1], [0, 50], [0, 31]], [[40, 0], [0, 45], [5, 30]]):
    stat = chi2_statistic(t)
    df = (len(t) - 1) * (len(t[0]) - 1)
    check = mpmath.gammainc(mpmath.mpf(df) / 2, mpmath.mpf(stat.numerator) / stat.denominator / 2, regularized=True) if mpmath else None
    show("%s statistic=%s p" % (t, format(Decimal(stat.numerator) / Decimal(stat.denominator), ".15g")), chi2_sf(stat, df), check)

print("\n# McNemar with continuity correction: (|b - c| - 1)^2 / (b + c), chi2(1) tail")
for b, c in ((0, 150), (3, 160), (150, 0)):
    stat = Fraction((abs(b - c) - 1) ** 2, b + c)
    show("b=%d c=%d statistic=%s p" % (b, c, format(Decimal(stat.numerator) / Decimal(stat.denominator), ".15g")), chi2_sf(stat, 1))

print("\n# exact McNemar 2 * P(X <= min(b, c)), X ~ Binomial(b + c, 1/2)")
for b, c in ((110, 0), (120, 2), (0, 140)):
    show("b=%d c=%d p" % (b, c), mcnemar_exact(b, c))

print("\n# Fisher (2x2) and Freeman-Halton (r x 2) exact, two-sided")
for t in ([[57, 1], [0, 81]], [[58, 0], [0, 81]], [[40, 2], [1, 60]], [[24, 1], [0, 59], [0, 31]], [[30, 1], [0, 40], [1, 35]]):
    show("%s p" % t, exact_rx2(t))
