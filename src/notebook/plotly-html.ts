/**
 * The text/html form of a Plotly figure inside a notebook output, drawn offline: plotly.js
 * is never inlined (4.8 MB in every output) and never taken from a CDN. The script uses
 * `window.Plotly` when the page has it; otherwise it loads the project's own copy from a
 * relative URL, through require.js when the page uses it (classic Jupyter Notebook), else
 * with one shared script tag. JupyterLab and VS Code do not need this: they render the
 * `application/vnd.plotly.v1+json` MIME type of the same output natively.
 */
import { createHash } from "node:crypto";
import { escapeHtml, scriptJson } from "../util/html.js";

/** A Plotly figure as plain JSON (the builders' `PlotlyFigure` fits). */
export interface FigureJson {
  data: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/**
 * Where the HTML loads plotly.js from when the page has no `window.Plotly`: relative to a
 * notebook in `notebooks/`, the project's own copy in node_modules.
 */
export const DEFAULT_PLOTLY_SRC = "../node_modules/plotly.js-dist-min/plotly.min.js";

/** Options of {@link plotlyHtml}. */
export interface PlotlyHtmlOptions {
  /** Relative URL of plotly.min.js; default {@link DEFAULT_PLOTLY_SRC}. */
  plotlySrc?: string;
  /** Element id of the figure's div; default derived from the figure's content. */
  divId?: string;
}

/**
 * A deterministic element id for a figure: "plotly-" and 10 hex digits of the figure's hash.
 * @example figureDivId({ data: [] }) // => "plotly-" followed by 10 hex digits, the same on every run
 */
export function figureDivId(figure: FigureJson): string {
  return `plotly-${createHash("sha256").update(JSON.stringify(figure)).digest("hex").slice(0, 10)}`;
}

/**
 * A div and a script that draws the figure. The figure JSON sits inside the script with `<`,
 * `>` and `&` written as \u escapes, so no label can end the script element.
 * @example plotlyHtml({ data: [], layout: { height: 300 } }, { divId: "f1" }).startsWith('<div id="f1"') // => true
 */
export function plotlyHtml(figure: FigureJson, options: PlotlyHtmlOptions = {}): string {
  const id = options.divId ?? figureDivId(figure);
  const height = typeof figure.layout?.height === "number" ? figure.layout.height : 450;
  const spec = { data: figure.data, layout: figure.layout ?? {}, config: figure.config ?? {} };
  return `<div id="${escapeHtml(id)}" class="interspin-plotly" style="width: 100%; height: ${height}px;"></div>
<script type="text/javascript">
(function () {
  var id = ${scriptJson(id)}, src = ${scriptJson(options.plotlySrc ?? DEFAULT_PLOTLY_SRC)}, fig = ${scriptJson(spec)};
  function draw(P) { P.newPlot(id, fig.data, fig.layout, fig.config); }
  function missing() { var el = document.getElementById(id); if (el) el.textContent = "plotly.js could not be loaded from " + src; }
  if (window.Plotly) { draw(window.Plotly); return; }
  if (typeof window.define === "function" && window.define.amd && typeof window.require === "function") {
    window.require.config({ paths: { "interspin-plotly": src.replace(/\\.js$/, "") } });
    window.require(["interspin-plotly"], function (P) { window.Plotly = P; draw(P); }, missing);
    return;
  }
  var tag = document.querySelector("script[data-interspin-plotly]");
  if (!tag) {
    tag = document.createElement("script");
    tag.src = src;
    tag.setAttribute("data-interspin-plotly", "");
    document.head.appendChild(tag);
  }
  tag.addEventListener("load", function () { draw(window.Plotly); });
  tag.addEventListener("error", missing);
})();
</script>`;
}
