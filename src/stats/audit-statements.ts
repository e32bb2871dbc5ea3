/**
 * Checks the report's verbal claims ("am häufigsten", "häufiger als", "die Mehrheit …
 * Teils/teils") against shares computed from data. The shares come from a function the
 * caller supplies, so the check works on any table or aggregation.
 */
import type { Statement, PublishedEntry, ShareSpec } from "../data/published.js";

/** Returns the share (percent or proportion, consistently) of respondents a spec describes. */
export type ShareOf = (spec: ShareSpec) => number;

/** A share a claim compared. */
export interface ShareValue {
  spec: ShareSpec;
  share: number;
}

/** Whether a claim holds, with the shares compared (target or left first). */
export interface StatementCheck {
  holds: boolean;
  shares: ShareValue[];
}

/** The check of one order entry. */
export interface StatementAudit extends StatementCheck {
  id: string;
  reading?: "explicit" | "interpretive";
}

/**
 * A short text naming a share, for messages and tables.
 * @example describeShare({ variable: "techProximity", categories: [4, 5], subgroup: { funded: [1], size3: "large" } })
 * // => "techProximity in [4,5] | funded=[1], size3=large"
 */
export function describeShare(spec: ShareSpec): string {
  const sub = Object.entries(spec.subgroup ?? {}).map(
    ([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`,
  );
  const and = Object.entries(spec.and ?? {})
    .map(([k, v]) => ` and ${k} in ${JSON.stringify(v)}`)
    .join("");
  return `${spec.variable} in ${JSON.stringify(spec.categories)}${and}${sub.length ? ` | ${sub.join(", ")}` : ""}`;
}

/**
 * The shares a claim compares, in the order the claim reads them (for a mode: the named
 * category first, then the others).
 * @example specsOf({ type: "majority", share: { variable: "a", categories: [1] } }).length // => 1
 */
export function specsOf(claim: Statement): ShareSpec[] {
  switch (claim.type) {
    case "greater":
    case "differs":
      return [claim.left, claim.right];
    case "max":
    case "min":
      return [claim.target, ...claim.others];
    case "majority":
    case "bound":
      return [claim.share];
    case "near":
      return [claim.left, claim.right];
    case "mean":
      return claim.codes.map((c) => ({
        variable: claim.variable,
        categories: [c],
        ...(claim.subgroup && { subgroup: claim.subgroup }),
      }));
    case "close":
      return claim.parts.flatMap((p) => [
        { ...claim.left, categories: p },
        { ...claim.right, categories: p },
      ]);
    case "mode": {
      const order = [claim.category, ...claim.codes.filter((c) => c !== claim.category)];
      return order.map((c) => ({
        variable: claim.variable,
        categories: [c],
        ...(claim.subgroup && { subgroup: claim.subgroup }),
      }));
    }
  }
}

/** Half-up rounding to `decimals`, on the percentage. */
const rounded = (x: number, decimals: number) => Math.round(x * 10 ** decimals + 1e-9) / 10 ** decimals;

function holdsFor(claim: Statement, values: number[]): boolean {
  const [first, ...rest] = values as [number, ...number[]];
  const margin = "margin" in claim && claim.margin !== undefined ? claim.margin : 0;
  switch (claim.type) {
    case "min":
      return rest.every((s) => first < s && s - first >= margin);
    case "greater":
    case "max":
      return rest.every((s) => first > s && first - s >= margin);
    case "mode":
      return rest.every((s) => first > s);
    case "majority":
      return first > 50;
    case "differs":
      return (
        rounded(first, claim.decimals) !== rounded(rest[0]!, claim.decimals) &&
        Math.abs(first - rest[0]!) <= claim.maxGap
      );
    case "close":
      return claim.parts.every((_, i) => Math.abs(values[2 * i]! - values[2 * i + 1]!) <= claim.tolerance);
    case "bound":
      return (
        (claim.above === undefined || first > claim.above) &&
        (claim.below === undefined || first < claim.below) &&
        (claim.atLeast === undefined || first >= claim.atLeast - 1e-9) &&
        (claim.atMost === undefined || first <= claim.atMost + 1e-9)
      );
    case "near":
      return Math.abs(first - rest[0]!) <= claim.tolerance + 1e-9;
    case "mean": {
      // the shares of the codes are percentages of the same base; their weighted sum is 100 × the mean
      const total = values.reduce((a, b) => a + b, 0);
      const mean = claim.codes.reduce((s, c, i) => s + c * values[i]!, 0) / total;
      return mean >= claim.min - 1e-9 && mean <= claim.max + 1e-9;
    }
  }
}

/**
 * Evaluates a claim: every comparison is strict, so a tie does not support "häufiger",
 * "am häufigsten" or a mode; a margin ("deutlich", "mit Abstand") also needs the gap in
 * percentage points; "majority" more than half; "differs" different printed values at most
 * maxGap apart; "close" every part of two distributions within the tolerance.
 * @param claim - the claim of an order entry
 * @param shareOf - computes the share of a spec from data
 * @throws RangeError when shareOf returns a value that is not a finite number (e.g. an empty base)
 * @example checkStatement({ type: "greater", left: a, right: b }, (s) => (s === a ? 80.9 : 58.1)).holds // => true
 */
export function checkStatement(claim: Statement, shareOf: ShareOf): StatementCheck {
  const shares = specsOf(claim).map((spec) => {
    const share = shareOf(spec);
    if (!Number.isFinite(share))
      throw new RangeError(
        `share of ${describeShare(spec)} is ${share}; expected a finite number (is its base empty?)`,
      );
    return { spec, share };
  });
  return {
    holds: holdsFor(
      claim,
      shares.map((s) => s.share),
    ),
    shares,
  };
}

/**
 * Evaluates the claim of every order entry.
 * @throws RangeError as {@link checkStatement}
 * @example auditStatements(loadPublished(), shareOf).filter((c) => !c.holds).map((c) => c.id) // => [] when data match the report
 */
export function auditStatements(entries: readonly PublishedEntry[], shareOf: ShareOf): StatementAudit[] {
  return entries
    .filter((e): e is PublishedEntry & { claim: Statement } => e.kind === "order" && e.claim !== undefined)
    .map((e) => ({ id: e.id, ...(e.reading && { reading: e.reading }), ...checkStatement(e.claim, shareOf) }));
}
