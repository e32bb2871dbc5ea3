/**
 * The codebook: the single source of variables, value labels (German and English), category
 * order, missing-value codes, groupings and figure definitions.
 */
import { PROJECT_FILES, readFileText } from "./source.js";
import { codebookProblems, schemaMessage } from "./codebook-schema.js";
import { InterspinError } from "../util/errors.js";

/** A language the labels exist in. */
export type Lang = "de" | "en";
/** A text in both languages. */
export type Label = { de: string; en: string };

export interface ScaleValue {
  code: number;
  key: string;
  label: Label;
  employees?: [number, number | null];
}
export interface Scale {
  type: "ordinal" | "nominal" | "binary";
  values: ScaleValue[];
  neutral?: number;
  top2?: number[];
  bottom2?: number[];
}
export interface MissingCode {
  code: number;
  key: string;
  label: Label;
}
export interface GroupDef {
  key: string;
  codes: number[];
  label: Label;
}
export interface Grouping {
  variable: string;
  label: Label;
  groups: GroupDef[];
}
/** Row filter: variable name to admissible codes; an empty filter admits every row. */
export type Filter = Record<string, number[]>;
export type VariableType = "id" | "single" | "likert" | "multiple" | "count";
export interface Variable {
  name: string;
  type: VariableType;
  scale?: string;
  question: Label;
  short?: Label;
  note?: Label;
  figures: string[];
  missing?: number[];
  askedIf?: Filter;
  /** A column survey files may lack (read as no answer, or not asked outside `askedIf`). */
  optionalColumn?: boolean;
  grid?: { question: string; topic: string; group: string };
}
export interface GridTopic {
  key: string;
  label: Label;
}
export interface Grid {
  question: Label;
  topics?: GridTopic[];
  groups?: string[];
  perspective?: Label;
  items?: string[] /** The actor-group axis: to whom (Abb. 6) or from whom (Abb. 7). */;
  axis?: Label;
}
export type FigureKind = "likert" | "likert-by-group" | "grid" | "multiple" | "multiple-by-group";
export interface FigureDef {
  id: string;
  number: Label;
  caption: Label;
  /** A short title for page headings and links (the caption may be the whole question). */
  short?: Label;
  kind: FigureKind;
  items?: string[];
  grid?: string;
  groupBy?: string;
  base: Filter;
  statedN: number | null;
  chapter: string;
  source: Label;
}
export interface Codebook {
  title: Label;
  version: string;
  scales: Record<string, Scale>;
  missing: MissingCode[];
  groupings: Record<string, Grouping>;
  grids: Record<string, Grid>;
  variables: Variable[];
  figures: FigureDef[];
  /** Texts of figures, tables and reports (axis titles, notes) in both languages. */
  ui: Record<string, Label>;
}

/** Raised when a codebook lookup names something the codebook does not define. */
export class CodebookError extends InterspinError {
  override name = "CodebookError";
}

let cached: Codebook | undefined;

/**
 * Loads the codebook (once per process; later calls return the same object).
 * @param file - path of a codebook JSON file; defaults to `data/codebook.json`.
 * @throws CodebookError when the file is missing, not JSON, or not a codebook: one line naming
 * the file and the first wrong key, e.g. `data/codebook.json: key "scales" is missing (expected an object of value scales)`.
 * @example loadCodebook().variables.length // => 52
 */
export function loadCodebook(file?: string): Codebook {
  if (file === undefined && cached) return cached;
  let parsed: Codebook;
  const read = readFileText(
    file,
    PROJECT_FILES.codebook,
    (name, why) => new CodebookError(`${name}: cannot read codebook (${why})`),
  );
  const shown = read.name;
  try {
    parsed = JSON.parse(read.text) as Codebook;
  } catch (e) {
    throw new CodebookError(`${shown}: cannot read codebook (${(e as Error).message})`);
  }
  const problems = codebookProblems(parsed);
  if (problems.length) {
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
    throw new CodebookError(`${shown}: ${schemaMessage(problems[0]!)}${more}`);
  }
  if (file === undefined) cached = parsed;
  return parsed;
}

/**
 * Looks up a variable by name.
 * @throws CodebookError for an unknown name.
 * @example variable(loadCodebook(), "funded").scale // => "yesNo"
 */
export function variable(cb: Codebook, name: string): Variable {
  const v = cb.variables.find((x) => x.name === name);
  if (!v) throw new CodebookError(`unknown variable "${name}" (not in the codebook)`);
  return v;
}

/**
 * The scale (value labels in order) of a variable.
 * @throws CodebookError when the variable has no scale.
 * @example scaleOf(loadCodebook(), "techProximity").values.map((v) => v.code) // => [1, 2, 3, 4, 5]
 */
export function scaleOf(cb: Codebook, name: string): Scale {
  const v = variable(cb, name);
  const s = v.scale ? cb.scales[v.scale] : undefined;
  if (!s) throw new CodebookError(`variable "${name}" has no value scale`);
  return s;
}

/**
 * Looks up a figure definition by its report id.
 * @throws CodebookError for an unknown id.
 * @example figureDef(loadCodebook(), "abb-05").statedN // => 136
 */
export function figureDef(cb: Codebook, id: string): FigureDef {
  const f = cb.figures.find((x) => x.id === id);
  if (!f) throw new CodebookError(`unknown figure "${id}"; known: ${cb.figures.map((x) => x.id).join(", ")}`);
  return f;
}

/**
 * Looks up a grouping (such as `size3`).
 * @throws CodebookError for an unknown grouping.
 * @example grouping(loadCodebook(), "size3").groups.map((g) => g.key) // => ["microSmall", "medium", "large"]
 */
export function grouping(cb: Codebook, key: string): Grouping {
  const g = cb.groupings[key];
  if (!g) throw new CodebookError(`unknown grouping "${key}"; known: ${Object.keys(cb.groupings).join(", ")}`);
  return g;
}

/**
 * The label of a value code of a variable (a missing code gives the missing label).
 * @example valueLabel(loadCodebook(), "funded", 1, "en") // => "Yes"
 */
export function valueLabel(cb: Codebook, name: string, code: number, lang: Lang): string {
  const m = cb.missing.find((x) => x.code === code);
  if (m) return m.label[lang];
  const hit = scaleOf(cb, name).values.find((x) => x.code === code);
  if (!hit) throw new CodebookError(`variable "${name}" has no value ${code}`);
  return hit.label[lang];
}

/** The codes every variable treats as missing. */
export function missingCodes(cb: Codebook): number[] {
  return cb.missing.map((m) => m.code);
}

/**
 * Maps a number of employees to the EU size class code (1 micro … 4 large).
 * @throws RangeError for a negative or non-integer count.
 * @example sizeClassFromEmployees(49) // => 2
 */
export function sizeClassFromEmployees(employees: number): number {
  if (!Number.isInteger(employees) || employees < 0) {
    throw new RangeError(`employees must be a whole number ≥ 0, got ${employees}`);
  }
  if (employees < 10) return 1;
  if (employees < 50) return 2;
  if (employees < 250) return 3;
  return 4;
}
