/**
 * The assumptions a robust verdict of the willingness block (Abb. 5, Anhang 2/3) rests on, and
 * the verdict recomputed without each: the shared base of Anhang 2 and 3 (one base per size
 * group for both items, so the large firms' 29,2 % = 7/24 fixes the base of their 49,2 %),
 * Kapitel 2's limits on the size classes, and the repair of 49,2 % (no base of the large firms
 * gives it, so it enters as "within one respondent"). A statement that stays robust without an
 * assumption holds "also without" it; one that does not holds "only with" it.
 */
import type { PublishedEntry } from "../../data/published.js";
import type { ClaimSpec } from "../../data/claims-file.js";
import { auditPercentage } from "../audit.js";
import type { Solver } from "../../ilp/solver.js";
import type { BlockModel } from "./block.js";
import { assembleRange, modelRanges, tableSpec } from "./claim-ranges.js";
import { followUpRescores, followUpsOf } from "./follow-ups.js";
import type { AssumptionCheck, AssumptionId, IdentifiedRange, RobustVerdict } from "./identified-range.js";
import { ASSUMPTIONS } from "./identified-range.js";
import { mergeRanges, type RangeSummary } from "./table-range.js";
import { KMU_READINGS, type KmuReading } from "./sample-block.js";
import { willingnessSubCases, type WillingnessItem } from "./willingness-block.js";

export { ASSUMPTIONS, type AssumptionCheck, type AssumptionId } from "./identified-range.js";

const ITEM: Record<string, WillingnessItem> = { shareInside: "i", shareOutside: "o" };

/** The shares no base can print (the repair keeps them within one respondent of their value). */
function repairedIds(entries: readonly PublishedEntry[]): string[] {
  return entries
    .filter((e) => e.kind === "percentage" && e.variable && auditPercentage(e).status === "impossible")
    .map((e) => e.id);
}

/** The printed numbers without Kapitel 2's limits: size groups' bases bounded by the sample's N only. */
function withoutSampleLimits(entries: readonly PublishedEntry[]): PublishedEntry[] {
  const n = entries.find((e) => e.id === "sample-n")?.value ?? 158;
  return entries.map((e) =>
    e.kind === "percentage" && e.nRange && e.subgroup && "size3" in e.subgroup ? { ...e, nRange: [1, n] } : e,
  );
}

/** The printed numbers without the repair: a share no base can print is left out. */
function withoutRepair(entries: readonly PublishedEntry[]): PublishedEntry[] {
  return entries.filter(
    (e) => !(e.kind === "percentage" && e.variable && ITEM[e.variable] && auditPercentage(e).status === "impossible"),
  );
}

/** The item a claim tests, when it compares size groups on one willingness item. */
function itemOf(c: ClaimSpec): WillingnessItem | null {
  const cmp = c.comparison;
  return cmp.kind === "groups" && cmp.groupBy === "size3" ? (ITEM[cmp.variable] ?? null) : null;
}

/**
 * Whether a table of one item (a dataset found without the shared base, in sub-cases that fix
 * that item's counts and leave the other item's orders out) extends to a dataset of the whole
 * set: some sub-case of the other item, whose orders it enforces, holds the table's cells.
 */
function extendsToOtherItem(
  solver: Solver,
  entries: readonly PublishedEntry[],
  c: ClaimSpec,
  item: WillingnessItem,
  cells: readonly number[],
  reading: KmuReading,
  alpha: number,
): boolean {
  const other: WillingnessItem = item === "i" ? "o" : "i";
  for (const b of willingnessSubCases(solver, entries, {
    orders: true,
    readings: [reading],
    sharedBase: false,
    item: other,
  })) {
    const spec = tableSpec(b, c, alpha);
    if (
      spec &&
      solver.feasible(b.model.with({}, (m) => spec.cells.forEach((e, i) => m.equal(e, cells[i]!, `cell ${i}`))))
    )
      return true;
  }
  return false;
}

/** The verdicts of `robust` statements in a relaxed range (a statement missing there counts as not robust). */
function statementVerdicts(relaxed: IdentifiedRange, robust: readonly string[]): Record<string, RobustVerdict> {
  return Object.fromEntries(
    robust.map((id) => [id, relaxed.statements.find((s) => s.id === id)?.verdict ?? "depends"] as const),
  );
}

/**
 * The sub-cases of a relaxed block, built once and replayed: claims on the same table (the
 * sentence of Anhang 2, its 4.2 and chapter 5 versions) then share the models, and with them
 * the solver's remembered checks of candidate tables.
 */
export class SubCaseCache {
  private readonly lists = new Map<string, { seen: BlockModel[]; rest: Iterator<BlockModel> | null }>();

  /** The models of `key`, from `make` the first time; later calls replay those already built. */
  *get(key: string, make: () => Iterator<BlockModel>): Generator<BlockModel> {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = { seen: [], rest: make() }));
    for (let i = 0; ; i++) {
      if (i < list.seen.length) {
        yield list.seen[i]!;
        continue;
      }
      const next = list.rest?.next();
      if (!next || next.done) {
        list.rest = null;
        return;
      }
      list.seen.push(next.value);
      yield next.value;
    }
  }
}

/** A dataset that leaves a statement unsupported: its table's cells and the KMU reading of its model. */
interface Witness {
  cells: number[];
  reading: string;
}

/**
 * The claim's robust statements without each assumption, for a claim of the willingness block
 * that has one; [] otherwise.
 * @param willing - the block's models with every assumption (to tell whether the claim is in the block)
 * @example assumptionChecks(solver, entries, anh2, range, models, 0.05).find((a) => a.id === "shared-base")?.without.differ // => "depends"
 */
export function assumptionChecks(
  solver: Solver,
  entries: readonly PublishedEntry[],
  c: ClaimSpec,
  r: IdentifiedRange,
  willing: readonly BlockModel[],
  alpha: number,
  say: (message: string) => void = () => {},
  cache: SubCaseCache = new SubCaseCache(),
): AssumptionCheck[] {
  const robust = r.statements.filter((s) => s.verdict === "robust").map((s) => s.id);
  if (!robust.length) return [];
  // a claim outside the willingness block rests on none of the three
  if (!willing.some((b) => tableSpec(b, c, alpha)))
    return ASSUMPTIONS.map((id) => ({
      id,
      applies: false,
      without: {},
      pMin: null,
      pMax: null,
      pMaxAttained: false,
      certain: true,
    }));
  const item = itemOf(c);
  const follow = followUpsOf(c);
  const rescores = followUpRescores(follow, alpha);
  // where a statement's unsupported end is in the summaries: the claim's p, or a pair's adjusted p
  const partOf = (id: string) =>
    id === "differ" || id === "claim" ? 0 : 2 * follow.findIndex((f) => `pair:${f.target}-${f.other}` === id) + 2;

  // Sub-cases one by one, stopping once every robust statement has an unsupported dataset (the p
  // range found so far is then attained, not complete). Robust without the assumption is proven
  // by an exact and complete search; not robust, by the dataset found (`extend`: that it is a
  // dataset of the whole set, when the models leave a part out).
  const check = (
    id: AssumptionId,
    models: Iterable<BlockModel>,
    extendOnce: (w: Witness) => boolean = () => true,
  ): AssumptionCheck => {
    const seen = new Map<string, boolean>();
    const extend = (w: Witness): boolean => {
      const key = `${w.reading}:${w.cells.join()}`;
      if (!seen.has(key)) seen.set(key, extendOnce(w));
      return seen.get(key)!;
    };
    const parts: RangeSummary[][] = [];
    const from: string[] = [];
    let exact = true;
    let relaxed: IdentifiedRange | null = null;
    let complete = true;
    const witnesses = (merged: readonly RangeSummary[], without: Record<string, RobustVerdict>): Witness[] =>
      robust
        .filter((s) => without[s] !== "robust")
        .map((s) => {
          const i = partOf(s);
          const k = parts.findIndex((p) => p[i]!.pMax === merged[i]!.pMax);
          return { cells: merged[i]!.pMax.candidate.cells ?? [], reading: from[k] ?? "" };
        });
    let found: Witness[] = [];
    let without: Record<string, RobustVerdict> = {};
    for (const b of models) {
      const m = modelRanges(solver, b, c, alpha, rescores);
      if (!m) continue;
      parts.push(m.parts);
      from.push(b.readings.join());
      exact &&= m.exact;
      const merged = m.parts.map((_, i) => mergeRanges(parts.map((p) => p[i]!))!);
      relaxed = assembleRange(c, merged, exact, [...new Set(from)].sort(), alpha, false);
      without = statementVerdicts(relaxed, robust);
      found = witnesses(merged, without);
      if (found.length === robust.length && found.every(extend)) {
        complete = false;
        break;
      }
    }
    if (!relaxed)
      return { id, applies: true, without: {}, pMin: null, pMax: null, pMaxAttained: false, certain: false };
    const still = Object.values(without).some((v) => v === "robust");
    say(
      `  without ${id}: ${Object.entries(without)
        .map(([k, v]) => `${k} ${v}`)
        .join(
          ", ",
        )}; p up to ${relaxed.pMax.toPrecision(2)} after ${parts.length} sub-cases${complete ? "" : " (stopped at the first datasets found)"} [${solver.solves} solves]`,
    );
    return {
      id,
      applies: true,
      without,
      pMin: relaxed.pMin,
      pMax: relaxed.pMax,
      pMaxAttained: !complete || !exact,
      certain: (!still || (exact && complete)) && found.every(extend),
    };
  };

  const out: AssumptionCheck[] = [];
  out.push(
    item
      ? check(
          "shared-base",
          // each item on bases of its own, sub-cases of one item (the other's orders left out: a
          // larger set); a dataset found there is one of the whole set when it extends to them
          cache.get(`shared-base:${item}`, () =>
            willingnessSubCases(solver, entries, { orders: true, readings: KMU_READINGS, sharedBase: false, item }),
          ),
          (w) => extendsToOtherItem(solver, entries, c, item, w.cells, w.reading as KmuReading, alpha),
        )
      : { id: "shared-base", applies: false, without: {}, pMin: null, pMax: null, pMaxAttained: false, certain: true },
  );
  out.push(
    check(
      "kapitel2-limits",
      // the repair stays: 49,2 % within one respondent, now at any base the sample's N allows
      cache.get("kapitel2-limits", () =>
        willingnessSubCases(solver, withoutSampleLimits(entries), {
          orders: true,
          readings: [KMU_READINGS[0]!],
          sampleShares: false,
          repaired: repairedIds(entries),
        }),
      ),
    ),
  );
  out.push(
    check(
      "repair-49-2",
      cache.get("repair-49-2", () =>
        willingnessSubCases(solver, withoutRepair(entries), { orders: true, readings: KMU_READINGS }),
      ),
    ),
  );
  return out;
}
