import { strict as assert } from "node:assert";
import fc from "fast-check";
import { IntegerModel, evaluate, lin } from "../../src/ilp/linear-model.js";
import { loadSolver, type Solver } from "../../src/ilp/solver.js";

let solver: Solver;
before(async () => {
  solver = await loadSolver();
});

/** Every integer point of a model of three variables in 0…4, by brute force. */
function points(m: IntegerModel): Array<Record<string, number>> {
  const out: Array<Record<string, number>> = [];
  for (let x = 0; x <= 4; x++)
    for (let y = 0; y <= 4; y++)
      for (let z = 0; z <= 4; z++) if (!m.violated({ x, y, z }).length) out.push({ x, y, z });
  return out;
}

describe("loadSolver", () => {
  it("finds a model feasible exactly when brute force finds a point, and the same minimum and maximum", () => {
    const coef = fc.integer({ min: -3, max: 3 });
    const row = fc.record({
      a: coef,
      b: coef,
      c: coef,
      lo: fc.integer({ min: -6, max: 6 }),
      width: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), fc.tuple(coef, coef, coef), (rows, [p, q, r]) => {
        const m = new IntegerModel();
        for (const v of ["x", "y", "z"]) m.int(v, 0, 4);
        rows.forEach((w, i) =>
          m.add(
            lin([
              [w.a, "x"],
              [w.b, "y"],
              [w.c, "z"],
            ]),
            w.lo,
            w.lo + w.width,
            `row ${i}`,
          ),
        );
        const all = points(m);
        const objective = lin([
          [p, "x"],
          [q, "y"],
          [r, "z"],
        ]);
        const lo = solver.minimize(m, objective);
        const hi = solver.maximize(m, objective);
        assert.equal(solver.feasible(m) !== null, all.length > 0);
        if (!all.length) {
          assert.equal(lo, null);
          return;
        }
        const values = all.map((pt) => evaluate(objective, pt));
        assert.equal(lo?.value, Math.min(...values));
        assert.equal(hi?.value, Math.max(...values));
      }),
      { seed: 14, numRuns: 60 },
    );
  });

  it("refuses variable names an LP reader would take for keywords", () => {
    assert.throws(() => new IntegerModel().int("inf_MS", 0, 1), /LP keyword/);
    assert.throws(() => new IntegerModel().int("e12", 0, 1), /LP keyword/);
  });
});
