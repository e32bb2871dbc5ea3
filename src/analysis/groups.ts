/**
 * Grouping respondents for a figure: by a codebook grouping (`size3`), by a single-choice
 * variable (`actorGroup`), or not at all (one group, "all").
 */
import type { ColumnTable as Table } from "arquero";
import { grouping, scaleOf, type Codebook, type Lang } from "../data/codebook.js";
import { col, inCodes } from "./expr.js";

/** The key of the single group used when a figure is not grouped. */
export const ALL = "all";

/** A group's key and its label. */
export interface GroupInfo {
  key: string;
  label: string;
}

/**
 * The groups of `groupBy` in display order, labelled in `lang`.
 * @example groupsOf(cb, "size3", "de").map((g) => g.key) // => ["microSmall", "medium", "large"]
 */
export function groupsOf(cb: Codebook, groupBy: string | undefined, lang: Lang): GroupInfo[] {
  if (!groupBy) return [{ key: ALL, label: cb.ui.all![lang] }];
  if (cb.groupings[groupBy]) return grouping(cb, groupBy).groups.map((g) => ({ key: g.key, label: g.label[lang] }));
  return scaleOf(cb, groupBy).values.map((v) => ({ key: v.key, label: v.label[lang] }));
}

/**
 * Adds a text column `group` holding each row's group key (null where the row belongs to none,
 * e.g. size not given).
 * @example withGroup(table, cb, "size3").column("group") // group keys per row
 */
export function withGroup(table: Table, cb: Codebook, groupBy: string | undefined): Table {
  if (!groupBy) return table.derive({ group: `d => ${JSON.stringify(ALL)}` });
  const defs = cb.groupings[groupBy]
    ? grouping(cb, groupBy).groups.map((g) => ({ key: g.key, test: inCodes(grouping(cb, groupBy).variable, g.codes) }))
    : scaleOf(cb, groupBy).values.map((v) => ({ key: v.key, test: `${col(groupBy)} === ${v.code}` }));
  const expr = defs.reduceRight((acc, g) => `(${g.test} ? ${JSON.stringify(g.key)} : ${acc})`, "null");
  return table.derive({ group: `d => ${expr}` });
}
