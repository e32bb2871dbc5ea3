/**
 * The report's verbal orders ("am häufigsten", "häufiger als") judged over the datasets that
 * agree with its printed numbers alone: does an order follow from the numbers (robust), does
 * it contradict them (fails), or do the numbers leave it open, so that only the text asserts it
 * (depends)? The smallest margin by which the order holds is given where the bases are known.
 */
import {
  ORDER_TYPES,
  type BoundStatement,
  type Statement,
  type MeanStatement,
  type NearStatement,
  type PublishedEntry,
  type ShareSpec,
} from "../../data/published.js";
import { sumOf, type IntegerModel } from "../../ilp/linear-model.js";
import type { Solver } from "../../ilp/solver.js";
import { BilinearComparisonError, shareAbove, type ShareExpr } from "../../ilp/share-constraints.js";
import { attainableCounts } from "../grim.js";
import { addStatement, claimPairs, statementInBlock, type BlockModel } from "./block.js";
import type { RobustVerdict } from "./claim-ranges.js";

/** The verdict on one order entry. */
export interface OrderVerdict {
  verdict: RobustVerdict;
  /** The smallest gap (percentage points) by which the order holds in any dataset agreeing with the numbers; null where bases are unknown. */
  marginMin: number | null;
  /**
   * How it was judged: "integer model"; "printed shares" (the grids' cells, each at the bases its
   * printed share allows); "not printed" (a share the report gives no number for, so the numbers
   * cannot decide the order).
   */
  method: "integer model" | "printed shares" | "not printed";
}

/** The base of a share when every dataset of the model has the same one (else null). */
function fixedBase(solver: Solver, b: BlockModel, share: ShareExpr): number | null {
  if (share.n.terms.size === 0) return share.n.constant;
  const lo = solver.minimize(b.model, share.n);
  const hi = solver.maximize(b.model, share.n);
  return lo && hi && lo.value === hi.value ? lo.value : null;
}

/** The verdict of a claim in block models (numbers only, no verbal orders), or null if no model holds it. */
function inModels(solver: Solver, models: readonly BlockModel[], claim: Statement): OrderVerdict | null {
  if (!ORDER_TYPES.has(claim.type)) return null;
  const holding = models.filter((b) => claimPairs(claim).every(([x, y]) => b.resolve(x) && b.resolve(y)));
  if (!holding.length) return null;
  let holds = false;
  let breaks = false;
  let marginMin: number | null = Infinity;
  for (const b of holding) {
    const pairs = claimPairs(claim).map(([x, y]) => [b.resolve(x)!, b.resolve(y)!] as const);
    try {
      holds ||=
        solver.feasible(
          b.model.with({}, (m) => pairs.forEach(([x, y], i) => shareAbove(m, x, y, `order ${i}`, { fixed: b.fixed }))),
        ) !== null;
      for (const [x, y] of pairs)
        breaks ||=
          solver.feasible(
            b.model.with({}, (m) => shareAbove(m, y, x, "negation", { strict: false, fixed: b.fixed })),
          ) !== null;
    } catch (e) {
      if (!(e instanceof BilinearComparisonError)) throw e;
      return null;
    }
    for (const [x, y] of pairs) {
      const nx = fixedBase(solver, b, x);
      const ny = fixedBase(solver, b, y);
      if (nx === null || ny === null || marginMin === null) {
        marginMin = null;
        continue;
      }
      const low = solver.minimize(
        b.model,
        sumOf([
          [ny, x.k],
          [-nx, y.k],
        ]),
      );
      if (low) marginMin = Math.min(marginMin, (100 * low.value) / (nx * ny));
    }
  }
  const verdict: RobustVerdict = !breaks ? "robust" : !holds ? "fails" : "depends";
  return { verdict, marginMin: marginMin === Infinity ? null : marginMin, method: "integer model" };
}

/** A bound on a share negated, as bounds any of which breaks it. */
function negations(claim: BoundStatement): BoundStatement[] {
  const part = (k: "above" | "below" | "atLeast" | "atMost", v: number): BoundStatement => ({
    type: "bound",
    share: claim.share,
    [k]: v,
  });
  return [
    ...(claim.above !== undefined ? [part("atMost", claim.above)] : []),
    ...(claim.below !== undefined ? [part("atLeast", claim.below)] : []),
    ...(claim.atLeast !== undefined ? [part("below", claim.atLeast)] : []),
    ...(claim.atMost !== undefined ? [part("above", claim.atMost)] : []),
  ];
}

/** A mean outside [min, max]: 100·Σ code·k below 100·min·n, or above 100·max·n (whole numbers, strict). */
function meanBroken(b: BlockModel, claim: MeanStatement, m: IntegerModel, side: "below" | "above"): void {
  const shares = claim.codes.map(
    (c) =>
      b.resolve({ variable: claim.variable, categories: [c], ...(claim.subgroup && { subgroup: claim.subgroup }) })!,
  );
  const weighted = sumOf(shares.map((x, i) => [100 * claim.codes[i]!, x.k] as const));
  const bound = Math.round(100 * (side === "below" ? claim.min : claim.max));
  const gap = sumOf([
    [1, weighted],
    [-bound, shares[0]!.n],
  ]);
  if (side === "below") m.atMost(gap, -1, "mean below min");
  else m.atLeast(gap, 1, "mean above max");
}

/** The verdict of a linear statement (a bound on a share, a majority, a mean) in block models, or null if none holds it. */
function statementInModels(solver: Solver, models: readonly BlockModel[], claim: Statement): OrderVerdict | null {
  const s: Statement = claim.type === "majority" ? { type: "bound", share: claim.share, above: 50 } : claim;
  if (s.type !== "bound" && s.type !== "mean") return null;
  const holding = models.filter((b) => statementInBlock(b, s));
  if (!holding.length) return null;
  const feasible = (b: BlockModel, x: Statement) =>
    solver.feasible(b.model.with({}, (m) => addStatement(b, x, "statement", m))) !== null;
  const holds = holding.some((b) => feasible(b, s));
  const breaks = holding.some((b) =>
    s.type === "bound"
      ? negations(s).some((x) => feasible(b, x))
      : (["below", "above"] as const).some(
          (side) => solver.feasible(b.model.with({}, (m) => meanBroken(b, s, m, side))) !== null,
        ),
  );
  return { verdict: !breaks ? "robust" : !holds ? "fails" : "depends", marginMin: null, method: "integer model" };
}

/** The verdict of two printed shares at most `tolerance` apart, from the shares each printed value allows. */
function nearFromPrinted(entries: readonly PublishedEntry[], claim: NearStatement): OrderVerdict {
  const [x, y] = [printedInterval(entries, claim.left), printedInterval(entries, claim.right)];
  if (!x || !y) return { verdict: "depends", marginMin: null, method: "not printed" };
  const widest = Math.max(x[1] - y[0], y[1] - x[0]);
  const narrowest = Math.max(0, x[0] - y[1], y[0] - x[1]);
  const verdict: RobustVerdict =
    widest <= claim.tolerance ? "robust" : narrowest > claim.tolerance ? "fails" : "depends";
  return { verdict, marginMin: claim.tolerance - widest, method: "printed shares" };
}

/** The interval of shares a printed entry allows at any base in its range; null for an unprinted share. */
function printedInterval(entries: readonly PublishedEntry[], spec: ShareSpec): [number, number] | null {
  const e = entries.find(
    (x) =>
      x.kind === "percentage" &&
      x.variable === spec.variable &&
      x.categories?.join() === spec.categories.join() &&
      JSON.stringify(x.subgroup ?? {}) === JSON.stringify(spec.subgroup ?? {}),
  );
  if (!e?.nRange) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let n = e.nRange[0]; n <= e.nRange[1]; n++) {
    for (const k of attainableCounts(e.value!, e.decimals!, n)) {
      lo = Math.min(lo, (100 * k) / n);
      hi = Math.max(hi, (100 * k) / n);
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Verdict from printed shares with a base each (the grids' per-cell reading): intervals of attainable shares. */
function fromPrinted(entries: readonly PublishedEntry[], claim: Statement): OrderVerdict {
  // joint shares, national items, "Trifft voll zu": nothing the report prints decides them
  if (!ORDER_TYPES.has(claim.type)) return { verdict: "depends", marginMin: null, method: "not printed" };
  let holds = true;
  let breaks = false;
  let marginMin: number | null = Infinity;
  let method: OrderVerdict["method"] = "printed shares";
  for (const [x, y] of claimPairs(claim)) {
    const [ix, iy] = [printedInterval(entries, x), printedInterval(entries, y)];
    if (!ix || !iy) {
      breaks = true;
      marginMin = null;
      method = "not printed";
      continue;
    }
    if (ix[1] <= iy[0]) holds = false;
    if (ix[0] <= iy[1]) breaks = true;
    if (marginMin !== null) marginMin = Math.min(marginMin, ix[0] - iy[1]);
  }
  const verdict: RobustVerdict = !breaks ? "robust" : !holds ? "fails" : "depends";
  return { verdict, marginMin: marginMin === Infinity ? null : marginMin, method };
}

/**
 * The verdict on every order entry: in the block models built from the printed numbers (no
 * verbal orders), or, for shares no model holds (the grids of Abb. 6/7), from the printed
 * shares at the bases each allows.
 * @example orderVerdicts(solver, numbersOnlyModels, loadPublished())["abb1-national-known-more-than-international"].verdict // => "robust"
 */
export function orderVerdicts(
  solver: Solver,
  models: readonly BlockModel[],
  entries: readonly PublishedEntry[],
): Record<string, OrderVerdict> {
  const out: Record<string, OrderVerdict> = {};
  for (const e of entries) {
    if (e.kind !== "order" || !e.claim) continue;
    out[e.id] =
      inModels(solver, models, e.claim) ??
      statementInModels(solver, models, e.claim) ??
      (e.claim.type === "near" ? nearFromPrinted(entries, e.claim) : fromPrinted(entries, e.claim));
  }
  return out;
}
