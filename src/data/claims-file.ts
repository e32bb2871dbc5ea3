/**
 * data/published/claims.json: the comparisons the report's text draws between groups (or
 * between two items of the same respondents), each with the test that fits it. Read and
 * checked against the codebook here; their evidence on data is in verify/claim-evidence.ts,
 * their range over every consistent dataset in stats/identified/.
 */
import { figureDef, grouping, loadCodebook, scaleOf, type Codebook, type Filter } from "./codebook.js";
import { PROJECT_FILES, readJsonFile } from "./source.js";
import { InterspinError } from "../util/errors.js";

/** Tests of a comparison between independent groups. */
export type GroupTest = "fisher" | "freeman-halton" | "chi-square" | "exact-or-chi-square";
/** Every {@link GroupTest}. */
export const GROUP_TESTS: readonly GroupTest[] = ["fisher", "freeman-halton", "chi-square", "exact-or-chi-square"];
/** Tests of a paired comparison (two items of the same respondents). */
export type PairedTest = "mcnemar" | "mcnemar-uncorrected" | "mcnemar-exact";
/** Every {@link PairedTest}. */
export const PAIRED_TESTS: readonly PairedTest[] = ["mcnemar", "mcnemar-uncorrected", "mcnemar-exact"];

/** The claimed direction: the target (or left) share is above ("higher") or below ("lower") the others. */
export type Direction = "higher" | "lower";
/** Respondents choosing `categories` of `variable`. */
export interface Side {
  variable: string;
  categories: number[];
}
/** Of several variables, the one with the highest share (the runner-up a "most used" claim must beat). */
export interface StrongestSide {
  strongestOf: string[];
  categories: number[];
}
/** One share compared across independent groups of a grouping; an entry of `others` given as an array pools those groups. */
export interface GroupsComparison {
  kind: "groups";
  variable: string;
  categories: number[];
  filter?: Filter;
  groupBy: string;
  target: string;
  others: Array<string | string[]>;
  direction: Direction;
}
/** Two shares of the same respondents (those with valid answers to both). */
export interface PairedComparison {
  kind: "paired";
  left: Side;
  right: Side | StrongestSide;
  filter?: Filter;
  direction: Direction;
}
/** A comparison of the report's text (an entry of claims.json). */
export interface ClaimSpec {
  id: string;
  figure: string;
  chapter: string;
  published?: string;
  /** The report's words, and a translation. */
  de: string;
  en: string;
  comparison: GroupsComparison | PairedComparison;
  test: GroupTest | PairedTest;
}
/** Raised for a malformed claims file or claim; names the file, the claim and the field. */
export class ClaimsFileError extends InterspinError {
  override name = "ClaimsFileError";
}

const DIRECTIONS: readonly Direction[] = ["higher", "lower"];

/**
 * Reads and checks a claims file against the codebook.
 * @param file - default data/published/claims.json.
 * @param cb - the codebook the variables, codes and groups must exist in.
 * @throws ClaimsFileError naming the claim and field of the first problem.
 * @example loadClaims().map((c) => c.id)[0] // => "abb3-large-vs-microsmall-tech-distance"
 */
export function loadClaims(file?: string, cb: Codebook = loadCodebook()): ClaimSpec[] {
  const { value: raw, name } = readJsonFile(
    file,
    PROJECT_FILES.claims,
    (n, why) => new ClaimsFileError(`${n}: cannot read claims (${why})`),
  );
  const claims = (raw as { claims?: unknown })?.claims;
  if (!Array.isArray(claims)) throw new ClaimsFileError(`${name}: expected an object with a "claims" array`);
  claims.forEach((c, i) => checkClaim(c as ClaimSpec, cb, `${name}: claim ${i}`));
  return claims as ClaimSpec[];
}

/**
 * Checks one claim against the codebook (variables, codes, groups and the test's kind).
 * @throws ClaimsFileError naming `where`, the claim and the field of the first problem.
 */
export function checkClaim(c: ClaimSpec, cb: Codebook, where: string): void {
  const at = `${where} "${c?.id ?? "(no id)"}"`;
  const fail = (field: string, detail: string): never => {
    throw new ClaimsFileError(`${at}, field "${field}": ${detail}`);
  };
  for (const f of ["id", "figure", "chapter", "de", "en"] as const)
    if (typeof c[f] !== "string" || !c[f].trim()) fail(f, `must be a non-empty string, got ${JSON.stringify(c[f])}`);
  try {
    figureDef(cb, c.figure);
  } catch (e) {
    fail("figure", (e as Error).message);
  }
  const side = (s: { variable?: string; categories?: number[] }, field: string) => {
    let codes: number[] = [];
    try {
      codes = scaleOf(cb, String(s?.variable)).values.map((v) => v.code);
    } catch (e) {
      fail(`${field}.variable`, (e as Error).message);
    }
    if (!Array.isArray(s.categories) || !s.categories.length || !s.categories.every((x) => codes.includes(x))) {
      fail(
        `${field}.categories`,
        `must be a non-empty list of codes of ${s.variable} (${codes.join(", ")}), got ${JSON.stringify(s.categories)}`,
      );
    }
  };
  const cmp = c.comparison;
  if (!DIRECTIONS.includes(cmp?.direction))
    fail("comparison.direction", `must be "higher" or "lower", got ${JSON.stringify(cmp?.direction)}`);
  for (const [k, codes] of Object.entries(cmp.filter ?? {}))
    side({ variable: k, categories: codes }, `comparison.filter.${k}`);
  if (cmp.kind === "groups") {
    if (!GROUP_TESTS.includes(c.test as GroupTest))
      fail("test", `a groups comparison takes one of ${GROUP_TESTS.join(", ")}, got ${JSON.stringify(c.test)}`);
    side(cmp, "comparison");
    let keys: string[] = [];
    try {
      keys = grouping(cb, cmp.groupBy).groups.map((g) => g.key);
    } catch (e) {
      fail("comparison.groupBy", (e as Error).message);
    }
    const named = [cmp.target, ...(Array.isArray(cmp.others) ? cmp.others.flat() : [])];
    if (!Array.isArray(cmp.others) || !cmp.others.length)
      fail("comparison.others", "must list at least one group (an array pools groups)");
    for (const g of named)
      if (!keys.includes(g)) fail("comparison", `unknown group "${g}" of ${cmp.groupBy}; known: ${keys.join(", ")}`);
    if (new Set(named).size !== named.length)
      fail("comparison.others", `a group is named twice: ${JSON.stringify(named)}`);
    if (c.test === "fisher" && cmp.others.length !== 1)
      fail(
        "test",
        `"fisher" compares two groups; with ${cmp.others.length + 1} use "freeman-halton" or "exact-or-chi-square"`,
      );
  } else if (cmp?.kind === "paired") {
    if (!PAIRED_TESTS.includes(c.test as PairedTest))
      fail("test", `a paired comparison takes one of ${PAIRED_TESTS.join(", ")}, got ${JSON.stringify(c.test)}`);
    side(cmp.left, "comparison.left");
    if ("strongestOf" in cmp.right) {
      if (!Array.isArray(cmp.right.strongestOf) || !cmp.right.strongestOf.length)
        fail("comparison.right.strongestOf", "must list at least one variable");
      for (const v of cmp.right.strongestOf)
        side({ variable: v, categories: cmp.right.categories }, "comparison.right.strongestOf");
    } else side(cmp.right, "comparison.right");
  } else
    fail("comparison.kind", `must be "groups" or "paired", got ${JSON.stringify((cmp as { kind?: unknown })?.kind)}`);
}
