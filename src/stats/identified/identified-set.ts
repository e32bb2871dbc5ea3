/**
 * The identified set of the report: for every test of claims.json and every verbal order of
 * numbers.json, the range and verdict over all datasets consistent with what the report prints
 * (and, for the tests, with what its text states). Computed by `npm run data:identified` into
 * data/published/identified.json; reports read that file.
 */
import type { PublishedEntry } from "../../data/published.js";
import type { ClaimSpec } from "../../report/claims.js";
import { lin } from "../ilp/linear-model.js";
import { loadSolver, type Solver } from "../ilp/solver.js";
import { claimInBlock, statementInBlock, type BlockModel } from "./block.js";
import { assumptionChecks, SubCaseCache } from "./assumptions.js";
import { exactPMin } from "./exact-p-min.js";
import { channelModels } from "./channels-block.js";
import { assembleRange, claimRange, modelRanges, pairedScore, tableSpec } from "./claim-ranges.js";
import { followUpRescores, followUpsOf } from "./follow-ups.js";
import { toIdentified, type IdentifiedRange, type TextReadingRange } from "./identified-range.js";
import { GRID_COMMON_READING, GRID_PAIR_READING, gridPairCandidates } from "./grid-pairs.js";
import { orderVerdicts, type OrderVerdict } from "./order-verdicts.js";
import { proximityModel } from "./proximity-block.js";
import { KMU_READINGS } from "./sample-block.js";
import { mergeRanges, summarizeWitnesses, type RangeSummary } from "./table-range.js";
import { willingnessModels, willingnessNeeds } from "./willingness-block.js";

/** What identified.json holds. */
export interface IdentifiedSet {
  alpha: number;
  claims: Record<string, IdentifiedRange>;
  orders: Record<string, OrderVerdict>;
}

/** Options of {@link computeIdentifiedSet}. */
export interface IdentifiedOptions {
  alpha?: number;
  onProgress?: (message: string) => void;
}

/**
 * True when every end of a range computed on the outer models is attained by a dataset of an
 * inner model (each of whose datasets is consistent): then the outer range is exact.
 */
function attainedInner(
  solver: Solver,
  inner: readonly BlockModel[],
  c: ClaimSpec,
  alpha: number,
  r: IdentifiedRange,
): boolean[] {
  return (r.ends ?? []).map(
    (cells) =>
      cells.length > 0 &&
      inner.some((b) => {
        const spec = tableSpec(b, c, alpha);
        return (
          !!spec &&
          solver.feasible(
            b.model.with({}, (m) => spec.cells.forEach((e, i) => m.equal(e, cells[i]!, `end cell ${i}`))),
          ) !== null
        );
      }),
  );
}

function informalClaim(c: ClaimSpec): boolean {
  return c.comparison.kind === "groups" && c.comparison.variable === "channel_informal";
}

/** Sub-cases that fix the micro/small firms' channel counts, spread over their range. */
function informalPivots(solver: Solver, outer: BlockModel): Array<Record<string, number>> {
  const range = (m: BlockModel["model"], v: string): [number, number] | null => {
    const lo = solver.minimize(m, lin([[1, v]]));
    return lo ? [lo.value, solver.maximize(m, lin([[1, v]]))!.value] : null;
  };
  const spread = ([lo, hi]: [number, number], k: number) => [
    ...new Set(Array.from({ length: k }, (_, i) => Math.round(lo + ((hi - lo) * i) / (k - 1)))),
  ];
  const out: Array<Record<string, number>> = [];
  const n = range(outer.model, "n_MS");
  if (!n) return out;
  for (const nMs of spread(n, 6)) {
    const inf = range(outer.model.with({ n_MS: nMs }), "talk_MS");
    if (!inf) continue;
    for (const i of spread([Math.max(1, inf[0]), inf[1]], 3)) if (i <= inf[1]) out.push({ n_MS: nMs, talk_MS: i });
  }
  return out;
}

/** The range of an informal-talks claim over sub-cases (attained values; not exact). */
function informalRange(
  solver: Solver,
  entries: readonly PublishedEntry[],
  c: ClaimSpec,
  alpha: number,
  outer: readonly BlockModel[],
  needs: Parameters<typeof channelModels>[2]["needs"],
  textReadings: string[] = [],
): IdentifiedRange | null {
  const rescores = followUpRescores(followUpsOf(c), alpha);
  const parts: RangeSummary[][] = [];
  const readings = new Set<string>();
  for (const o of outer) {
    for (const pivot of informalPivots(solver, o)) {
      for (const b of channelModels(solver, entries, {
        orders: true,
        readings: o.readings as never,
        needs,
        informal: { pivot },
        textReadings,
      })) {
        const r = modelRanges(solver, b, c, alpha, rescores, 5_000);
        if (r) {
          parts.push(r.parts);
          b.readings.forEach((x) => readings.add(x));
        }
      }
    }
  }
  if (!parts.length) return null;
  const merged = parts[0]!.map((_, i) => mergeRanges(parts.map((p) => p[i]!))!);
  const r = assembleRange(c, merged, false, [...readings].sort(), alpha, false);
  if (!r || c.comparison.kind !== "groups" || c.comparison.others.length !== 1) return r;
  // two groups: the smallest p exactly, each candidate checked in the sub-case it pivots on
  const exact = exactPMin(solver, outer, c, alpha, { p: r.pMin, table: r.tableAtPMin }, (cells) => {
    const [k1, n1] = cells as [number, number];
    return outer.some((o) =>
      channelModels(solver, entries, {
        orders: true,
        readings: o.readings as never,
        needs,
        informal: { pivot: { n_MS: n1, talk_MS: k1 } },
        textReadings,
      }).some((b) => {
        const spec = tableSpec(b, c, alpha);
        return (
          !!spec &&
          solver.feasible(b.model.with({}, (m) => spec.cells.forEach((e, i) => m.equal(e, cells[i]!, `cell ${i}`)))) !==
            null
        );
      }),
    );
  });
  return { ...r, pMin: exact.p, tableAtPMin: exact.table, attained: r.attained.filter((k) => k !== "pMin") };
}

/** The models of every block under one set of readings of the text. */
interface Blocks {
  textReadings: string[];
  willing: BlockModel[];
  needs: ReturnType<typeof willingnessNeeds>;
  outer: BlockModel[];
  inner: BlockModel[];
  proximity: BlockModel;
}

function blocks(solver: Solver, entries: readonly PublishedEntry[], textReadings: string[]): Blocks {
  const readings = KMU_READINGS;
  const willing = willingnessModels(solver, entries, { orders: true, readings, textReadings });
  const needs = willingnessNeeds(solver, willing);
  const channels = (informal: "outer" | "inner") =>
    channelModels(solver, entries, { orders: true, readings, needs, informal, textReadings });
  return {
    textReadings,
    willing,
    needs,
    outer: channels("outer"),
    inner: channels("inner"),
    proximity: proximityModel(entries, { orders: true, textReadings }),
  };
}

/** The size group of a paired channel claim's filter (newsletter in one size group), or null. */
function channelGroup(c: ClaimSpec): "MS" | "M" | "L" | null {
  const cmp = c.comparison;
  if (cmp.kind !== "paired" || cmp.left.variable !== "channel_newsletter") return null;
  const codes = cmp.filter?.sizeClass?.join();
  return codes === "1,2" ? "MS" : codes === "3" ? "M" : codes === "4" ? "L" : null;
}

/** A claim's range in the blocks (null when none holds its table). */
function rangeOf(
  solver: Solver,
  entries: readonly PublishedEntry[],
  c: ClaimSpec,
  alpha: number,
  k: Blocks,
): IdentifiedRange | null {
  const pairs = gridPairCandidates(entries, c, { score: pairedScore(c, alpha) });
  if (pairs)
    return toIdentified(summarizeWitnesses(pairs), true, [GRID_COMMON_READING, GRID_PAIR_READING], alpha, false);
  if (informalClaim(c)) return informalRange(solver, entries, c, alpha, k.outer, k.needs, k.textReadings);
  const group = channelGroup(c);
  if (group) {
    // one size group's newsletter against its strongest other channel: datasets of the inner set
    // in which that channel is the rival (attained values: informal talks may be the runner-up elsewhere)
    const models = k.inner.map((b) => ({
      ...b,
      model: b.model.with({}, (m) =>
        m.atLeast(
          lin([
            [1, `rv_${group}`],
            [-1, `talk_${group}`],
          ]),
          0,
          `the rival is ${group}'s strongest channel after the newsletter`,
        ),
      ),
    }));
    const r = claimRange(solver, models, c, alpha);
    return (
      r && {
        ...r,
        exact: false,
        attained: r.pMax >= 1 ? ["pMin", "effectMin", "effectMax"] : ["pMin", "pMax", "effectMin", "effectMax"],
        certain: r.verdict === "depends",
      }
    );
  }
  const r = claimRange(solver, [...k.willing, k.proximity, ...k.outer], c, alpha);
  if (!r || !k.outer.some((b) => tableSpec(b, c, alpha))) return r;
  const ends = attainedInner(solver, k.inner, c, alpha, r);
  // the p ends are supported/unsupported witnesses, so both attained prove "depends"
  return {
    ...r,
    exact: ends.every(Boolean),
    attained: (["pMin", "pMax", "effectMin", "effectMax"] as const).filter(
      (e, i) => !ends[i] && !(e === "pMax" && r.pMax >= 1),
    ),
    certain: ends.every(Boolean) || (r.verdict === "depends" && ends[0]! && ends[1]!),
  };
}

/** Whether a reading of the text constrains a block (one of its entries resolves there). */
function touches(entries: readonly PublishedEntry[], reading: string, b: BlockModel | undefined): boolean {
  return (
    !!b &&
    entries.some(
      (e) => e.optional === reading && !!e.claim && (statementInBlock(b, e.claim) || claimInBlock(b, e.claim)),
    )
  );
}

/**
 * Computes the identified set: every claim under the union of the readings of the text, then
 * again under each optional reading that constrains its block.
 * @param entries - data/published/numbers.json
 * @param claims - data/published/claims.json
 * @example (await computeIdentifiedSet(loadPublished(), loadClaims())).claims["abb5-inside-more-than-outside"].verdict // => "robust"
 */
export async function computeIdentifiedSet(
  entries: readonly PublishedEntry[],
  claims: readonly ClaimSpec[],
  options: IdentifiedOptions = {},
): Promise<IdentifiedSet> {
  const alpha = options.alpha ?? 0.05;
  const say = options.onProgress ?? (() => {});
  const solver = await loadSolver();
  const all = blocks(solver, entries, []);
  say(`models: ${all.willing.length} willingness sub-cases, ${all.outer.length} channel models, proximity`);
  const out: Record<string, IdentifiedRange> = {};
  const relaxed = new SubCaseCache();
  for (const c of claims) {
    const r = rangeOf(solver, entries, c, alpha, all);
    if (!r) throw new RangeError(`claim "${c.id}": no block of the identified set holds its table`);
    const checks = assumptionChecks(solver, entries, c, r, all.willing, alpha, say, relaxed);
    if (checks.length) r.assumptions = checks;
    out[c.id] = r;
    say(
      `${c.id}: p ${r.pMin.toPrecision(2)}…${r.pMax.toPrecision(2)}, ${r.verdict}${r.exact ? "" : " (attained range)"} [${solver.solves} solves]`,
    );
  }
  const textReadings = [...new Set(entries.flatMap((e) => (e.optional ? [e.optional] : [])))].sort();
  for (const reading of textReadings) {
    const k = blocks(solver, entries, [reading]);
    const touched = [
      touches(entries, reading, all.willing[0]) ? [...k.willing] : [],
      touches(entries, reading, all.proximity) ? [k.proximity] : [],
      touches(entries, reading, all.outer[0]) ? [...k.outer] : [],
    ].flat();
    for (const c of claims) {
      // the grids' pairs are not in a block; no reading of the text constrains them
      if (gridPairCandidates(entries, c, { score: pairedScore(c, alpha) })) continue;
      if (!touched.some((b) => tableSpec(b, c, alpha))) continue;
      const r = rangeOf(solver, entries, c, alpha, k);
      const base = out[c.id]!;
      const under: TextReadingRange = r
        ? { reading, verdict: r.verdict, pMin: r.pMin, pMax: r.pMax, certain: r.certain, statements: r.statements }
        : { reading, verdict: "fails", pMin: 1, pMax: 1, certain: true, statements: [] };
      base.textReadings = [...(base.textReadings ?? []), under];
      say(`${c.id} under "${reading}": p ${under.pMin.toPrecision(2)}…${under.pMax.toPrecision(2)}, ${under.verdict}`);
    }
  }
  for (const r of Object.values(out)) {
    delete r.ends;
    for (const f of r.followUps ?? []) delete f.ends;
  }
  const numbersOnly = [
    ...willingnessModels(solver, entries, { orders: false, readings: KMU_READINGS }),
    ...channelModels(solver, entries, { orders: false, readings: KMU_READINGS, needs: all.needs, informal: "outer" }),
    proximityModel(entries, { orders: false }),
  ];
  const orders = orderVerdicts(solver, numbersOnly, entries);
  say(`orders: ${Object.keys(orders).length} judged [${solver.solves} solves]`);
  return { alpha, claims: out, orders };
}
