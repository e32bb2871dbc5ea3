/**
 * Redrawing a figure with groups of one's own: a seminar exercise regroups the size classes of
 * Abbildung 3 (e.g. all SMEs against large enterprises) without touching the codebook file.
 */
import type { ColumnTable } from "arquero";
import { loadCodebook, figureDef, scaleOf, type Codebook, type Label } from "../data/codebook.js";
import { figureBuilder } from "../figures/index.js";
import type { FigureOptions, PlotlyFigure } from "../figures/common/types.js";
import { InterspinError } from "../util/errors.js";

/** A group of one's own: which size classes (codes) it joins, and its label. */
export interface CustomGroup {
  key: string;
  codes: number[];
  label: Label | string;
}

/** Raised when the groups overlap or name codes the size classes do not have. */
export class RegroupError extends InterspinError {
  override name = "RegroupError";
}

/**
 * A copy of the codebook in which figure `id` is grouped by `groups` of `sizeClass` codes.
 * @throws RegroupError for an unknown code, a code in two groups, or no groups.
 */
export function regroupedCodebook(id: string, groups: CustomGroup[], cb: Codebook = loadCodebook()): Codebook {
  const known = scaleOf(cb, "sizeClass").values.map((v) => v.code);
  if (!groups.length) throw new RegroupError("give at least one group");
  const seen = new Set<number>();
  for (const g of groups) {
    for (const c of g.codes) {
      if (!known.includes(c))
        throw new RegroupError(`group "${g.key}": size class ${c} does not exist (known: ${known.join(", ")})`);
      if (seen.has(c)) throw new RegroupError(`size class ${c} is in two groups`);
      seen.add(c);
    }
  }
  const label = (l: Label | string): Label => (typeof l === "string" ? { de: l, en: l } : l);
  const custom = {
    variable: "sizeClass",
    label: cb.groupings.size3!.label,
    groups: groups.map((g) => ({ key: g.key, codes: g.codes, label: label(g.label) })),
  };
  const figures = cb.figures.map((f) => (f.id === figureDef(cb, id).id ? { ...f, groupBy: "custom" } : f));
  return { ...cb, groupings: { ...cb.groupings, custom }, figures };
}

/**
 * Figure `id` (a figure grouped by size, such as "abb-03") drawn with groups of one's own.
 * @example regroupedFigure("abb-03", survey(), [{ key: "sme", codes: [1, 2, 3], label: "KMU" }, { key: "large", codes: [4], label: "GU" }]).data[0].y.length // => 2
 */
export function regroupedFigure(
  id: string,
  table: ColumnTable,
  groups: CustomGroup[],
  options: Partial<FigureOptions> = {},
): PlotlyFigure {
  return figureBuilder(id).build(table, { ...options, codebook: regroupedCodebook(id, groups, options.codebook) });
}
