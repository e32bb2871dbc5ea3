/**
 * A standalone, offline HTML page for one figure. plotly.js is loaded from a file beside the
 * page (shared by all figures), never from a CDN and never inlined.
 */
import type { PlotlyFigure } from "../figures/common/types.js";
import { html, raw, scriptJson } from "../util/html.js";

/**
 * The page's HTML.
 * @param plotlySrc - relative URL of plotly.min.js, e.g. "plotly.min.js".
 * @example figurePage(fig, "plotly.min.js").startsWith("<!DOCTYPE html>") // => true
 */
export function figurePage(fig: PlotlyFigure, plotlySrc: string): string {
  const meta = fig.layout.meta;
  return html`<!DOCTYPE html>
<html lang="${meta.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title}</title>
<script src="${plotlySrc}"></script>
<style>body{margin:16px;font-family:Arial,Helvetica,sans-serif}#missing{color:#b2182b}</style>
</head>
<body>
<div id="figure"></div>
<p id="missing" hidden>plotly.js was not found next to this page (${plotlySrc}).</p>
<script type="application/json" id="spec">${raw(scriptJson(fig))}</script>
<script>
(function () {
  var spec = JSON.parse(document.getElementById("spec").textContent);
  if (!window.Plotly) { document.getElementById("missing").hidden = false; return; }
  window.PLOTLY_DONE = Plotly.newPlot("figure", spec.data, spec.layout, spec.config);
})();
</script>
</body>
</html>
`.text;
}
