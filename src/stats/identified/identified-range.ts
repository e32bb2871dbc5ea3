/**
 * What identified.json says about one claim: the range of its test over every consistent
 * dataset, the verdict, and — for a sentence that says more than its test — each comparison
 * the sentence makes with its own range, and the statements that hold in every dataset.
 */
import type { Direction } from "../../data/claims-file.js";
import { CORRECTION, PAIR_TEST, type FollowUp } from "./follow-ups.js";
import type { Candidate, RangeSummary } from "./table-range.js";

/** The assumptions that can be dropped, in the order the page lists them. */
export const ASSUMPTIONS = ["shared-base", "kapitel2-limits", "repair-49-2"] as const;
export type AssumptionId = (typeof ASSUMPTIONS)[number];

/** A claim's robust statements without one assumption. */
export interface AssumptionCheck {
  id: AssumptionId;
  /** False when the claim's table does not rest on the assumption (its verdicts cannot change). */
  applies: boolean;
  /** Each statement robust with every assumption → its verdict without this one. */
  without: Record<string, RobustVerdict>;
  /** The claim's own p range without the assumption (so far as searched: see `pMaxAttained`). */
  pMin: number | null;
  pMax: number | null;
  /** True when the search stopped at the first unsupported datasets: the largest p is at least pMax. */
  pMaxAttained: boolean;
  /** True when every verdict in `without` is proven; false when a dataset was found only in a larger set. */
  certain: boolean;
}

/** The verdict over the identified set. */
export type RobustVerdict = "robust" | "depends" | "fails";

/** An end of a range. */
export type RangeEnd = "pMin" | "pMax" | "effectMin" | "effectMax";
const ENDS: readonly RangeEnd[] = ["pMin", "pMax", "effectMin", "effectMax"];

/** A pairwise comparison a sentence makes, over every consistent dataset. */
export interface FollowUpRange extends FollowUp {
  test: typeof PAIR_TEST;
  correction: typeof CORRECTION;
  /** Fisher's p of the pair, and after Holm's correction over the sentence's pairs. */
  pMin: number;
  pMax: number;
  pAdjustedMin: number;
  pAdjustedMax: number;
  effectMin: number;
  effectMax: number;
  /** robust: the direction as claimed and the adjusted p below alpha in every dataset. */
  verdict: RobustVerdict;
  certain: boolean;
  attained: RangeEnd[];
  /** The cells at the raw p minimum and the adjusted p maximum, while computing; not written out. */
  ends?: number[][];
}

/**
 * One statement over every consistent dataset: the claim as its test reads it ("claim"), the
 * groups differing (the omnibus test, "differ"), or one pair ("pair"). `id` is stable:
 * "claim", "differ", "pair:<target>-<other>".
 */
export interface Statement {
  id: string;
  kind: "claim" | "differ" | "pair";
  target?: string;
  other?: string;
  direction?: Direction;
  groupBy?: string;
  verdict: RobustVerdict;
}

/** A claim under one optional reading of the text (numbers.json `optional`): its verdict and p range there. */
export interface TextReadingRange {
  reading: string;
  verdict: RobustVerdict;
  pMin: number;
  pMax: number;
  certain: boolean;
  statements: Statement[];
}

/** A claim's range over every dataset consistent with the report (verification.json `identified`). */
export interface IdentifiedRange {
  pMin: number;
  pMax: number;
  /** The compared shares' difference, target (or left) minus the nearest other, in percentage points. */
  effectMin: number;
  effectMax: number;
  /** The chi-square statistic's range when every table gets a chi-square test; else null. */
  statisticMin: number | null;
  statisticMax: number | null;
  /**
   * The sentence's verdict — robust: supported in every consistent dataset; fails: in none;
   * depends: in some. With follow-ups, "supported" means every comparison the sentence makes
   * holds after the correction, not only the omnibus test.
   */
  verdict: RobustVerdict;
  /** True: the range is exact. False: its ends are attained by consistent datasets, and the true range may be wider. */
  exact: boolean;
  /**
   * The ends that are only attained (the true range may reach beyond them): a subset of "pMin",
   * "pMax", "effectMin", "effectMax"; empty when the range is exact. A p of 1 is always exact.
   */
  attained: RangeEnd[];
  /** True when the verdict is proven: the range is exact, or datasets on both sides of alpha were found. */
  certain: boolean;
  /** The readings under which the report admits a dataset (data/ASSUMPTIONS.md, "The identified set"). */
  readings: string[];
  /** The tables at the ends of the p range. */
  tableAtPMin: number[][];
  tableAtPMax: number[][];
  alpha: number;
  /** The omnibus test's own verdict ("the groups differ"), when the sentence compares pairs. */
  omnibus?: { verdict: RobustVerdict; certain: boolean };
  /** Each pair the sentence compares (Fisher, Holm over the pairs), when it names three groups or more. */
  followUps?: FollowUpRange[];
  /** Every statement with its verdict: those "robust" hold in every consistent dataset. */
  statements: Statement[];
  /** For a claim with robust statements: each assumption they may rest on, and their verdicts without it. */
  assumptions?: AssumptionCheck[];
  /** The claim again under each optional reading of the text that constrains its block. */
  textReadings?: TextReadingRange[];
  /** The cell values at the four ends (p min, p max, effect min, effect max), while computing; not written out. */
  ends?: number[][];
}

/** The verdict of a summary: robust when no dataset leaves the claim unsupported, fails when none supports it. */
export function verdictOf(r: Pick<RangeSummary, "supportedSomewhere" | "unsupportedSomewhere">): RobustVerdict {
  return !r.unsupportedSomewhere ? "robust" : !r.supportedSomewhere ? "fails" : "depends";
}

const attainedEnds = (r: RangeSummary, exact: boolean): RangeEnd[] =>
  exact ? [] : ENDS.filter((k) => !(k === "pMax" && r.pMax.value >= 1));

/** The verdict and range from the merged summary (a claim without follow-ups). */
export function toIdentified(
  r: RangeSummary,
  exact: boolean,
  readings: string[],
  alpha: number,
  chi: boolean,
): IdentifiedRange {
  const verdict = verdictOf(r);
  const stat = (x: Candidate) => x.statistic;
  return {
    pMin: r.pMin.value,
    pMax: r.pMax.value,
    effectMin: r.effectMin.value,
    effectMax: r.effectMax.value,
    statisticMin: chi ? stat(r.pMax.candidate) : null,
    statisticMax: chi ? stat(r.pMin.candidate) : null,
    verdict,
    exact,
    attained: attainedEnds(r, exact),
    certain: exact || verdict === "depends",
    readings,
    tableAtPMin: r.pMin.candidate.table,
    tableAtPMax: r.pMax.candidate.table,
    alpha,
    statements: [{ id: "claim", kind: "claim", verdict }],
    ends: [r.pMin, r.pMax, r.effectMin, r.effectMax].map((e) => e.candidate.cells ?? []),
  };
}

/**
 * The range of a claim with follow-ups: `parts` are the merged summaries of the claim's own
 * test, then per pair its raw and its adjusted p, then the sentence (followUpRescores' order).
 * @throws RangeError when the parts do not match the follow-ups
 */
export function withFollowUps(
  base: IdentifiedRange,
  follow: readonly FollowUp[],
  parts: readonly RangeSummary[],
  exact: boolean,
  groupBy: string,
): IdentifiedRange {
  if (parts.length !== 2 * follow.length + 1)
    throw new RangeError(`withFollowUps: ${parts.length} summaries for ${follow.length} pairs`);
  const followUps = follow.map((f, j): FollowUpRange => {
    const raw = parts[2 * j]!;
    const adj = parts[2 * j + 1]!;
    const verdict = verdictOf(adj);
    return {
      ...f,
      test: PAIR_TEST,
      correction: CORRECTION,
      pMin: raw.pMin.value,
      pMax: raw.pMax.value,
      pAdjustedMin: adj.pMin.value,
      pAdjustedMax: adj.pMax.value,
      effectMin: raw.effectMin.value,
      effectMax: raw.effectMax.value,
      verdict,
      certain: exact || verdict === "depends",
      attained: attainedEnds(raw, exact),
      ends: [raw.pMin.candidate.cells ?? [], adj.pMax.candidate.cells ?? []],
    };
  });
  const sentence = verdictOf(parts[parts.length - 1]!);
  return {
    ...base,
    verdict: sentence,
    certain: exact || sentence === "depends",
    omnibus: { verdict: base.verdict, certain: base.certain },
    followUps,
    statements: [
      { id: "differ", kind: "differ", groupBy, verdict: base.verdict },
      ...followUps.map(
        (f): Statement => ({
          id: `pair:${f.target}-${f.other}`,
          kind: "pair",
          target: f.target,
          other: f.other,
          direction: f.direction,
          verdict: f.verdict,
        }),
      ),
    ],
  };
}
