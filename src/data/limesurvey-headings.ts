/**
 * Finding a mapping's columns in a LimeSurvey export's header, whichever heading setting the
 * export used, and saying which setting to choose when its headings cannot be read.
 *
 * What LimeSurvey writes (application/helpers/admin/export/Writer.php, `write`, and
 * application/helpers/viewHelper.php, `getFieldCode`):
 * - "Question code": the question code, a subquestion in brackets: `G02Q01[SQ001]`,
 *   `G04Q01[SQ001_SQ002]` (array by column × row), `G01Q01[other]`;
 * - with "Use ExpressionScript code" on, the separator is "_" instead: `G02Q01_SQ001`;
 * - "Question code & question text": the code, the "Code/text separator" (default ". ") and the
 *   text: `G01Q01. Welcher Akteursgruppe …`;
 * - "Full question text" (the web form's default) and "Abbreviated question text": texts only,
 *   from which no mapping can find its columns.
 */
import { EXPORT_SETTINGS, quoteSetting } from "./limesurvey-settings.js";

/** How the export's headings were written, as far as the mapping's columns could be found. */
export type HeadingStyle = "question codes" | "ExpressionScript codes" | "question code & question text";

/** Where each wanted column is, and the heading style that found them. */
export interface LocatedColumns {
  /** Index in the header of a wanted column, -1 when absent. */
  indexOf(column: string): number;
  style: HeadingStyle;
}

const CODE = /^[A-Za-z][A-Za-z0-9]*(?:\[[A-Za-z0-9_#]+\])*$/;
const EM_CODE = /^[A-Za-z][A-Za-z0-9_#]*$/;
const LEADING_CODE = /^([A-Za-z][A-Za-z0-9]*(?:\[[A-Za-z0-9_#]+\])*|[A-Za-z][A-Za-z0-9_#]*)(?=[^A-Za-z0-9_[\]#])/;

/**
 * A column name with brackets written as ExpressionScript writes them, so both forms compare
 * equal.
 * @example canonicalColumn("G04Q01[SQ001_SQ002]") // => "G04Q01_SQ001_SQ002"
 */
export function canonicalColumn(name: string): string {
  return name.replace(/\[/g, "_").replace(/\]/g, "");
}

/**
 * Whether a heading is a question code in either form.
 * @example [isCodeHeading("G02Q01[SQ001]"), isCodeHeading("Response ID")] // => [true, false]
 */
export function isCodeHeading(h: string): boolean {
  return CODE.test(h) || EM_CODE.test(h);
}

/**
 * The question code at the start of a "code & text" heading, if any.
 * @example leadingCode("G01Q01. Welcher Akteursgruppe?") // => "G01Q01"
 */
export function leadingCode(h: string): string | undefined {
  return LEADING_CODE.exec(h)?.[1];
}

/**
 * The "Code/text separator" of a header written as "Question code & question text": the text
 * between the code and the question text that at least half of the headings share, when it is
 * not just a space (a full question text starts with a word and a space).
 * @example codeTextSeparator(["id. Response ID", "G01Q01. Which group?"]) // => ". "
 */
export function codeTextSeparator(header: readonly string[]): string | undefined {
  const seen = new Map<string, number>();
  for (const h of header) {
    const code = leadingCode(h);
    if (code === undefined) continue;
    const sep = /^[^A-Za-z0-9]*/.exec(h.slice(code.length))![0];
    seen.set(sep, (seen.get(sep) ?? 0) + 1);
  }
  const [sep, n] = [...seen].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  return n >= header.length / 2 && sep.trim() !== "" ? sep : undefined;
}

/**
 * Finds wanted columns in a header: by exact name, else in the other code form (brackets or
 * ExpressionScript "_"), else as the code in front of a "code & text" heading.
 * @param header - the export's header cells.
 * @param wanted - the column names a mapping uses.
 * @example locateColumns(["id", "G02Q01_SQ001"], ["id", "G02Q01[SQ001]"]).indexOf("G02Q01[SQ001]") // => 1
 */
export function locateColumns(header: readonly string[], wanted: readonly string[]): LocatedColumns {
  const exact = new Map<string, number>();
  const canon = new Map<string, number>();
  const lead = new Map<string, number>();
  const sep = codeTextSeparator(header);
  header.forEach((h, i) => {
    if (!exact.has(h)) exact.set(h, i);
    if (!canon.has(canonicalColumn(h))) canon.set(canonicalColumn(h), i);
    const code = sep === undefined ? undefined : leadingCode(h);
    if (code !== undefined && h.startsWith(sep!, code.length) && !lead.has(canonicalColumn(code)))
      lead.set(canonicalColumn(code), i);
  });
  let em = 0;
  let text = 0;
  const found = new Map<string, number>();
  for (const w of wanted) {
    if (exact.has(w)) {
      found.set(w, exact.get(w)!);
      continue;
    }
    const c = canonicalColumn(w);
    if (canon.has(c)) {
      found.set(w, canon.get(c)!);
      em++;
      continue;
    }
    if (lead.has(c)) {
      found.set(w, lead.get(c)!);
      text++;
    }
  }
  const style: HeadingStyle =
    text > 0 ? "question code & question text" : em > 0 ? "ExpressionScript codes" : "question codes";
  return { indexOf: (column) => found.get(column) ?? -1, style };
}

/**
 * When most of a header is question text rather than codes, the problem to report instead of a
 * list of missing columns: which setting the export used and which to choose.
 * @returns the message, or undefined when the headings are codes.
 * @example textHeadingsMessage(["Response ID", "Date submitted", "Which actor group …?"]) // => 'the headings are question texts, …'
 */
export function textHeadingsMessage(header: readonly string[]): string | undefined {
  const codes = header.filter((h) => isCodeHeading(h)).length;
  if (codes >= header.length / 2 || codeTextSeparator(header) !== undefined) return undefined;
  const sample = header.find((h) => !isCodeHeading(h) && h.length > 3) ?? header[0] ?? "";
  const s = EXPORT_SETTINGS.headings;
  return `the headings are question texts, not question codes (e.g. "${sample.slice(0, 50)}"): the export used ${s.label} ${quoteSetting(s.full)} (LimeSurvey's default) or ${quoteSetting(s.abbreviated)}; export again with ${s.panel} → ${s.label} ${quoteSetting(s.code)}`;
}
