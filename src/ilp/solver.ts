/**
 * The HiGHS mixed-integer solver (WebAssembly, npm package `highs`) behind one small interface:
 * is a model feasible, and what are the smallest and largest values of an expression on it.
 * Every solution HiGHS returns is rounded to whole numbers and checked against every
 * constraint in exact arithmetic before it is believed.
 */
import type { Highs, InitOptions } from "highs";
import { evaluate, type Assignment, type IntegerModel, type LinExpr } from "./linear-model.js";
import { InterspinError } from "../util/errors.js";

/** A solution: the variables' values, and the objective's value when one was asked for. */
export interface Solution {
  values: Assignment;
  value: number;
}

/** Raised when HiGHS ends with a status other than optimal or infeasible, or returns a wrong solution. */
export class SolverError extends InterspinError {
  override name = "SolverError";
}

/** Feasibility and optimisation on integer models. */
export interface Solver {
  /** A solution of the model, or null when it has none. */
  feasible(model: IntegerModel): Solution | null;
  /** The smallest value of `expr` on the model and a solution attaining it, or null when infeasible. */
  minimize(model: IntegerModel, expr: LinExpr): Solution | null;
  /** The largest value of `expr`, as {@link Solver.minimize}. */
  maximize(model: IntegerModel, expr: LinExpr): Solution | null;
  /** How many models were solved (for progress and the benchmark). */
  readonly solves: number;
}

// The package is CommonJS: imported as a module, its loader function is the default export.
const loadHighs = async (): Promise<Highs> => {
  const mod = (await import("highs")) as unknown as { default: (options?: InitOptions) => Promise<Highs> };
  return mod.default();
};
let loading: Promise<Highs> | null = null;

function check(model: IntegerModel, values: Assignment): void {
  const bad = model.violated(values);
  if (bad.length) throw new SolverError(`HiGHS returned a solution that violates ${bad.slice(0, 3).join("; ")}`);
}

/**
 * Loads HiGHS once per process and returns a solver.
 * @throws SolverError from the returned solver's methods, as described there
 * @example const s = await loadSolver(); s.feasible(model) // => { values: {...}, value: 0 } or null
 */
export async function loadSolver(): Promise<Solver> {
  loading ??= loadHighs();
  const highs = await loading;
  let solves = 0;
  const solveLp = (
    lp: string,
    model: IntegerModel,
    relaxed: boolean,
  ): { values: Record<string, number>; integral: boolean } | null => {
    solves++;
    const r = highs.solve(relaxed ? lp.replace(/\nGenerals\n[\s\S]*\nEnd$/, "\nEnd") : lp, {
      output_flag: false,
      presolve: "off",
      mip_rel_gap: 0,
      mip_abs_gap: 0,
    });
    if (r.Status === "Infeasible") return null;
    if (r.Status !== "Optimal")
      throw new SolverError(
        `HiGHS ended with status "${r.Status}" on a model of ${model.variables.length} variables and ${model.rows.length} constraints`,
      );
    const values: Record<string, number> = {};
    let integral = true;
    for (const v of model.variables) {
      const x = (r.Columns[v] as { Primal?: number } | undefined)?.Primal ?? model.boundsOf(v).lo;
      values[v] = Math.round(x);
      if (Math.abs(x - values[v]!) > 1e-9) integral = false;
    }
    return { values, integral };
  };
  // The linear relaxation first: no solution there means none in integers, and an integral
  // optimum of the relaxation is an integer optimum. Only otherwise is the integer program run.
  const run = (model: IntegerModel, objective?: { sense: "min" | "max"; expr: LinExpr }): Solution | null => {
    const lp = model.toLp(objective);
    const relaxed = solveLp(lp, model, true);
    if (!relaxed) return null;
    const exact = relaxed.integral && !model.violated(relaxed.values).length ? relaxed : solveLp(lp, model, false);
    if (!exact) return null;
    check(model, exact.values);
    return { values: exact.values, value: objective ? evaluate(objective.expr, exact.values) : 0 };
  };
  return {
    feasible: (m) => run(m),
    minimize: (m, expr) => run(m, { sense: "min", expr }),
    maximize: (m, expr) => run(m, { sense: "max", expr }),
    get solves() {
      return solves;
    },
  };
}
