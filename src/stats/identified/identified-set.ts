/**
 * The identified set of the report: for every test of claims.json and every verbal order of
 * numbers.json, the range and verdict over all datasets consistent with what the report prints
 * (and, for the tests, with what its text states). Computed by `npm run data:identified` into
 * data/published/identified.json; reports read that file.
 */
import type { PublishedEntry } from "../../data/published.js";
import type { ClaimSpec } from "../../data/claims-file.js";
import { lin } from "../../ilp/linear-model.js";
import { loadSolver, type Solver } from "../../ilp/solver.js";
import type { BlockModel } from "./block.js";
import { enumerateCandidates, witnessCandidates } from "./candidates.js";
import { channelModels } from "./channels-block.js";
import { claimRange, pairedScore, tableSpec, toIdentified, type IdentifiedRange } from "./claim-ranges.js";
import { GRID_COMMON_READING, GRID_PAIR_READING, gridPairCandidates } from "./grid-pairs.js";
import { orderVerdicts, type OrderVerdict } from "./order-verdicts.js";
import { proximityModel } from "./proximity-block.js";
import { KMU_READINGS } from "./sample-block.js";
import { mergeRanges, rangeOverCandidates, summarizeWitnesses, type RangeSummary } from "./table-range.js";
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
): IdentifiedRange | null {
  const parts: RangeSummary[] = [];
  const readings = new Set<string>();
  for (const o of outer) {
    for (const pivot of informalPivots(solver, o)) {
      for (const b of channelModels(solver, entries, {
        orders: true,
        readings: o.readings as never,
        needs,
        informal: { pivot },
      })) {
        const spec = tableSpec(b, c, alpha);
        if (!spec) continue;
        const set = enumerateCandidates(solver, b, spec, 5_000);
        const r =
          set === "too many"
            ? summarizeWitnesses(witnessCandidates(solver, b, spec))
            : set && rangeOverCandidates(solver, set.model, set.candidates);
        if (r) {
          parts.push(r);
          b.readings.forEach((x) => readings.add(x));
        }
      }
    }
  }
  const merged = mergeRanges(parts);
  return merged && toIdentified(merged, false, [...readings].sort(), alpha, false);
}

/**
 * Computes the identified set.
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
  const readings = KMU_READINGS;
  const willing = willingnessModels(solver, entries, { orders: true, readings });
  const needs = willingnessNeeds(solver, willing);
  const outer = channelModels(solver, entries, { orders: true, readings, needs, informal: "outer" });
  const inner = channelModels(solver, entries, { orders: true, readings, needs, informal: "inner" });
  const proximity = proximityModel(entries, { orders: true });
  say(`models: ${willing.length} willingness sub-cases, ${outer.length} channel models, proximity`);
  const out: Record<string, IdentifiedRange> = {};
  for (const c of claims) {
    const pairs = gridPairCandidates(entries, c, { score: pairedScore(c, alpha) });
    let r: IdentifiedRange | null;
    if (pairs)
      r = toIdentified(summarizeWitnesses(pairs), true, [GRID_COMMON_READING, GRID_PAIR_READING], alpha, false);
    else if (informalClaim(c)) r = informalRange(solver, entries, c, alpha, outer, needs);
    else {
      r = claimRange(solver, [...willing, proximity, ...outer], c, alpha);
      const viaChannels = outer.some((b) => tableSpec(b, c, alpha));
      if (r && viaChannels) {
        const ends = attainedInner(solver, inner, c, alpha, r);
        // the p ends are supported/unsupported witnesses, so both attained prove "depends"
        r = {
          ...r,
          exact: ends.every(Boolean),
          certain: ends.every(Boolean) || (r.verdict === "depends" && ends[0]! && ends[1]!),
        };
      }
    }
    if (!r) throw new RangeError(`claim "${c.id}": no block of the identified set holds its table`);
    delete r.ends;
    out[c.id] = r;
    say(
      `${c.id}: p ${r.pMin.toPrecision(2)}…${r.pMax.toPrecision(2)}, ${r.verdict}${r.exact ? "" : " (attained range)"} [${solver.solves} solves]`,
    );
  }
  const numbersOnly = [
    ...willingnessModels(solver, entries, { orders: false, readings }),
    ...channelModels(solver, entries, { orders: false, readings, needs, informal: "outer" }),
    proximityModel(entries, { orders: false }),
  ];
  const orders = orderVerdicts(solver, numbersOnly, entries);
  say(`orders: ${Object.keys(orders).length} judged [${solver.solves} solves]`);
  return { alpha, claims: out, orders };
}
