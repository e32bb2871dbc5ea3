import { strict as assert } from "node:assert";
import { fisherExact } from "../../src/stats/fisher-exact.js";
import { assertClose, assertPrinted } from "./approx.js";

// Reference values: scipy.stats.fisher_exact (scipy 1.10.1), printed by test/stats/reference-values.py,
// unless a test names another source. scipy's statistic is the sample odds ratio, as ours.
const SCIPY: Array<{ table: number[][]; two: number; less: number; greater: number; or: number }> = [
  {
    table: [
      [4, 1],
      [13, 7],
    ],
    two: 1,
    less: 0.8835309618,
    greater: 0.4748353096,
    or: 2.153846154,
  },
  {
    table: [
      [4, 1],
      [5, 15],
    ],
    two: 0.04031620553,
    less: 0.9976284585,
    greater: 0.04031620553,
    or: 12,
  },
  {
    table: [
      [25, 45],
      [10, 47],
    ],
    two: 0.02823385478,
    less: 0.9940385492,
    greater: 0.01785490601,
    or: 2.611111111,
  },
  {
    table: [
      [10, 2],
      [3, 15],
    ],
    two: 0.0005367241191,
    less: 0.999984519,
    greater: 0.0004651809434,
    or: 25,
  },
];

describe("fisherExact", () => {
  it("gives p = 0.4857 for R's TeaTasting example (R documentation of fisher.test)", () => {
    const r = fisherExact([
      [3, 1],
      [1, 3],
    ]);
    assertPrinted(r.p, "0.4857", "TeaTasting two-sided p");
    assertPrinted(
      fisherExact(
        [
          [3, 1],
          [1, 3],
        ],
        "greater",
      ).p,
      "0.2429",
      'TeaTasting one-sided p (R: alternative = "greater")',
    );
    assert.equal(r.oddsRatio, 9);
    assert.equal(r.haldane, false);
  });

  it("matches scipy's two-sided and one-sided p-values and odds ratios", () => {
    for (const ref of SCIPY) {
      const what = JSON.stringify(ref.table);
      assertClose(fisherExact(ref.table).p, ref.two, `${what} two-sided`);
      assertClose(fisherExact(ref.table, "less").p, ref.less, `${what} less`);
      assertClose(fisherExact(ref.table, "greater").p, ref.greater, `${what} greater`);
      assertClose(fisherExact(ref.table).oddsRatio, ref.or, `${what} odds ratio`);
    }
  });

  it("counts tables exactly as likely as the observed one despite float noise (symmetric margins)", () => {
    // [[3,1],[1,3]] and [[1,3],[3,1]] are equally likely; both must be in the two-sided sum.
    assertClose(
      fisherExact([
        [1, 3],
        [3, 1],
      ]).p,
      fisherExact([
        [3, 1],
        [1, 3],
      ]).p,
      "mirrored table",
    );
  });

  it("applies the Haldane correction to the odds ratio when a cell is 0, and says so", () => {
    const r = fisherExact([
      [0, 5],
      [6, 2],
    ]);
    assertClose(r.p, 0.02097902098, "p (scipy)");
    assert.equal(r.haldane, true);
    assertClose(r.oddsRatio, (0.5 * 2.5) / (5.5 * 6.5), "Haldane odds ratio");
  });

  it("rejects a table that is not 2×2 or holds a non-count, naming the cell", () => {
    assert.throws(
      () =>
        fisherExact([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      /expected a rectangular 2 × 2 table/,
    );
    assert.throws(
      () =>
        fisherExact([
          [1, 2],
          [3, 4.5],
        ]),
      /cell \[1\]\[1\] must be a whole count ≥ 0, got 4.5/,
    );
    assert.throws(
      () =>
        fisherExact(
          [
            [1, 2],
            [3, 4],
          ],
          "two.sided" as never,
        ),
      /alternative must be/,
    );
  });
});
