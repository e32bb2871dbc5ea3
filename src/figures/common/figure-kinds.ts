/**
 * The three kinds of figure in the report, each a factory that turns a codebook figure
 * definition into a builder: Likert items (diverging bars, by item or by group), multiple-
 * response grids (heatmap), and multiple-response items (bars, overall or by group).
 */
import type { ColumnTable } from "arquero";
import { figureDef, loadCodebook, scaleOf, type Codebook, type FigureDef } from "../../data/codebook.js";
import { distribution } from "../../analysis/distribution.js";
import { shares } from "../../analysis/shares.js";
import { groupsOf } from "../../analysis/groups.js";
import { annotate, numberRows } from "./numbers.js";
import { likertDiverging } from "./likert-diverging.js";
import { gridHeatmap } from "./heatmap.js";
import { shareBars } from "./bars.js";
import { groupColors } from "./style.js";
import { fill } from "./layout.js";
import { suppressSmallCells } from "../../data/disclosure.js";
import { isOwnData, minCellOf } from "../../data/disclosure-policy.js";
import { markOwnData } from "./layout.js";
import { figureDefaults, type FigureOptions, type NumberRow, type PlotlyFigure } from "./types.js";
import { InterspinError } from "../../util/errors.js";

/** A figure builder: its report id, defaults, the numbers behind it, and the figure itself. */
export interface FigureBuilder {
  id: string;
  defaults: FigureOptions;
  /** The numbers behind every bar or cell, with labels and intervals. */
  numbers(table: ColumnTable, options?: Partial<FigureOptions>): ColumnTable;
  /** The Plotly figure. */
  build(table: ColumnTable, options?: Partial<FigureOptions>): PlotlyFigure;
}

/** Thrown when an option has a value the builders do not accept. */
export class FigureOptionError extends InterspinError {
  override name = "FigureOptionError";
}

function resolve(options: Partial<FigureOptions> = {}): FigureOptions & { codebook: Codebook } {
  const o = { ...figureDefaults, ...options };
  if (o.lang !== "de" && o.lang !== "en")
    throw new FigureOptionError(`invalid lang: "${String(o.lang)}" (expected "de" or "en")`);
  if (!(Number.isInteger(o.smallBase) && o.smallBase >= 0))
    throw new FigureOptionError(`invalid smallBase: ${o.smallBase} (expected a whole number ≥ 0)`);
  if (o.minCell !== undefined && !(Number.isInteger(o.minCell) && o.minCell >= 0))
    throw new FigureOptionError(`invalid minCell: ${o.minCell} (expected a whole number ≥ 0)`);
  return { ...o, codebook: o.codebook ?? loadCodebook() };
}

/** The figure's N: the largest base of an ungrouped figure, or the sum over groups. */
export function figureN(rows: NumberRow[]): number {
  const byGroup = new Map<string, number>();
  for (const r of rows) byGroup.set(r.group, Math.max(byGroup.get(r.group) ?? 0, r.base));
  return [...byGroup.values()].reduce((s, x) => s + x, 0);
}

function make(
  id: string,
  numbers: (t: ColumnTable, o: FigureOptions & { codebook: Codebook }, def: FigureDef) => ColumnTable,
  chart: (rows: NumberRow[], o: FigureOptions & { codebook: Codebook }, def: FigureDef) => PlotlyFigure,
): FigureBuilder {
  const protectedNumbers = (t: ColumnTable, o: FigureOptions & { codebook: Codebook }, def: FigureDef): ColumnTable => {
    const k = o.minCell ?? minCellOf(t);
    const raw = numbers(t, o, def);
    return k > 0 ? suppressSmallCells(raw, { k, figure: id }).table : raw;
  };
  return {
    id,
    defaults: figureDefaults,
    numbers: (t, options) => {
      const o = resolve(options);
      return protectedNumbers(t, o, figureDef(o.codebook, id));
    },
    build: (t, options) => {
      const o = resolve(options);
      const def = figureDef(o.codebook, id);
      const rows = numberRows(protectedNumbers(t, o, def));
      const fig = chart(rows, o, def);
      if (isOwnData(t)) markOwnData(fig, o.codebook, def, o.lang, fig.layout.meta.n);
      if (rows.some((r) => r.suppressed)) noteSuppression(fig, o.codebook, o.lang, o.minCell ?? minCellOf(t));
      return fig;
    },
  };
}

/** Adds the note that cells were suppressed to a figure's annotations. */
function noteSuppression(fig: PlotlyFigure, cb: Codebook, lang: FigureOptions["lang"], k: number): void {
  const notes = fig.layout.annotations as Record<string, unknown>[];
  const last = notes[notes.length - 1]!;
  notes.push({ ...last, text: `⚠ ${fill(cb.ui.suppressed![lang], { k })}`, yshift: (last.yshift as number) - 16 });
  (fig.layout.margin as { b: number }).b += 16;
  fig.layout.height = (fig.layout.height as number) + 16;
}

/**
 * A Likert figure: one bar per item, or per group when the definition has `groupBy`.
 * @example likertFigure("abb-01").build(survey).layout.meta.n // => 45
 */
export function likertFigure(id: string): FigureBuilder {
  return make(
    id,
    (t, o, def) => {
      const parts = (def.items ?? []).map((item) =>
        annotate(
          distribution(t, o.codebook, item, { filter: def.base, groupBy: def.groupBy }),
          id,
          o.codebook,
          o.lang,
          o.smallBase,
          def.groupBy,
        ),
      );
      return parts.reduce((a, b) => a.concat(b));
    },
    (rows, o, def) => {
      const item = def.items![0]!;
      const bars = def.groupBy
        ? groupsOf(o.codebook, def.groupBy, o.lang).map((g) => ({
            key: (r: NumberRow) => r.group === g.key,
            label: g.label,
          }))
        : def.items!.map((it) => ({
            key: (r: NumberRow) => r.item === it,
            label: rows.find((r) => r.item === it)!.itemLabel,
          }));
      return likertDiverging(o.codebook, def, item, rows, bars, o.lang, figureN(rows), o.smallBase);
    },
  );
}

/**
 * A multiple-response grid figure (information type × actor group) as a heatmap.
 * @example gridFigure("abb-06").numbers(survey).numRows() // => 16
 */
export function gridFigure(id: string): FigureBuilder {
  const items = (cb: Codebook, def: FigureDef): string[] =>
    cb.variables.filter((v) => v.grid?.question === def.grid).map((v) => v.name);
  return make(
    id,
    (t, o, def) =>
      annotate(
        shares(t, o.codebook, items(o.codebook, def), [1], { filter: def.base }),
        id,
        o.codebook,
        o.lang,
        o.smallBase,
      ),
    (rows, o, def) => gridHeatmap(o.codebook, def, def.grid!, rows, o.lang, figureN(rows), o.smallBase),
  );
}

/**
 * A multiple-response figure: bars sorted by the overall share, one series or one per group.
 * @example multipleFigure("abb-08").build(survey).data.map((t) => t.type) // => ["bar", "scatter"]
 */
export function multipleFigure(id: string): FigureBuilder {
  return make(
    id,
    (t, o, def) => {
      const overall = shares(t, o.codebook, def.items!, [1], { filter: def.base });
      const order = (overall.objects() as { item: string; percent: number }[])
        .map((r, i) => ({ ...r, i }))
        .sort((a, b) => b.percent - a.percent || a.i - b.i)
        .map((r) => r.item);
      return annotate(
        shares(t, o.codebook, order, [1], { filter: def.base, groupBy: def.groupBy }),
        id,
        o.codebook,
        o.lang,
        o.smallBase,
        def.groupBy,
      );
    },
    (rows, o, def) => {
      const groups = groupsOf(o.codebook, def.groupBy, o.lang);
      const series = groups.map((g, i) => ({
        name: g.label,
        rows: rows.filter((r) => r.group === g.key),
        color: groupColors[i % groupColors.length]!,
      }));
      const labels = series[0]!.rows.map((r) => r.itemLabel);
      return shareBars(o.codebook, def, series, labels, o.lang, figureN(rows), o.smallBase);
    },
  );
}

/** The scale codes of an item (for tests and exports). */
export function itemCodes(cb: Codebook, item: string): number[] {
  return scaleOf(cb, item).values.map((v) => v.code);
}
