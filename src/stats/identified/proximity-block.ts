/**
 * Abbildung 1–4 as an integer model: the funded organisations' answers on the five-point scale
 * to prior cooperation (national, international) and to technological and cultural proximity,
 * by size group. The size groups' Ns are the one split of Abb. 3/4's N (e.g. 20 + 5 + 5) and the
 * funded without a size; so every base is a constant and every comparison linear.
 */
import type { PublishedEntry, ShareSpec } from "../../data/published.js";
import { IntegerModel, lin } from "../../ilp/linear-model.js";
import type { ShareExpr } from "../../ilp/share-constraints.js";
import { addPublished, type BlockModel } from "./block.js";
import { fundedBySize, SIZE_GROUPS, SIZE3_KEY, type SizeGroup } from "./sample-block.js";

/** Items of the block and the size groups their answers are split by. */
const ITEMS = ["priorNational", "priorInternational", "techProximity", "culturalProximity"] as const;
const BY_SIZE: ReadonlySet<string> = new Set(["techProximity", "culturalProximity"]);
const CODES = [1, 2, 3, 4, 5];

function groupsOf(spec: ShareSpec): SizeGroup[] | null {
  const sub = { ...(spec.subgroup ?? {}) };
  const funded = sub.funded;
  if (!Array.isArray(funded) || funded.join() !== "1") return null;
  delete sub.funded;
  const keys = Object.keys(sub);
  if (!keys.length) return [...SIZE_GROUPS];
  if (keys.length !== 1 || keys[0] !== "size3" || !BY_SIZE.has(spec.variable)) return null;
  const g = (Object.keys(SIZE3_KEY) as Array<keyof typeof SIZE3_KEY>).find((x) => SIZE3_KEY[x] === sub.size3);
  return g ? [g] : null;
}

/**
 * The block's model: counts x_<item>_<group>_<code> that add up to each group's N, with every
 * printed share and N and, with `orders`, every verbal order.
 * @example proximityModel(loadPublished(), { orders: true }).resolve({ variable: "techProximity", categories: [4, 5], subgroup: { funded: [1], size3: "large" } })
 */
export function proximityModel(entries: readonly PublishedEntry[], options: { orders: boolean }): BlockModel {
  const funded = fundedBySize(entries);
  const model = new IntegerModel();
  const cell = (item: string, g: SizeGroup | "all", c: number) => `x_${item}_${g}_${c}`;
  for (const item of ITEMS) {
    const groups: Array<SizeGroup | "all"> = BY_SIZE.has(item) ? [...SIZE_GROUPS] : ["all"];
    for (const g of groups) {
      const n = g === "all" ? SIZE_GROUPS.reduce((s, x) => s + funded[x], 0) : funded[g];
      for (const c of CODES) model.int(cell(item, g, c), 0, n);
      model.equal(lin(CODES.map((c) => [1, cell(item, g, c)] as const)), n, `${item} ${g}: the group's ${n} answers`);
    }
  }
  const resolve = (spec: ShareSpec): ShareExpr | null => {
    if (!(ITEMS as readonly string[]).includes(spec.variable)) return null;
    const groups = groupsOf(spec);
    if (!groups || !spec.categories.every((c) => CODES.includes(c))) return null;
    const parts: Array<SizeGroup | "all"> = BY_SIZE.has(spec.variable)
      ? groups
      : groups.length === SIZE_GROUPS.length
        ? ["all"]
        : [];
    if (!parts.length) return null;
    const n = parts.reduce((s, g) => s + (g === "all" ? SIZE_GROUPS.reduce((t, x) => t + funded[x], 0) : funded[g]), 0);
    return {
      k: lin(parts.flatMap((g) => spec.categories.map((c) => [1, cell(spec.variable, g, c)] as const))),
      n: lin([], n),
    };
  };
  const all = lin(
    [],
    SIZE_GROUPS.reduce((s, x) => s + funded[x], 0),
  );
  const sized = lin([], funded.MS + funded.M + funded.L);
  const b: BlockModel = {
    block: "proximity",
    readings: [],
    model,
    fixed: {},
    resolve,
    figureN: { "abb-01": all, "abb-02": all, "abb-03": sized, "abb-04": sized },
  };
  addPublished(b, entries, { orders: options.orders });
  return b;
}
