/**
 * Text and HTML renderings of a table for notebook outputs. Every cell value and column name
 * is HTML-escaped; long tables are cut after `limit` rows with a note of how many were left out.
 */
import { escapeHtml } from "../util/html.js";

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
  const head = `<tr>${names.map((n) => `<th>${escapeHtml(n)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join("")}</tr>`).join("\n");
  return `<table class="interspin-table">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>${moreNote(table, rows.length, true)}`;
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

function moreNote(table: TableLike, shown: number, html: boolean): string {
  const rest = table.numRows() - shown;
  if (rest <= 0) return "";
  const text = `… ${rest} more rows (${table.numRows()} in all)`;
  return html ? `\n<p>${escapeHtml(text)}</p>` : `${text}\n`;
}
