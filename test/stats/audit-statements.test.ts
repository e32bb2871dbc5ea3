import { strict as assert } from "node:assert";
import type { Statement, ShareSpec } from "../../src/data/published.js";
import { loadPublished } from "../../src/data/published.js";
import { auditStatements, describeShare, checkStatement } from "../../src/stats/audit-statements.js";

/** A shareOf that looks shares up by their description. */
function table(shares: Record<string, number>): (s: ShareSpec) => number {
  return (s) => shares[describeShare(s)] ?? NaN;
}

const inside: ShareSpec = { variable: "shareInside", categories: [1, 2] };
const outside: ShareSpec = { variable: "shareOutside", categories: [1, 2] };

describe("checkStatement", () => {
  it("holds 'greater' when the left share is larger: 80.9 > 58.1", () => {
    const check = checkStatement(
      { type: "greater", left: inside, right: outside },
      table({ [describeShare(inside)]: 80.9, [describeShare(outside)]: 58.1 }),
    );
    assert.deepEqual(check, {
      holds: true,
      shares: [
        { spec: inside, share: 80.9 },
        { spec: outside, share: 58.1 },
      ],
    });
  });

  it("treats a tie as not greater, not max, not min", () => {
    const same = table({ [describeShare(inside)]: 50, [describeShare(outside)]: 50 });
    for (const claim of [
      { type: "greater", left: inside, right: outside },
      { type: "max", target: inside, others: [outside] },
      { type: "min", target: inside, others: [outside] },
    ] as Statement[])
      assert.equal(checkStatement(claim, same).holds, false);
  });

  it("checks a mode against every other code", () => {
    const sub = { funded: [1] };
    const shares = { 1: 4.4, 2: 17.8, 3: 28.9, 4: 26.7, 5: 22.2 } as Record<number, number>;
    const shareOf = (s: ShareSpec) => shares[s.categories[0] as number] as number;
    const claim: Statement = {
      type: "mode",
      variable: "techProximity",
      category: 3,
      codes: [1, 2, 3, 4, 5],
      subgroup: sub,
    };
    const check = checkStatement(claim, shareOf);
    assert.equal(check.holds, true);
    assert.deepEqual(
      check.shares.map((s) => [s.spec.categories, s.share]),
      [
        [[3], 28.9],
        [[1], 4.4],
        [[2], 17.8],
        [[4], 26.7],
        [[5], 22.2],
      ],
    );
    assert.deepEqual(check.shares[0]?.spec.subgroup, sub);
    assert.equal(checkStatement({ ...claim, category: 4 }, shareOf).holds, false);
  });

  it("checks min: large firms least willing, 49.2 < 84 and < 90", () => {
    const sg = (g: string): ShareSpec => ({ ...inside, subgroup: { size3: g } });
    const shareOf = table({
      [describeShare(sg("large"))]: 49.2,
      [describeShare(sg("medium"))]: 84,
      [describeShare(sg("microSmall"))]: 90,
    });
    assert.equal(
      checkStatement({ type: "min", target: sg("large"), others: [sg("microSmall"), sg("medium")] }, shareOf).holds,
      true,
    );
  });

  it("needs the margin for 'deutlich' and 'mit Abstand': 22.8 points pass 10, 8 points do not", () => {
    const claim: Statement = { type: "greater", left: inside, right: outside, margin: 10 };
    assert.equal(
      checkStatement(claim, table({ [describeShare(inside)]: 80.9, [describeShare(outside)]: 58.1 })).holds,
      true,
    );
    assert.equal(
      checkStatement(claim, table({ [describeShare(inside)]: 66, [describeShare(outside)]: 58 })).holds,
      false,
    );
    assert.equal(
      checkStatement(
        { type: "min", target: outside, others: [inside], margin: 10 },
        table({ [describeShare(inside)]: 60, [describeShare(outside)]: 55 }),
      ).holds,
      false,
    );
  });

  it("checks a majority as more than half: 55 holds, 50 does not", () => {
    const joint: ShareSpec = { variable: "techProximity", categories: [4, 5], and: { culturalProximity: [2, 3] } };
    assert.equal(checkStatement({ type: "majority", share: joint }, table({ [describeShare(joint)]: 55 })).holds, true);
    assert.equal(
      checkStatement({ type: "majority", share: joint }, table({ [describeShare(joint)]: 50 })).holds,
      false,
    );
    assert.match(describeShare(joint), /and culturalProximity in \[2,3\]/);
  });

  it("checks 'differs' as different printed values at most maxGap apart: 8.9 vs 6.7 yes, 6.7 vs 6.7 and 30 vs 6.7 no", () => {
    const a: ShareSpec = { variable: "techProximity", categories: [1], subgroup: { funded: [1] } };
    const b: ShareSpec = {
      variable: "techProximity",
      categories: [1],
      subgroup: { funded: [1], sizeClass: [1, 2, 3, 4] },
    };
    const claim: Statement = { type: "differs", left: a, right: b, decimals: 0, maxGap: 10 };
    const with2 = (x: number, y: number) => table({ [describeShare(a)]: x, [describeShare(b)]: y });
    assert.equal(checkStatement(claim, with2(8.9, 6.7)).holds, true);
    assert.equal(checkStatement(claim, with2(6.7, 6.7)).holds, false);
    assert.equal(checkStatement(claim, with2(30, 6.7)).holds, false);
  });

  it("checks 'close' part by part: every part within the tolerance", () => {
    const claim: Statement = {
      type: "close",
      left: { variable: "techProximityNational" },
      right: { variable: "techProximity" },
      parts: [[1, 2], [3], [4, 5]],
      tolerance: 10,
    };
    const spec = (v: string, c: number[]): ShareSpec => ({ variable: v, categories: c });
    const values = (gap: number) =>
      table({
        [describeShare(spec("techProximityNational", [1, 2]))]: 24.4,
        [describeShare(spec("techProximity", [1, 2]))]: 17.8,
        [describeShare(spec("techProximityNational", [3]))]: 31.1,
        [describeShare(spec("techProximity", [3]))]: 28.9,
        [describeShare(spec("techProximityNational", [4, 5]))]: 53.3 - gap,
        [describeShare(spec("techProximity", [4, 5]))]: 53.3,
      });
    assert.equal(checkStatement(claim, values(8.9)).holds, true);
    assert.equal(checkStatement(claim, values(12)).holds, false);
  });

  it("checks a bound (strict above/below, inclusive atLeast/atMost), a near pair and a mean code", () => {
    const a: ShareSpec = { variable: "culturalProximity", categories: [1] };
    const at = (x: number) => table({ [describeShare(a)]: x });
    assert.equal(checkStatement({ type: "bound", share: a, atMost: 0 }, at(0)).holds, true);
    assert.equal(checkStatement({ type: "bound", share: a, atMost: 0 }, at(5)).holds, false);
    assert.equal(checkStatement({ type: "bound", share: a, above: 0 }, at(0)).holds, false, "above is strict");
    assert.equal(checkStatement({ type: "bound", share: a, atLeast: 66.7 }, at(55.6)).holds, false);
    const near = { type: "near" as const, left: inside, right: outside, tolerance: 5 };
    const two = (x: number, y: number) => table({ [describeShare(inside)]: x, [describeShare(outside)]: y });
    assert.equal(checkStatement(near, two(52.3, 49.5)).holds, true);
    assert.equal(checkStatement(near, two(58.9, 49.5)).holds, false);
    // codes 1–5 with shares 10, 10, 30, 30, 20 %: mean = (1 + 2 + 9 + 12 + 10) / 10 = 3.4
    const code = (c: number): ShareSpec => ({ variable: "techProximity", categories: [c] });
    const dist = table(Object.fromEntries([10, 10, 30, 30, 20].map((x, i) => [describeShare(code(i + 1)), x])));
    const mean = { type: "mean" as const, variable: "techProximity", codes: [1, 2, 3, 4, 5], min: 2.5, max: 3.5 };
    assert.equal(checkStatement(mean, dist).holds, true);
    assert.equal(checkStatement({ ...mean, max: 3.3 }, dist).holds, false);
  });

  it("names the share when the data give no number for it", () => {
    assert.throws(
      () => checkStatement({ type: "greater", left: inside, right: outside }, () => NaN),
      /share of shareInside in \[1,2\] is NaN; expected a finite number/,
    );
  });
});

describe("auditStatements", () => {
  it("evaluates every order entry of the published numbers", () => {
    const entries = loadPublished();
    const audits = auditStatements(entries, () => 1);
    assert.equal(audits.length, entries.filter((e) => e.kind === "order").length);
    // all shares 1 %: no strict order, majority or difference holds; every closeness and nearness
    // does, a mean of equal shares over codes 1–5 is 3, and 1 % is above 0 % but not at most 0 %
    const expected = entries
      .filter((e) => {
        const c = e.claim;
        if (!c) return false;
        if (c.type === "close" || c.type === "near") return true;
        if (c.type === "mean") return c.min <= 3 && 3 <= c.max;
        if (c.type !== "bound") return false;
        return (
          [c.above === undefined || 1 > c.above, c.atMost === undefined || 1 <= c.atMost].every(Boolean) &&
          (c.below === undefined || 1 < c.below) &&
          (c.atLeast === undefined || 1 >= c.atLeast)
        );
      })
      .map((e) => e.id);
    assert.ok(expected.length >= 10);
    assert.deepEqual(
      audits.filter((a) => a.holds).map((a) => a.id),
      expected,
    );
  });
});

describe("describeShare", () => {
  it("names variable, codes and subgroup", () => {
    assert.equal(
      describeShare({ variable: "techProximity", categories: [4, 5], subgroup: { funded: [1], size3: "large" } }),
      "techProximity in [4,5] | funded=[1], size3=large",
    );
  });
});
