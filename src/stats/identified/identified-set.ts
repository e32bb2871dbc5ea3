/**
 * The identified set of the report: for every test of claims.json and every verbal order of
 * numbers.json, the range and verdict over all datasets consistent with what the report prints
 * (and, for the tests, with what its text states). Computed by `npm run data:identified` into
 * data/published/identified.json; reports read that file.
 */
import type { PublishedEntry } from "../../data/published.js";
import type { ClaimSpec } from "../../data/claims-file.js";
import { loadSolver, type Solver } from "../../ilp/solver.js";
import { claimInBlock, statementInBlock, type BlockModel } from "./block.js";
import { assumptionChecks, SubCaseCache } from "./assumptions.js";
import { attainedInner, channelGroup, groupChannelRange, informalClaim, informalRange } from "./channel-ranges.js";
import { channelModels } from "./channels-block.js";
import { claimRange, pairedScore, tableSpec } from "./claim-ranges.js";
import { toIdentified, type IdentifiedRange, type TextReadingRange } from "./identified-range.js";
import { GRID_COMMON_READING, GRID_PAIR_READING, gridPairCandidates } from "./grid-pairs.js";
import { orderVerdicts, type OrderVerdict } from "./order-verdicts.js";
import { proximityModel } from "./proximity-block.js";
import { KMU_READINGS } from "./sample-block.js";
import { summarizeWitnesses } from "./table-range.js";
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
  if (channelGroup(c)) return groupChannelRange(solver, entries, c, alpha, k.outer, k.needs, k.textReadings);
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
      // no dataset of the block under the reading: the reading leaves the claim without a table
      if (!r) continue;
      const under: TextReadingRange = {
        reading,
        verdict: r.verdict,
        pMin: r.pMin,
        pMax: r.pMax,
        certain: r.certain,
        statements: r.statements,
      };
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
