/**
 * Bars for multiple-response items: one series (horizontal, sorted by share) or one series per
 * group (grouped bars), each bar with its 95% Wilson interval as an error bar.
 */
import type { Codebook, FigureDef, Lang } from "../../data/codebook.js";
import { frameLayout, setPlotHeight } from "./layout.js";
import { groupColors, pct } from "./style.js";
import { hoverTemplate, hoverData } from "./likert-diverging.js";
import type { NumberRow, PlotlyFigure } from "./types.js";

/** A series of bars: its name, its rows in item order, its colour. */
export interface Series {
  name: string;
  rows: NumberRow[];
  color: string;
}

function errorBars(rows: NumberRow[]): Record<string, unknown> {
  return {
    type: "data",
    symmetric: false,
    color: "#444",
    thickness: 1,
    width: 3,
    array: rows.map((r) => (Number.isFinite(r.ciHigh) ? r.ciHigh - r.percent : 0)),
    arrayminus: rows.map((r) => (Number.isFinite(r.ciLow) ? r.percent - r.ciLow : 0)),
  };
}

/**
 * Builds bars: horizontal for one series, vertical grouped bars for several.
 * @param itemLabels - category axis labels in item order (the same for every series).
 */
export function shareBars(
  cb: Codebook,
  def: FigureDef,
  series: Series[],
  itemLabels: string[],
  lang: Lang,
  n: number,
  threshold: number,
): PlotlyFigure {
  const single = series.length === 1;
  const data = series.map((s, i) => {
    const values = s.rows.map((r) => (Number.isFinite(r.percent) ? r.percent : 0));
    const labels = s.rows.map((r) => `${r.smallBase ? "⚠ " : ""}${pct(r.percent, lang)}`);
    const empty = s.rows.length > 0 && s.rows.every((r) => r.base === 0);
    return {
      type: "bar",
      name: empty ? `${s.name} (n=0: ${cb.ui.noData![lang]})` : s.name,
      orientation: single ? "h" : "v",
      [single ? "y" : "x"]: itemLabels,
      [single ? "x" : "y"]: values,
      [single ? "error_x" : "error_y"]: errorBars(s.rows),
      marker: { color: s.color || groupColors[i % groupColors.length] },
      text: labels,
      textposition: "outside",
      cliponaxis: false,
      textfont: { size: 11 },
      customdata: s.rows.map((r) => hoverData(r, lang, `${s.name} – `)),
      hovertemplate: hoverTemplate(cb, lang),
    };
  });
  const layout = frameLayout(
    cb,
    def,
    lang,
    n,
    { any: series.some((s) => s.rows.some((r) => r.smallBase)), threshold },
    single ? 0 : 60,
  );
  const pctAxis = { title: { text: cb.ui.percentAxis![lang] }, range: [0, 100], gridcolor: "#eee" };
  const catAxis = { title: { text: cb.ui.channelAxis![lang] }, automargin: true };
  Object.assign(
    layout,
    single
      ? { width: 900, xaxis: pctAxis, yaxis: { ...catAxis, autorange: "reversed" }, showlegend: false }
      : {
          width: 1000,
          barmode: "group",
          xaxis: { ...catAxis, tickangle: 0 },
          yaxis: pctAxis,
          legend: { orientation: "h", x: 0, y: 1.0, yanchor: "bottom" },
        },
  );
  setPlotHeight(layout, single ? 45 * itemLabels.length + 40 : 380);
  return { data, layout, config: { displaylogo: false, responsive: true } };
}
