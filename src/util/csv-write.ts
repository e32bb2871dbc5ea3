/**
 * CSV output (RFC 4180) that is safe to open in a spreadsheet: cells that a spreadsheet would
 * evaluate as a formula are prefixed with an apostrophe, and a cell holding any character a
 * spreadsheet may take as a separator (comma, semicolon as German Excel does, tab) or a line
 * break is quoted, so that no part of it can become a cell of its own, starting with `=`. The
 * import dialogs of Excel and LibreOffice also split by a space or any other character ("Other"),
 * so a cell in which a formula character follows any character that is not a letter or digit is
 * quoted as well, and so is a cell defused with an apostrophe: whatever separator a reader chooses,
 * no piece of a cell starts like a formula.
 */

/** Characters that make a spreadsheet treat a text cell as a formula (with their full-width forms). */
const FORMULA = "=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20";
const FORMULA_START = new RegExp(`^[${FORMULA}]`);
/** A character a spreadsheet may split by, or a line break or quote: the cell is quoted. */
const NEEDS_QUOTES = new RegExp(`[",;\\t\\n\\r]|[^\\p{L}\\p{N}][${FORMULA}]`, "u");

/**
 * Formats one cell: numbers as they are, text quoted when needed and neutralised when it starts
 * like a formula (a negative number stays a number).
 * @example csvCell("=HYPERLINK(\"x\")") // => "\"'=HYPERLINK(\"\"x\"\")\""
 * @example csvCell("+1") // => "\"'+1\""
 * @example csvCell("a;=1+1") // => "\"a;=1+1\""
 * @example csvCell("a|=1+1") // => "\"a|=1+1\""
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = String(value);
  const s = FORMULA_START.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
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
