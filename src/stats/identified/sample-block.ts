/**
 * The sample's size classes (Kapitel 2) as part of every block that groups by firm size: how
 * many of the 158 respondents are micro, small, medium and large firms or gave no size, under
 * each reading of "KMU" the report's words allow. The size groups' bases in Abb. 3–5, 9 and
 * Anhang 2/3 cannot exceed these counts.
 */
import type { PublishedEntry, ShareSpec } from "../../data/published.js";
import { auditPartitions } from "../audit-bases.js";
import { lin, sumOf, type IntegerModel, type LinExpr } from "../../ilp/linear-model.js";
import { printsAs, type ShareExpr } from "../../ilp/share-constraints.js";
import { JUST_UNDER_QUALIFIERS } from "../audit.js";

/** The two readings of "KMU" in Kapitel 2 that add up (see data/ASSUMPTIONS.md). */
export type KmuReading = "kmu-small-medium" | "kmu-eu";
export const KMU_READINGS: readonly KmuReading[] = ["kmu-small-medium", "kmu-eu"];

/** Size groups of the figures: micro+small, medium, large, and no size given. */
export type SizeGroup = "MS" | "M" | "L" | "X";
export const SIZE_GROUPS: readonly SizeGroup[] = ["MS", "M", "L", "X"];
/** The codebook's size3 keys of the groups (X has none). */
export const SIZE3_KEY: Record<Exclude<SizeGroup, "X">, string> = { MS: "microSmall", M: "medium", L: "large" };

/**
 * The size groups a share's subgroup names: all four for no subgroup, one for `size3`; null for
 * any other subgroup (the block does not hold that share).
 * @example sizeGroupsOf({ variable: "shareInside", categories: [1, 2], subgroup: { size3: "medium" } }) // => ["M"]
 */
export function sizeGroupsOf(spec: ShareSpec): SizeGroup[] | null {
  const sub = spec.subgroup ?? {};
  const keys = Object.keys(sub);
  if (!keys.length) return [...SIZE_GROUPS];
  if (keys.length !== 1 || keys[0] !== "size3") return null;
  const g = (Object.keys(SIZE3_KEY) as Array<keyof typeof SIZE3_KEY>).find((x) => SIZE3_KEY[x] === sub.size3);
  return g ? [g] : null;
}

/** The sample part of a model: respondents per size group, as expressions. */
export interface SampleCounts {
  size: Record<SizeGroup, LinExpr>;
}

const CLASSES = ["micro", "small", "medium", "large"] as const;

function entry(entries: readonly PublishedEntry[], id: string): PublishedEntry {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new RangeError(`numbers.json has no entry "${id}", which the sample model needs`);
  return e;
}

/**
 * The funded organisations per size group: from the partition of Abb. 3/4 (the only split of
 * its N, e.g. 20 + 5 + 5) and the funded without a size (funded count minus that N).
 * @throws RangeError when the partition is not unique
 */
export function fundedBySize(entries: readonly PublishedEntry[]): Record<SizeGroup, number> {
  const part = auditPartitions(entries).find((p) => p.id === "abb3-n");
  if (part?.combinations.length !== 1)
    throw new RangeError("the split of Abb. 3/4's N into size groups is not unique; the sample model needs it");
  const [ms, m, l] = part.combinations[0] as [number, number, number];
  const funded = entry(entries, "sample-funded-count").value as number;
  return { MS: ms, M: m, L: l, X: funded - part.total };
}

/**
 * Adds the size-class counts s_micro … s_none (sum: the sample N) with the shares of Kapitel 2
 * under a KMU reading, and the funded organisations per size group as lower bounds.
 * "kmu-small-medium": the 28 % micro, 23 % large and "knapp die Hälfte" KMU (small + medium)
 * are shares of those who gave a size. "kmu-eu": KMU includes micro firms (EU definition) and
 * all three are shares of all respondents; the rest are organisations without a firm size.
 * @param needs - further lower bounds per size group (bases other blocks require)
 * @param options - `shares: false` leaves Kapitel 2's three shares out (then only the sample's N
 *   and the funded organisations bound the size classes; the KMU reading makes no difference)
 * @example addSample(m, loadPublished(), "kmu-eu").size.L // => s_large
 */
export function addSample(
  model: IntegerModel,
  entries: readonly PublishedEntry[],
  reading: KmuReading,
  needs: Partial<Record<SizeGroup, number>> = {},
  options: { shares?: boolean } = {},
): SampleCounts {
  const total = entry(entries, "sample-n").value as number;
  for (const c of CLASSES) model.int(`s_${c}`, 0, total);
  model.int("s_none", 0, total);
  const s = (c: string) => lin([[1, `s_${c}`]]);
  model.equal(
    sumOf([...CLASSES.map((c) => [1, s(c)] as const), [1, s("none")]]),
    total,
    "sample: every respondent in one size class or none",
  );
  const givers = sumOf(CLASSES.map((c) => [1, s(c)] as const));
  const resolve = (spec: ShareSpec): ShareExpr | null => {
    if (spec.variable !== "sizeClass" || spec.subgroup) return null;
    const cats = reading === "kmu-eu" && spec.categories.join() === "2,3" ? [1, 2, 3] : spec.categories;
    return {
      k: sumOf(cats.map((c) => [1, s(CLASSES[c - 1]!)] as const)),
      n: reading === "kmu-eu" ? lin([], total) : givers,
    };
  };
  for (const id of options.shares === false ? [] : ["sample-micro-share", "sample-large-share", "sample-kmu-share"]) {
    const e = entry(entries, id);
    const share = resolve({ variable: e.variable!, categories: e.categories! })!;
    printsAs(
      model,
      share,
      { value: e.value!, decimals: e.decimals!, justUnder: JUST_UNDER_QUALIFIERS.includes(e.qualifier ?? "") },
      `${id} (${reading})`,
    );
  }
  const size: Record<SizeGroup, LinExpr> = {
    MS: sumOf([
      [1, s("micro")],
      [1, s("small")],
    ]),
    M: s("medium"),
    L: s("large"),
    X: s("none"),
  };
  const funded = fundedBySize(entries);
  for (const g of ["MS", "M", "L", "X"] as const) {
    const least = Math.max(funded[g], needs[g] ?? 0);
    model.atLeast(size[g], least, `sample: at least ${least} respondents in size group ${g}`);
  }
  return { size };
}
