/**
 * A block of the identified set: the counts of one group of figures (e.g. Abbildung 5 with
 * Anhang 2/3) as an integer model, and how the report's shares map onto its variables. Every
 * percentage, N and (optionally) verbal order of data/published/numbers.json whose share the
 * block can express becomes a constraint, so the block is built from the published file and not
 * from numbers typed into code.
 */
import { ORDER_TYPES, type Statement, type PublishedEntry, type ShareSpec } from "../../data/published.js";
import { auditPercentage } from "../audit.js";
import { lin, sumOf, type Assignment, type IntegerModel, type LinExpr } from "../../ilp/linear-model.js";
import {
  BilinearComparisonError,
  nearPrinted,
  printsAs,
  shareAbove,
  type ShareExpr,
} from "../../ilp/share-constraints.js";
import { JUST_UNDER_QUALIFIERS } from "../audit.js";

/** One model of a block: its variables, the values a sub-case fixes, and the share mapping. */
export interface BlockModel {
  /** The block, e.g. "willingness". */
  block: string;
  /** The readings (assumptions) this model adopts, by id of data/identified-readings (e.g. "kmu-small-medium"). */
  readings: string[];
  model: IntegerModel;
  /** Values fixed in this sub-case (pivots that make comparisons of shares linear). */
  fixed: Assignment;
  /** The share a spec describes, as counts of the model; null when the block does not hold it. */
  resolve(spec: ShareSpec): ShareExpr | null;
  /**
   * The paired table of two items of the same respondents as [both, left, right, n] (left and
   * right: how many chose each item; the table is [[both, left − both], [right − both],
   * n − left − right + both]), when the block models their joint answers; null otherwise.
   */
  resolvePair?(left: ShareSpec, right: ShareSpec): LinExpr[] | null;
  /** Figures whose N is this block's base: figure id → the base. */
  figureN: Record<string, ShareExpr["n"]>;
}

/** The share of a percentage entry. */
export function entrySpec(e: PublishedEntry): ShareSpec | null {
  if (!e.variable || !e.categories) return null;
  return { variable: e.variable, categories: e.categories, ...(e.subgroup && { subgroup: e.subgroup }) };
}

/**
 * The comparisons a claim makes, as [higher, lower] pairs of shares (every one strict; margins
 * are not part of the identified set). Claims of other kinds (majority, differs, close) give
 * none: the identified set does not model them.
 */
export function claimPairs(claim: Statement): Array<[ShareSpec, ShareSpec]> {
  switch (claim.type) {
    case "majority":
    case "differs":
    case "close":
    case "bound":
    case "near":
    case "mean":
      return [];
    case "greater":
      return [[claim.left, claim.right]];
    case "max":
      return claim.others.map((o) => [claim.target, o]);
    case "min":
      return claim.others.map((o) => [o, claim.target]);
    case "mode": {
      const one = (c: number): ShareSpec => ({
        variable: claim.variable,
        categories: [c],
        ...(claim.subgroup && { subgroup: claim.subgroup }),
      });
      return claim.codes.filter((c) => c !== claim.category).map((c) => [one(claim.category), one(c)]);
    }
  }
}

/** True when the claim is an order and every share of it resolves in the block. */
export function claimInBlock(b: BlockModel, claim: Statement): boolean {
  return (
    ORDER_TYPES.has(claim.type) && claimPairs(claim).every(([x, y]) => b.resolve(x) !== null && b.resolve(y) !== null)
  );
}

/**
 * Adds the published numbers the block can express: each percentage as "prints as" (or, when no
 * count at any admissible base prints it, "within one respondent of it"), its stated N or N
 * range, each N entry of the block's figures and, with `orders`, each verbal order as strict
 * comparisons. Returns the ids of the entries it used, and the orders it could not add because
 * they compare shares whose bases are both unknown (the caller decides how to treat them).
 */
export function addPublished(
  b: BlockModel,
  entries: readonly PublishedEntry[],
  options: {
    orders: boolean;
    skip?: readonly string[];
    textReadings?: readonly string[];
    /** Entries that enter as "within one respondent" whatever their range allows (a repair kept). */
    repaired?: readonly string[];
  },
): { used: string[]; bilinear: PublishedEntry[] } {
  const used: string[] = [];
  const bilinear: PublishedEntry[] = [];
  const skip = new Set(options.skip ?? []);
  for (const e of entries) {
    if (skip.has(e.id) || !applies(e, options.textReadings)) continue;
    if (options.orders && e.kind === "order" && e.claim && statementInBlock(b, e.claim)) {
      addStatement(b, e.claim, e.id);
      used.push(e.id);
      continue;
    }
    if (e.kind === "n" && b.figureN[e.figure] && e.value !== undefined && !e.partition) {
      b.model.equal(b.figureN[e.figure]!, e.value, `${e.id}: N=${e.value}`);
      used.push(e.id);
      continue;
    }
    if (e.kind === "percentage" && e.value !== undefined && e.decimals !== undefined) {
      const spec = entrySpec(e);
      const share = spec && b.resolve(spec);
      if (!share) continue;
      if (e.statedN !== undefined) b.model.equal(share.n, e.statedN, `${e.id}: stated N=${e.statedN}`);
      else if (e.nRange) b.model.add(share.n, e.nRange[0], e.nRange[1], `${e.id}: N in ${e.nRange.join("…")}`);
      if (options.repaired?.includes(e.id) || auditPercentage(e).status === "impossible")
        nearPrinted(b.model, share, e.value, e.id);
      else
        printsAs(
          b.model,
          share,
          { value: e.value, decimals: e.decimals, justUnder: JUST_UNDER_QUALIFIERS.includes(e.qualifier ?? "") },
          e.id,
        );
      used.push(e.id);
      continue;
    }
    if (options.orders && e.kind === "order" && e.claim && claimInBlock(b, e.claim)) {
      try {
        addOrder(b, e.claim, e.id, b.model.with());
      } catch (err) {
        if (!(err instanceof BilinearComparisonError)) throw err;
        bilinear.push(e);
        continue;
      }
      addOrder(b, e.claim, e.id);
      used.push(e.id);
    }
  }
  return { used, bilinear };
}

/**
 * Whether an entry enters a model under the given readings of the text: never when it is a
 * literal reading the report contradicts (`contradicts`), an optional reading only when it is
 * one of `textReadings`.
 */
export function applies(e: PublishedEntry, textReadings: readonly string[] = []): boolean {
  if (e.contradicts) return false;
  return e.optional === undefined || textReadings.includes(e.optional);
}

/** The linear statements of a claim (bounds on a share, a mean) whose shares all resolve in the block. */
export function statementInBlock(b: BlockModel, claim: Statement): boolean {
  if (claim.type === "bound") return b.resolve(claim.share) !== null;
  if (claim.type === "mean")
    return claim.codes.every(
      (c) =>
        b.resolve({
          variable: claim.variable,
          categories: [c],
          ...(claim.subgroup && { subgroup: claim.subgroup }),
        }) !== null,
    );
  return false;
}

/**
 * Adds a bound on a share (percent, at most two decimals: 100·k against v·n, scaled to whole
 * numbers) or a mean's bounds (Σ code·k_code against min·n and max·n), both linear in the counts.
 * @throws RangeError for a claim that {@link statementInBlock} does not accept
 */
export function addStatement(b: BlockModel, claim: Statement, label: string, model: IntegerModel = b.model): void {
  const scaled = (x: number) => Math.round(x * 100);
  if (claim.type === "bound") {
    const s = b.resolve(claim.share);
    if (!s) throw new RangeError(`${label}: the block does not hold the bounded share`);
    // 10000·k − (100·v)·n compared with 0 (inclusive) or 1 (strict)
    const gap = (v: number, sign: 1 | -1) =>
      sumOf([
        [sign * 10_000, s.k],
        [-sign * scaled(v), s.n],
      ]);
    if (claim.above !== undefined) model.atLeast(gap(claim.above, 1), 1, `${label}: above ${claim.above} %`);
    if (claim.atLeast !== undefined) model.atLeast(gap(claim.atLeast, 1), 0, `${label}: at least ${claim.atLeast} %`);
    if (claim.below !== undefined) model.atLeast(gap(claim.below, -1), 1, `${label}: below ${claim.below} %`);
    if (claim.atMost !== undefined) model.atLeast(gap(claim.atMost, -1), 0, `${label}: at most ${claim.atMost} %`);
    return;
  }
  if (claim.type === "mean") {
    const shares = claim.codes.map((c) =>
      b.resolve({ variable: claim.variable, categories: [c], ...(claim.subgroup && { subgroup: claim.subgroup }) }),
    );
    if (shares.some((x) => x === null)) throw new RangeError(`${label}: the block does not hold the mean's codes`);
    const weighted = sumOf(shares.map((x, i) => [100 * claim.codes[i]!, x!.k] as const));
    const n = shares[0]!.n;
    model.atLeast(
      sumOf([
        [1, weighted],
        [-scaled(claim.min), n],
      ]),
      0,
      `${label}: mean at least ${claim.min}`,
    );
    model.atLeast(
      sumOf([
        [-1, weighted],
        [scaled(claim.max), n],
      ]),
      0,
      `${label}: mean at most ${claim.max}`,
    );
    return;
  }
  throw new RangeError(`${label}: a ${claim.type} claim is not a linear statement`);
}

/** Adds every comparison of a claim as a strict inequality between shares. */
export function addOrder(b: BlockModel, claim: Statement, label: string, model: IntegerModel = b.model): void {
  for (const [hi, lo] of claimPairs(claim))
    shareAbove(model, b.resolve(hi)!, b.resolve(lo)!, label, { fixed: b.fixed });
}

/** A linear expression of one variable. */
export const v = (name: string) => lin([[1, name]]);
/** A constant expression. */
export const constant = (x: number) => lin([], x);
