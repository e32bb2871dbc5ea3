/**
 * identified.json checked against its own tables: for every claim, the tables at the ends of the
 * p range (`tableAtPMin`, `tableAtPMax`) are tested again with the claim's test, and the p-values,
 * statistics, share differences and the verdict written beside them must follow; for every verbal
 * order, the verdict must agree with its smallest margin. An edited verdict or range (a claim set
 * to "fails" while its own tables support it) is refused on load, naming the claim and the field.
 * The tests are the ones the identified set is computed with (compare-groups.ts, compare-paired.ts),
 * but this file is not among its inputs, so the check can change without recomputing the set.
 */
import type { ClaimSpec, GroupTest, PairedTest } from "../data/claims-file.js";
import { compareGroups } from "./compare-groups.js";
import { comparePaired } from "./compare-paired.js";

/** What a table at an end of the range gives again. */
interface Rescored {
  p: number;
  statistic: number | null;
  effect: number;
  supported: boolean;
}

/** The part of identified.json the check reads (loose, as read from a file). */
export interface IdentifiedLike {
  alpha?: unknown;
  claims?: Record<string, unknown>;
  orders?: Record<string, unknown>;
}

const VERDICTS = ["robust", "depends", "fails"];

function isTable(t: unknown): t is number[][] {
  return (
    Array.isArray(t) &&
    t.length >= 2 &&
    t.every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => Number.isInteger(x) && x >= 0))
  );
}

/** The claim's test on one table (rows [k, n − k] for groups; the 2 × 2 paired table otherwise). */
function rescore(c: ClaimSpec, table: number[][], alpha: number): Rescored {
  const cmp = c.comparison;
  if (cmp.kind === "groups") {
    const groups = table.map(([k, rest]) => ({ k: k!, n: k! + rest! }));
    const out = compareGroups(groups, c.test as GroupTest);
    const pct = groups.map((g) => (100 * g.k) / g.n);
    const [first, ...others] = pct as [number, ...number[]];
    const nearest = cmp.direction === "higher" ? Math.max(...others) : Math.min(...others);
    const holds = cmp.direction === "higher" ? others.every((s) => first > s) : others.every((s) => first < s);
    return { p: out.p, statistic: out.statistic, effect: first - nearest, supported: holds && out.p < alpha };
  }
  const out = comparePaired(table, c.test as PairedTest);
  const [b, cc] = [table[0]![1]!, table[1]![0]!];
  const holds = cmp.direction === "higher" ? b > cc : b < cc;
  return { p: out.p, statistic: out.statistic, effect: out.effect ?? 0, supported: holds && out.p < alpha };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const fmt = (x: unknown) => (typeof x === "number" ? String(x) : JSON.stringify(x));

/** The problems of one claim's range, each naming the field. */
function claimProblems(c: ClaimSpec, raw: unknown, alpha: number): string[] {
  const r = raw as Record<string, unknown>;
  if (!r || typeof r !== "object") return ["is not an object"];
  const nums = ["pMin", "pMax", "effectMin", "effectMax"] as const;
  const bad = nums.filter((k) => typeof r[k] !== "number" || !Number.isFinite(r[k] as number));
  if (bad.length) return [`${bad.join(", ")}: expected numbers`];
  if (!VERDICTS.includes(r.verdict as string))
    return [`verdict ${fmt(r.verdict)}: expected one of ${VERDICTS.join(", ")}`];
  if (!isTable(r.tableAtPMin) || !isTable(r.tableAtPMax))
    return ["tableAtPMin/tableAtPMax: expected tables of counts with two columns"];
  const [pMin, pMax, effectMin, effectMax] = nums.map((k) => r[k] as number) as [number, number, number, number];
  const out: string[] = [];
  if (r.alpha !== undefined && r.alpha !== alpha) out.push(`alpha ${fmt(r.alpha)}: the file's alpha is ${alpha}`);
  if (pMin > pMax) out.push(`pMin ${pMin} is above pMax ${pMax}`);
  if (effectMin > effectMax) out.push(`effectMin ${effectMin} is above effectMax ${effectMax}`);
  let atMin: Rescored;
  let atMax: Rescored;
  try {
    atMin = rescore(c, r.tableAtPMin, alpha);
    atMax = rescore(c, r.tableAtPMax, alpha);
  } catch (e) {
    return [...out, `its tables cannot be tested (${(e as Error).message})`];
  }
  if (!close(atMin.p, pMin)) out.push(`pMin ${pMin}: its table tableAtPMin gives p = ${atMin.p}`);
  if (!close(atMax.p, pMax)) out.push(`pMax ${pMax}: its table tableAtPMax gives p = ${atMax.p}`);
  // the statistic's maximum is at the smallest p and its minimum at the largest
  for (const [field, value, got] of [
    ["statisticMax", r.statisticMax, atMin.statistic],
    ["statisticMin", r.statisticMin, atMax.statistic],
  ] as const)
    if (typeof value === "number" && (got === null || !close(value, got)))
      out.push(`${field} ${value}: its table gives ${got === null ? "no statistic" : got}`);
  for (const [name, s] of [
    ["tableAtPMin", atMin],
    ["tableAtPMax", atMax],
  ] as const)
    if (s.effect < effectMin - 1e-9 || s.effect > effectMax + 1e-9)
      out.push(`effect ${s.effect} of ${name} lies outside effectMin…effectMax (${effectMin}…${effectMax})`);
  const v = r.verdict;
  if (v === "robust" && !(atMin.supported && atMax.supported))
    out.push(`verdict "robust": ${atMax.supported ? "tableAtPMin" : "tableAtPMax"} does not support the claim`);
  if (v === "fails" && (atMin.supported || atMax.supported))
    out.push(`verdict "fails": ${atMin.supported ? "tableAtPMin" : "tableAtPMax"} supports the claim`);
  if (v === "depends" && !(pMin < alpha))
    out.push(`verdict "depends": no dataset can support the claim with pMin ${pMin} not below alpha ${alpha}`);
  return out;
}

/** The problems of one order's verdict. */
function orderProblems(raw: unknown): string[] {
  const o = raw as Record<string, unknown>;
  if (!o || typeof o !== "object") return ["is not an object"];
  if (!VERDICTS.includes(o.verdict as string))
    return [`verdict ${fmt(o.verdict)}: expected one of ${VERDICTS.join(", ")}`];
  const m = o.marginMin;
  if (m !== null && (typeof m !== "number" || !Number.isFinite(m)))
    return [`marginMin ${fmt(m)}: expected a number or null`];
  if (o.method === "not printed" && (o.verdict !== "depends" || m !== null))
    return [`method "not printed": the numbers cannot decide the order (verdict "depends", marginMin null)`];
  // the order holds in every dataset exactly when its smallest margin is above 0
  if (typeof m === "number" && m > 0 !== (o.verdict === "robust"))
    return [`verdict ${fmt(o.verdict)}: its smallest margin is ${m} percentage points`];
  return [];
}

/**
 * Checks an identified set against its own tables and the claims it answers.
 * @param set - identified.json as read
 * @param claims - the claims of claims.json (each must have a range; no range may lack a claim)
 * @returns the problems, each naming the claim or order and the field; empty when the file agrees with itself
 * @example identifiedProblems(loadIdentified(), loadClaims()) // => []
 */
export function identifiedProblems(set: IdentifiedLike, claims: readonly ClaimSpec[]): string[] {
  const alpha = set.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1))
    return [`alpha ${fmt(alpha)}: expected a number between 0 and 1`];
  const ranges = set.claims ?? {};
  const out: string[] = [];
  const known = new Set(claims.map((c) => c.id));
  for (const c of claims) {
    if (!(c.id in ranges)) {
      out.push(`claim "${c.id}": no range`);
      continue;
    }
    for (const p of claimProblems(c, ranges[c.id], alpha)) out.push(`claim "${c.id}": ${p}`);
  }
  for (const id of Object.keys(ranges)) if (!known.has(id)) out.push(`claim "${id}": not a claim of claims.json`);
  for (const [id, o] of Object.entries(set.orders ?? {}))
    for (const p of orderProblems(o)) out.push(`order "${id}": ${p}`);
  return out;
}
