/**
 * Checks survey records against the codebook in one pass and converts them to typed columns
 * (id as text, every other variable as integer codes). Every problem is collected, not only
 * the first, up to a cap that bounds memory: missing, unknown and duplicate columns, no
 * respondents, ragged rows, empty and duplicate ids, empty cells, formula-like cells,
 * non-integers, unknown codes and out-of-range Likert values.
 *
 * Columns may come in any order (they are matched by name); the output is in codebook order.
 */
import type { Codebook, Variable } from "./codebook.js";
import type { CsvRecord } from "./csv.js";
import { cellRule, checkCell, clip, looksLikeFormula, type CellRule } from "./cell-rules.js";
import { ProblemList, SurveyValidationError, type ProblemKind, type SurveyProblem } from "./errors.js";

/** Options of survey validation. */
export interface ValidateOptions {
  /** Name of the input in messages. */
  file?: string;
  /** Line of the header in the file (1 unless something precedes it). */
  headerLine?: number;
  /** How many problems to keep; more are counted, not stored. */
  maxProblems?: number;
}

/** Survey data as typed columns in codebook order. */
export interface SurveyColumns {
  names: string[];
  columns: Record<string, string[] | number[]>;
  rows: number;
}

/** The outcome of checking: the data (valid only when `total` is 0) and the problems. */
export interface SurveyCheck {
  file: string;
  data: SurveyColumns;
  problems: SurveyProblem[];
  total: number;
}

/** Default cap on stored problems (about 2 MB of messages); more are only counted. */
export const MAX_PROBLEMS = 10_000;

type Slot = { v: Variable; rule?: CellRule; out: Array<string | number> };

function suggestion(name: string, known: string[]): string {
  const lower = name.trim().toLowerCase();
  const limit = lower.length >= 6 ? 2 : lower.length >= 3 ? 1 : 0;
  const hit =
    known.find((k) => k.toLowerCase() === lower) ?? known.find((k) => editDistance(k.toLowerCase(), lower) <= limit);
  return hit ? `; did you mean "${hit}"?` : "";
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Checks survey records against the codebook and converts them, without throwing.
 * @param header - column names of the input.
 * @param records - data records (consumed once).
 * @param cb - the codebook.
 * @param options - file name for messages, header line, problem cap.
 * @example checkSurveyRecords(["id", "funded"], [{ fields: ["R001", "7"], line: 2 }], cb).problems[0]!.kind // => "missing-column"
 */
export function checkSurveyRecords(
  header: string[],
  records: Iterable<CsvRecord>,
  cb: Codebook,
  options: ValidateOptions = {},
): SurveyCheck {
  const file = options.file ?? "<survey>";
  const headerLine = options.headerLine ?? 1;
  const list = new ProblemList(options.maxProblems ?? MAX_PROBLEMS);
  const add = (
    kind: ProblemKind,
    row: number,
    line: number,
    column: string,
    value: string,
    expected: string,
    message: string,
  ): void => {
    if (list.items.length >= list.cap) list.total++;
    else list.add({ kind, file, row, line, column, value: clip(value, 200), expected, message });
  };
  const known = cb.variables.map((v) => v.name);
  const slots: Array<Slot | undefined> = [];
  const byName = new Map<string, Slot>();
  header.forEach((name, k) => {
    const v = cb.variables.find((x) => x.name === name);
    if (byName.has(name))
      add(
        "duplicate-column",
        0,
        headerLine,
        name,
        name,
        "each column once",
        `column "${name}" appears more than once (columns ${header.indexOf(name) + 1} and ${k + 1})`,
      );
    else if (!v)
      add(
        "unknown-column",
        0,
        headerLine,
        name,
        name,
        "a codebook variable",
        `unknown column "${clip(name)}" (not a codebook variable)${suggestion(name, known)}`,
      );
    else {
      const slot: Slot = { v, out: [], ...(v.type === "id" ? {} : { rule: cellRule(cb, v) }) };
      byName.set(name, slot);
      slots[k] = slot;
      return;
    }
    slots[k] = undefined;
  });
  for (const v of cb.variables) {
    if (!byName.has(v.name) && !v.optionalColumn)
      add(
        "missing-column",
        0,
        headerLine,
        v.name,
        "",
        `a column "${v.name}"`,
        `missing column "${v.name}" (${v.type}); the header must name every codebook variable`,
      );
  }
  const seen = new Map<string, number>();
  let rows = 0;
  for (const rec of records) {
    rows++;
    const row = rec.row ?? rows;
    const f = rec.fields;
    if (f.length !== header.length) {
      add(
        "ragged-row",
        row,
        rec.line,
        "",
        String(f.length),
        `${header.length} cells`,
        `row has ${f.length} cells, the header has ${header.length}; its cells were not checked (a delimiter or quote too many or too few?)`,
      );
      for (const s of byName.values()) s.out.push(s.rule ? NaN : "");
      continue;
    }
    for (let k = 0; k < f.length; k++) {
      const s = slots[k];
      if (!s) continue;
      const cell = f[k]!;
      if (!s.rule) {
        s.out.push(cell);
        if (cell.trim() === "")
          add("empty-id", row, rec.line, s.v.name, cell, "a respondent id such as R001", "empty respondent id");
        else if (looksLikeFormula(cell))
          add(
            "formula",
            row,
            rec.line,
            s.v.name,
            cell,
            "a respondent id such as R001",
            `"${clip(cell)}" looks like a spreadsheet formula, not a respondent id`,
          );
        else if (seen.has(cell))
          add(
            "duplicate-id",
            row,
            rec.line,
            s.v.name,
            cell,
            "a unique respondent id",
            `duplicate respondent id "${clip(cell)}" (first in row ${seen.get(cell)})`,
          );
        else seen.set(cell, row);
        continue;
      }
      const r = checkCell(cb, s.rule, cell);
      if (typeof r === "number") s.out.push(r);
      else {
        s.out.push(NaN);
        add(r.kind, row, rec.line, s.v.name, cell, s.rule.expected, r.message);
      }
    }
  }
  if (rows === 0)
    add(
      "no-respondents",
      0,
      headerLine,
      "",
      "",
      "one row per respondent",
      "no respondents: the file has a header but no data rows",
    );
  const columns: Record<string, string[] | number[]> = {};
  const names = cb.variables.map((v) => v.name);
  for (const v of cb.variables) {
    const s = byName.get(v.name);
    columns[v.name] = (s?.out ?? new Array(rows).fill(v.type === "id" ? "" : NaN)) as string[] | number[];
  }
  // An optional column the file lacks reads as not asked (-8) outside the item's filter and as
  // no answer (-9) inside it.
  for (const v of cb.variables) {
    if (byName.has(v.name) || !v.optionalColumn) continue;
    const filter = Object.entries(v.askedIf ?? {});
    columns[v.name] = Array.from({ length: rows }, (_, i) =>
      filter.every(([k, codes]) => codes.includes((columns[k] as number[])[i]!)) ? -9 : -8,
    );
  }
  return { file, data: { names, columns, rows }, problems: list.items, total: list.total };
}

/**
 * Checks and converts survey records, throwing when anything is wrong.
 * @throws SurveyValidationError listing every problem (up to the cap) with file, row, line,
 *   column, value and what was expected.
 * @example validateSurveyRecords(["id", …codebook names], records, cb).rows // => 3
 */
export function validateSurveyRecords(
  header: string[],
  records: Iterable<CsvRecord>,
  cb: Codebook,
  options: ValidateOptions = {},
): SurveyColumns {
  const check = checkSurveyRecords(header, records, cb, options);
  if (check.total > 0) throw new SurveyValidationError(check.file, check.problems, check.total);
  return check.data;
}
