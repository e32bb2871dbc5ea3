/**
 * One response row of a LimeSurvey export mapped to codebook codes (the rules are in the
 * comment at the top of `import-limesurvey.ts`), and the list of answers the mapping does not
 * cover, summarised per column: the first rows of each column, then how many more and which
 * values.
 */
import { sizeClassFromEmployees, type Codebook, type Filter } from "../codebook.js";
import type { ProblemList, SurveyProblem } from "../errors.js";
import type { ResolvedMapping } from "../limesurvey-mapping.js";
import { answerHint, fullAnswersMessage, looksLikeAnswerText } from "../limesurvey-settings.js";
import type { StructureColumn } from "./columns.js";
import { escapeInvisible, shown } from "./show.js";
import { textIn } from "./structure.js";

const EMPLOYEES = /^\d+(\.0*)?$/;
/** Rows listed per column before the rest of a column's refusals are counted. */
export const ROWS_PER_COLUMN = 3;

function meets(filter: Filter, codes: Map<string, number>): boolean {
  return Object.entries(filter).every(([name, ok]) => ok.includes(codes.get(name) ?? NaN));
}

/** One row's cells and where they are. */
export interface RowCells {
  f: string[];
  /** Whether the respondent was not shown a cell's question: NULL, or relevance false. */
  hidden: (i: number) => boolean;
  line: number;
  row: number;
}

/** Collects the answers a mapping does not cover: every one counted, the first few of each column kept. */
export class Refusals {
  private readonly perColumn = new Map<string, { shown: number; more: number; values: Map<string, number> }>();
  /** The "Full answers" problem, reported first (only without a structure file). */
  fullAnswers: SurveyProblem | undefined;

  constructor(private readonly problems: ProblemList) {}

  add(p: SurveyProblem): void {
    const c = this.perColumn.get(p.column) ?? { shown: 0, more: 0, values: new Map() };
    this.perColumn.set(p.column, c);
    if (c.shown < ROWS_PER_COLUMN) {
      c.shown++;
      this.problems.add(p);
    } else {
      c.more++;
      this.problems.total++;
      c.values.set(p.value, (c.values.get(p.value) ?? 0) + 1);
    }
  }

  /** The problems in column order, each column's first rows followed by one line for the rest. */
  list(file: string): { items: SurveyProblem[]; total: number } {
    const items: SurveyProblem[] = this.fullAnswers ? [this.fullAnswers] : [];
    const byColumn = new Map<string, SurveyProblem[]>();
    const other: SurveyProblem[] = [];
    for (const p of this.problems.items)
      if (p.kind === "unmapped-answer") byColumn.set(p.column, [...(byColumn.get(p.column) ?? []), p]);
      else other.push(p);
    items.push(...other);
    for (const [column, ps] of byColumn) {
      items.push(...ps);
      const c = this.perColumn.get(column);
      if (!c?.more) continue;
      const values = [...c.values]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 5)
        .map(([v, n]) => `${shown(v, 40)} ×${n}`);
      items.push({
        kind: "unmapped-answer",
        file,
        row: 0,
        line: 0,
        column,
        value: "",
        expected: ps[0]!.expected,
        message: `column "${column}": ${c.more} more row${c.more === 1 ? "" : "s"} with answers the mapping does not cover (${values.join(", ")}${c.values.size > 5 ? ", …" : ""})`,
      });
    }
    return { items, total: this.problems.total + (this.fullAnswers ? 1 : 0) };
  }
}

/**
 * Maps one row to the codebook's variables, in codebook order.
 * @param cells - the row's cells, with which of them were not shown.
 * @param m - the resolved mapping.
 * @param cb - the codebook.
 * @param refusals - where answers the mapping does not cover go.
 * @param context - the export's name; the structure's column behind each export column, if a structure was given; a counter of cells not shown that became missing, per variable.
 * @returns the row's cells as text, in codebook order.
 */
export function mapRow(
  cells: RowCells,
  m: ResolvedMapping,
  cb: Codebook,
  refusals: Refusals,
  context: { file: string; columns?: ReadonlyArray<StructureColumn | undefined>; notShown: Map<string, number> },
): string[] {
  const { f, hidden, line, row } = cells;
  const { file } = context;
  const rawId = f[m.id.index] ?? "";
  const id = /^\d+$/.test(rawId)
    ? m.id.prefix + rawId.padStart(m.id.pad, "0")
    : rawId === ""
      ? ""
      : m.id.prefix + rawId;
  const codes = new Map<string, number>();
  const missing: string[] = [];
  const notShown = new Set<string>();
  const report = (column: string, value: string, expected: string, message: string): void =>
    refusals.add({ kind: "unmapped-answer", file, row, line, column, value: value.slice(0, 200), expected, message });
  for (const r of m.variables) {
    const name = r.variable.name;
    if (r.constant !== undefined) {
      codes.set(name, r.constant);
      continue;
    }
    const cell = f[r.index] ?? "";
    if (hidden(r.index)) {
      missing.push(name);
      notShown.add(name);
      continue;
    }
    if (r.otherText) {
      codes.set(name, cell.trim() === "" ? 0 : 1);
      continue;
    }
    const code = r.answers?.get(cell);
    if (code !== undefined) codes.set(name, code);
    else if (m.missingValues.has(cell)) missing.push(name);
    else if (r.employees) {
      if (EMPLOYEES.test(cell)) codes.set(name, sizeClassFromEmployees(parseInt(cell, 10)));
      else
        report(
          r.column!,
          cell,
          "a whole number of employees ≥ 0",
          `${shown(cell)} is not a whole number of employees (mapping key "${r.key}")`,
        );
    } else {
      const keys = [...r.answers!.keys()];
      const known = keys.map((a) => JSON.stringify(a)).join(", ");
      const column = context.columns?.[r.index];
      if (!column && !refusals.fullAnswers && looksLikeAnswerText(cell))
        refusals.fullAnswers = {
          kind: "export-setting",
          file,
          row,
          line,
          column: r.column!,
          value: cell.slice(0, 200),
          expected: "answer codes",
          message: fullAnswersMessage(r.column!, escapeInvisible(cell)),
        };
      const options = column?.question.answers.length
        ? `; ${column.question.code}'s answer options in the survey structure: ${column.question.answers
            .slice(0, 8)
            .map((a) => `${a.code} ${shown(textIn(a.text, []), 30)}`)
            .join(", ")}`
        : "";
      report(
        r.column!,
        cell,
        `one of ${known} or a missing value`,
        `answer ${shown(cell)} is not mapped (mapping key "${r.key}.answers" knows ${known}; missing values: ${[...m.missingValues].map((x) => JSON.stringify(x)).join(", ")})${answerHint(cell, keys)}${options}`,
      );
    }
  }
  // optional variables the mapping leaves out read as missing answers
  for (const v of cb.variables)
    if (v.optionalColumn && !codes.has(v.name) && !missing.includes(v.name)) missing.push(v.name);
  const notAsked = cb.missing.find((x) => x.key === "notAsked")?.code;
  for (const name of missing) {
    const v = cb.variables.find((x) => x.name === name)!;
    const allowed = v.missing ?? cb.missing.map((x) => x.code);
    const filtered = notAsked !== undefined && v.askedIf && allowed.includes(notAsked) && !meets(v.askedIf, codes);
    codes.set(name, filtered ? notAsked : m.missingCode);
    if (!filtered && notShown.has(name)) context.notShown.set(name, (context.notShown.get(name) ?? 0) + 1);
  }
  return cb.variables.map((v) => (v.type === "id" ? id : String(codes.get(v.name))));
}
