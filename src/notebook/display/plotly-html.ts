import { html, raw, scriptJson, type Html } from "../../util/html.js";
import { PAGE_GLOBAL } from "./plotly-library.js";
import { sha256 } from "../../node/hash.js";

/** A Plotly figure as plain JSON (the builders' `PlotlyFigure` fits). */
export interface FigureJson {
  data: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** The texts a figure box can show, in the figure's language. */
export interface FigureMessages {
  /** Under the static picture, or alone when there is none. */
  staticNote: string;
  /** While plotly.js has not arrived on the page. */
  waiting: string;
  /** When plotly.js did not arrive (the library output is not on the page). */
  missing: string;
  /** Before the reason, when plotly.js failed to start or to draw. */
  failed: string;
}

/** Options of {@link plotlyHtml}. */
export interface PlotlyHtmlOptions {
  /** Element id of the figure's box; default derived from the figure's content. */
  divId?: string;
  /** One line naming the figure (title and N), shown before any script runs. */
  summary?: string;
  /** A static rendering (PNG bytes) shown until the chart is drawn; its CSS size is the figure's. */
  png?: Uint8Array;
  /** The texts of the box (default English, see DEFAULT_MESSAGES). */
  messages?: FigureMessages;
  /** Milliseconds to wait for plotly.js before saying it is missing (default 15000). */
  waitMs?: number;
}

/** The English texts; notebooks pass their language's from the codebook. */
export const DEFAULT_MESSAGES: FigureMessages = {
  staticNote: "The interactive chart appears when the notebook is trusted and its cells have run.",
  waiting: "Loading plotly.js …",
  missing:
    "plotly.js is not on this page: it travels with the first figure output of a kernel session. Restart the kernel and run all cells.",
  failed: "The chart could not be drawn: ",
};

/**
 * A deterministic element id for a figure: "plotly-" and 10 hex digits of the figure's hash.
 * @example figureDivId({ data: [] }) // => "plotly-" followed by 10 hex digits, the same on every run
 */
export function figureDivId(figure: FigureJson): string {
  return `plotly-${sha256(JSON.stringify(figure)).slice(0, 10)}`;
}

/** The figure's size in CSS pixels (Plotly's defaults where the layout sets none). */
export function figureSize(figure: FigureJson): { width: number | undefined; height: number } {
  const { width, height } = figure.layout ?? {};
  return { width: typeof width === "number" ? width : undefined, height: typeof height === "number" ? height : 450 };
}

function staticPart(options: PlotlyHtmlOptions, figure: FigureJson, messages: FigureMessages): Html {
  const { width } = figureSize(figure);
  const summary = options.summary ?? "";
  const img =
    options.png &&
    html`<img src="data:image/png;base64,${Buffer.from(options.png).toString("base64")}" alt="${summary}"${width ? html` width="${width}"` : ""} style="max-width: 100%; height: auto;">`;
  const note = [summary, messages.staticNote].filter(Boolean).join(" – ");
  return html`<div class="interspin-figure-static">${img}<p class="interspin-figure-note">${note}</p></div>`;
}

/**
 * A box and a script that draws the figure into it once plotly.js is on the page. The figure
 * JSON sits inside the script with `<`, `>` and `&` written as \u escapes, so no label can end
 * the script element.
 * @example plotlyHtml({ data: [], layout: { height: 300 } }, { divId: "f1" }).startsWith('<div id="f1"') // => true
 */
export function plotlyHtml(figure: FigureJson, options: PlotlyHtmlOptions = {}): string {
  const id = options.divId ?? figureDivId(figure);
  const messages = options.messages ?? DEFAULT_MESSAGES;
  const { height } = figureSize(figure);
  const spec = { data: figure.data, layout: figure.layout ?? {}, config: figure.config ?? {} };
  const json = (v: unknown) => raw(scriptJson(v));
  return html`<div id="${id}" class="interspin-figure">${staticPart(options, figure, messages)}</div>
<script type="text/javascript">
(function () {
  var id = ${json(id)}, fig = ${json(spec)}, text = ${json(messages)}, height = ${json(height)}, waitMs = ${json(options.waitMs ?? 15000)};
  var box = document.getElementById(id);
  if (!box) return;
  var g = window.${raw(PAGE_GLOBAL)} = window.${raw(PAGE_GLOBAL)} || { queue: [] };
  var state = "waiting";
  function say(message) {
    var p = box.querySelector(".interspin-figure-note");
    if (!p) { p = document.createElement("p"); p.className = "interspin-figure-note"; box.appendChild(p); }
    p.textContent = message;
    p.style.color = state === "failed" ? "#b2182b" : "";
  }
  function fail(reason) { state = "failed"; say(text.failed + reason); }
  function draw() {
    if (state === "drawn" || state === "drawing") return;
    if (g.error) { fail(g.error); return; }
    var P = window.Plotly;
    if (!P || typeof P.newPlot !== "function") return;
    state = "drawing";
    var plot = document.createElement("div");
    plot.className = "interspin-plotly";
    plot.style.width = "100%";
    plot.style.height = height + "px";
    box.appendChild(plot);
    try {
      Promise.resolve(P.newPlot(plot, fig.data, fig.layout, fig.config)).then(function () {
        state = "drawn";
        var still = box.querySelector(".interspin-figure-static");
        if (still) box.removeChild(still);
      }, function (e) { box.removeChild(plot); fail(e && e.message ? e.message : String(e)); });
    } catch (e) {
      box.removeChild(plot);
      fail(e && e.message ? e.message : String(e));
    }
  }
  draw();
  if (state !== "waiting") return;
  say(text.waiting);
  g.queue.push(draw);
  setTimeout(function () { if (state === "waiting") say(text.missing); }, waitMs);
})();
</script>`.text;
}
