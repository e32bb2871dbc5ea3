/**
 * The range of a statistic over the datasets of an integer model: every candidate table (an
 * assignment of the variables the statistic depends on) gets its statistic; the candidates are
 * sorted, and the solver finds the first one, from either end, that extends to a whole dataset
 * satisfying every constraint. Existence among many candidates is one integer program with a
 * 0/1 choice per candidate, so a long run of impossible candidates costs a few solves.
 */
import { lin, type Assignment, type IntegerModel } from "../../ilp/linear-model.js";
import type { Solver } from "../../ilp/solver.js";

/** A candidate table: the values it fixes and what a test makes of it. */
export interface Candidate {
  fixes: Assignment;
  p: number;
  /** The compared shares' difference in percentage points (target or left minus the nearest other). */
  effect: number;
  /** The test's statistic (chi-square); null for exact tests. */
  statistic: number | null;
  test: string;
  /** Direction as claimed and p below alpha. */
  supported: boolean;
  table: number[][];
  /** The values of the table's cells as the block expresses them (for checks in another model). */
  cells?: number[];
}

/** One end of a range: the value and the candidate (a dataset of the model attains it). */
export interface Extreme {
  value: number;
  candidate: Candidate;
}

/** The range over the feasible candidates of one model. */
export interface RangeSummary {
  pMin: Extreme;
  pMax: Extreme;
  effectMin: Extreme;
  effectMax: Extreme;
  /** Some consistent dataset supports the claim / some does not. */
  supportedSomewhere: boolean;
  unsupportedSomewhere: boolean;
  /** Candidates after the constraints on their own values; and solves used. */
  candidates: number;
  solves: number;
}

/** Which candidate assignments of a model have a dataset, shared by every claim on the model. */
const feasibility = new WeakMap<IntegerModel, Map<string, boolean>>();

/** Up to this many candidates are checked one by one before a 0/1 model is built. */
const SEQUENTIAL = 6;
/**
 * A list of at most this many candidates is checked candidate by candidate, once: a claim's
 * follow-ups read the same candidates several times, and the checks are remembered per model.
 */
const CHECK_ALL = 48;

const keyOf = (c: Candidate): string =>
  Object.entries(c.fixes)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

function byKey(a: Candidate, b: Candidate): number {
  const ka = keyOf(a);
  const kb = keyOf(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Searches one model's candidates. Returns null when no candidate extends to a dataset.
 * @param solver - HiGHS (loadSolver)
 * @param model - the integer model of every dataset consistent with the report (under one reading)
 * @param candidates - tables over variables of the model; all fix the same variables
 * @throws RangeError when the candidates fix different variables
 * @example rangeOverCandidates(solver, model, candidates)?.pMax.value // => the largest p any consistent dataset gives
 */
export function rangeOverCandidates(
  solver: Solver,
  model: IntegerModel,
  candidates: readonly Candidate[],
): RangeSummary | null {
  const start = solver.solves;
  const seen = new Set<string>();
  const list = candidates.filter((c) => {
    const k = keyOf(c);
    if (seen.has(k) || model.violated(c.fixes).length) return false;
    seen.add(k);
    return true;
  });
  if (!list.length) return null;
  const vars = Object.keys(list[0]!.fixes);
  for (const c of list)
    if (Object.keys(c.fixes).join() !== vars.join())
      throw new RangeError(`candidates fix different variables: ${vars.join()} and ${Object.keys(c.fixes).join()}`);
  let memo = feasibility.get(model);
  if (!memo) feasibility.set(model, (memo = new Map<string, boolean>()));
  const one = (c: Candidate): boolean => {
    const k = keyOf(c);
    let ok = memo!.get(k);
    if (ok === undefined) memo!.set(k, (ok = solver.feasible(model.with(c.fixes)) !== null));
    return ok;
  };
  const exists = (part: readonly Candidate[]): boolean => {
    if (part.length <= SEQUENTIAL) return part.some(one);
    const m = model.with({}, (mm) => {
      const z = part.map((_, j) => mm.int(`zcand${j}`, 0, 1));
      mm.equal(lin(z.map((v) => [1, v] as const)), 1, "one candidate");
      for (const v of vars)
        mm.equal(
          lin([[1, v], ...part.map((c, j) => [-(c.fixes[v] as number), z[j]!] as const)]),
          0,
          `${v} of the chosen candidate`,
        );
    });
    return solver.feasible(m) !== null;
  };
  const first = (sorted: readonly Candidate[]): Candidate | null => {
    const head = sorted.slice(0, SEQUENTIAL).find(one);
    if (head) return head;
    const rest = sorted.slice(SEQUENTIAL);
    if (!rest.length || !exists(rest)) return null;
    let lo = 0;
    let hi = rest.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (exists(rest.slice(lo, mid))) hi = mid;
      else lo = mid;
    }
    return rest[hi - 1]!;
  };
  const sorted = (f: (c: Candidate) => number, dir: 1 | -1, from = list) =>
    [...from].sort((a, b) => dir * (f(a) - f(b)) || byKey(a, b));
  if (list.length <= CHECK_ALL) {
    const ok = list.filter(one);
    if (!ok.length) return null;
    const end = (f: (c: Candidate) => number, dir: 1 | -1): Extreme => {
      const c = sorted(f, dir, ok)[0]!;
      return { value: f(c), candidate: c };
    };
    return {
      pMin: end((c) => c.p, 1),
      pMax: end((c) => c.p, -1),
      effectMin: end((c) => c.effect, 1),
      effectMax: end((c) => c.effect, -1),
      supportedSomewhere: ok.some((c) => c.supported),
      unsupportedSomewhere: ok.some((c) => !c.supported),
      candidates: list.length,
      solves: solver.solves - start,
    };
  }
  const pLow = first(sorted((c) => c.p, 1));
  if (!pLow) return null;
  const ext = (c: Candidate | null, f: (c: Candidate) => number): Extreme => ({ value: f(c!), candidate: c! });
  const summary: RangeSummary = {
    pMin: ext(pLow, (c) => c.p),
    pMax: ext(first(sorted((c) => c.p, -1)), (c) => c.p),
    effectMin: ext(first(sorted((c) => c.effect, 1)), (c) => c.effect),
    effectMax: ext(first(sorted((c) => c.effect, -1)), (c) => c.effect),
    supportedSomewhere:
      first(
        sorted(
          (c) => c.p,
          1,
          list.filter((c) => c.supported),
        ),
      ) !== null,
    unsupportedSomewhere:
      first(
        sorted(
          (c) => c.p,
          -1,
          list.filter((c) => !c.supported),
        ),
      ) !== null,
    candidates: list.length,
    solves: 0,
  };
  summary.solves = solver.solves - start;
  return summary;
}

/**
 * Combines the ranges of several models (readings or fixed sub-cases): the union of their
 * datasets.
 * @example mergeRanges([a, null, b])?.pMin.value // => Math.min(a.pMin.value, b.pMin.value)
 */
export function mergeRanges(parts: ReadonlyArray<RangeSummary | null>): RangeSummary | null {
  const got = parts.filter((p): p is RangeSummary => p !== null);
  if (!got.length) return null;
  const pick = (f: (r: RangeSummary) => Extreme, better: (a: number, b: number) => boolean): Extreme =>
    got.map(f).reduce((a, b) => (better(b.value, a.value) ? b : a));
  return {
    pMin: pick(
      (r) => r.pMin,
      (a, b) => a < b,
    ),
    pMax: pick(
      (r) => r.pMax,
      (a, b) => a > b,
    ),
    effectMin: pick(
      (r) => r.effectMin,
      (a, b) => a < b,
    ),
    effectMax: pick(
      (r) => r.effectMax,
      (a, b) => a > b,
    ),
    supportedSomewhere: got.some((r) => r.supportedSomewhere),
    unsupportedSomewhere: got.some((r) => r.unsupportedSomewhere),
    candidates: got.reduce((s, r) => s + r.candidates, 0),
    solves: got.reduce((s, r) => s + r.solves, 0),
  };
}

/**
 * The range over witness datasets (each consistent by construction): attained values, so the
 * true range contains it.
 * @throws RangeError for an empty list
 */
export function summarizeWitnesses(witnesses: readonly Candidate[]): RangeSummary {
  if (!witnesses.length) throw new RangeError("no witness datasets");
  const pick = (f: (c: Candidate) => number, dir: 1 | -1): Extreme => {
    const c = [...witnesses].sort((a, b) => dir * (f(a) - f(b)))[0]!;
    return { value: f(c), candidate: c };
  };
  return {
    pMin: pick((c) => c.p, 1),
    pMax: pick((c) => c.p, -1),
    effectMin: pick((c) => c.effect, 1),
    effectMax: pick((c) => c.effect, -1),
    supportedSomewhere: witnesses.some((c) => c.supported),
    unsupportedSomewhere: witnesses.some((c) => !c.supported),
    candidates: witnesses.length,
    solves: 0,
  };
}
