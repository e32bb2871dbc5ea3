/**
 * The reviewers' verification: every number and claim the report publishes, recomputed from
 * the survey rows through the module's own aggregations, with a status.
 */
import type { ColumnTable } from "arquero";
import { loadCodebook, scaleOf, type Codebook } from "../data/codebook.js";
import { loadPublished, subgroupParts, type PublishedEntry, type ShareSpec } from "../data/published.js";
import { shares } from "../analysis/shares.js";
import { describeShare, checkStatement, specsOf } from "../stats/audit-statements.js";
import { roundedPercent } from "../stats/grim.js";
import { auditSharedBases, type SharedBaseAudit } from "../stats/audit-bases.js";
import { readNumber, type NumberStatus } from "../stats/audit-readings.js";
import type { OrderVerdict } from "../stats/identified/order-verdicts.js";
import { loadIdentified } from "../stats/identified/identified-file.js";
import { wilson } from "../stats/wilson.js";
import { figureBuilder, figureIds } from "../figures/index.js";
import { figureN } from "../figures/common/figure-kinds.js";
import { numberRows } from "../figures/common/numbers.js";
import { optionalProjectText, PROJECT_FILES } from "../data/source.js";
import { loadStudy } from "../data/study-facts.js";
import { minCellOf } from "../data/disclosure-policy.js";
import { notePart as part, type NotePart } from "../util/note.js";
import { noteText } from "./note-text.js";

/** How a published number relates to the data (see {@link NumberStatus} for percentages). */
export type VerificationStatus =
  | NumberStatus
  | "mismatch"
  | "expected mismatch"
  | "claim holds"
  | "claim fails"
  | "design fact"
  | "not computable";

/** One line of the verification report. */
export interface Verification {
  id: string;
  figure: string;
  kind: string;
  quote: string;
  printed: number | null;
  decimals: number | null;
  recomputed: number | null;
  k: number | null;
  n: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  status: VerificationStatus;
  /** The note in English (for tools); `noteParts` says it in either language (`verify/note-text.ts`). */
  note: string;
  noteParts?: NotePart[];
  /** The readings (assumptions) the status rests on, e.g. "grid-per-cell-bases". */
  readings: string[];
  /** For a verbal order: its verdict over every dataset agreeing with the printed numbers alone. */
  identified?: OrderVerdict;
}

/** A mismatch recorded on purpose, with its reason. */
export interface ExpectedMismatch {
  id: string;
  reason: string;
}

/** Reads data/published/expected-mismatches.json (absent file: none expected). */
export function loadExpectedMismatches(): ExpectedMismatch[] {
  const text = optionalProjectText(PROJECT_FILES.expectedMismatches);
  return text === null ? [] : (JSON.parse(text) as ExpectedMismatch[]);
}

/**
 * k, n and percent of one share spec, computed from the table. A joint share (`and`) counts
 * respondents with valid answers on every variable in the base, and those choosing all the
 * codes in k.
 * @throws RangeError when the spec names a group the grouping does not have
 */
export function measureShare(
  table: ColumnTable,
  cb: Codebook,
  spec: ShareSpec,
): { k: number; n: number; percent: number } {
  const parts = subgroupParts(spec.subgroup);
  const valid = (name: string) => scaleOf(cb, name).values.map((v) => v.code);
  const pick = (filter: Record<string, number[]>) => {
    const rows = shares(table, cb, [spec.variable], spec.categories, { filter, groupBy: parts.groupBy }).objects() as {
      group: string;
      count: number;
      base: number;
      percent: number;
    }[];
    const r = parts.group ? rows.find((x) => x.group === parts.group) : rows[0];
    if (!r) throw new RangeError(`no group "${parts.group}" for ${spec.variable}`);
    return r;
  };
  if (!spec.and) {
    const r = pick(parts.filter);
    return { k: r.count, n: r.base, percent: r.percent };
  }
  const and = Object.entries(spec.and);
  const base = pick({ ...parts.filter, ...Object.fromEntries(and.map(([k]) => [k, valid(k)])) });
  const joint = pick({ ...parts.filter, ...spec.and });
  return { k: joint.count, n: base.base, percent: base.base ? (100 * joint.count) / base.base : NaN };
}

const figureOf = (e: PublishedEntry): string => e.figure;

/** A row's note from its parts: the parts, and their English text as `note`. */
const noted = (v: Verification, cb: Codebook): Verification => ({ ...v, note: noteText(v.noteParts ?? [], "en", cb) });

function verifyEntry(
  table: ColumnTable,
  cb: Codebook,
  e: PublishedEntry,
  expected: Map<string, string>,
  bases: SharedBaseAudit[],
  orders: Record<string, OrderVerdict>,
): Verification {
  return noted(judgeEntry(table, cb, e, expected, bases, orders), cb);
}

function judgeEntry(
  table: ColumnTable,
  cb: Codebook,
  e: PublishedEntry,
  expected: Map<string, string>,
  bases: SharedBaseAudit[],
  orders: Record<string, OrderVerdict>,
): Verification {
  const base: Verification = {
    id: e.id,
    figure: figureOf(e),
    kind: e.kind,
    quote: e.quote,
    printed: e.value ?? null,
    decimals: e.decimals ?? null,
    recomputed: null,
    k: null,
    n: null,
    ciLow: null,
    ciHigh: null,
    status: "design fact",
    note: "",
    noteParts: [],
    readings: [],
  };
  const miss = (value: number): Verification => {
    const why = expected.get(e.id);
    return {
      ...base,
      recomputed: value,
      status: why ? "expected mismatch" : "mismatch",
      noteParts: why ? [part("note_reason", { text: why })] : [],
    };
  };
  const judge = (value: number, exact: boolean): Verification =>
    exact ? { ...base, recomputed: value, status: "reproduced" } : miss(value);
  if (e.kind === "order" && e.claim) {
    const identified = orders[e.id];
    const empty = specsOf(e.claim).filter((spec) => measureShare(table, cb, spec).n === 0);
    if (empty.length)
      return {
        ...base,
        status: "not computable",
        noteParts: [part("note_emptyShares", { shares: empty.map(describeShare).join("; ") })],
        ...(identified && { identified }),
      };
    const check = checkStatement(e.claim, (spec) => measureShare(table, cb, spec).percent);
    const k = minCellOf(table);
    const small =
      k > 0 &&
      specsOf(e.claim).some((spec) => {
        const m = measureShare(table, cb, spec);
        return m.k < k || m.n - m.k < k;
      });
    const noteParts = small
      ? [part("note_sharesSuppressed", { k })]
      : check.shares.map((s) => part("note_share", { variable: s.spec.variable, share: s.share.toFixed(1) }));
    return {
      ...base,
      status: check.holds ? "claim holds" : "claim fails",
      noteParts,
      ...(identified && { identified }),
    };
  }
  if (e.kind === "n") {
    const n = figureIds.includes(e.figure)
      ? figureN(numberRows(figureBuilder(e.figure).numbers(table)))
      : table.numRows();
    return { ...judge(n, n === e.value), n };
  }
  if (!e.variable) {
    const study = loadStudy() as unknown as Record<string, number>;
    if (e.kind === "percentage" && e.statedN) {
      // Out of the organisations invited: the report's study, or a researcher's own (--study).
      const k = table.numRows();
      const n = study.invited ?? e.statedN;
      const p = (100 * k) / n;
      return { ...judge(p, n >= k && roundedPercent(k, n, e.decimals ?? 0) === e.value), k, n };
    }
    const fact = Object.entries(study).find(([, v]) => v === e.value);
    return { ...base, noteParts: [fact ? part("note_studyFact", { fact: fact[0] }) : part("note_reportContext")] };
  }
  const m = measureShare(table, cb, {
    variable: e.variable,
    categories: e.categories ?? [],
    ...(e.subgroup && { subgroup: e.subgroup }),
  });
  const ci = m.n ? wilson(m.k, m.n) : { low: NaN, high: NaN };
  const withCounts = (v: Verification): Verification => ({
    ...v,
    k: m.k,
    n: m.n,
    ciLow: m.n ? ci.low : null,
    ciHigh: m.n ? ci.high : null,
  });
  if (m.n === 0)
    return withCounts({
      ...base,
      ciLow: null,
      ciHigh: null,
      status: "not computable",
      noteParts: [
        part("note_emptyBase", {
          share: describeShare({
            variable: e.variable,
            categories: e.categories ?? [],
            ...(e.subgroup && { subgroup: e.subgroup }),
          }),
        }),
      ],
    });
  if (e.kind === "count") return withCounts(judge(m.k, m.k === e.value));
  const reading = m.n > 0 ? readNumber(e, m.k, m.n, bases, table.numRows()) : null;
  if (!reading) return withCounts(miss(m.percent));
  return withCounts({
    ...base,
    recomputed: m.percent,
    status: reading.status,
    noteParts: reading.note,
    readings: reading.readings,
  });
}

/**
 * Verifies every published entry against the table. On data under disclosure control (see
 * `data/disclosure-policy.ts`) counts below the minimum cell size are not shown. Verbal orders carry their verdict over the
 * identified set (`orders`; by default, for the shipped numbers, from data/published/identified.json).
 * @throws IdentifiedSetError when the shipped numbers are used and identified.json is stale
 * @example verifyPublished(survey()).filter((v) => v.status === "mismatch").length // => 0
 */
export function verifyPublished(
  table: ColumnTable,
  entries?: PublishedEntry[],
  cb: Codebook = loadCodebook(),
  expected: ExpectedMismatch[] = loadExpectedMismatches(),
  orders?: Record<string, OrderVerdict>,
): Verification[] {
  const why = new Map(expected.map((x) => [x.id, x.reason]));
  const list = entries ?? loadPublished();
  const bases = auditSharedBases(list);
  const judged = orders ?? (entries ? {} : loadIdentified().orders);
  return protectVerifications(
    list.map((e) => verifyEntry(table, cb, e, why, bases, judged)),
    minCellOf(table),
  );
}

/** A status in the reader's language (codebook `ui.status_<status>`). */
export function statusLabel(status: VerificationStatus, lang: "de" | "en", cb: Codebook = loadCodebook()): string {
  return cb.ui[`status_${status}`]?.[lang] ?? status;
}

/**
 * The verification rows with small counts hidden: k, the recomputed value and the interval of
 * a share whose count (or the rest of its base) is below k become null, with the reason in the
 * note (disclosure control as the figures have it; order claims are judged above, leaving out their shares likewise).
 * @param rows - from `verifyPublished`.
 * @param k - minimum cell size; 0 leaves the rows as they are.
 * @example protectVerifications([{ …, k: 3, n: 20 }], 5)[0].k // => null
 */
export function protectVerifications(rows: readonly Verification[], k: number): Verification[] {
  if (k <= 0) return [...rows];
  const why = part("suppressed", { k });
  const whyText = noteText([why], "en");
  return rows.map((v) => {
    if (v.k === null || v.n === null || v.n === 0) return v;
    if (v.k >= k && v.n - v.k >= k) return v;
    return {
      ...v,
      k: null,
      recomputed: null,
      ciLow: null,
      ciHigh: null,
      note: v.note ? `${whyText}; ${v.note}` : whyText,
      ...(v.noteParts && { noteParts: [why, ...v.noteParts] }),
    };
  });
}
