/**
 * Abbildung 5 with Anhang 2/3 as an integer model: in each size group, how many respondents are
 * willing to share inside and outside the cluster (both, inside only, outside only, neither).
 * The report prints shares of medium and large firms; so that "micro and small firms are the
 * most willing" and "large firms the least" are linear, the model is split into sub-cases, one
 * per combination of (N, inside, outside) counts of the medium and the large firms that their
 * own printed shares allow.
 *
 * Without the shared base (Anhang 2 and 3 on bases of their own per size group), each item
 * has its own base in each group and no joint cells; the sub-cases fix the counts of one item
 * only, so they stay few, and the other item's orders, which would need its own sub-cases, are
 * left out (a larger set).
 */
import type { PublishedEntry, ShareSpec } from "../../data/published.js";
import { IntegerModel, lin, sumOf, type Assignment, type LinExpr } from "../../ilp/linear-model.js";
import type { Solver } from "../../ilp/solver.js";
import { BilinearComparisonError, type ShareExpr } from "../../ilp/share-constraints.js";
import {
  addOrder,
  addPublished,
  addStatement,
  applies,
  claimInBlock,
  statementInBlock,
  type BlockModel,
} from "./block.js";
import { addSample, SIZE_GROUPS, sizeGroupsOf, type KmuReading, type SizeGroup } from "./sample-block.js";

/** The block's items: willing inside ("i") and outside ("o") the cluster. */
export type WillingnessItem = "i" | "o";
const ITEMS: Record<string, WillingnessItem> = { shareInside: "i", shareOutside: "o" };
const TOP2 = "1,2";

/** Groups whose counts are fixed in each sub-case. */
const PIVOTED: readonly SizeGroup[] = ["M", "L"];

/** Options of {@link willingnessModels}. */
export interface WillingnessOptions {
  /** Add the report's verbal orders (false: the printed numbers only). */
  orders: boolean;
  /** Lower bounds on the size groups from other blocks. */
  needs?: Partial<Record<SizeGroup, number>>;
  readings: readonly KmuReading[];
  /** One base per size group for both items, as Anhang 2 and 3 show the same respondents (default true). */
  sharedBase?: boolean;
  /** Without a shared base: the item whose counts the sub-cases fix (the other item's orders are left out). */
  item?: WillingnessItem;
  /** Kapitel 2's shares bound the size classes (default true). */
  sampleShares?: boolean;
  /** Optional readings of the text to apply (numbers.json `optional`). */
  textReadings?: readonly string[];
  /** Entries kept "within one respondent" whatever their range allows (see addPublished). */
  repaired?: readonly string[];
}

/** The base model of the block (no sub-case fixed, no verbal orders). */
function baseModel(entries: readonly PublishedEntry[], reading: KmuReading, o: WillingnessOptions): BlockModel {
  const model = new IntegerModel();
  const sample = addSample(model, entries, reading, o.needs ?? {}, { shares: o.sampleShares ?? true });
  const max = 158;
  const shared = o.sharedBase ?? true;
  const items: WillingnessItem[] = ["i", "o"];
  const base = (x: WillingnessItem, g: SizeGroup) => (shared ? `n_${g}` : `n${x}_${g}`);
  const atMostSize = (e: LinExpr, g: SizeGroup, what: string) =>
    model.atMost(
      sumOf([
        [1, e],
        [-1, sample.size[g]],
      ]),
      0,
      `willingness ${g}: ${what} ≤ respondents of the size group`,
    );
  for (const g of SIZE_GROUPS) {
    for (const x of items) model.int(`${x}_${g}`, 0, max);
    if (!shared) {
      for (const x of items) {
        model.int(base(x, g), 0, max);
        model.atMost(
          lin([
            [1, `${x}_${g}`],
            [-1, base(x, g)],
          ]),
          0,
          `willingness ${g}: ${x} ≤ its base`,
        );
        atMostSize(lin([[1, base(x, g)]]), g, `base of ${x}`);
      }
      continue;
    }
    for (const cell of ["a", "b", "c", "d"]) model.int(`w${cell}_${g}`, 0, max);
    model.int(`n_${g}`, 0, max);
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
    atMostSize(lin([[1, `n_${g}`]]), g, "N");
  }
  if (shared) {
    model.int("c_all", 0, max);
    model.equal(
      lin([[1, "c_all"], ...SIZE_GROUPS.map((g) => [-1, `wc_${g}`] as const)]),
      0,
      "outside only, all groups",
    );
  }
  const total = (x: string) => lin(SIZE_GROUPS.map((g) => [1, `${x}_${g}`] as const));
  const resolve = (spec: ShareSpec): ShareExpr | null => {
    const x = ITEMS[spec.variable];
    const groups = sizeGroupsOf(spec);
    if (!x || !items.includes(x) || !groups || spec.categories.join() !== TOP2) return null;
    return {
      k: lin(groups.map((g) => [1, `${x}_${g}`] as const)),
      n: lin(groups.map((g) => [1, base(x, g)] as const)),
    };
  };
  const resolvePair = (left: ShareSpec, right: ShareSpec) => {
    const l = resolve(left);
    const r = resolve(right);
    if (
      !shared ||
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
    figureN: { "abb-05": shared ? total("n") : total("ni") },
  };
}

/** The pivot variables of a group: its base, then the counts on that base. */
function pivotChains(o: WillingnessOptions, g: SizeGroup): Array<[string, ...string[]]> {
  if (o.sharedBase ?? true) return [[`n_${g}`, `i_${g}`, `o_${g}`]];
  const x = o.item ?? "i";
  return [[`n${x}_${g}`, `${x}_${g}`]];
}

/** Every assignment of a group's pivot variables that satisfies the constraints on them alone. */
function groupOptions(b: BlockModel, chains: ReadonlyArray<readonly string[]>): Assignment[] {
  const out: Assignment[] = [];
  const vars = chains.flatMap((chain) => chain.map((v, i) => ({ v, base: i === 0 ? null : chain[0]! })));
  const walk = (j: number, acc: Record<string, number>): void => {
    if (j === vars.length) {
      out.push({ ...acc });
      return;
    }
    const { v, base } = vars[j]!;
    const { lo, hi } = b.model.boundsOf(v);
    const top = base === null ? hi : Math.min(hi, acc[base]!);
    for (let x = base === null ? Math.max(lo, 1) : Math.max(lo, 0); x <= top; x++) {
      acc[v] = x;
      if (!b.model.violated(acc).length) walk(j + 1, acc);
    }
    delete acc[v];
  };
  walk(0, {});
  return out;
}

/**
 * The block's models: one per KMU reading and sub-case that has a consistent dataset.
 * @param options - orders (false: the printed numbers only), needs, readings, and the
 *   assumptions that can be dropped (shared base, Kapitel 2's shares)
 * @example willingnessModels(solver, loadPublished(), { orders: true, readings: KMU_READINGS }).length // => the feasible sub-cases
 */
export function willingnessModels(
  solver: Solver,
  entries: readonly PublishedEntry[],
  options: WillingnessOptions,
): BlockModel[] {
  return [...willingnessSubCases(solver, entries, options)];
}

/**
 * The block's models one at a time, smallest bases of the large firms first (so that a search
 * for a dataset can stop early): {@link willingnessModels} without building them all.
 */
export function* willingnessSubCases(
  solver: Solver,
  entries: readonly PublishedEntry[],
  options: WillingnessOptions,
): Generator<BlockModel> {
  for (const reading of options.readings) {
    const base = baseModel(entries, reading, options);
    addPublished(base, entries, { orders: false, textReadings: options.textReadings, repaired: options.repaired });
    const [first, second] = PIVOTED.map((g) => groupOptions(base, pivotChains(options, g))) as [
      Assignment[],
      Assignment[],
    ];
    const cases = first.flatMap((p) => second.map((q) => ({ ...p, ...q })));
    if (!(options.sharedBase ?? true)) {
      const size = (a: Assignment) => Object.entries(a).filter(([k]) => /^n\w?_L$/.test(k))[0]?.[1] ?? 0;
      cases.sort((a, b) => size(a) - size(b));
    }
    for (const fixed of cases) {
      const model = base.model.with(fixed, (m) => {
        if (!options.orders) return;
        for (const e of entries) {
          if (e.kind !== "order" || !e.claim || !applies(e, options.textReadings)) continue;
          if (claimInBlock(base, e.claim)) {
            // without the shared base, the orders of the item the sub-cases do not fix are left out
            try {
              addOrder({ ...base, fixed }, e.claim, e.id, m.with());
            } catch (err) {
              if (err instanceof BilinearComparisonError) continue;
              throw err;
            }
            addOrder({ ...base, fixed }, e.claim, e.id, m);
          } else if (statementInBlock(base, e.claim)) addStatement(base, e.claim, e.id, m);
        }
      });
      if (!solver.feasible(model)) continue;
      yield { ...base, model, fixed };
    }
  }
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
