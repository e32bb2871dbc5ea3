/**
 * The mapping from a LimeSurvey response export to codebook variables: its types, reading it
 * from JSON, and checking it against the codebook and the export's header. The file format is
 * documented at the top of `import-limesurvey.ts`; an example is
 * data/limesurvey/mapping.example.json.
 */
import type { Codebook, Variable } from "./codebook.js";
import { cellRule, checkCell } from "./cell-rules.js";
import { LimeSurveyMappingError, ProblemList, type SurveyProblem } from "./errors.js";
import { dataSource } from "./source.js";
import { locateColumns, textHeadingsMessage, type HeadingStyle } from "./limesurvey-headings.js";

/**
 * How one codebook variable is filled: from answer codes, from an employee count, from the free
 * text of LimeSurvey's "Other:" option (a text is a mention), or a constant.
 */
export type VariableMapping =
  | { column: string; answers: string | Record<string, number>; comment?: string }
  | { column: string; employees: true; comment?: string }
  | { column: string; otherText: true; comment?: string }
  | { constant: number; comment?: string };

/** A LimeSurvey mapping file, as documented in `import-limesurvey.ts`. */
export interface LimeSurveyMapping {
  description?: string;
  id: { column: string; prefix?: string; pad?: number };
  completed?: string | null;
  missing?: { values: string[]; code: number };
  answerSets?: Record<string, Record<string, number>>;
  variables: Record<string, VariableMapping>;
}

/** One codebook variable's mapping, checked and resolved (answer sets looked up). */
export interface ResolvedVariable {
  variable: Variable;
  /** Mapping key for messages, e.g. `variables.funded`. */
  key: string;
  column?: string;
  /** Index of `column` in the export's header. */
  index: number;
  answers?: Map<string, number>;
  employees?: boolean;
  /** The "Other:" free text: not empty → 1, empty → 0. */
  otherText?: boolean;
  constant?: number;
}

/** A mapping checked against the codebook and an export header. */
export interface ResolvedMapping {
  id: { index: number; prefix: string; pad: number };
  completedIndex: number | undefined;
  missingValues: Set<string>;
  missingCode: number;
  variables: ResolvedVariable[];
  /** How the export's headings were written. */
  headings: HeadingStyle;
}

const TOP_KEYS = new Set([
  "$schema",
  "$comment",
  "description",
  "id",
  "completed",
  "missing",
  "answerSets",
  "variables",
]);
const VAR_KEYS = new Set(["column", "answers", "employees", "otherText", "constant", "comment"]);

/**
 * Reads a mapping file.
 * @throws LimeSurveyMappingError when the file is missing or not JSON.
 * @example loadLimeSurveyMapping("data/limesurvey/mapping.example.json").id.column // => "id"
 */
export function loadLimeSurveyMapping(file: string): LimeSurveyMapping {
  const source = dataSource();
  try {
    return JSON.parse(new TextDecoder().decode(source.user(file))) as LimeSurveyMapping;
  } catch (e) {
    const shown = source.display(file);
    const p: SurveyProblem = {
      kind: "mapping",
      file: shown,
      row: 0,
      line: 0,
      column: "",
      value: "",
      expected: "a JSON mapping file",
      message: `cannot read mapping (${(e as Error).message})`,
    };
    throw new LimeSurveyMappingError(shown, [p]);
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function columnHint(column: string, header: string[]): string {
  const stem = column.split(/[[_]/)[0]!.replace(/Q\d+$/, "");
  const near = header.filter((h) => stem && h.startsWith(stem)).slice(0, 6);
  const question = column.split(/[[_]/)[0]!;
  const other = header.find((h) => h === `${question}[other]` || h === `${question}_other`);
  const hint = other
    ? `; if ${other} holds the text of LimeSurvey's "Other:" option, map it with { "column": "${other}", "otherText": true }`
    : "";
  return (near.length ? `; columns starting with "${stem}": ${near.join(", ")}` : "") + hint;
}

/**
 * Checks a mapping against the codebook and the export's header, collecting every problem.
 * @param mapping - the parsed mapping.
 * @param cb - the codebook.
 * @param header - the export's column names.
 * @param files - names of the mapping and export for messages.
 * @throws LimeSurveyMappingError naming each wrong mapping key: unknown codebook variable,
 *   unmapped codebook variable, column absent from the export, undefined answer set, a code
 *   the codebook does not allow for the variable.
 * @example resolveMapping(mapping, cb, header, { mapping: "m.json", export: "e.csv" }).variables.length // => 51
 */
export function resolveMapping(
  mapping: LimeSurveyMapping,
  cb: Codebook,
  header: string[],
  files: { mapping: string; export: string },
  options: { allow?: readonly string[] } = {},
): ResolvedMapping {
  const list = new ProblemList();
  const add = (key: string, value: string, expected: string, message: string): void =>
    list.add({
      kind: "mapping",
      file: files.mapping,
      row: 0,
      line: 0,
      column: key,
      value,
      expected,
      message: `mapping key "${key}": ${message}`,
    });
  const located = locateColumns(header, isObject(mapping) ? wantedColumns(mapping) : []);
  let absent = 0;
  const column = (key: string, name: unknown): number => {
    if (typeof name !== "string") {
      add(key, String(name), "a column name", 'needs a "column" naming an export column');
      return -1;
    }
    if (name === "") {
      add(
        key,
        "",
        "a column of the export",
        'has no column yet (mapping:init could not place it): name its export column and answers, or give { "constant": -9 } if the survey did not ask it',
      );
      return -1;
    }
    const i = located.indexOf(name);
    if (i === -1) {
      absent++;
      add(
        key,
        name,
        "a column of the export",
        `column "${name}" is not in the export ${files.export}${columnHint(name, header)}`,
      );
    }
    return i;
  };
  if (!isObject(mapping))
    throw new LimeSurveyMappingError(files.mapping, [
      {
        kind: "mapping",
        file: files.mapping,
        row: 0,
        line: 0,
        column: "",
        value: "",
        expected: "a JSON object",
        message: "the mapping must be a JSON object",
      },
    ]);
  for (const k of Object.keys(mapping)) if (!TOP_KEYS.has(k)) add(k, k, [...TOP_KEYS].join(", "), "unknown key");
  const missingCodes = cb.missing.map((m) => m.code);
  const missing = mapping.missing ?? { values: ["", "N/A"], code: -9 };
  if (!Array.isArray(missing.values) || !missingCodes.includes(missing.code)) {
    add(
      "missing",
      JSON.stringify(missing),
      `{ "values": [...], "code": one of ${missingCodes.join(", ")} }`,
      'needs "values" (a list of cell texts) and "code" (a codebook missing code)',
    );
  }
  let idIndex = -1;
  if (isObject(mapping.id)) idIndex = column("id.column", mapping.id.column);
  else add("id", "", '{ "column": "id" }', "is required");
  if (isObject(mapping.id) && mapping.id.prefix !== undefined && typeof mapping.id.prefix !== "string")
    add("id.prefix", String(mapping.id.prefix), 'text such as "R"', "must be text");
  if (
    isObject(mapping.id) &&
    mapping.id.pad !== undefined &&
    !(Number.isInteger(mapping.id.pad) && mapping.id.pad >= 0)
  )
    add(
      "id.pad",
      String(mapping.id.pad),
      "a whole number ≥ 0",
      "must be a whole number ≥ 0 (digits to pad the response id to)",
    );
  const completedName = mapping.completed === undefined ? "submitdate" : mapping.completed;
  const completedIndex = completedName === null ? undefined : column("completed", completedName);
  const sets = mapping.answerSets ?? {};
  if (!isObject(mapping.variables)) add("variables", "", "an object", "is required");
  const entries = isObject(mapping.variables) ? mapping.variables : {};
  const variables: ResolvedVariable[] = [];
  for (const [name, m] of Object.entries(entries)) {
    const key = `variables.${name}`;
    const v = cb.variables.find((x) => x.name === name);
    if (!v) {
      add(key, name, "a codebook variable", `no codebook variable "${name}"`);
      continue;
    }
    if (v.type === "id") {
      add(key, name, 'the id mapping under "id"', 'the respondent id is mapped by the top-level "id" key');
      continue;
    }
    if (!isObject(m)) {
      add(key, JSON.stringify(m), "an object", "must be an object");
      continue;
    }
    for (const k of Object.keys(m))
      if (!VAR_KEYS.has(k)) add(`${key}.${k}`, k, [...VAR_KEYS].join(", "), "unknown key");
    const rule = cellRule(cb, v);
    const allowed = (sub: string, code: unknown): void => {
      if (typeof code !== "number" || typeof checkCell(cb, rule, String(code)) !== "number") {
        add(
          sub,
          String(code),
          rule.expected,
          `code ${JSON.stringify(code)} is not allowed for ${name}; expected ${rule.expected}`,
        );
      }
    };
    const r: ResolvedVariable = { variable: v, key, index: -1 };
    if ("constant" in m) {
      allowed(`${key}.constant`, m.constant);
      r.constant = m.constant;
    } else if ("employees" in m) {
      r.employees = true;
      r.index = column(`${key}.column`, m.column);
      r.column = m.column;
    } else if ("otherText" in m) {
      if (m.otherText !== true) {
        add(
          `${key}.otherText`,
          String(m.otherText),
          "true",
          'must be true (the column holds the free text of the "Other:" option)',
        );
        continue;
      }
      if (v.scale !== "mention") {
        add(
          `${key}.otherText`,
          name,
          "a mention variable (codes 1/0)",
          `"otherText" fills a mention (1 mentioned, 0 not); ${name} is not one`,
        );
        continue;
      }
      r.otherText = true;
      r.index = column(`${key}.column`, m.column);
      r.column = m.column;
    } else if ("answers" in m) {
      r.index = column(`${key}.column`, m.column);
      r.column = m.column;
      const set = typeof m.answers === "string" ? sets[m.answers] : m.answers;
      if (!isObject(set)) {
        add(
          `${key}.answers`,
          String(m.answers),
          `an answer set: ${Object.keys(sets).join(", ")}`,
          typeof m.answers === "string"
            ? `answer set "${m.answers}" is not defined in "answerSets"`
            : "must be an object or the name of an answer set",
        );
        continue;
      }
      for (const [answer, code] of Object.entries(set)) allowed(`${key}.answers["${answer}"]`, code);
      r.answers = new Map(Object.entries(set));
    } else {
      add(
        key,
        JSON.stringify(m),
        '"answers", "employees", "otherText" or "constant"',
        'needs "answers", "employees": true, "otherText": true or "constant"',
      );
      continue;
    }
    variables.push(r);
  }
  for (const v of cb.variables) {
    if (v.type !== "id" && !v.optionalColumn && !(v.name in entries))
      add(
        `variables.${v.name}`,
        "",
        "a mapping",
        `codebook variable "${v.name}" is not mapped (map it, or give { "constant": -9 } if the survey did not ask it)`,
      );
  }
  sameColumn(variables, options.allow ?? [], add);
  const wanted = isObject(mapping) ? wantedColumns(mapping).length : 0;
  const texts = absent > 0 ? textHeadingsMessage(header) : undefined;
  if (!texts && absent > 2 && absent > wanted / 2) {
    // most columns absent: another questionnaire's export, not a few slips; one problem says so
    const found = list.items.filter((p) => p.expected !== "a column of the export");
    const others = header.slice(0, 12).map((h) => JSON.stringify(h));
    const p: SurveyProblem = {
      kind: "mapping",
      file: files.export,
      row: 0,
      line: 1,
      column: "",
      value: String(absent),
      expected: "the mapped columns",
      message: `${absent} of the ${wanted} columns the mapping names are not in the export: it looks like the export of another questionnaire. Its ${header.length} columns are ${others.join(", ")}${header.length > 12 ? ", …" : ""}; write a mapping for it with npm run mapping:init -- --structure survey.lss (the survey's structure file)`,
    };
    throw new LimeSurveyMappingError(files.mapping, [p, ...found], 1 + found.length);
  }
  if (texts) {
    const p: SurveyProblem = {
      kind: "export-setting",
      file: files.export,
      row: 0,
      line: 1,
      column: "",
      value: header[0] ?? "",
      expected: "question codes as headings",
      message: `${texts} (${absent} mapped columns not found)`,
    };
    throw new LimeSurveyMappingError(files.export, [p]);
  }
  if (list.total > 0) throw new LimeSurveyMappingError(files.mapping, list.items, list.total);
  variables.sort((a, b) => cb.variables.indexOf(a.variable) - cb.variables.indexOf(b.variable));
  return {
    id: { index: idIndex, prefix: mapping.id.prefix ?? "", pad: mapping.id.pad ?? 0 },
    completedIndex,
    missingValues: new Set(missing.values),
    missingCode: missing.code,
    variables,
    headings: located.style,
  };
}

/**
 * Two codebook variables read from one export column give two identical results (two equal
 * bars in a figure): a slip unless one of them is allowed.
 */
function sameColumn(
  variables: readonly ResolvedVariable[],
  allow: readonly string[],
  add: (key: string, value: string, expected: string, message: string) => void,
): void {
  const byColumn = new Map<number, ResolvedVariable[]>();
  for (const r of variables)
    if (r.index >= 0 && r.column !== undefined) byColumn.set(r.index, [...(byColumn.get(r.index) ?? []), r]);
  for (const list of byColumn.values()) {
    if (list.length < 2 || list.some((r) => allow.includes(r.variable.name))) continue;
    const keys = list.map((r) => `"${r.key}"`);
    const names = list.map((r) => r.variable.name);
    add(
      list[1]!.key,
      list[0]!.column!,
      "one column per variable",
      `${keys.slice(0, -1).join(", ")} and ${keys.at(-1)} read the same column "${list[0]!.column}", so ${names.join(" and ")} would come out identical; map each to its own column, or give --allow ${names.at(-1)} if this is meant`,
    );
  }
}

/** Every export column a mapping names (id, completion, variables). */
function wantedColumns(mapping: LimeSurveyMapping): string[] {
  const vars = isObject(mapping.variables) ? Object.values(mapping.variables) : [];
  const cols = vars.map((m) => (isObject(m) && "column" in m && typeof m.column === "string" ? m.column : undefined));
  return [
    isObject(mapping.id) ? mapping.id.column : undefined,
    mapping.completed === undefined ? "submitdate" : mapping.completed,
    ...cols,
  ].filter((c): c is string => typeof c === "string");
}
