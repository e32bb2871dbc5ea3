/**
 * Diverging stacked bars for 5-point Likert items: agreement to the right, disagreement to the
 * left, the neutral category centred on zero; one bar per item or per group.
 */
import type { Codebook, FigureDef, Lang } from "../../data/codebook.js";
import { scaleOf } from "../../data/codebook.js";
import { frameLayout, setPlotHeight } from "./layout.js";
import { likertColors, pct } from "./style.js";
import type { NumberRow, PlotlyFigure } from "./types.js";

/** Which rows of the numbers make one bar, and its label. */
export interface BarSpec {
  key: (r: NumberRow) => boolean;
  label: string;
}

/** Hover text shared by all bar kinds: count, base, share and interval. */
export function hoverTemplate(cb: Codebook, lang: Lang): string {
  const u = cb.ui;
  return `%{customdata[0]}<br>${u.count![lang]}: %{customdata[1]} / ${u.base![lang]}: %{customdata[2]}<br>${u.percent![lang]}: %{customdata[3]}<br>${u.ci![lang]}: %{customdata[4]}<extra></extra>`;
}

/** The customdata of one number row for `hoverTemplate`. */
export function hoverData(r: NumberRow, lang: Lang, extra = ""): string[] {
  if (r.suppressed) return [`${extra}${r.category}`, "–", String(r.base ?? "–"), "–", "–"];
  return [
    `${extra}${r.category}`,
    String(r.count),
    String(r.base),
    pct(r.percent, lang),
    `${pct(r.ciLow, lang)} – ${pct(r.ciHigh, lang)}`,
  ];
}

/**
 * The label of a bar with its base and, under the threshold, a warning sign; an empty bar says
 * so (`noData`, e.g. "keine Daten") instead of showing 0 % as if it were a result.
 * @example barLabel("Mittlere Unternehmen", 0, true, "keine Daten") // => "⚠ Mittlere Unternehmen (n=0: keine Daten)"
 */
export function barLabel(label: string, base: number, small: boolean, noData = ""): string {
  return `${small ? "⚠ " : ""}${label} (n=${base}${base === 0 && noData ? `: ${noData}` : ""})`;
}

/**
 * Builds the diverging chart. Bars are listed top to bottom in the order given.
 * @param rows - number rows with all five codes per bar.
 * @param n - the figure's N (shown in the title).
 */
export function likertDiverging(
  cb: Codebook,
  def: FigureDef,
  item: string,
  rows: NumberRow[],
  bars: BarSpec[],
  lang: Lang,
  n: number,
  threshold: number,
): PlotlyFigure {
  const codes = scaleOf(cb, item).values.map((v) => v.code);
  const neutralIndex = codes.indexOf(scaleOf(cb, item).neutral ?? 3);
  const perBar = bars.map((b) => {
    const rs = codes.map((c) => rows.find((r) => b.key(r) && r.code === c));
    if (rs.some((r) => !r)) throw new Error(`${def.id}: bar "${b.label}" lacks a category`);
    return rs as NumberRow[];
  });
  // left edge of each category: everything right of neutral's centre is agreement (codes before it)
  const starts = perBar.map((rs) => {
    const p = rs.map((r) => (Number.isFinite(r.percent) ? r.percent : 0));
    const left = -(p[neutralIndex]! / 2) - p.slice(neutralIndex + 1).reduce((s, x) => s + x, 0);
    const edges: number[] = [];
    let x = left;
    for (let i = codes.length - 1; i >= 0; i--) {
      edges[i] = x;
      x += p[i]!;
    }
    return edges;
  });
  const labels = perBar.map((rs, i) => barLabel(bars[i]!.label, rs[0]!.base, rs[0]!.smallBase, cb.ui.noData![lang]));
  const data = codes.map((_c, ci) => {
    const first = perBar[0]![ci]!;
    return {
      type: "bar",
      orientation: "h",
      name: first.category,
      legendrank: ci + 1,
      y: labels,
      x: perBar.map((rs) => (Number.isFinite(rs[ci]!.percent) ? rs[ci]!.percent : 0)),
      base: starts.map((e) => e[ci]),
      marker: { color: likertColors[ci], line: { color: "#ffffff", width: 1 } },
      text: perBar.map((rs) => (rs[ci]!.percent >= 5 ? pct(rs[ci]!.percent, lang).replace(" %", "") : "")),
      textposition: "inside",
      insidetextanchor: "middle",
      textfont: { size: 11, color: ci === 0 || ci === codes.length - 1 ? "#fff" : "#222" },
      customdata: perBar.map((rs) => hoverData(rs[ci]!, lang)),
      hovertemplate: hoverTemplate(cb, lang),
    };
  });
  const layout = frameLayout(cb, def, lang, n, { any: perBar.some((rs) => rs[0]!.smallBase), threshold });
  Object.assign(layout, {
    barmode: "overlay",
    bargap: 0.35,
    width: 900,
    legend: { orientation: "h", x: 0, y: 1.0, yanchor: "bottom", traceorder: "normal" },
    xaxis: {
      range: [-100, 100],
      tickvals: [-100, -75, -50, -25, 0, 25, 50, 75, 100],
      ticktext: ["100", "75", "50", "25", "0", "25", "50", "75", "100"],
      title: { text: cb.ui.percentAxis![lang] },
      zeroline: true,
      zerolinecolor: "#888",
      gridcolor: "#eee",
    },
    yaxis: { autorange: "reversed", automargin: true },
  });
  setPlotHeight(layout, 70 * bars.length + 60);
  return { data, layout, config: { displaylogo: false, responsive: true } };
}
