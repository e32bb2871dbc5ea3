/**
 * Abbildung 8/9 as an integer model: per size group, how many respondents of the channel
 * question used newsletters, informal talks and the strongest other channel (the "rival"), and
 * how many used both newsletters and the rival. The report states nothing about the other
 * channels beyond the newsletter's lead, so each of them is represented by the rival: a channel
 * below the rival can always be as small as needed.
 *
 * "Informal talks are comparatively frequent among micro and small firms" compares shares whose
 * bases are both unknown. It enters in one of three ways: left out except for what it implies
 * linearly (the outer set, which contains every consistent dataset), replaced by "no medium or large firm, at least one micro/small firm
 * names informal talks" (an inner set, each of whose datasets is consistent), or made linear by
 * fixing the micro/small firms' counts (sub-cases).
 */
import type { PublishedEntry, ShareSpec } from "../../data/published.js";
import { IntegerModel, lin, sumOf, type Assignment } from "../../ilp/linear-model.js";
import type { Solver } from "../../ilp/solver.js";
import type { ShareExpr } from "../../ilp/share-constraints.js";
import { addOrder, addPublished, claimPairs, type BlockModel } from "./block.js";
import { addSample, SIZE_GROUPS, sizeGroupsOf, type KmuReading, type SizeGroup } from "./sample-block.js";

/** How the cross-group order on informal talks enters the model. */
export type InformalOrder = "outer" | "inner" | { pivot: Assignment };

const RIVALS = [
  "channel_events",
  "channel_workingGroups",
  "channel_bilateral",
  "channel_website",
  "channel_socialMedia",
  "channel_other",
];
const CELL: Record<string, string> = {
  channel_newsletter: "nw",
  channel_informal: "talk",
  ...Object.fromEntries(RIVALS.map((r) => [r, "rv"])),
};

function build(
  entries: readonly PublishedEntry[],
  reading: KmuReading,
  needs: Partial<Record<SizeGroup, number>>,
): BlockModel {
  const model = new IntegerModel();
  const sample = addSample(model, entries, reading, needs);
  for (const g of SIZE_GROUPS) {
    for (const x of ["n", "nw", "talk", "rv", "ja"]) model.int(`${x}_${g}`, 0, 158);
    for (const x of ["nw", "talk", "rv"])
      model.atMost(
        lin([
          [1, `${x}_${g}`],
          [-1, `n_${g}`],
        ]),
        0,
        `channels ${g}: ${x} ≤ N`,
      );
    model.atMost(
      lin([
        [1, `ja_${g}`],
        [-1, `nw_${g}`],
      ]),
      0,
      `channels ${g}: both ≤ newsletter`,
    );
    model.atMost(
      lin([
        [1, `ja_${g}`],
        [-1, `rv_${g}`],
      ]),
      0,
      `channels ${g}: both ≤ rival`,
    );
    model.atLeast(
      lin([
        [1, `ja_${g}`],
        [-1, `nw_${g}`],
        [-1, `rv_${g}`],
        [1, `n_${g}`],
      ]),
      0,
      `channels ${g}: neither ≥ 0`,
    );
    model.atMost(
      sumOf([
        [1, lin([[1, `n_${g}`]])],
        [-1, sample.size[g]],
      ]),
      0,
      `channels ${g}: N ≤ respondents of the size group`,
    );
  }
  const total = (x: string) => lin(SIZE_GROUPS.map((g) => [1, `${x}_${g}`] as const));
  model.atMost(
    sumOf([
      [1, total("talk")],
      [-1, total("rv")],
    ]),
    0,
    "the rival is the strongest channel after the newsletter",
  );
  const resolve = (spec: ShareSpec): ShareExpr | null => {
    const x = CELL[spec.variable];
    const groups = sizeGroupsOf(spec);
    if (!x || !groups || spec.categories.join() !== "1") return null;
    return { k: lin(groups.map((g) => [1, `${x}_${g}`] as const)), n: lin(groups.map((g) => [1, `n_${g}`] as const)) };
  };
  // newsletter against the strongest other channel, of all respondents or of one size class
  const resolvePair = (
    left: ShareSpec,
    right: ShareSpec | { strongestOf: string[]; subgroup?: ShareSpec["subgroup"] },
  ) => {
    if (left.variable !== "channel_newsletter" || !("strongestOf" in right)) return null;
    const groups = groupsOfFilter(left.subgroup);
    if (!groups) return null;
    const sum = (x: string) => lin(groups.map((g) => [1, `${x}_${g}`] as const));
    return [sum("ja"), sum("nw"), sum("rv"), sum("n")];
  };
  return {
    block: "channels",
    readings: [reading],
    model,
    fixed: {},
    resolve,
    resolvePair: resolvePair as BlockModel["resolvePair"],
    figureN: { "abb-08": total("n") },
  };
}

/**
 * The size groups a filter names: all for none, one for a size class filter (sizeClass codes of
 * one group, or size3); null for any other filter.
 */
function groupsOfFilter(sub: ShareSpec["subgroup"]): SizeGroup[] | null {
  if (!sub || !Object.keys(sub).length) return [...SIZE_GROUPS];
  const codes = sub.sizeClass;
  if (Object.keys(sub).length === 1 && Array.isArray(codes)) {
    const key = codes.join();
    const g: SizeGroup | undefined = key === "1,2" ? "MS" : key === "3" ? "M" : key === "4" ? "L" : undefined;
    return g ? [g] : null;
  }
  return sizeGroupsOf({ variable: "", categories: [], subgroup: sub });
}

/**
 * The block's models, one per KMU reading (and sub-case), with the informal-talks order as
 * `informal` says.
 * @example channelModels(solver, loadPublished(), { orders: true, readings: ["kmu-eu"], informal: "outer" }).length // => 1
 */
export function channelModels(
  solver: Solver,
  entries: readonly PublishedEntry[],
  options: {
    orders: boolean;
    readings: readonly KmuReading[];
    needs?: Partial<Record<SizeGroup, number>>;
    informal: InformalOrder;
    /** Optional readings of the text to apply (numbers.json `optional`). */
    textReadings?: readonly string[];
  },
): BlockModel[] {
  const out: BlockModel[] = [];
  for (const reading of options.readings) {
    const b = build(entries, reading, options.needs ?? {});
    const { bilinear } = addPublished(b, entries, { orders: options.orders, textReadings: options.textReadings });
    const inf = options.informal;
    const fixed = typeof inf === "object" ? inf.pivot : {};
    const model = b.model.with(fixed, (m) => {
      if (!bilinear.length) return;
      if (inf === "inner") {
        m.equal(lin([[1, "talk_M"]]), 0, "inner set: no medium firm names informal talks");
        m.equal(lin([[1, "talk_L"]]), 0, "inner set: no large firm names informal talks");
        m.atLeast(lin([[1, "talk_MS"]]), 1, "inner set: a micro/small firm names informal talks");
      } else if (typeof inf === "object") for (const e of bilinear) addOrder({ ...b, fixed }, e.claim!, e.id, m);
      else {
        // the outer set keeps what the order implies linearly: a share above another (≥ 0) is not 0
        for (const e of bilinear)
          for (const [hi] of claimPairs(e.claim!))
            m.atLeast(b.resolve(hi)!.k, 1, `${e.id}: the higher share is above 0`);
      }
    });
    if (!solver.feasible(model)) continue;
    out.push({ ...b, model, fixed });
  }
  return out;
}
