/**
 * Bars for multiple-response items: horizontal, one row per item (sorted by share), one bar per
 * series in a row (one series, or one per group), each bar with its 95% Wilson interval as an
 * error bar and its share written just past the interval's end, so that no whisker crosses a
 * label (a text trace per series, grouped like the bars).
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
 * Builds horizontal bars, grouped by item when there are several series.
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
  const bars = series.map((s, i) => {
    const empty = s.rows.length > 0 && s.rows.every((r) => r.base === 0);
    return {
      type: "bar",
      name: empty ? `${s.name} (n=0: ${cb.ui.noData![lang]})` : s.name,
      orientation: "h",
      offsetgroup: String(i),
      y: itemLabels,
      x: s.rows.map((r) => (Number.isFinite(r.percent) ? r.percent : 0)),
      error_x: errorBars(s.rows),
      marker: { color: s.color || groupColors[i % groupColors.length] },
      customdata: s.rows.map((r) => hoverData(r, lang, `${s.name} – `)),
      hovertemplate: hoverTemplate(cb, lang),
    };
  });
  // Each share at the end of its interval (or of its bar, where there is none), in the bar's row.
  const labels = series.map((s, i) => ({
    type: "scatter",
    // A fixed id: plotly.js names a scatter trace's SVG group after it, and would draw a random one.
    uid: `${def.id}-shares-${i}`,
    mode: "text",
    name: s.name,
    orientation: "h",
    offsetgroup: String(i),
    y: itemLabels,
    x: s.rows.map((r) => (Number.isFinite(r.ciHigh) ? r.ciHigh : Number.isFinite(r.percent) ? r.percent : 0)),
    // An en space keeps the label off the interval's end cap.
    text: s.rows.map((r) => `\u2002${r.smallBase ? "⚠ " : ""}${pct(r.percent, lang)}`),
    textposition: "middle right",
    textfont: { size: 11, color: "#222" },
    cliponaxis: false,
    showlegend: false,
    hoverinfo: "skip",
  }));
  const layout = frameLayout(cb, def, lang, n, {
    any: series.some((s) => s.rows.some((r) => r.smallBase)),
    threshold,
  });
  Object.assign(layout, {
    width: 900,
    barmode: "group",
    scattermode: "group",
    xaxis: { title: { text: cb.ui.percentAxis![lang] }, range: [0, 100], gridcolor: "#eee" },
    yaxis: { title: { text: cb.ui.channelAxis![lang] }, automargin: true, autorange: "reversed" },
    ...(single
      ? { showlegend: false }
      : {
          legend: { orientation: "h", x: 0, y: 1.0, yanchor: "bottom", traceorder: "normal" },
          bargap: 0.25,
          bargroupgap: 0.05,
        }),
  });
  setPlotHeight(layout, single ? 45 * itemLabels.length + 40 : 24 * series.length * itemLabels.length + 60);
  return { data: [...bars, ...labels], layout, config: { displaylogo: false, responsive: true } };
}
