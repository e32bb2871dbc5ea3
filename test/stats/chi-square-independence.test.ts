import { strict as assert } from "node:assert";
import { chiSquareIndependence } from "../../src/stats/chi-square-independence.js";
import { cramersV } from "../../src/stats/cramers-v.js";
import { assertClose } from "./approx.js";

// Reference values: scipy 1.10.1 stats.chi2_contingency (correction=True and False) and
// stats.contingency.association(method="cramer"), printed by test/stats/reference-values.py.
const SCIPY = [
  {
    table: [
      [12, 5],
      [7, 9],
    ],
    corr: 1.455996379,
    pcorr: 0.2275682146,
    plain: 2.43057552,
    pplain: 0.1189892055,
    df: 1,
    minE: 6.787878788,
    v: 0.2713923426,
  },
  {
    table: [
      [50, 25],
      [15, 10],
      [7, 17],
    ],
    corr: 10.54861111,
    pcorr: 0.005121512079,
    plain: 10.54861111,
    pplain: 0.005121512079,
    df: 2,
    minE: 10.06451613,
    v: 0.2916666667,
  },
  {
    table: [
      [25, 45],
      [6, 23],
      [4, 24],
    ],
    corr: 5.488418291,
    pcorr: 0.0642991321,
    plain: 5.488418291,
    pplain: 0.0642991321,
    df: 2,
    minE: 7.716535433,
    v: 0.2078843237,
  },
  {
    table: [
      [10, 0],
      [0, 10],
    ],
    corr: 16.2,
    pcorr: 5.699411623e-5,
    plain: 20,
    pplain: 7.744216431e-6,
    df: 1,
    minE: 5,
    v: 1,
  },
  {
    table: [
      [3, 1],
      [1, 3],
    ],
    corr: 0.5,
    pcorr: 0.4795001222,
    plain: 2,
    pplain: 0.1572992071,
    df: 1,
    minE: 2,
    v: 0.5,
  },
];

describe("chiSquareIndependence", () => {
  it("matches scipy's statistic, p and degrees of freedom, with Yates' correction on 2×2 only", () => {
    for (const ref of SCIPY) {
      const what = JSON.stringify(ref.table);
      const yes = chiSquareIndependence(ref.table);
      const no = chiSquareIndependence(ref.table, false);
      assertClose(yes.statistic, ref.corr, `${what} corrected statistic`);
      assertClose(yes.p, ref.pcorr, `${what} corrected p`, 1e-6);
      assertClose(no.statistic, ref.plain, `${what} statistic`);
      assertClose(no.p, ref.pplain, `${what} p`, 1e-6);
      assert.equal(no.df, ref.df);
      assert.equal(yes.correct, ref.df === 1);
      assertClose(yes.minExpected, ref.minE, `${what} smallest expected count`);
    }
  });

  it("gives the expected counts r_i·c_j/N and flags any below 5", () => {
    const r = chiSquareIndependence([
      [3, 1],
      [1, 3],
    ]);
    assert.deepEqual(r.expected, [
      [2, 2],
      [2, 2],
    ]);
    assert.equal(r.lowExpected, true);
    assert.equal(
      chiSquareIndependence([
        [10, 0],
        [0, 10],
      ]).lowExpected,
      false,
    ); // 5 is not below 5
  });

  it("rejects a table with an empty row, naming it", () => {
    assert.throws(
      () =>
        chiSquareIndependence([
          [3, 1],
          [0, 0],
        ]),
      /row 1 of the table sum\(s\) to 0/,
    );
  });
});

describe("cramersV", () => {
  it("matches scipy's Cramér's V, from the uncorrected statistic", () => {
    for (const ref of SCIPY) assertClose(cramersV(ref.table), ref.v, `${JSON.stringify(ref.table)} V`);
    assertClose(
      chiSquareIndependence([
        [12, 5],
        [7, 9],
      ]).cramersV,
      0.2713923426,
      "V is uncorrected even when the test is corrected",
    );
  });
});
