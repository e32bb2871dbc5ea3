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
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { shares } from "../analysis/shares.js";
import { loadCodebook, scaleOf, type Codebook, type Filter } from "../data/codebook.js";
import { compareGroups, type GroupCount, type TestOutcome } from "../stats/compare-groups.js";
import { comparePaired } from "../stats/compare-paired.js";
import {
  checkClaim,
  loadClaims,
  type GroupTest,
  type PairedTest,
  type ClaimSpec,
  type GroupsComparison,
  type PairedComparison,
  type Side,
} from "../data/claims-file.js";
import { minCellOf } from "../data/disclosure-policy.js";
import type { IdentifiedRange } from "../stats/identified/claim-ranges.js";
import { loadIdentified } from "../stats/identified/identified-file.js";

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
  if ("variable" in cmp.right) return cmp.right;
  const lowest = "nearestOf" in cmp.right && cmp.direction === "lower";
  const list = "strongestOf" in cmp.right ? cmp.right.strongestOf : cmp.right.nearestOf;
  const { categories } = cmp.right;
  const s = shares(table, cb, list, categories, { filter: cmp.filter ?? {} }).array("percent") as number[];
  const best = s.reduce((bi, x, i) => ((lowest ? x < s[bi]! : x > s[bi]!) ? i : bi), 0);
  return { variable: list[best]!, categories };
}

/**
 * The evidence for every claim: its contingency table built from the survey rows, the test, the
 * effect size and the verdict. Columns: those of {@link ClaimEvidence}, one row per claim, in
 * the order of the claims file. On data under disclosure control, the counts and shares of a
 * table row holding a cell below the minimum cell size are NaN (see {@link protectClaimEvidence}).
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
      const chosen =
        "strongestOf" in cmp.right
          ? ` (the most chosen of ${cmp.right.strongestOf.join(", ")})`
          : "nearestOf" in cmp.right
            ? ` (the ${cmp.direction === "lower" ? "least" : "most"} chosen of ${cmp.right.nearestOf.join(", ")})`
            : "";
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
    // a sentence that only says the groups differ has no direction to hold
    const directionHolds =
      c.says === "differ" || (cmp.direction === "higher" ? rest.every((s) => first > s) : rest.every((s) => first < s));
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

/**
 * A claim's evidence with small cells hidden: every row of its table holding a cell below k
 * (all rows of a paired table) gets NaN counts and a NaN share; the warning says so.
 * @param row - one row of `claimsEvidence`.
 * @param k - minimum cell size; 0 leaves the row as it is.
 * @example protectClaimEvidence({ …, table: [[3, 17], [9, 11]], shares: [15, 45] }, 5).shares // => [NaN, 45]
 */
export function protectClaimEvidence(row: ClaimEvidence, k: number): ClaimEvidence {
  if (k <= 0) return row;
  const paired = row.effectName === "pairedDifference";
  const small = row.table.map((cells) => cells.some((x) => x < k));
  if (!small.some(Boolean)) return row;
  const hide = (i: number): boolean => paired || small[i]!;
  const note = `counts suppressed (< ${k} respondents)`;
  return {
    ...row,
    table: row.table.map((cells, i) => (hide(i) ? cells.map(() => NaN) : cells)),
    shares: row.shares.map((s, i) => (hide(i) || paired ? NaN : s)),
    warning: row.warning ? `${row.warning}; ${note}` : note,
  };
}
