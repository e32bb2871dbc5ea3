import { strict as assert } from "node:assert";
import type { Claim, ShareSpec } from "../../src/data/published.js";
import { loadPublished } from "../../src/data/published.js";
import { auditClaims, describeShare, evaluateClaim } from "../../src/stats/audit-claims.js";

/** A shareOf that looks shares up by their description. */
function table(shares: Record<string, number>): (s: ShareSpec) => number {
  return (s) => shares[describeShare(s)] ?? NaN;
}

const inside: ShareSpec = { variable: "shareInside", categories: [1, 2] };
const outside: ShareSpec = { variable: "shareOutside", categories: [1, 2] };

describe("evaluateClaim", () => {
  it("holds 'greater' when the left share is larger: 80.9 > 58.1", () => {
    const check = evaluateClaim({ type: "greater", left: inside, right: outside }, table({ [describeShare(inside)]: 80.9, [describeShare(outside)]: 58.1 }));
    assert.deepEqual(check, { holds: true, shares: [{ spec: inside, share: 80.9 }, { spec: outside, share: 58.1 }] });
  });

  it("treats a tie as not greater, not max, not min", () => {
    const same = table({ [describeShare(inside)]: 50, [describeShare(outside)]: 50 });
    for (const claim of [
      { type: "greater", left: inside, right: outside },
      { type: "max", target: inside, others: [outside] },
      { type: "min", target: inside, others: [outside] },
    ] as Claim[]) assert.equal(evaluateClaim(claim, same).holds, false);
  });

  it("checks a mode against every other code", () => {
    const sub = { funded: [1] };
    const shares = { 1: 4.4, 2: 17.8, 3: 28.9, 4: 26.7, 5: 22.2 } as Record<number, number>;
    const shareOf = (s: ShareSpec) => shares[s.categories[0] as number] as number;
    const claim: Claim = { type: "mode", variable: "techProximity", category: 3, codes: [1, 2, 3, 4, 5], subgroup: sub };
    const check = evaluateClaim(claim, shareOf);
    assert.equal(check.holds, true);
    assert.deepEqual(check.shares.map((s) => [s.spec.categories, s.share]), [[[3], 28.9], [[1], 4.4], [[2], 17.8], [[4], 26.7], [[5], 22.2]]);
    assert.deepEqual(check.shares[0]?.spec.subgroup, sub);
    assert.equal(evaluateClaim({ ...claim, category: 4 }, shareOf).holds, false);
  });

  it("checks min: large firms least willing, 49.2 < 84 and < 90", () => {
    const sg = (g: string): ShareSpec => ({ ...inside, subgroup: { size3: g } });
    const shareOf = table({ [describeShare(sg("large"))]: 49.2, [describeShare(sg("medium"))]: 84, [describeShare(sg("microSmall"))]: 90 });
    assert.equal(evaluateClaim({ type: "min", target: sg("large"), others: [sg("microSmall"), sg("medium")] }, shareOf).holds, true);
  });

  it("names the share when the data give no number for it", () => {
    assert.throws(() => evaluateClaim({ type: "greater", left: inside, right: outside }, () => NaN),
      /share of shareInside in \[1,2\] is NaN; expected a finite number/);
  });
});

describe("auditClaims", () => {
  it("evaluates every order entry of the published numbers", () => {
    const entries = loadPublished();
    const audits = auditClaims(entries, () => 1);
    assert.equal(audits.length, entries.filter((e) => e.kind === "order").length);
    assert.ok(audits.every((a) => a.holds === false)); // all shares equal: no strict order holds
  });
});

describe("describeShare", () => {
  it("names variable, codes and subgroup", () => {
    assert.equal(describeShare({ variable: "techProximity", categories: [4, 5], subgroup: { funded: [1], size3: "large" } }),
      "techProximity in [4,5] | funded=[1], size3=large");
  });
});
