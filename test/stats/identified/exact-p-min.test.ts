import { strict as assert } from "node:assert";
import type { ClaimSpec } from "../../../src/data/claims-file.js";
import { compareGroups } from "../../../src/stats/compare-groups.js";
import type { BlockModel } from "../../../src/stats/identified/block.js";
import { exactPMin } from "../../../src/stats/identified/exact-p-min.js";
import { IntegerModel, lin } from "../../../src/ilp/linear-model.js";
import { loadSolver, type Solver } from "../../../src/ilp/solver.js";

let solver: Solver;
before(async () => {
  solver = await loadSolver();
});

/** Groups A and B of 20 respondents in all, at most 9 choosing; the outer model has no order between the shares. */
function outerBlock(): BlockModel {
  const model = new IntegerModel();
  for (const v of ["k_A", "n_A", "k_B", "n_B"]) model.int(v, 0, 20);
  const le = (x: string, y: string) =>
    lin([
      [1, x],
      [-1, y],
    ]);
  model.atMost(le("k_A", "n_A"), 0, "k_A ≤ n_A");
  model.atMost(le("k_B", "n_B"), 0, "k_B ≤ n_B");
  model.equal(
    lin([
      [1, "n_A"],
      [1, "n_B"],
    ]),
    20,
    "N = 20",
  );
  model.atMost(
    lin([
      [1, "k_A"],
      [1, "k_B"],
    ]),
    9,
    "at most 9 choose",
  );
  model.atLeast(lin([[1, "n_B"]]), 1, "B not empty");
  return {
    block: "test",
    readings: ["r"],
    model,
    fixed: {},
    figureN: {},
    resolve: (spec) => {
      const g = spec.subgroup?.size3;
      return g === "A" || g === "B" ? { k: lin([[1, `k_${g}`]]), n: lin([[1, `n_${g}`]]) } : null;
    },
  };
}

const claim: ClaimSpec = {
  id: "t",
  figure: "abb-09",
  chapter: "4",
  de: "d",
  en: "e",
  test: "fisher",
  comparison: {
    kind: "groups",
    variable: "v",
    categories: [1],
    groupBy: "size3",
    target: "A",
    others: ["B"],
    direction: "higher",
  },
};

/** The exact set: A's share above B's (a product of two unknowns, so not in the outer model), and B not all "no". */
const inExact = ([kA, nA, kB, nB]: readonly number[]) => kA! * nB! > kB! * nA! && kB! >= 1 && kA! < nA!;

const fisherP = (kA: number, nA: number, kB: number, nB: number) =>
  compareGroups(
    [
      { k: kA, n: nA },
      { k: kB, n: nB },
    ],
    "fisher",
  ).p;

describe("exactPMin", () => {
  it("finds the brute-force minimum of Fisher's p over a set with a bilinear order, starting from a worse attained value", () => {
    const b = outerBlock();
    let min = { p: Infinity, cells: [] as number[] };
    for (let nA = 1; nA <= 19; nA++)
      for (let kA = 0; kA <= nA; kA++)
        for (let kB = 0; kB <= 20 - nA; kB++) {
          const cells = [kA, nA, kB, 20 - nA];
          if (kA + kB > 9 || !inExact(cells)) continue;
          const p = fisherP(kA, nA, kB, 20 - nA);
          if (p < min.p) min = { p, cells };
        }
    // an attained, not minimal, value: 5 of 10 against 1 of 10
    const start = { p: fisherP(5, 10, 1, 10), table: [] };
    let tried = 0;
    const got = exactPMin(solver, [b], claim, 0.05, start, (cells) => {
      tried++;
      return (
        inExact(cells) && solver.feasible(b.model.with({ k_A: cells[0]!, n_A: cells[1]!, k_B: cells[2]! })) !== null
      );
    });
    assert.ok(min.p < start.p, `${min.p} vs ${start.p}`);
    assert.equal(got.p, min.p);
    const [kA, nA, kB, nB] = min.cells as [number, number, number, number];
    assert.deepEqual(got.table, [
      [kA, nA - kA],
      [kB, nB - kB],
    ]);
    assert.ok(tried >= 1 && got.scored < got.listed, `${got.scored} of ${got.listed} tables tested`);
  });

  it("keeps the attained value when no table of the outer bounds beats it in the exact set", () => {
    const b = outerBlock();
    const start = { p: 1e-12, table: [[0]] };
    const got = exactPMin(solver, [b], claim, 0.05, start, () => true);
    assert.equal(got.p, 1e-12);
    assert.equal(got.tried, 0);
  });
});
