/**
 * What a survey cell may hold, per codebook variable: a scale code or one of the variable's
 * missing codes (`count` variables: a whole number ≥ 0). One rule is built per column, then
 * applied to every cell, so the per-cell work is a parse and a set lookup.
 */
import type { Codebook, Variable } from "./codebook.js";
import type { ProblemKind } from "./errors.js";
import { oneLine } from "../util/terminal-text.js";

/** What is wrong with one cell. */
export interface CellIssue {
  kind: ProblemKind;
  message: string;
}

/** How to check the cells of one variable. */
export interface CellRule {
  variable: Variable;
  /** Admissible codes (scale and missing); undefined for `count` (any whole number ≥ 0). */
  codes?: Set<number>;
  missing: number[];
  /** What a cell should hold, in words, for messages. */
  expected: string;
  /** Scale code range for ordinal scales (Likert), used to say "out of range". */
  range?: [number, number];
}

/**
 * Whether a cell would be evaluated as a formula by a spreadsheet: it starts with = or @, or
 * with + or - not followed by a digit (so "-9" is a number, "=HYPERLINK(…)" and "-cmd" are not).
 * @example [looksLikeFormula("=1+1"), looksLikeFormula("-9"), looksLikeFormula("+x")] // => [true, false, true]
 */
export function looksLikeFormula(cell: string): boolean {
  if (cell.length < 2) return false;
  const c = cell.charCodeAt(0);
  if (c === 61 || c === 64) return true;
  if (c !== 43 && c !== 45) return false;
  const d = cell.charCodeAt(1);
  return d < 48 || d > 57;
}

/**
 * Parses an integer written as digits with an optional leading minus; anything else is NaN.
 * @example [parseCode("-9"), parseCode("3.0"), parseCode(" 3")] // => [-9, NaN, NaN]
 */
export function parseCode(cell: string): number {
  const n = cell.length;
  let i = cell.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n || n - i > 15) return NaN;
  let v = 0;
  for (; i < n; i++) {
    const d = cell.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return cell.charCodeAt(0) === 45 ? -v : v;
}

function list(codes: number[]): string {
  return codes.join(", ");
}

/**
 * Builds the rule for a variable from the codebook. Variables without their own `missing`
 * list accept every codebook missing code.
 * @example cellRule(cb, variable(cb, "funded")).expected // => "one of 1, 2 (yesNo) or a missing code (-9)"
 */
export function cellRule(cb: Codebook, v: Variable): CellRule {
  const missing = v.missing ?? cb.missing.map((m) => m.code);
  const miss = missing.length ? ` or a missing code (${list(missing)})` : "";
  const scale = v.scale ? cb.scales[v.scale] : undefined;
  if (!scale) return { variable: v, missing, expected: `a whole number ≥ 0${miss}` };
  const values = scale.values.map((x) => x.code);
  const codes = new Set([...values, ...missing]);
  const sorted = [...values].sort((a, b) => a - b);
  const contiguous = sorted.every((c, i) => i === 0 || c === sorted[i - 1]! + 1);
  if (scale.type === "ordinal" && contiguous && sorted.length > 2) {
    const range: [number, number] = [sorted[0]!, sorted[sorted.length - 1]!];
    return { variable: v, codes, missing, range, expected: `${range[0]}–${range[1]} (${v.scale})${miss}` };
  }
  return { variable: v, codes, missing, expected: `one of ${list(values)} (${v.scale})${miss}` };
}

function missingLabel(cb: Codebook, code: number): string {
  const m = cb.missing.find((x) => x.code === code);
  return m ? ` ("${m.label.de}")` : "";
}

/**
 * Checks one cell: returns its code, or what is wrong with it.
 * @example checkCell(cb, rule, "7") // => { kind: "out-of-range", message: "7 is outside the likert5 scale 1–5; expected 1–5 (likert5) or a missing code (-9, -8)" }
 */
export function checkCell(cb: Codebook, rule: CellRule, cell: string): number | CellIssue {
  const code = parseCode(cell);
  if (rule.codes ? rule.codes.has(code) : code >= 0 || rule.missing.includes(code)) return code;
  const want = `expected ${rule.expected}`;
  if (cell === "") return { kind: "empty-cell", message: `empty cell; ${want} (use -9 for "keine Angabe")` };
  if (looksLikeFormula(cell))
    return { kind: "formula", message: `"${clip(cell)}" looks like a spreadsheet formula, not a code; ${want}` };
  if (Number.isNaN(code)) {
    const hint =
      cell.trim() !== cell
        ? " (remove the spaces)"
        : /^-?\d+\.\d*$/.test(cell)
          ? " (write whole numbers without decimals)"
          : "";
    return { kind: "not-integer", message: `"${clip(cell)}" is not an integer code${hint}; ${want}` };
  }
  if (code < 0 && cb.missing.some((m) => m.code === code)) {
    return {
      kind: "unknown-code",
      message: `missing code ${code}${missingLabel(cb, code)} is not allowed for ${rule.variable.name}; ${want}`,
    };
  }
  if (rule.range) {
    return {
      kind: "out-of-range",
      message: `${code} is outside the ${rule.variable.scale} scale ${rule.range[0]}–${rule.range[1]}; ${want}`,
    };
  }
  return { kind: "unknown-code", message: `unknown code ${code} for ${rule.variable.name}; ${want}` };
}

/**
 * Shortens a cell for a message, so that a huge cell cannot flood the output, and puts it on one
 * line with its hidden characters escaped (a line break in a value cannot print a fake line).
 * @example clip("abcdef", 3) // => "abc…"
 * @example clip("a\nb") // => "a\\nb"
 */
export function clip(cell: string, max = 60): string {
  return oneLine(cell.length > max ? `${cell.slice(0, max)}…` : cell);
}
