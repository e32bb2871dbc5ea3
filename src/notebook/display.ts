/**
 * Showing figures and tables from inside tslab notebook cells. Each call sends ONE
 * display_data with every representation a viewer might want:
 * - a figure: `application/vnd.plotly.v1+json` (rendered natively by JupyterLab and VS Code),
 *   `text/html` (draws offline in other viewers, see plotly-html.ts) and `text/plain`;
 * - a table: escaped `text/html` and aligned `text/plain`.
 * Inside a kernel both return undefined, because tslab echoes a cell's last expression value
 * (a figure as a page of JSON); outside a kernel nothing is shown and the argument is returned.
 */
import { sendDisplayData } from "./display-adapter.js";
import type { MimeBundle } from "./nbformat-types.js";
import { figureDivId, plotlyHtml, type FigureJson } from "./plotly-html.js";
import { DEFAULT_TABLE_LIMIT, tableHtml, tableText, type TableLike } from "./table-render.js";

export { DEFAULT_PLOTLY_SRC, type FigureJson } from "./plotly-html.js";
export type { TableLike } from "./table-render.js";

/** The MIME type of Plotly figures in Jupyter. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Options of {@link show}. */
export interface ShowOptions {
  /** Relative URL of plotly.min.js for the HTML form; default "../node_modules/plotly.js-dist-min/plotly.min.js". */
  plotlySrc?: string;
}

// The same figure shown twice in one kernel gets distinct, still deterministic, element ids.
const shownIds = new Map<string, number>();

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
  const title = String(meta.title ?? (typeof rawTitle === "object" ? rawTitle?.text : rawTitle) ?? "").replace(/<br\s*\/?>/gi, " ").replace(/<[^>]*>/g, "").trim();
  const head = typeof meta.id === "string" ? `Figure ${meta.id}` : "Figure";
  const n = typeof meta.n === "number" ? ` (N = ${meta.n})` : "";
  const traces = title || n ? "" : ` (${figure.data.length} traces)`;
  return `${head}${title ? `: ${title}` : ""}${n}${traces}`;
}

/**
 * The MIME bundle of a figure: Plotly JSON, offline HTML and a plain-text summary.
 * @example Object.keys(figureBundle({ data: [] })) // => ["application/vnd.plotly.v1+json", "text/html", "text/plain"]
 */
export function figureBundle(figure: FigureJson, options: ShowOptions & { divId?: string } = {}): MimeBundle {
  const json = JSON.parse(JSON.stringify({ data: figure.data, layout: figure.layout ?? {}, config: figure.config ?? {} })) as FigureJson;
  return {
    [PLOTLY_MIME]: json,
    "text/html": plotlyHtml(json, { plotlySrc: options.plotlySrc, divId: options.divId }),
    "text/plain": figureSummary(json),
  };
}

/**
 * Shows a Plotly figure in the notebook (one display_data with all representations).
 * @returns undefined in a kernel (so the cell does not echo the figure), else the figure.
 * @example show(abb06(table, figureDefaults)) // displays Abbildung 6; outside a kernel: returns the figure
 */
export function show<F extends FigureJson>(figure: F, options: ShowOptions = {}): F | undefined {
  const base = figureDivId(figure);
  const seen = shownIds.get(base) ?? 0;
  shownIds.set(base, seen + 1);
  const sent = sendDisplayData({ data: figureBundle(figure, { ...options, divId: seen === 0 ? base : `${base}-${seen}` }) });
  return sent ? undefined : figure;
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
