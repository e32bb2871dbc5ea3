/**
 * The reviewers' verification: every number and claim the report publishes, recomputed from
 * the survey rows through the module's own aggregations, with a status.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ColumnTable } from "arquero";
import { loadCodebook, type Codebook } from "../data/codebook.js";
import { loadPublished, subgroupParts, type PublishedEntry, type ShareSpec } from "../data/published.js";
import { shares } from "../analysis/shares.js";
import { auditPercentage } from "../stats/audit.js";
import { describeShare, evaluateClaim } from "../stats/audit-claims.js";
import { nearestAttainable, roundedPercent } from "../stats/grim.js";
import { auditSharedBases, type SharedBaseAudit } from "../stats/audit-bases.js";
import { wilson } from "../stats/wilson.js";
import { figureBuilder, figureIds } from "../figures/index.js";
import { figureN } from "../figures/common/figure-kinds.js";
import { numberRows } from "../figures/common/numbers.js";
import { paths } from "../paths.js";
import { loadStudy } from "./sample.js";
import { minCellOf } from "./disclosure-policy.js";
import { protectVerifications } from "./disclosure-report.js";

/** How a published number relates to the data. */
export type VerificationStatus = "reproduced" | "impossible as printed" | "mismatch" | "expected mismatch" | "claim holds" | "claim fails" | "design fact" | "not computable";

/** One line of the verification report. */
export interface Verification {
  id: string; figure: string; kind: string; quote: string; printed: number | null; decimals: number | null;
  recomputed: number | null; k: number | null; n: number | null; ciLow: number | null; ciHigh: number | null;
  status: VerificationStatus; note: string;
}

/** A mismatch recorded on purpose, with its reason. */
export interface ExpectedMismatch { id: string; reason: string }

/** Reads data/published/expected-mismatches.json (absent file: none expected). */
export function loadExpectedMismatches(file = join(paths.published, "expected-mismatches.json")): ExpectedMismatch[] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ExpectedMismatch[]) : [];
}

/** k, n and percent of one share spec, computed from the table. */
export function measureShare(table: ColumnTable, cb: Codebook, spec: ShareSpec): { k: number; n: number; percent: number } {
  const parts = subgroupParts(spec.subgroup);
  const rows = shares(table, cb, [spec.variable], spec.categories, { filter: parts.filter, groupBy: parts.groupBy }).objects() as { group: string; count: number; base: number; percent: number }[];
  const r = parts.group ? rows.find((x) => x.group === parts.group) : rows[0];
  if (!r) throw new RangeError(`no group "${parts.group}" for ${spec.variable}`);
  return { k: r.count, n: r.base, percent: r.percent };
}

const figureOf = (e: PublishedEntry): string => e.figure;

/** The shares an order claim compares (its categories one by one for a mode). */
function claimSpecs(claim: NonNullable<PublishedEntry["claim"]>): ShareSpec[] {
  switch (claim.type) {
    case "greater": return [claim.left, claim.right];
    case "max": case "min": return [claim.target, ...claim.others];
    case "mode": return claim.codes.map((c) => ({ variable: claim.variable, categories: [c], ...(claim.subgroup && { subgroup: claim.subgroup }) }));
  }
}

/**
 * When an entry shares its base with others and no single n fits them all, the recomputed
 * value may be the nearest attainable one at the base the data have: say so.
 */
function sharedBaseNote(e: PublishedEntry, k: number, n: number, bases: SharedBaseAudit[]): string | undefined {
  const shared = bases.find((b) => b.baseId === e.baseId && b.status === "impossible");
  if (!shared || e.value === undefined) return undefined;
  const near = nearestAttainable(e.value, e.decimals ?? 0, n);
  const printed = roundedPercent(k, n, e.decimals ?? 0);
  if (printed !== near.below?.value && printed !== near.above?.value) return undefined;
  return `no single base fits ${shared.ids.join(", ")} together; at n=${n} the nearest attainable value is ${printed} (${k}/${n})`;
}

function verifyEntry(table: ColumnTable, cb: Codebook, e: PublishedEntry, expected: Map<string, string>, bases: SharedBaseAudit[]): Verification {
  const base: Verification = { id: e.id, figure: figureOf(e), kind: e.kind, quote: e.quote, printed: e.value ?? null, decimals: e.decimals ?? null, recomputed: null, k: null, n: null, ciLow: null, ciHigh: null, status: "design fact", note: "" };
  const judge = (value: number, exact: boolean, impossibleNote?: string): Verification => {
    if (exact) return { ...base, recomputed: value, status: "reproduced" };
    if (impossibleNote !== undefined) return { ...base, recomputed: value, status: "impossible as printed", note: impossibleNote };
    const why = expected.get(e.id);
    return { ...base, recomputed: value, status: why ? "expected mismatch" : "mismatch", note: why ?? "" };
  };
  if (e.kind === "order" && e.claim) {
    const empty = claimSpecs(e.claim).filter((spec) => measureShare(table, cb, spec).n === 0);
    if (empty.length) return { ...base, status: "not computable", note: `n = 0 for ${empty.map(describeShare).join("; ")}` };
    const check = evaluateClaim(e.claim, (spec) => measureShare(table, cb, spec).percent);
    const k = minCellOf(table);
    const small = k > 0 && claimSpecs(e.claim).some((spec) => { const m = measureShare(table, cb, spec); return m.k < k || m.n - m.k < k; });
    const note = small ? `shares suppressed (< ${k} respondents)` : check.shares.map((s) => `${s.spec.variable}=${s.share.toFixed(1)}`).join("; ");
    return { ...base, status: check.holds ? "claim holds" : "claim fails", note };
  }
  if (e.kind === "n") {
    const n = figureIds.includes(e.figure) ? figureN(numberRows(figureBuilder(e.figure).numbers(table))) : table.numRows();
    return { ...judge(n, n === e.value), n };
  }
  if (!e.variable) {
    const study = loadStudy() as unknown as Record<string, number>;
    if (e.kind === "percentage" && e.statedN) {
      const k = table.numRows();
      const p = (100 * k) / e.statedN;
      return { ...judge(p, roundedPercent(k, e.statedN, e.decimals ?? 0) === e.value), k, n: e.statedN };
    }
    const fact = Object.entries(study).find(([, v]) => v === e.value);
    return { ...base, note: fact ? `data/study.json: ${fact[0]}` : "context of the report, not a survey answer" };
  }
  const m = measureShare(table, cb, { variable: e.variable, categories: e.categories ?? [], ...(e.subgroup && { subgroup: e.subgroup }) });
  const ci = m.n ? wilson(m.k, m.n) : { low: NaN, high: NaN };
  const withCounts = (v: Verification): Verification => ({ ...v, k: m.k, n: m.n, ciLow: m.n ? ci.low : null, ciHigh: m.n ? ci.high : null });
  if (e.kind === "count") return withCounts(judge(m.k, m.k === e.value));
  if (m.n === 0) return withCounts({ ...base, ciLow: null, ciHigh: null, status: "not computable", note: `n = 0: no respondent in the base of ${describeShare({ variable: e.variable, categories: e.categories ?? [], ...(e.subgroup && { subgroup: e.subgroup }) })}` });
  const exact = m.n > 0 && roundedPercent(m.k, m.n, e.decimals ?? 0) === e.value;
  const audit = auditPercentage(e);
  const impossible = audit.status === "impossible"
    ? `no k/n with n in the admissible range gives ${e.value}; nearest: ${audit.closest ? `${audit.closest.value} (${audit.closest.counts.join("|")}/${audit.closest.n})` : "none"}`
    : sharedBaseNote(e, m.k, m.n, bases);
  return withCounts(judge(m.percent, exact, impossible));
}

/**
 * Verifies every published entry against the table. On data under disclosure control (see
 * `report/disclosure-policy.ts`) counts below the minimum cell size are not shown.
 * @example verifyPublished(survey()).filter((v) => v.status === "mismatch").length // => 0
 */
export function verifyPublished(table: ColumnTable, entries: PublishedEntry[] = loadPublished(), cb: Codebook = loadCodebook(), expected: ExpectedMismatch[] = loadExpectedMismatches()): Verification[] {
  const why = new Map(expected.map((x) => [x.id, x.reason]));
  const bases = auditSharedBases(entries);
  return protectVerifications(entries.map((e) => verifyEntry(table, cb, e, why, bases)), minCellOf(table));
}

/** A status in the reader's language (codebook `ui.status_<status>`). */
export function statusLabel(status: VerificationStatus, lang: "de" | "en", cb: Codebook = loadCodebook()): string {
  return cb.ui[`status_${status}`]?.[lang] ?? status;
}
