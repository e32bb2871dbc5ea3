import { strict as assert } from "node:assert";
import type { ClaimSpec } from "../../../src/data/claims-file.js";
import { compareGroups } from "../../../src/stats/compare-groups.js";
import type { BlockModel } from "../../../src/stats/identified/block.js";
import { claimRange } from "../../../src/stats/identified/claim-ranges.js";
import { followUpScores, followUpsOf } from "../../../src/stats/identified/follow-ups.js";
import { IntegerModel, lin } from "../../../src/ilp/linear-model.js";
import { loadSolver, type Solver } from "../../../src/ilp/solver.js";
import { assertClose } from "../approx.js";

let solver: Solver;
before(async () => {
  solver = await loadSolver();
});

const claim = (others: Array<string | string[]>, says?: "differ"): ClaimSpec => ({
  id: "t",
  figure: "anh-02",
  chapter: "4",
  de: "d",
  en: "e",
  test: others.length > 1 ? "freeman-halton" : "fisher",
  ...(says && { says }),
  comparison: {
    kind: "groups",
    variable: "v",
    categories: [1],
    groupBy: "size3",
    target: "A",
    others,
    direction: "higher",
  },
});

describe("followUpsOf and followUpScores", () => {
  it("names the pairs a three-group sentence compares, none for two groups or a sentence that only says the groups differ", () => {
    assert.deepEqual(
      followUpsOf(claim(["B", "C"])).map((f) => [f.target, f.other, f.direction]),
      [
        ["A", "B", "higher"],
        ["A", "C", "higher"],
      ],
    );
    assert.deepEqual(followUpsOf(claim(["B"])), []);
    assert.deepEqual(followUpsOf(claim(["B", "C"], "differ")), []);
  });

  it("gives each pair Fisher's p and Holm's adjustment over the pairs: 9/10 against 5/10 and 1/10", () => {
    // exact fractions (two-sided, R's tolerance): [[9,1],[5,5]] p = 0.140867, [[9,1],[1,9]] p = 0.00109333;
    // Holm: the smaller doubled, the larger kept (0.140867 > 2 · 0.00109333)
    const [b, c] = followUpScores([9, 10, 5, 10, 1, 10], "higher", 0.05);
    assertClose(b!.p, 0.14086687306501547, "A vs B", 1e-9);
    assertClose(c!.p, 0.001093333910671372, "A vs C", 1e-9);
    assertClose(c!.adjusted, 0.002186667821342744, "A vs C, Holm", 1e-9);
    assertClose(b!.adjusted, 0.14086687306501547, "A vs B, Holm", 1e-9);
    assert.deepEqual([b!.supported, c!.supported], [false, true]);
    assert.deepEqual([b!.effect, c!.effect], [40, 80]);
    assert.equal(followUpScores([1, 10, 9, 10, 9, 10], "higher", 0.05)[0]!.supported, false, "the wrong direction");
  });
});

describe("claimRange with follow-ups", () => {
  it("ranges each pair over every table and calls the sentence robust only when every pair holds in every table", () => {
    // A 9–10 of 10, B 2–6 of 10, C 0–1 of 10: the groups differ and A beats C everywhere, A beats B not always
    const model = new IntegerModel();
    for (const g of ["A", "B", "C"]) {
      model.int(`k_${g}`, 0, 10);
      model.int(`n_${g}`, 10, 10);
    }
    model.add(lin([[1, "k_A"]]), 9, 10, "A");
    model.add(lin([[1, "k_B"]]), 2, 6, "B");
    model.add(lin([[1, "k_C"]]), 0, 1, "C");
    const b: BlockModel = {
      block: "test",
      readings: ["r"],
      model,
      fixed: {},
      figureN: {},
      resolve: (spec) => {
        const g = spec.subgroup?.size3 as string;
        return ["A", "B", "C"].includes(g) ? { k: lin([[1, `k_${g}`]]), n: lin([[1, `n_${g}`]]) } : null;
      },
    };
    const r = claimRange(solver, [b], claim(["B", "C"]), 0.05)!;
    const pairs: Array<{ pb: number; pc: number; ab: number; ac: number; omnibus: number }> = [];
    for (let a = 9; a <= 10; a++)
      for (let x = 2; x <= 6; x++)
        for (let y = 0; y <= 1; y++) {
          const [sb, sc] = followUpScores([a, 10, x, 10, y, 10], "higher", 0.05) as [
            ReturnType<typeof followUpScores>[0],
            ReturnType<typeof followUpScores>[0],
          ];
          const omnibus = compareGroups(
            [
              { k: a, n: 10 },
              { k: x, n: 10 },
              { k: y, n: 10 },
            ],
            "freeman-halton",
          ).p;
          pairs.push({ pb: sb.p, pc: sc.p, ab: sb.adjusted, ac: sc.adjusted, omnibus });
        }
    const [fb, fc] = r.followUps!;
    assert.equal(fb!.pMin, Math.min(...pairs.map((x) => x.pb)));
    assert.equal(fb!.pMax, Math.max(...pairs.map((x) => x.pb)));
    assert.equal(fc!.pAdjustedMax, Math.max(...pairs.map((x) => x.ac)));
    assert.equal(r.pMax, Math.max(...pairs.map((x) => x.omnibus)));
    assert.equal(fb!.verdict, "depends");
    assert.equal(fc!.verdict, "robust");
    assert.equal(r.omnibus!.verdict, "robust");
    assert.equal(r.verdict, "depends", "the sentence: A the highest of three");
    assert.deepEqual(
      r.statements.map((s) => [s.id, s.verdict]),
      [
        ["differ", "robust"],
        ["pair:A-B", "depends"],
        ["pair:A-C", "robust"],
      ],
    );
  });
});
