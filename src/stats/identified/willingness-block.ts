/**
 * Abbildung 5 with Anhang 2/3 as an integer model: in each size group, how many respondents are
 * willing to share inside and outside the cluster (both, inside only, outside only, neither).
 * The report prints shares of medium and large firms; so that "micro and small firms are the
 * most willing" and "large firms the least" are linear, the model is split into sub-cases, one
 * per combination of (N, inside, outside) counts of the medium and the large firms that their
 * own printed shares allow.
 */
import type { PublishedEntry, ShareSpec } from "../../data/published.js";
import { IntegerModel, lin, sumOf, type Assignment } from "../../ilp/linear-model.js";
import type { Solver } from "../../ilp/solver.js";
import type { ShareExpr } from "../../ilp/share-constraints.js";
import { addOrder, addPublished, claimInBlock, type BlockModel } from "./block.js";
import { addSample, SIZE_GROUPS, sizeGroupsOf, type KmuReading, type SizeGroup } from "./sample-block.js";

const ITEMS = { shareInside: "i", shareOutside: "o" } as const;
const TOP2 = "1,2";

/** Groups whose counts are fixed in each sub-case. */
const PIVOTED: readonly SizeGroup[] = ["M", "L"];

/** The base model of the block (no sub-case fixed, no verbal orders). */
function baseModel(
  entries: readonly PublishedEntry[],
  reading: KmuReading,
  needs: Partial<Record<SizeGroup, number>>,
): BlockModel {
  const model = new IntegerModel();
  const sample = addSample(model, entries, reading, needs);
  const max = 158;
  for (const g of SIZE_GROUPS) {
    for (const cell of ["a", "b", "c", "d"]) model.int(`w${cell}_${g}`, 0, max);
    model.int(`n_${g}`, 0, max);
    model.int(`i_${g}`, 0, max);
    model.int(`o_${g}`, 0, max);
    const c = (x: string) => [1, `w${x}_${g}`] as const;
    model.equal(
      lin([[1, `n_${g}`], ...[c("a"), c("b"), c("c"), c("d")].map(([f, x]) => [-f, x] as const)]),
      0,
      `willingness ${g}: N = all four cells`,
    );
    model.equal(
      lin([
        [1, `i_${g}`],
        [-1, `wa_${g}`],
        [-1, `wb_${g}`],
      ]),
      0,
      `willingness ${g}: inside = both + inside only`,
    );
    model.equal(
      lin([
        [1, `o_${g}`],
        [-1, `wa_${g}`],
        [-1, `wc_${g}`],
      ]),
      0,
      `willingness ${g}: outside = both + outside only`,
    );
    model.atMost(
      sumOf([
        [1, lin([[1, `n_${g}`]])],
        [-1, sample.size[g]],
      ]),
      0,
      `willingness ${g}: N ≤ respondents of the size group`,
    );
  }
  model.int("c_all", 0, max);
  model.equal(lin([[1, "c_all"], ...SIZE_GROUPS.map((g) => [-1, `wc_${g}`] as const)]), 0, "outside only, all groups");
  const total = (x: string) => lin(SIZE_GROUPS.map((g) => [1, `${x}_${g}`] as const));
  const resolve = (spec: ShareSpec): ShareExpr | null => {
    const x = ITEMS[spec.variable as keyof typeof ITEMS];
    const groups = sizeGroupsOf(spec);
    if (!x || !groups || spec.categories.join() !== TOP2) return null;
    return { k: lin(groups.map((g) => [1, `${x}_${g}`] as const)), n: lin(groups.map((g) => [1, `n_${g}`] as const)) };
  };
  const resolvePair = (left: ShareSpec, right: ShareSpec) => {
    const l = resolve(left);
    const r = resolve(right);
    if (
      !l ||
      !r ||
      left.subgroup ||
      right.subgroup ||
      left.variable !== "shareInside" ||
      right.variable !== "shareOutside"
    )
      return null;
    return [total("wa"), l.k, r.k, l.n];
  };
  return {
    block: "willingness",
    readings: [reading],
    model,
    fixed: {},
    resolve,
    resolvePair,
    figureN: { "abb-05": total("n") },
  };
}

/** Every (N, inside, outside) of a pivoted group that satisfies the constraints on those three alone. */
function groupOptions(b: BlockModel, g: SizeGroup): Assignment[] {
  const out: Assignment[] = [];
  const { lo, hi } = b.model.boundsOf(`n_${g}`);
  for (let n = Math.max(lo, 1); n <= hi; n++) {
    if (b.model.violated({ [`n_${g}`]: n }).length) continue;
    for (let i = 0; i <= n; i++) {
      if (b.model.violated({ [`n_${g}`]: n, [`i_${g}`]: i }).length) continue;
      for (let o = 0; o <= n; o++) {
        const a = { [`n_${g}`]: n, [`i_${g}`]: i, [`o_${g}`]: o };
        if (!b.model.violated(a).length) out.push(a);
      }
    }
  }
  return out;
}

/**
 * The block's models: one per KMU reading and sub-case that has a consistent dataset.
 * @param orders - add the report's verbal orders (false: the printed numbers only)
 * @param needs - lower bounds on the size groups from other blocks
 * @example willingnessModels(solver, loadPublished(), { orders: true }).length // => the feasible sub-cases
 */
export function willingnessModels(
  solver: Solver,
  entries: readonly PublishedEntry[],
  options: { orders: boolean; needs?: Partial<Record<SizeGroup, number>>; readings: readonly KmuReading[] },
): BlockModel[] {
  const out: BlockModel[] = [];
  for (const reading of options.readings) {
    const base = baseModel(entries, reading, options.needs ?? {});
    addPublished(base, entries, { orders: false });
    const [first, second] = PIVOTED.map((g) => groupOptions(base, g)) as [Assignment[], Assignment[]];
    for (const p of first) {
      for (const q of second) {
        const fixed = { ...p, ...q };
        const model = base.model.with(fixed, (m) => {
          if (!options.orders) return;
          for (const e of entries)
            if (e.kind === "order" && e.claim && claimInBlock(base, e.claim))
              addOrder({ ...base, fixed }, e.claim, e.id, m);
        });
        if (!solver.feasible(model)) continue;
        out.push({ ...base, model, fixed });
      }
    }
  }
  return out;
}

/** The smallest base each size group needs in this block (for the other blocks' sample). */
export function willingnessNeeds(solver: Solver, models: readonly BlockModel[]): Partial<Record<SizeGroup, number>> {
  const needs: Partial<Record<SizeGroup, number>> = {};
  for (const g of SIZE_GROUPS) {
    const mins = models.map((b) => solver.minimize(b.model, lin([[1, `n_${g}`]]))?.value ?? Infinity);
    needs[g] = Math.min(...mins);
  }
  return needs;
}
