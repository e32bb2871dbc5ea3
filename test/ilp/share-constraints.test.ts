import { strict as assert } from "node:assert";
import fc from "fast-check";
import { IntegerModel, lin } from "../../src/ilp/linear-model.js";
import { loadSolver, type Solver } from "../../src/ilp/solver.js";
import { nearPrinted, printsAs, shareAbove } from "../../src/ilp/share-constraints.js";
import { attainableCounts } from "../../src/stats/grim.js";

let solver: Solver;
before(async () => {
  solver = await loadSolver();
});

/** Every k (0…n) for which the model with k fixed has a solution, by the solver. */
function solverCounts(build: (m: IntegerModel) => void, n: number): number[] {
  const m = new IntegerModel();
  m.int("k", 0, n);
  build(m);
  return Array.from({ length: n + 1 }, (_, k) => k).filter((k) => solver.feasible(m.with({ k })) !== null);
}

describe("printsAs", () => {
  it("admits exactly the counts that GRIM finds, for printed values with 1, 0 and −1 decimals and 'knapp'", () => {
    const cases: Array<[number, number, number, boolean]> = [
      [55.6, 1, 45, false],
      [42.7, 1, 139, false],
      [69, 0, 45, true],
      [29, 0, 45, true],
      [50, -1, 143, true],
      [80.9, 1, 136, false],
      [28, 0, 143, false],
    ];
    for (const [value, decimals, n, justUnder] of cases) {
      const got = solverCounts(
        (m) => printsAs(m, { k: lin([[1, "k"]]), n: lin([], n) }, { value, decimals, justUnder }, "t"),
        n,
      );
      assert.deepEqual(
        got,
        attainableCounts(value, decimals, n, { justUnder }),
        `${value} (${decimals} decimals) of ${n}${justUnder ? ", knapp" : ""}`,
      );
    }
  });

  it("agrees with GRIM when the base is a variable too (k and n both unknown)", () => {
    const m = new IntegerModel();
    m.int("k", 0, 40);
    m.int("n", 1, 40);
    printsAs(m, { k: lin([[1, "k"]]), n: lin([[1, "n"]]) }, { value: 84, decimals: 0 }, "t");
    for (let n = 1; n <= 40; n++) {
      const ks = Array.from({ length: n + 1 }, (_, k) => k).filter((k) => !m.violated({ k, n }).length);
      assert.deepEqual(ks, attainableCounts(84, 0, n), `n=${n}`);
    }
  });
});

describe("nearPrinted", () => {
  it("keeps the counts within one respondent of an unattainable value: 59 and 60 of 139 for 42.7 %", () => {
    assert.deepEqual(
      solverCounts((m) => nearPrinted(m, { k: lin([[1, "k"]]), n: lin([], 139) }, 42.7, "t"), 139),
      [59, 60],
    );
    assert.deepEqual(
      solverCounts((m) => nearPrinted(m, { k: lin([[1, "k"]]), n: lin([], 24) }, 49.2, "t"), 24),
      [11, 12],
    );
  });
});

describe("shareAbove", () => {
  it("holds exactly when k1/n1 > k2/n2, for constant bases and for one side fixed (brute force over small tables)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), (n1, n2, strict) => {
        for (let k1 = 0; k1 <= n1; k1++)
          for (let k2 = 0; k2 <= n2; k2++) {
            const m = new IntegerModel();
            m.int("a", 0, 9);
            m.int("b", 0, 9);
            m.int("n", 1, 9);
            shareAbove(m, { k: lin([[1, "a"]]), n: lin([], n1) }, { k: lin([[1, "b"]]), n: lin([], n2) }, "const", {
              strict,
            });
            const truth = strict ? k1 * n2 > k2 * n1 : k1 * n2 >= k2 * n1;
            assert.equal(m.violated({ a: k1, b: k2 }).length === 0, truth, `${k1}/${n1} vs ${k2}/${n2}`);
            const f = new IntegerModel();
            f.int("a", 0, 9);
            f.int("n", 1, 9);
            f.int("b", 0, 9);
            f.int("m", 1, 9);
            shareAbove(
              f,
              { k: lin([[1, "a"]]), n: lin([[1, "n"]]) },
              { k: lin([[1, "b"]]), n: lin([[1, "m"]]) },
              "fixed",
              { strict, fixed: { b: k2, m: n2 } },
            );
            assert.equal(f.violated({ a: k1, n: n1 }).length === 0, truth, `${k1}/${n1} vs fixed ${k2}/${n2}`);
          }
      }),
      { seed: 14, numRuns: 25 },
    );
  });

  it("refuses a comparison of two shares whose bases are both unknown", () => {
    const m = new IntegerModel();
    for (const v of ["a", "n", "b", "m"]) m.int(v, 0, 9);
    assert.throws(
      () => shareAbove(m, { k: lin([[1, "a"]]), n: lin([[1, "n"]]) }, { k: lin([[1, "b"]]), n: lin([[1, "m"]]) }, "x"),
      /bases are both unknown/,
    );
  });
});
