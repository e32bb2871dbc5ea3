/**
 * Abbildung 1–4 as an integer model: the funded organisations' answers on the five-point scale
 * to prior cooperation (national, international) and to technological and cultural proximity,
 * by size group. The size groups' Ns are the one split of Abb. 3/4's N (e.g. 20 + 5 + 5) and the
 * funded without a size; so every base is a constant and every comparison linear.
 */
import type { PublishedEntry, ShareSpec } from "../../data/published.js";
import { IntegerModel, lin, sumOf, type LinExpr } from "../../ilp/linear-model.js";
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
export function proximityModel(
  entries: readonly PublishedEntry[],
  options: { orders: boolean; textReadings?: readonly string[] },
): BlockModel {
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
  // national and international partners known before (top 2) by the same funded respondents:
  // how many said both (Abb. 1's paired comparison)
  const total = SIZE_GROUPS.reduce((t, x) => t + funded[x], 0);
  const top2 = (item: string) => lin([1, 2].map((c) => [1, cell(item, "all", c)] as const));
  model.int("j_prior_top2", 0, total);
  const both = lin([[1, "j_prior_top2"]]);
  for (const item of ["priorNational", "priorInternational"])
    model.atMost(
      sumOf([
        [1, both],
        [-1, top2(item)],
      ]),
      0,
      `both ≤ ${item} top 2`,
    );
  model.atMost(
    sumOf([
      [1, top2("priorNational")],
      [1, top2("priorInternational")],
      [-1, both],
    ]),
    total,
    "national or international top 2 ≤ N",
  );
  const resolvePair = (left: ShareSpec, right: ShareSpec): LinExpr[] | null => {
    const top = (x: ShareSpec, v: string) =>
      x.variable === v && x.categories.join() === "1,2" && groupsOf(x)?.length === SIZE_GROUPS.length;
    return top(left, "priorNational") && top(right, "priorInternational")
      ? [both, top2("priorNational"), top2("priorInternational"), lin([], total)]
      : null;
  };
  const all = lin([], total);
  const sized = lin([], funded.MS + funded.M + funded.L);
  const b: BlockModel = {
    block: "proximity",
    readings: [],
    model,
    fixed: {},
    resolve,
    resolvePair,
    figureN: { "abb-01": all, "abb-02": all, "abb-03": sized, "abb-04": sized },
  };
  addPublished(b, entries, { orders: options.orders, textReadings: options.textReadings });
  return b;
}
