/**
 * What a LimeSurvey import produced, per codebook variable, and the checks that stop a mapping
 * which gives wrong numbers without any error: a mention variable with no "not mentioned" but
 * with missing answers (an unticked box mapped as missing — LimeSurvey writes an unticked box
 * as an empty cell), a grid whose every cell is 100 %, or a mapped column without a single
 * valid answer. Variables and grids named in `allow` are exempt (a question nobody answered
 * can be real in a small survey).
 */
import type { ColumnTable } from "arquero";
import type { Codebook } from "./codebook.js";
import type { SurveyProblem } from "./errors.js";
import type { ResolvedMapping } from "./limesurvey-mapping.js";

/** One codebook variable after the import. */
export interface VariableSummary {
  variable: string;
  /** The export column it came from; null for a constant. */
  column: string | null;
  /** Respondents with a scale code. */
  valid: number;
  /** Respondents with "keine Angabe" (-9). */
  noAnswer: number;
  /** Respondents with "nicht gefragt (Filter)" (-8). */
  notAsked: number;
  /** Of those with "keine Angabe", respondents who were not shown the question (NULL, or its relevance false). */
  notShown: number;
  /** Scale codes seen, ascending, with their counts. */
  codes: Array<[number, number]>;
  isMention: boolean;
}

/**
 * Counts, per codebook variable, valid answers, missing codes and the codes seen.
 * @param table - the imported survey table.
 * @param cb - the codebook.
 * @param m - the resolved mapping (for the column names).
 * @param notShown - per variable, the "no answer" cells that were not shown (NULL, or relevance false).
 * @example summarizeImport(t, cb, m).find((s) => s.variable === "funded") // => { variable: "funded", column: "G01Q03", valid: 20, noAnswer: 0, notAsked: 0, notShown: 0, codes: [[1, 9], [2, 11]], isMention: false }
 */
export function summarizeImport(
  table: ColumnTable,
  cb: Codebook,
  m: ResolvedMapping,
  notShown: ReadonlyMap<string, number> = new Map(),
): VariableSummary[] {
  const byName = new Map(m.variables.map((r) => [r.variable.name, r]));
  return cb.variables
    .filter((v) => v.type !== "id")
    .map((v) => {
      const values = table.array(v.name) as number[];
      const seen = new Map<number, number>();
      let noAnswer = 0;
      let notAsked = 0;
      for (const x of values) {
        if (x === -9) noAnswer++;
        else if (x === -8) notAsked++;
        else seen.set(x, (seen.get(x) ?? 0) + 1);
      }
      const r = byName.get(v.name);
      return {
        variable: v.name,
        column: r?.constant !== undefined ? null : (r?.column ?? null),
        valid: values.length - noAnswer - notAsked,
        noAnswer,
        notAsked,
        notShown: notShown.get(v.name) ?? 0,
        codes: [...seen].sort((a, b) => a[0] - b[0]),
        isMention: v.scale === "mention",
      };
    });
}

/** The grids of the codebook as lists of their variables (gave, got, channel). */
function grids(cb: Codebook): Array<[string, string[]]> {
  return Object.entries(cb.grids).map(([key, g]) => [
    key,
    g.items ?? cb.variables.filter((v) => v.grid?.question === key).map((v) => v.name),
  ]);
}

const zeros = (s: VariableSummary): number => s.codes.find(([c]) => c === 0)?.[1] ?? 0;

/**
 * The checks against silent wrong numbers; each problem names the column and the likely cause.
 * @param summary - from {@link summarizeImport}.
 * @param cb - the codebook (for its grids).
 * @param options - the export's name, and the variables or grids exempt.
 * @example suspectProblems(summary, cb, { file: "e.csv", allow: [] }).map((p) => p.column) // => ["G04Q01[SQ001_SQ001]", …]
 */
export function suspectProblems(
  summary: readonly VariableSummary[],
  cb: Codebook,
  options: { file: string; allow: readonly string[] },
): SurveyProblem[] {
  const allowed = new Set(options.allow);
  const of = new Map(summary.map((s) => [s.variable, s]));
  const out: SurveyProblem[] = [];
  const flag = (s: VariableSummary, expected: string, message: string): void => {
    out.push({
      kind: "suspect-mapping",
      file: options.file,
      row: 0,
      line: 0,
      column: s.column ?? "",
      value: s.variable,
      expected,
      message: `column "${s.column}" (${s.variable}): ${message}; if this is right, accept it with --allow ${s.variable}`,
    });
  };
  const inFullGrid = new Set<string>();
  for (const [key, names] of grids(cb)) {
    const mapped = names.map((n) => of.get(n)!).filter((s) => s && s.column !== null);
    if (
      allowed.has(key) ||
      mapped.length < 2 ||
      !mapped.some((s) => s.valid > 0) ||
      !mapped.every((s) => zeros(s) === 0)
    )
      continue;
    const missing = mapped.reduce((n, s) => n + s.noAnswer, 0);
    const first = mapped[0]!;
    out.push({
      kind: "suspect-mapping",
      file: options.file,
      row: 0,
      line: 0,
      column: first.column!,
      value: key,
      expected: "some boxes not ticked (0)",
      message: `every cell of grid "${key}" (columns ${first.column} … ${mapped[mapped.length - 1]!.column}) is 100 %: no respondent is "not mentioned" (0)${missing ? ` and ${missing} answers are missing` : ""}; an unticked box is probably mapped as missing or as ticked (LimeSurvey writes an unticked box as an empty cell: map "" to 0); if this is right, accept it with --allow ${key}`,
    });
    for (const s of mapped) inFullGrid.add(s.variable);
  }
  for (const s of summary) {
    if (s.column === null || allowed.has(s.variable) || inFullGrid.has(s.variable)) continue;
    if (s.valid === 0 && s.noAnswer > 0) {
      flag(
        s,
        "some valid answers",
        `no valid answer in any of the ${s.noAnswer + s.notAsked} responses (${s.noAnswer} "no answer"): the wrong column, or its answers are mapped as missing${s.isMention ? " (an unticked box mapped as missing?)" : ""}`,
      );
    } else if (s.isMention && s.valid > 0 && zeros(s) === 0 && s.noAnswer - s.notShown > 0) {
      flag(
        s,
        "some boxes not ticked (0)",
        `no respondent is "not mentioned" (0) but ${s.noAnswer - s.notShown} who were shown the box are missing: an unticked box is probably mapped as missing (LimeSurvey writes an unticked box as an empty cell: map "" to 0)`,
      );
    }
  }
  return out;
}

/**
 * The summary as aligned text lines, one per variable.
 * @example formatSummary(summary)[0] // => "actorGroup  G01Q01  valid 20  no answer 0  not asked 0  codes 1×5 2×4 3×6 4×5"
 */
export function formatSummary(summary: readonly VariableSummary[]): string[] {
  const w1 = Math.max(...summary.map((s) => s.variable.length));
  const w2 = Math.max(...summary.map((s) => (s.column ?? "(constant)").length));
  const w3 = String(Math.max(...summary.map((s) => s.valid + s.noAnswer + s.notAsked))).length;
  const n = (x: number): string => String(x).padStart(w3);
  return summary.map(
    (s) =>
      `${s.variable.padEnd(w1)}  ${(s.column ?? "(constant)").padEnd(w2)}  valid ${n(s.valid)}  no answer ${n(s.noAnswer)}  not asked ${n(s.notAsked)}  codes ${s.codes.map(([c, k]) => `${c}×${k}`).join(" ") || "none"}`,
  );
}
