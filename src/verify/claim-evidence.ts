/**
 * Claims and their evidence: for each comparison the report's text makes between groups
 * (data/published/claims.json), the contingency table built from the survey rows through the
 * aggregation functions, the test that fits it, an effect size and a verdict.
 *
 * A claim is "supported" when the data show the claimed direction and the test's p is below
 * alpha; "contradicted" when the direction is the opposite (or, for three groups, the claimed
 * group is not the extreme one) and p is below alpha; "not computable" when a compared group
 * (or, for paired items, the set of respondents answering both) is empty, with the reason in
 * `warning`; otherwise "not distinguishable at this N".
 * Omnibus tests (three groups) test for any difference; the claimed order is read from the shares.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { shares } from "../analysis/shares.js";
import { figureDef, grouping, loadCodebook, scaleOf, type Codebook, type Filter } from "../data/codebook.js";
import { paths } from "../paths.js";
import {
  compareGroups,
  GROUP_TESTS,
  type GroupCount,
  type GroupTest,
  type TestOutcome,
} from "../stats/compare-groups.js";
import { comparePaired, PAIRED_TESTS, type PairedTest } from "../stats/compare-paired.js";
import { minCellOf } from "../data/disclosure-policy.js";
import { protectClaimEvidence } from "./disclosure-report.js";
import type { IdentifiedRange } from "../stats/identified/claim-ranges.js";
import { loadIdentified } from "../stats/identified/identified-file.js";

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
export type Verdict = "supported" | "not distinguishable at this N" | "contradicted" | "not computable";

/** One row of {@link claimsEvidence}. */
export interface ClaimEvidence extends TestOutcome {
  id: string;
  figure: string;
  chapter: string;
  claimDe: string;
  claimEn: string;
  /** The comparison in words (variables, codes, filter, groups). */
  comparison: string;
  /** Row keys of `table`: group keys ("medium+large" when pooled), or [left, "not " + left] when paired. */
  rowKeys: string[];
  /** Column keys of `table`: ["chose", "did not"], or [right, "not " + right] when paired. */
  colKeys: string[];
  table: number[][];
  /** The compared shares in percent: target first (groups), left then right (paired). */
  shares: number[];
  n: number;
  directionHolds: boolean;
  verdict: Verdict;
  alpha: number;
  /**
   * The claim over every dataset consistent with the report (data/published/identified.json):
   * p and share-difference ranges and a robust verdict; null for claims not in that file.
   */
  identified: IdentifiedRange | null;
}

/** Options of {@link claimsEvidence}. */
export interface ClaimsEvidenceOptions {
  /** Significance level (default 0.05). */
  alpha?: number;
  /** The claims (default: data/published/claims.json). */
  claims?: readonly ClaimSpec[];
  codebook?: Codebook;
  /** Confidence level of effect size intervals (default 0.95). */
  level?: number;
  /** Enumeration limit of the Freeman–Halton test. */
  maxSteps?: number;
  /** Ranges over the identified set by claim id (default: data/published/identified.json for the shipped claims, none for others). */
  identified?: Readonly<Record<string, IdentifiedRange>>;
}

/** Raised for a malformed claims file or claim; names the file, the claim and the field. */
export class ClaimsFileError extends Error {
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
export function loadClaims(
  file: string = join(paths.published, "claims.json"),
  cb: Codebook = loadCodebook(),
): ClaimSpec[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new ClaimsFileError(`${file}: cannot read claims (${(e as Error).message})`);
  }
  const claims = (raw as { claims?: unknown })?.claims;
  if (!Array.isArray(claims)) throw new ClaimsFileError(`${file}: expected an object with a "claims" array`);
  claims.forEach((c, i) => checkClaim(c as ClaimSpec, cb, `${file}: claim ${i}`));
  return claims as ClaimSpec[];
}

function checkClaim(c: ClaimSpec, cb: Codebook, where: string): void {
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

/** Merges an extra clause into a filter, intersecting codes when the variable is already filtered. */
function narrow(filter: Filter, name: string, codes: number[]): Filter {
  const had = filter[name];
  return { ...filter, [name]: had ? codes.filter((c) => had.includes(c)) : codes };
}

function describeSide(s: Side): string {
  return `${s.variable} ∈ {${s.categories.join(", ")}}`;
}

function describeFilter(filter: Filter | undefined): string {
  const parts = Object.entries(filter ?? {}).map(([k, v]) => `${k} ∈ {${v.join(", ")}}`);
  return parts.length ? ` among ${parts.join(", ")}` : "";
}

/** The groups × [chose, did not] table of a groups comparison, from `shares`. */
function groupsTable(table: ColumnTable, cb: Codebook, cmp: GroupsComparison) {
  const rows = shares(table, cb, [cmp.variable], cmp.categories, {
    filter: cmp.filter ?? {},
    groupBy: cmp.groupBy,
  }).objects() as Array<{ group: string; count: number; base: number }>;
  const pooled = [[cmp.target], ...cmp.others.map((o) => (Array.isArray(o) ? o : [o]))];
  const counts: GroupCount[] = pooled.map((keys) =>
    keys.reduce(
      (acc, key) => {
        const r = rows.find((x) => x.group === key)!;
        return { k: acc.k + r.count, n: acc.n + r.base };
      },
      { k: 0, n: 0 },
    ),
  );
  return {
    counts,
    rowKeys: pooled.map((keys) => keys.join("+")),
    colKeys: ["chose", "did not"],
    comparison: `${describeSide(cmp)}${describeFilter(cmp.filter)}: ${pooled.map((k) => k.join("+")).join(" vs ")} (${cmp.groupBy})`,
  };
}

/** The paired [[a, b], [c, d]] table of two items, from `shares` with the first item in the filter. */
function pairedTable(table: ColumnTable, cb: Codebook, left: Side, right: Side, filter: Filter = {}): number[][] {
  const valid = scaleOf(cb, left.variable).values.map((v) => v.code);
  const part = (codes: number[]) => {
    const r = shares(table, cb, [right.variable], right.categories, {
      filter: narrow(filter, left.variable, codes),
    }).object() as { count: number; base: number };
    return [r.count, r.base - r.count];
  };
  return [part(left.categories), part(valid.filter((c) => !left.categories.includes(c)))];
}

function resolveRight(table: ColumnTable, cb: Codebook, cmp: PairedComparison): Side {
  if (!("strongestOf" in cmp.right)) return cmp.right;
  const { strongestOf, categories } = cmp.right;
  const s = shares(table, cb, strongestOf, categories, { filter: cmp.filter ?? {} }).array("percent") as number[];
  const best = s.reduce((bi, x, i) => (x > s[bi]! ? i : bi), 0);
  return { variable: strongestOf[best]!, categories };
}

/**
 * The evidence for every claim: its contingency table built from the survey rows, the test, the
 * effect size and the verdict. Columns: those of {@link ClaimEvidence}, one row per claim, in
 * the order of the claims file. On data under disclosure control, the counts and shares of a
 * table row holding a cell below the minimum cell size are NaN (see `disclosure-report.ts`).
 * @param table - the survey (one row per respondent), e.g. from loadSurvey().
 * @param options - alpha (default 0.05), claims, codebook, interval level, enumeration limit.
 * @throws ClaimsFileError for a malformed claims file; RangeError for an alpha outside (0, 1);
 *   IdentifiedSetError when identified.json is missing or was computed from other inputs
 *   (shipped claims only).
 * @example claimsEvidence(loadSurvey()).filter((d) => d.id === "abb5-inside-more-than-outside").get("verdict", 0) // => "supported"
 */
export function claimsEvidence(table: ColumnTable, options: ClaimsEvidenceOptions = {}): ColumnTable {
  const cb = options.codebook ?? loadCodebook();
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`claimsEvidence: alpha must be in (0, 1), got ${alpha}`);
  const claims = options.claims ?? loadClaims(undefined, cb);
  if (options.claims) claims.forEach((c, i) => checkClaim(c, cb, `claims option: claim ${i}`));
  const identified = options.identified ?? (options.claims ? {} : loadIdentified().claims);
  const rows = claims.map((c): ClaimEvidence => {
    const cmp = c.comparison;
    let built: {
      table: number[][];
      rowKeys: string[];
      colKeys: string[];
      shares: number[];
      comparison: string;
      outcome: TestOutcome;
    };
    if (cmp.kind === "groups") {
      const g = groupsTable(table, cb, cmp);
      const empty = g.rowKeys.filter((_, i) => g.counts[i]!.n === 0);
      const effectName = g.counts.length === 2 ? "riskDifference" : "cramersV";
      built = {
        ...g,
        table: g.counts.map(({ k, n }) => [k, n - k]),
        shares: g.counts.map(({ k, n }) => (n ? (100 * k) / n : NaN)),
        outcome: empty.length
          ? notComputable(
              c.test,
              effectName,
              `n = 0 in ${empty.join(", ")}: no respondent with a valid ${cmp.variable}`,
            )
          : compareGroups(g.counts, c.test as GroupTest, { level: options.level, maxSteps: options.maxSteps }),
      };
    } else {
      const right = resolveRight(table, cb, cmp);
      const t = pairedTable(table, cb, cmp.left, right, cmp.filter);
      const [[a, b], [cc, d]] = t as [[number, number], [number, number]];
      const n = a + b + cc + d;
      const chosen = "strongestOf" in cmp.right ? ` (the most chosen of ${cmp.right.strongestOf.join(", ")})` : "";
      built = {
        table: t,
        rowKeys: [cmp.left.variable, `not ${cmp.left.variable}`],
        colKeys: [right.variable, `not ${right.variable}`],
        shares: n ? [(100 * (a + b)) / n, (100 * (a + cc)) / n] : [NaN, NaN],
        comparison: `${describeSide(cmp.left)} vs ${describeSide(right)}${chosen}${describeFilter(cmp.filter)}, same respondents`,
        outcome: n
          ? comparePaired(t, c.test as PairedTest)
          : notComputable(
              c.test,
              "pairedDifference",
              `n = 0: no respondent answered both ${cmp.left.variable} and ${right.variable}`,
            ),
      };
    }
    const [first, ...rest] = built.shares as [number, ...number[]];
    const directionHolds = cmp.direction === "higher" ? rest.every((s) => first > s) : rest.every((s) => first < s);
    const significant = built.outcome.p < alpha;
    const verdict: Verdict =
      Number.isNaN(built.outcome.p) && built.shares.some(Number.isNaN)
        ? "not computable"
        : significant
          ? directionHolds
            ? "supported"
            : "contradicted"
          : "not distinguishable at this N";
    return {
      id: c.id,
      figure: c.figure,
      chapter: c.chapter,
      claimDe: c.de,
      claimEn: c.en,
      comparison: built.comparison,
      rowKeys: built.rowKeys,
      colKeys: built.colKeys,
      table: built.table,
      shares: built.shares,
      ...built.outcome,
      n: built.table.flat().reduce((s, x) => s + x, 0),
      directionHolds,
      verdict,
      alpha,
      identified: identified[c.id] ?? null,
    };
  });
  const k = minCellOf(table);
  return aq.from(rows.map((r) => protectClaimEvidence(r, k)));
}

/** The outcome of a comparison that has an empty side: no test, no effect, the reason as warning. */
function notComputable(test: string, effectName: TestOutcome["effectName"], why: string): TestOutcome {
  return {
    test,
    statistic: null,
    df: null,
    p: NaN,
    effectName,
    effect: null,
    effectLow: null,
    effectHigh: null,
    oddsRatio: null,
    warning: why,
  };
}
