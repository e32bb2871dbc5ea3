/**
 * Showing figures and tables from inside tslab notebook cells. Each call sends ONE
 * display_data with every representation a viewer might want:
 * - a figure: `application/vnd.plotly.v1+json` (rendered natively by VS Code and by JupyterLab
 *   with the plotly extension), `text/html` (a box that shows a static note or picture and is
 *   drawn by plotly.js, see plotly-html.ts), `image/png` when a rendering exists, `text/plain`;
 * - a table: escaped `text/html` and aligned `text/plain`.
 * Before the first figure of a kernel session, one more display_data carries plotly.js itself
 * (plotly-library.ts), so that figures draw offline in every front end.
 * Inside a kernel both return undefined, because tslab echoes a cell's last expression value
 * (a figure as a page of JSON); outside a kernel nothing is shown and the argument is returned.
 */
import { inKernel, sendDisplayData } from "./display-adapter.js";
import type { MimeBundle } from "../format/nbformat-types.js";
import { figureDivId, figureSize, plotlyHtml, type FigureJson } from "./plotly-html.js";
import { bundleFor, libraryBundle, PLOTLY_BUNDLES, type PlotlyBundle } from "./plotly-library.js";
import { figureLang, figureMessages } from "./figure-messages.js";
import { storedFigurePng } from "../../render/render-cache.js";
import { DEFAULT_TABLE_LIMIT, tableHtml, tableText, type TableLike } from "../../api/table-render.js";
import { perSession } from "../../util/session-scoped.js";
import type { Display } from "../../api/display.js";

export type { FigureJson } from "./plotly-html.js";
export type { TableLike } from "../../api/table-render.js";

/** The MIME type of Plotly figures in Jupyter. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** What the project writes into an output's metadata to recognise its own outputs later. */
export interface InterspinOutputMeta {
  kind: "figure" | "plotly-library";
  divId?: string;
}

/** Options of {@link show}. */
export interface ShowOptions {
  /**
   * A static PNG rendering to carry (default: the one `npm run report` stored for exactly this
   * figure, if any; a cell never starts a browser).
   */
  png?: Uint8Array;
}

// Per kernel session (a kernel the runner reuses begins a new one for each notebook): the same
// figure shown twice gets distinct, still deterministic, element ids, and the plotly.js bundle
// that was put into an output already.
const shown = perSession(() => ({ ids: new Map<string, number>(), library: undefined as PlotlyBundle | undefined }));

/**
 * A one-line description of a figure: its id, title and N from `layout.meta` (the figure
 * builders put them there), else the layout's title.
 * @example figureSummary({ data: [{}], layout: { meta: { id: "abb-06", title: "Informationen", n: 212 } } })
 * // => "Figure abb-06: Informationen (N = 212)"
 */
export function figureSummary(figure: FigureJson): string {
  const layout = figure.layout ?? {};
  const meta = (layout.meta ?? {}) as Record<string, unknown>;
  const rawTitle = layout.title as { text?: unknown } | string | undefined;
  const title = String(meta.title ?? (typeof rawTitle === "object" ? rawTitle?.text : rawTitle) ?? "")
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .trim();
  const head = typeof meta.id === "string" ? `Figure ${meta.id}` : "Figure";
  const n = typeof meta.n === "number" ? ` (N = ${meta.n})` : "";
  const traces = title || n ? "" : ` (${figure.data.length} traces)`;
  return `${head}${title ? `: ${title}` : ""}${n}${traces}`;
}

/**
 * The MIME bundle of a figure: Plotly JSON, the HTML box, the PNG when given, a plain-text summary.
 * @example Object.keys(figureBundle({ data: [] })) // => ["application/vnd.plotly.v1+json", "text/html", "text/plain"]
 */
export function figureBundle(figure: FigureJson, options: ShowOptions & { divId?: string } = {}): MimeBundle {
  const json = JSON.parse(
    JSON.stringify({ data: figure.data, layout: figure.layout ?? {}, config: figure.config ?? {} }),
  ) as FigureJson;
  const summary = figureSummary(json);
  const html = plotlyHtml(json, {
    divId: options.divId,
    summary,
    png: options.png,
    messages: figureMessages(figureLang(json)),
  });
  return {
    [PLOTLY_MIME]: json,
    "text/html": html,
    ...(options.png ? { "image/png": Buffer.from(options.png).toString("base64") } : {}),
    "text/plain": summary,
  };
}

/**
 * The metadata of a figure output: the PNG's CSS size (it is rendered at twice the size) and
 * the box id, so a later step can add a rendering and rebuild the same HTML.
 * @example figureOutputMetadata({ data: [], layout: { width: 900, height: 500 } }, "f1", true)["image/png"] // => { width: 900, height: 500 }
 */
export function figureOutputMetadata(figure: FigureJson, divId: string, withPng: boolean): Record<string, unknown> {
  const { width, height } = figureSize(figure);
  const interspin: InterspinOutputMeta = { kind: "figure", divId };
  return { ...(withPng ? { "image/png": width ? { width, height } : { height } } : {}), interspin };
}

/**
 * Puts plotly.js into this cell's output, once per call (a figure does so by itself before the
 * first figure of a kernel session). Use it after clearing the output that carried it.
 * @param full - the full bundle (every trace type) instead of the cartesian one (bar, heatmap, …).
 * @returns true when sent (inside a kernel).
 * @example showPlotlyLibrary() // => true in a kernel: a display_data with plotly.js 4.1.1
 */
export function showPlotlyLibrary(full = false): boolean {
  const bundle = full ? PLOTLY_BUNDLES[PLOTLY_BUNDLES.length - 1]! : PLOTLY_BUNDLES[0]!;
  const interspin: InterspinOutputMeta = { kind: "plotly-library" };
  const sent = sendDisplayData({ data: libraryBundle(bundle), metadata: { interspin } });
  if (sent) shown().library = bundle;
  return sent;
}

/**
 * Forgets that plotly.js was shown, as a kernel restart does: the next figure carries it again.
 * @example forgetShownLibrary() // => undefined
 */
export function forgetShownLibrary(): void {
  shown().library = undefined;
}

/**
 * Shows a Plotly figure in the notebook (one display_data with all representations; before the
 * first figure of a kernel session, plotly.js in one more display_data).
 * @returns undefined in a kernel (so the cell does not echo the figure), else the figure.
 * @example show(abb06(table, figureDefaults)) // displays Abbildung 6; outside a kernel: returns the figure
 */
export function show<F extends FigureJson>(figure: F, options: ShowOptions = {}): F | undefined {
  if (!inKernel()) return figure;
  const needed = bundleFor([figure]);
  const library = shown().library;
  if (!library || (needed.traces === null && library.traces !== null)) showPlotlyLibrary(needed.traces === null);
  const base = figureDivId(figure);
  const seen = shown().ids.get(base) ?? 0;
  shown().ids.set(base, seen + 1);
  const divId = seen === 0 ? base : `${base}-${seen}`;
  const png = options.png ?? storedFigurePng(figure);
  sendDisplayData({ data: figureBundle(figure, { divId, png }), metadata: figureOutputMetadata(figure, divId, !!png) });
  return undefined;
}

/**
 * The MIME bundle of a table: escaped HTML and aligned text, cut after `limit` rows.
 * @example tableBundle(aq.table({ a: [1] }))["text/plain"] // => "a\n-\n1\n"
 */
export function tableBundle(table: TableLike, limit = DEFAULT_TABLE_LIMIT): MimeBundle {
  return { "text/html": tableHtml(table, limit), "text/plain": tableText(table, limit) };
}

/**
 * Shows a table (an Arquero table, or anything with columnNames/numRows/objects).
 * @returns undefined in a kernel (so the cell does not echo the table), else the table.
 * @example showTable(aq.table({ group: ["KMU"], n: [212] })) // displays a two-column table
 */
export function showTable<T extends TableLike>(table: T, options: { limit?: number } = {}): T | undefined {
  return sendDisplayData({ data: tableBundle(table, options.limit) }) ? undefined : table;
}

/** The display of a tslab kernel, for the notebook API (see api/display.ts). */
export const tslabDisplay: Display = {
  figure: (figure) => inKernel() && show(figure as FigureJson) === undefined,
  table: (table, limit) => showTable(table, { limit }) === undefined,
  plotlyLibrary: (full) => showPlotlyLibrary(full),
};
