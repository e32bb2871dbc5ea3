/**
 * Checks the report's verbal claims ("am häufigsten", "häufiger als", "die Mehrheit …
 * Teils/teils") against shares computed from data. The shares come from a function the
 * caller supplies, so the check works on any table or aggregation.
 */
import type { Claim, PublishedEntry, ShareSpec } from "../data/published.js";

/** Returns the share (percent or proportion, consistently) of respondents a spec describes. */
export type ShareOf = (spec: ShareSpec) => number;

/** A share a claim compared. */
export interface ShareValue { spec: ShareSpec; share: number }

/** Whether a claim holds, with the shares compared (target or left first). */
export interface ClaimCheck { holds: boolean; shares: ShareValue[] }

/** The check of one order entry. */
export interface ClaimAudit extends ClaimCheck { id: string; reading?: "explicit" | "interpretive" }

/**
 * A short text naming a share, for messages and tables.
 * @example describeShare({ variable: "techProximity", categories: [4, 5], subgroup: { funded: [1], size3: "large" } })
 * // => "techProximity in [4,5] | funded=[1], size3=large"
 */
export function describeShare(spec: ShareSpec): string {
  const sub = Object.entries(spec.subgroup ?? {}).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  return `${spec.variable} in ${JSON.stringify(spec.categories)}${sub.length ? ` | ${sub.join(", ")}` : ""}`;
}

function specsOf(claim: Claim): ShareSpec[] {
  switch (claim.type) {
    case "greater": return [claim.left, claim.right];
    case "max": case "min": return [claim.target, ...claim.others];
    case "mode": {
      const order = [claim.category, ...claim.codes.filter((c) => c !== claim.category)];
      return order.map((c) => ({ variable: claim.variable, categories: [c], ...(claim.subgroup && { subgroup: claim.subgroup }) }));
    }
  }
}

/**
 * Evaluates a claim: every comparison is strict, so a tie does not support "häufiger",
 * "am häufigsten" or a mode.
 * @param claim - the claim of an order entry
 * @param shareOf - computes the share of a spec from data
 * @throws RangeError when shareOf returns a value that is not a finite number (e.g. an empty base)
 * @example evaluateClaim({ type: "greater", left: a, right: b }, (s) => (s === a ? 80.9 : 58.1)).holds // => true
 */
export function evaluateClaim(claim: Claim, shareOf: ShareOf): ClaimCheck {
  const shares = specsOf(claim).map((spec) => {
    const share = shareOf(spec);
    if (!Number.isFinite(share)) throw new RangeError(`share of ${describeShare(spec)} is ${share}; expected a finite number (is its base empty?)`);
    return { spec, share };
  });
  const [first, ...rest] = shares.map((s) => s.share) as [number, ...number[]];
  const holds = claim.type === "min" ? rest.every((s) => first < s) : rest.every((s) => first > s);
  return { holds, shares };
}

/**
 * Evaluates the claim of every order entry.
 * @throws RangeError as {@link evaluateClaim}
 * @example auditClaims(loadPublished(), shareOf).filter((c) => !c.holds).map((c) => c.id) // => [] when data match the report
 */
export function auditClaims(entries: readonly PublishedEntry[], shareOf: ShareOf): ClaimAudit[] {
  return entries
    .filter((e): e is PublishedEntry & { claim: Claim } => e.kind === "order" && e.claim !== undefined)
    .map((e) => ({ id: e.id, ...(e.reading && { reading: e.reading }), ...evaluateClaim(e.claim, shareOf) }));
}
