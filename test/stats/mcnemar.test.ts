import { strict as assert } from "node:assert";
import { mcnemar } from "../../src/stats/mcnemar.js";
import { mcnemarExact } from "../../src/stats/mcnemar-exact.js";
import { binomialCdf } from "../../src/stats/jstat-special.js";
import { assertClose, assertPrinted } from "./approx.js";

// Reference values: statsmodels 0.13.5 statsmodels.stats.contingency_tables.mcnemar
// (exact=False with correction=True/False; exact=True), printed by test/stats/reference-values.py.
const STATSMODELS = [
  {
    table: [
      [794, 150],
      [86, 570],
    ],
    cc: 16.81779661,
    pcc: 4.114562281e-5,
    plain: 17.3559322,
    pplain: 3.099293441e-5,
    exact: 3.71593614e-5,
  },
  {
    table: [
      [79, 31],
      [0, 26],
    ],
    cc: 29.03225806,
    pcc: 7.118304165e-8,
    plain: 31,
    pplain: 2.580284304e-8,
    exact: 9.313225746e-10,
  },
  {
    table: [
      [53, 3],
      [0, 51],
    ],
    cc: 1.333333333,
    pcc: 0.248213079,
    plain: 3,
    pplain: 0.08326451666,
    exact: 0.25,
  },
  {
    table: [
      [20, 12],
      [5, 30],
    ],
    cc: 2.117647059,
    pcc: 0.1456100954,
    plain: 2.882352941,
    pplain: 0.08955507441,
    exact: 0.1434631348,
  },
  {
    table: [
      [10, 4],
      [4, 10],
    ],
    cc: 0.125,
    pcc: 0.7236736098,
    plain: 0,
    pplain: 1,
    exact: 1,
  },
];

describe("mcnemar", () => {
  it("gives McNemar's chi-squared = 16.818, p = 4.115e-05 for Agresti's presidential approval table", () => {
    // R: mcnemar.test(Performance) with Performance <- matrix(c(794, 86, 150, 570), nrow = 2);
    // by hand: (|150 − 86| − 1)² / 236 = 3969 / 236 = 16.8178.
    const r = mcnemar([
      [794, 150],
      [86, 570],
    ]);
    assertPrinted(r.statistic, "16.818", "statistic");
    assertPrinted(r.p, "4.115e-05", "p");
    assert.deepEqual([r.df, r.b, r.c, r.n, r.correct], [1, 150, 86, 1600, true]);
  });

  it("matches statsmodels with and without the continuity correction", () => {
    for (const ref of STATSMODELS) {
      const what = JSON.stringify(ref.table);
      const cc = mcnemar(ref.table);
      const plain = mcnemar(ref.table, false);
      assertClose(cc.statistic, ref.cc, `${what} corrected statistic`);
      assertClose(cc.p, ref.pcc, `${what} corrected p`, 1e-6);
      assertClose(plain.statistic, ref.plain, `${what} uncorrected statistic`);
      assertClose(plain.p, ref.pplain, `${what} uncorrected p`, 1e-6);
    }
  });

  it("gives NaN, as R, when there are no discordant pairs", () => {
    const r = mcnemar([
      [5, 0],
      [0, 7],
    ]);
    assert.ok(Number.isNaN(r.statistic) && Number.isNaN(r.p));
  });
});

describe("mcnemarExact", () => {
  it("matches statsmodels' exact (binomial) McNemar test", () => {
    for (const ref of STATSMODELS)
      assertClose(mcnemarExact(ref.table).p, ref.exact, `${JSON.stringify(ref.table)} exact p`);
  });

  it("gives p = 1 when there are no discordant pairs", () => {
    assert.equal(
      mcnemarExact([
        [5, 0],
        [0, 7],
      ]).p,
      1,
    );
  });
});

describe("binomialCdf", () => {
  // jStat's incomplete beta is accurate to about 1e-8 relative, well within TOLERANCE.
  it("matches scipy.stats.binom.cdf, also far in the tail where jStat's own cdf rounds to 1e-10", () => {
    assertClose(binomialCdf(0, 31, 0.5), 4.65661287308e-10, "P(X ≤ 0), n = 31");
    assertClose(binomialCdf(3, 43, 0.5), 1.51067069964e-9, "P(X ≤ 3), n = 43");
    assertClose(binomialCdf(7, 20, 0.3), 0.772271797418, "P(X ≤ 7), n = 20, p = 0.3");
    assertClose(binomialCdf(12, 25, 0.5), 0.5, "P(X ≤ 12), n = 25");
  });
});
