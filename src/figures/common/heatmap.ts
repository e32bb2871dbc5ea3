/**
 * A heatmap of a multiple-response grid (information type × actor group): each cell the share
 * of respondents who ticked it.
 */
import type { Codebook, FigureDef, Lang } from "../../data/codebook.js";
import { scaleOf } from "../../data/codebook.js";
import { axisLabel, frameLayout, setPlotHeight } from "./layout.js";
import { heatColors, pct } from "./style.js";
import { hoverTemplate, hoverData } from "./likert-diverging.js";
import type { NumberRow, PlotlyFigure } from "./types.js";

/** Builds the heatmap for the codebook grid `gridKey` from its number rows. */
export function gridHeatmap(
  cb: Codebook,
  def: FigureDef,
  gridKey: string,
  rows: NumberRow[],
  lang: Lang,
  n: number,
  threshold: number,
): PlotlyFigure {
  const grid = cb.grids[gridKey];
  if (!grid?.topics || !grid.groups)
    throw new Error(`${def.id}: grid "${gridKey}" has no topics/groups in the codebook`);
  const groupLabels = grid.groups
    .map((g) => scaleOf(cb, "actorGroup").values.find((v) => v.key === g)!.label[lang])
    .map((l) => axisLabel(l));
  const cell = (t: string, g: string): NumberRow => {
    const r = rows.find((x) => x.item === `${gridKey}_${t}_${g}`);
    if (!r) throw new Error(`${def.id}: no number for ${gridKey}_${t}_${g}`);
    return r;
  };
  const z = grid.topics.map((t) => grid.groups!.map((g) => cell(t.key, g).percent));
  const data = [
    {
      type: "heatmap",
      x: groupLabels,
      y: grid.topics.map((t) => t.label[lang]),
      z,
      zmin: 0,
      zmax: 100,
      colorscale: heatColors,
      // The unit on every tick: a title "%" above the bar would sit on its top tick, "100".
      colorbar: { ticksuffix: " %", thickness: 14 },
      text: z.map((row) => row.map((v) => pct(v, lang))),
      texttemplate: "%{text}",
      textfont: { size: 12 },
      customdata: grid.topics.map((t) =>
        grid.groups!.map((g) => hoverData(cell(t.key, g), lang, `${t.label[lang]} – `)),
      ),
      hovertemplate: hoverTemplate(cb, lang),
      xgap: 2,
      ygap: 2,
    },
  ];
  const layout = frameLayout(cb, def, lang, n, { any: rows.some((r) => r.smallBase), threshold }, 20);
  Object.assign(layout, {
    // Wide enough that the longest one-word group label ("Forschungseinrichtungen/") does not run into its neighbours.
    width: 1000,
    xaxis: {
      title: { text: (grid.axis ?? cb.ui.actorGroupAxis!)[lang] },
      side: "bottom",
      tickangle: 0,
      tickfont: { size: 12 },
    },
    yaxis: { title: { text: cb.ui.topic![lang] }, autorange: "reversed", automargin: true },
  });
  setPlotHeight(layout, 320);
  return { data, layout, config: { displaylogo: false, responsive: true } };
}
