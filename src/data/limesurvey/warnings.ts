/**
 * Warnings of a LimeSurvey import: results that may be wrong although every cell was read,
 * printed on the terminal and written to the import summary. The main one: an export of
 * LimeSurvey before 6 writes a question that was not shown and a box that was shown and not
 * ticked alike (`""`), so a respondent who ticked no box of a multiple-choice question may never
 * have seen it; only the survey structure's relevance (`--structure`) can tell.
 */
import type { ResolvedMapping, ResolvedVariable } from "../limesurvey-mapping.js";

/** What a warning is about; stable keys for code and tests. */
export type WarningKind = "cannot-tell-not-shown" | "relevance-not-evaluated" | "conditions-not-read" | "structure";

/** One warning, naming the question, its columns and how many respondents it concerns. */
export interface ImportWarning {
  kind: WarningKind;
  /** The LimeSurvey question code, e.g. `G05Q01`. */
  question: string;
  columns: string[];
  variables: string[];
  /** Respondents concerned (e.g. who ticked nothing), of `of` used responses. */
  respondents: number;
  of: number;
  message: string;
}

/**
 * The question code of an export column, in either heading form.
 * @example questionOf("G05Q01[SQ001]") // => "G05Q01"
 */
export function questionOf(column: string): string {
  return column.replace(/[[_].*$/, "");
}

/** A mapped column where an empty cell is read as an answer ("not ticked"), not as missing. */
function emptyIsAnswer(r: ResolvedVariable): boolean {
  return r.column !== undefined && !r.employees && (r.otherText === true || r.answers?.has("") === true);
}

/**
 * Counts, per mapped question whose empty cells read as "not ticked", the respondents who
 * ticked nothing in any of its columns; fed one row at a time.
 */
export class TickedNothing {
  private readonly groups: Array<{ question: string; vars: ResolvedVariable[]; count: number }>;
  private rows = 0;

  constructor(m: ResolvedMapping) {
    const by = new Map<string, ResolvedVariable[]>();
    for (const r of m.variables)
      if (emptyIsAnswer(r)) by.set(questionOf(r.column!), [...(by.get(questionOf(r.column!)) ?? []), r]);
    this.groups = [...by].map(([question, vars]) => ({ question, vars, count: 0 }));
  }

  /** Adds one used response; `isNull` tells a NULL cell (LimeSurvey 6: not shown). */
  add(cells: readonly string[], isNull: (i: number) => boolean): void {
    this.rows++;
    for (const g of this.groups)
      if (g.vars.every((r) => (cells[r.index] ?? "").trim() === "" && !isNull(r.index))) g.count++;
  }

  /**
   * The warnings for questions whose relevance could not be evaluated although a survey
   * structure was given: those who ticked nothing may not have been shown them.
   * @param reasons - per question code, why its relevance was not evaluated.
   */
  undecided(reasons: ReadonlyMap<string, string>): ImportWarning[] {
    return this.groups
      .filter((g) => reasons.has(g.question))
      .map((g) => ({
        kind: "relevance-not-evaluated",
        question: g.question,
        columns: g.vars.map((r) => r.column!),
        variables: g.vars.map((r) => r.variable.name),
        respondents: g.count,
        of: this.rows,
        message: `${g.question}: maybe not shown to everyone — its ${reasons.get(g.question)}; ${g.count} of ${this.rows} respondents ticked nothing and count as "not ticked"`,
      }));
  }

  /**
   * The warnings for an export that cannot tell "not shown" from "not ticked".
   * @param skip - questions whose relevance was read from the survey structure.
   */
  warnings(skip: ReadonlySet<string> = new Set()): ImportWarning[] {
    return this.groups
      .filter((g) => g.count > 0 && !skip.has(g.question))
      .map((g) => {
        const columns = g.vars.map((r) => r.column!);
        const variables = g.vars.map((r) => r.variable.name);
        const names = variables.length > 2 ? `${variables[0]} … ${variables.at(-1)}` : variables.join(", ");
        return {
          kind: "cannot-tell-not-shown",
          question: g.question,
          columns,
          variables,
          respondents: g.count,
          of: this.rows,
          message: `${g.question} (${names}, ${columns.length} column${columns.length === 1 ? "" : "s"}): ${g.count} of ${this.rows} respondents ticked nothing. This export has no NULL cell (LimeSurvey before 6 writes "not shown" like "not ticked"), so if ${g.question} was shown only under a condition, those who never saw it count as "not ticked" here: give --structure with the survey's structure file (.lss, from the survey's Export menu) so that its relevance decides, or map "" as missing for these columns`,
        };
      });
  }
}
