import { strict as assert } from "node:assert";
import { EnumerationLimitError, freemanHalton } from "../../src/stats/freeman-halton.js";
import { fisherExact } from "../../src/stats/fisher-exact.js";
import { assertClose, assertPrinted } from "./approx.js";

// r×2 references: a brute-force enumeration in test/stats/reference-values.py (exact integer
// binomial coefficients from scipy.special.comb, R's 1e-7 tie tolerance).
const BRUTE_FORCE = [
  {
    table: [
      [4, 1],
      [13, 7],
      [2, 3],
    ],
    p: 0.5506276166,
    pTable: 0.07095353422,
  },
  {
    table: [
      [4, 1],
      [5, 15],
      [3, 2],
    ],
    p: 0.04645918799,
    pTable: 0.008962551691,
  },
  {
    table: [
      [66, 9],
      [21, 4],
      [12, 12],
    ],
    p: 0.0005459954921,
    pTable: 4.129336338e-5,
  },
  {
    table: [
      [1, 9],
      [0, 7],
      [8, 1],
    ],
    p: 0.000107215439,
    pTable: 2.88041478e-5,
  },
];

describe("freemanHalton", () => {
  it("gives p = 0.7827 for R's Job satisfaction example (R documentation of fisher.test)", function () {
    this.timeout(120_000);
    // Job <- matrix(c(1,2,1,0, 3,3,6,1, 10,10,14,9, 6,7,12,11), 4, 4): rows are the columns listed here.
    const job = [
      [1, 2, 1, 0],
      [3, 3, 6, 1],
      [10, 10, 14, 9],
      [6, 7, 12, 11],
    ];
    assertPrinted(freemanHalton(job).p, "0.7827", "Job p");
    // The test does not depend on which margin is called rows.
    const transposed = job[0]!.map((_, j) => job.map((row) => row[j]!));
    assertClose(freemanHalton(transposed).p, freemanHalton(job).p, "Job transposed", 1e-9);
  });

  it("matches a brute-force enumeration of 3×2 tables", () => {
    for (const ref of BRUTE_FORCE) {
      const r = freemanHalton(ref.table);
      assertClose(r.p, ref.p, `${JSON.stringify(ref.table)} p`);
      assertClose(r.pTable, ref.pTable, `${JSON.stringify(ref.table)} probability of the table`);
    }
  });

  it("equals the two-sided Fisher test on 2×2 tables", () => {
    for (const t of [
      [
        [3, 1],
        [1, 3],
      ],
      [
        [4, 1],
        [5, 15],
      ],
      [
        [0, 5],
        [6, 2],
      ],
      [
        [25, 45],
        [10, 47],
      ],
    ]) {
      assertClose(freemanHalton(t).p, fisherExact(t).p, JSON.stringify(t), 1e-9);
    }
  });

  it("gives p = 1 for a table with all counts in one row", () => {
    assert.equal(
      freemanHalton([
        [5, 7],
        [0, 0],
        [0, 0],
      ]).p,
      1,
    );
  });

  it("stops with a clear error when the enumeration would exceed its limit", () => {
    assert.throws(
      () =>
        freemanHalton(
          [
            [20, 5, 5],
            [5, 20, 5],
            [5, 5, 20],
          ],
          { maxSteps: 100 },
        ),
      (e: unknown) =>
        e instanceof EnumerationLimitError &&
        /more than 100 steps .* pool sparse categories, use the chi-square test, or raise maxSteps/.test(e.message),
    );
  });
});
