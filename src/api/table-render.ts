/**
 * Text and HTML renderings of a table for notebook outputs. Every cell value and column name
 * is HTML-escaped; long tables are cut after `limit` rows with a note of how many were left out.
 */
import { html, joinHtml } from "../util/html.js";

/** What a table must offer to be shown (an Arquero table does). */
export interface TableLike {
  columnNames(): string[];
  numRows(): number;
  objects(options?: { limit?: number }): object[];
}

/** Rows shown unless configured: 100. */
export const DEFAULT_TABLE_LIMIT = 100;

/**
 * The table as an HTML `<table>`.
 * @example tableHtml(aq.table({ a: ["<b>"] })) // => '<table class="interspin-table">…<td>&lt;b&gt;</td>…</table>'
 */
export function tableHtml(table: TableLike, limit = DEFAULT_TABLE_LIMIT): string {
  const names = table.columnNames();
  const rows = rowsOf(table, names, limit);
  const head = html`<tr>${names.map((n) => html`<th>${n}</th>`)}</tr>`;
  const body = joinHtml(
    rows.map((r) => html`<tr>${r.map((v) => html`<td>${v}</td>`)}</tr>`),
    "\n",
  );
  return html`<table class="interspin-table">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>${moreNote(table, rows.length, true)}`
    .text;
}

/**
 * The table as aligned plain text (columns padded to their widest value).
 * @example tableText(aq.table({ a: [1, 22] })) // => "a\n--\n1\n22\n"
 */
export function tableText(table: TableLike, limit = DEFAULT_TABLE_LIMIT): string {
  const names = table.columnNames();
  const rows = rowsOf(table, names, limit);
  const widths = names.map((n, i) => Math.max(n.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return `${[line(names), rule, ...rows.map(line)].join("\n")}\n${moreNote(table, rows.length, false)}`;
}

function rowsOf(table: TableLike, names: string[], limit: number): string[][] {
  return table.objects({ limit }).map((o) => names.map((n) => format((o as Record<string, unknown>)[n])));
}

function format(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" && Number.isNaN(v)) return "—";
  if (v instanceof Date) return v.toISOString();
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

function moreNote(table: TableLike, shown: number, asHtml: true): ReturnType<typeof html>;
function moreNote(table: TableLike, shown: number, asHtml: false): string;
function moreNote(table: TableLike, shown: number, asHtml: boolean): ReturnType<typeof html> | string {
  const rest = table.numRows() - shown;
  const text = rest <= 0 ? "" : `… ${rest} more rows (${table.numRows()} in all)`;
  if (asHtml) return text ? html`\n<p>${text}</p>` : html``;
  return text ? `${text}\n` : "";
}
