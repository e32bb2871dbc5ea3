import { strict as assert } from "node:assert";
import { IntegerModel, lin } from "../../../src/ilp/linear-model.js";
import { loadSolver, type Solver } from "../../../src/ilp/solver.js";
import { printsAs } from "../../../src/ilp/share-constraints.js";
import { claimRange } from "../../../src/stats/identified/claim-ranges.js";
import type { BlockModel } from "../../../src/stats/identified/block.js";
import type { ClaimSpec } from "../../../src/data/claims-file.js";
import { compareGroups } from "../../../src/stats/compare-groups.js";
import { comparePaired } from "../../../src/stats/compare-paired.js";

let solver: Solver;
before(async () => {
  solver = await loadSolver();
});

/** A block of two groups A and B with counts k_A of n_A and k_B of n_B, and the given extra constraints. */
function twoGroups(extra: (m: IntegerModel) => void): BlockModel {
  const model = new IntegerModel();
  for (const v of ["k_A", "n_A", "k_B", "n_B"]) model.int(v, 0, 12);
  model.atMost(
    lin([
      [1, "k_A"],
      [-1, "n_A"],
    ]),
    0,
    "k_A ≤ n_A",
  );
  model.atMost(
    lin([
      [1, "k_B"],
      [-1, "n_B"],
    ]),
    0,
    "k_B ≤ n_B",
  );
  extra(model);
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

const groupsClaim = (test: "fisher" | "chi-square" = "fisher"): ClaimSpec => ({
  id: "t",
  figure: "abb-03",
  chapter: "3",
  de: "d",
  en: "e",
  test,
  comparison: {
    kind: "groups",
    variable: "v",
    categories: [1],
    groupBy: "size3",
    target: "A",
    others: ["B"],
    direction: "higher",
  },
});

/** Brute force: every (k_A, n_A, k_B, n_B) satisfying the block's constraints, and its Fisher p and share difference. */
function bruteForce(b: BlockModel) {
  const out: Array<{ p: number; effect: number; supported: boolean }> = [];
  for (let nA = 1; nA <= 12; nA++)
    for (let nB = 1; nB <= 12; nB++)
      for (let kA = 0; kA <= nA; kA++)
        for (let kB = 0; kB <= nB; kB++) {
          if (b.model.violated({ k_A: kA, n_A: nA, k_B: kB, n_B: nB }).length) continue;
          const r = compareGroups(
            [
              { k: kA, n: nA },
              { k: kB, n: nB },
            ],
            "fisher",
          );
          const effect = (100 * kA) / nA - (100 * kB) / nB;
          out.push({ p: r.p, effect, supported: effect > 0 && r.p < 0.05 });
        }
  return out;
}

describe("claimRange", () => {
  it("gives the brute-force minimum and maximum p and share difference when a base is unknown (45–55 % of A, 9 in all)", () => {
    const b = twoGroups((m) => {
      m.equal(
        lin([
          [1, "n_A"],
          [1, "n_B"],
        ]),
        9,
        "N = 9",
      );
      printsAs(m, { k: lin([[1, "k_A"]]), n: lin([[1, "n_A"]]) }, { value: 50, decimals: -1 }, "A about half");
      m.atLeast(lin([[1, "n_A"]]), 1, "A not empty");
      m.atLeast(lin([[1, "n_B"]]), 1, "B not empty");
    });
    const all = bruteForce(b);
    const r = claimRange(solver, [b], groupsClaim(), 0.05)!;
    assert.ok(all.length >= 20, `${all.length} tables`);
    assert.equal(r.pMin, Math.min(...all.map((x) => x.p)));
    assert.equal(r.pMax, Math.max(...all.map((x) => x.p)));
    assert.equal(r.effectMin, Math.min(...all.map((x) => x.effect)));
    assert.equal(r.effectMax, Math.max(...all.map((x) => x.effect)));
    assert.equal(r.exact, true);
  });

  it("says robust when every consistent table supports the claim (A 10 of 10, B at most 1 of 10)", () => {
    const b = twoGroups((m) => {
      m.equal(lin([[1, "n_A"]]), 10, "n_A");
      m.equal(lin([[1, "n_B"]]), 10, "n_B");
      m.equal(lin([[1, "k_A"]]), 10, "k_A");
      m.atMost(lin([[1, "k_B"]]), 1, "k_B");
    });
    const all = bruteForce(b);
    assert.ok(all.every((x) => x.supported));
    assert.equal(claimRange(solver, [b], groupsClaim(), 0.05)!.verdict, "robust");
  });

  it("says fails when no consistent table supports it (3 respondents a group)", () => {
    const b = twoGroups((m) => {
      m.equal(lin([[1, "n_A"]]), 3, "n_A");
      m.equal(lin([[1, "n_B"]]), 3, "n_B");
      m.atLeast(
        lin([
          [1, "k_A"],
          [-1, "k_B"],
        ]),
        1,
        "A above B",
      );
    });
    assert.ok(bruteForce(b).every((x) => !x.supported));
    const r = claimRange(solver, [b], groupsClaim(), 0.05)!;
    assert.equal(r.verdict, "fails");
    assert.ok(r.pMin >= 0.05, `pMin ${r.pMin}`);
  });

  it("says depends when some consistent tables support it and others do not", () => {
    const b = twoGroups((m) => {
      m.equal(lin([[1, "n_A"]]), 10, "n_A");
      m.equal(lin([[1, "n_B"]]), 10, "n_B");
      m.atLeast(lin([[1, "k_A"]]), 6, "A");
      m.atMost(lin([[1, "k_B"]]), 5, "B");
    });
    const all = bruteForce(b);
    assert.ok(all.some((x) => x.supported) && all.some((x) => !x.supported));
    const r = claimRange(solver, [b], groupsClaim(), 0.05)!;
    assert.equal(r.verdict, "depends");
    assert.equal(r.pMax, Math.max(...all.map((x) => x.p)));
  });

  it("ranges a paired test over every joint table of two items with fixed margins (brute force over the concordant count)", () => {
    const model = new IntegerModel();
    for (const v of ["a", "l", "r", "n"]) model.int(v, 0, 20);
    model.equal(lin([[1, "n"]]), 20, "n");
    model.equal(lin([[1, "l"]]), 12, "left");
    model.add(lin([[1, "r"]]), 5, 8, "right 5…8");
    model.atMost(
      lin([
        [1, "a"],
        [-1, "l"],
      ]),
      0,
      "a ≤ l",
    );
    model.atMost(
      lin([
        [1, "a"],
        [-1, "r"],
      ]),
      0,
      "a ≤ r",
    );
    model.atLeast(
      lin([
        [1, "a"],
        [-1, "l"],
        [-1, "r"],
        [1, "n"],
      ]),
      0,
      "d ≥ 0",
    );
    const b: BlockModel = {
      block: "pair",
      readings: ["r"],
      model,
      fixed: {},
      figureN: {},
      resolve: () => null,
      resolvePair: () => ["a", "l", "r", "n"].map((v) => lin([[1, v]])),
    };
    const claim: ClaimSpec = {
      id: "p",
      figure: "abb-05",
      chapter: "4",
      de: "d",
      en: "e",
      test: "mcnemar-exact",
      comparison: {
        kind: "paired",
        left: { variable: "x", categories: [1] },
        right: { variable: "y", categories: [1] },
        direction: "higher",
      },
    };
    const ps: number[] = [];
    for (let r = 5; r <= 8; r++)
      for (let a = Math.max(0, 12 + r - 20); a <= Math.min(12, r); a++)
        ps.push(
          comparePaired(
            [
              [a, 12 - a],
              [r - a, 20 - 12 - r + a],
            ],
            "mcnemar-exact",
          ).p,
        );
    const got = claimRange(solver, [b], claim, 0.05)!;
    assert.deepEqual([got.pMin, got.pMax], [Math.min(...ps), Math.max(...ps)]);
  });
});
