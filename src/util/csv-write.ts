/**
 * CSV output (RFC 4180) that is safe to open in a spreadsheet: cells that a spreadsheet would
 * evaluate as a formula are prefixed with an apostrophe, and a cell holding any character a
 * spreadsheet may take as a separator (comma, semicolon as German Excel does, tab) or a line
 * break is quoted, so that no part of it can become a cell of its own, starting with `=`.
 */

/** Characters that make a spreadsheet treat a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formats one cell: numbers as they are, text quoted when needed and neutralised when it starts
 * like a formula (a negative number stays a number).
 * @example csvCell("=HYPERLINK(\"x\")") // => "\"'=HYPERLINK(\"\"x\"\")\""
 * @example csvCell("a;=1+1") // => "\"a;=1+1\""
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let s = String(value);
  if (FORMULA_START.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",;\t\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Formats rows as CSV text with a header line and LF line ends.
 * @param columns - column names in output order.
 * @param rows - objects keyed by column name.
 * @example formatCsv(["a", "b"], [{ a: 1, b: "x" }]) // => "a,b\n1,x\n"
 */
export function formatCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(csvCell).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c])).join(","));
  return `${lines.join("\n")}\n`;
}
