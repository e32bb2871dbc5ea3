/**
 * Chapter 2's figure: the sample's composition by organisation size (EU definition), as
 * shares of the organisations that gave their size, with 95% Wilson intervals.
 */
import type { ColumnTable } from "arquero";
import { loadCodebook, scaleOf, type Codebook } from "../data/codebook.js";
import { counts } from "../analysis/shares.js";
import { wilson } from "../stats/wilson.js";
import { shareBars } from "./common/bars.js";
import { figureDefaults, type FigureOptions, type NumberRow, type PlotlyFigure } from "./common/types.js";
import { groupColors } from "./common/style.js";

/**
 * The sample figure's definition (it has no entry in the codebook's figures: chapter 2 shows it
 * without a number).
 * @example sampleDef(loadCodebook()).chapter // => "02"
 */
export function sampleDef(cb: Codebook) {
  return {
    id: "sample",
    number: cb.ui.sampleNumber!,
    caption: cb.ui.sampleTitle!,
    kind: "multiple" as const,
    base: {},
    statedN: null,
    chapter: "02",
    source: cb.ui.source!,
  };
}

/**
 * Builds the size-composition bar chart.
 * @example sampleFigure(survey()).layout.meta.n // => 143
 */
export function sampleFigure(table: ColumnTable, options: Partial<FigureOptions> = {}): PlotlyFigure {
  const o = { ...figureDefaults, ...options };
  const cb = o.codebook ?? loadCodebook();
  const sized = counts(table.filter("d => d.sizeClass > 0"), cb, "sizeClass").objects() as {
    code: number;
    count: number;
    base: number;
    percent: number;
  }[];
  const values = scaleOf(cb, "sizeClass").values;
  const rows: NumberRow[] = sized.map((s) => {
    const v = values.find((x) => x.code === s.code)!;
    const ci = wilson(s.count, s.base);
    return {
      figure: "sample",
      group: "all",
      groupLabel: cb.ui.all![o.lang],
      item: "sizeClass",
      itemLabel: v.label[o.lang],
      code: s.code,
      category: v.label[o.lang],
      count: s.count,
      base: s.base,
      percent: s.percent,
      ciLow: ci.low,
      ciHigh: ci.high,
      smallBase: s.base < o.smallBase,
    };
  });
  const n = rows[0]?.base ?? 0;
  const def = sampleDef(cb);
  const fig = shareBars(
    cb,
    def,
    [{ name: cb.ui.all![o.lang], rows, color: groupColors[0]! }],
    rows.map((r) => r.itemLabel),
    o.lang,
    n,
    o.smallBase,
  );
  (fig.layout.yaxis as { title: { text: string } }).title.text = cb.variables.find(
    (v) => v.name === "sizeClass",
  )!.question[o.lang];
  return fig;
}
