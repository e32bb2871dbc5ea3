/**
 * plotly.js carried inside a notebook's outputs, once per kernel session, so that figures draw
 * offline in every front end wherever the notebook and node_modules sit: the way plotly.py's
 * offline notebook renderer does it. A relative URL cannot work: front ends resolve it against
 * their own page (classic Notebook: require.js' /static/; JupyterLab: /lab/tree/…; exported
 * HTML: wherever the file was copied).
 *
 * The library output's script evaluates the bundle only when the page has no plotly.js yet,
 * with `define`, `require`, `module` and `exports` shadowed, so that require.js (classic
 * Notebook, nbconvert's HTML template) neither captures nor breaks it; then it draws every
 * figure that was shown before it arrived (front ends may render outputs out of order).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { MimeBundle } from "../format/nbformat-types.js";

/** One official plotly.js distribution. */
export interface PlotlyBundle {
  /** npm package name. */
  name: "plotly.js-cartesian-dist-min" | "plotly.js-dist-min";
  /** File inside the package. */
  file: string;
  /** Trace types it draws; null = every type. */
  traces: ReadonlySet<string> | null;
}

/** The bundles in order of preference (smallest first). */
export const PLOTLY_BUNDLES: readonly PlotlyBundle[] = [
  {
    name: "plotly.js-cartesian-dist-min",
    file: "plotly-cartesian.min.js",
    // The trace modules its README lists.
    traces: new Set([
      "bar",
      "box",
      "contour",
      "heatmap",
      "histogram",
      "histogram2d",
      "histogram2dcontour",
      "image",
      "pie",
      "scatter",
      "scatterternary",
      "violin",
    ]),
  },
  { name: "plotly.js-dist-min", file: "plotly.min.js", traces: null },
];

/** The global the library and the figures share on a page (queue of waiting figures, loaded bundle, error). */
export const PAGE_GLOBAL = "__interspinPlotly";

/**
 * The smallest bundle that draws every trace of the given figures ("scatter" when a trace names no type).
 * @example bundleFor([{ data: [{ type: "heatmap" }] }]).name // => "plotly.js-cartesian-dist-min"
 */
export function bundleFor(figures: readonly { data: readonly unknown[] }[]): PlotlyBundle {
  const types = figures.flatMap((f) => f.data.map((t) => String((t as { type?: unknown }).type ?? "scatter")));
  return PLOTLY_BUNDLES.find((b) => b.traces === null || types.every((t) => b.traces!.has(t)))!;
}

const require = createRequire(import.meta.url);
const sources = new Map<string, { text: string; version: string }>();

/**
 * The bundle's JavaScript, made safe to sit inside a `<script>` element, and its version.
 * `</script` and `<!--` (which would end or change how the HTML parser reads the element) are
 * written as `\x3C…`, which means the same inside the string and regular-expression literals
 * where the bundles have them.
 * @throws Error when the package is not installed.
 * @example bundleSource(PLOTLY_BUNDLES[0]).version // => "4.1.1"
 */
export function bundleSource(bundle: PlotlyBundle): { text: string; version: string } {
  let source = sources.get(bundle.name);
  if (!source) {
    const pkg = require(`${bundle.name}/package.json`) as { version: string };
    const raw = readFileSync(require.resolve(`${bundle.name}/${bundle.file}`), "utf8");
    source = { text: raw.replace(/<\/script/gi, "\\x3C/script").replace(/<!--/g, "\\x3C!--"), version: pkg.version };
    sources.set(bundle.name, source);
  }
  return source;
}

/**
 * The display bundle that puts plotly.js on the page: `text/html` with the library script, and
 * `text/plain` saying what it is. Evaluated at most once per page; an existing plotly.js is kept
 * unless it lacks a trace type this bundle adds (the full bundle after the cartesian one).
 * @example libraryBundle(PLOTLY_BUNDLES[0])["text/plain"] // => "plotly.js 4.1.1 (plotly.js-cartesian-dist-min) for the figures of this notebook, embedded for offline use"
 */
export function libraryBundle(bundle: PlotlyBundle): MimeBundle {
  const { text, version } = bundleSource(bundle);
  const full = bundle.traces === null;
  const html = `<div class="interspin-plotly-library" data-bundle="${bundle.name}" data-version="${version}" hidden></div>
<script type="text/javascript">
(function () {
  var g = window.${PAGE_GLOBAL} = window.${PAGE_GLOBAL} || { queue: [] };
  var have = window.Plotly && typeof window.Plotly.newPlot === "function";
  if (!have || (${full} && g.bundle === "plotly.js-cartesian-dist-min")) {
    var keep = window.moduleName;
    try {
      (function (define, require, module, exports) {
${text}
      }).call(window);
      g.bundle = "${bundle.name}";
      g.error = undefined;
    } catch (e) {
      g.error = "plotly.js ${version}: " + (e && e.message ? e.message : e);
    }
    // The bundle's UMD header also assigns its module to the global "moduleName".
    if (keep === undefined) delete window.moduleName; else window.moduleName = keep;
  } else if (g.bundle === undefined) {
    g.bundle = "page";
  }
  var waiting = g.queue.splice(0, g.queue.length);
  for (var i = 0; i < waiting.length; i++) waiting[i]();
})();
</script>`;
  return {
    "text/html": html,
    "text/plain": `plotly.js ${version} (${bundle.name}) for the figures of this notebook, embedded for offline use`,
  };
}
