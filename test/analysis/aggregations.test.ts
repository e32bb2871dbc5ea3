import { strict as assert } from "node:assert";
import { loadCodebook } from "../../src/data/codebook.js";
import { distribution } from "../../src/analysis/distribution.js";
import { shares, counts } from "../../src/analysis/shares.js";
import { surveyRows, surveyTable, count, size3 } from "../helpers/rows.js";

const cb = loadCodebook();
const rows = surveyRows();
const table = surveyTable();

describe("distribution", () => {
  it("counts each Likert code among funded organisations, in scale order, with the base", () => {
    const t = distribution(table, cb, "priorInternational", { filter: { funded: [1] } });
    const funded = rows.filter((r) => r.funded === 1 && (r.priorInternational as number) > 0);
    assert.deepEqual(t.array("code"), [1, 2, 3, 4, 5]);
    assert.deepEqual(
      t.array("count"),
      [1, 2, 3, 4, 5].map((c) => count(funded, (r) => r.priorInternational === c)),
    );
    assert.deepEqual([...new Set(t.array("base"))], [funded.length]);
  });

  it("splits by size group in codebook order and leaves out rows without a size", () => {
    const t = distribution(table, cb, "techProximity", { filter: { funded: [1] }, groupBy: "size3" });
    assert.deepEqual([...new Set(t.array("group"))], ["microSmall", "medium", "large"]);
    const large = rows.filter((r) => r.funded === 1 && size3(r) === "large" && (r.techProximity as number) > 0);
    const got = t.filter((d: { group: string }) => d.group === "large").array("count");
    assert.deepEqual(
      got,
      [1, 2, 3, 4, 5].map((c) => count(large, (r) => r.techProximity === c)),
    );
    assert.equal(Math.max(...(Array.from(t.array("base")) as number[])), 20);
  });

  it("gives zero counts and NaN percentages for an empty group instead of dropping it", () => {
    const t = distribution(table.filter("d => d.sizeClass !== 3"), cb, "shareInside", { groupBy: "size3" });
    const medium = t.filter((d: { group: string }) => d.group === "medium");
    assert.deepEqual(medium.array("count"), [0, 0, 0, 0, 0]);
    assert.ok(Number.isNaN(medium.array("percent")[0]));
  });
});

describe("shares", () => {
  it("computes top-2 shares with each item's own base", () => {
    const t = shares(table, cb, ["shareInside", "shareOutside"], [1, 2]);
    for (const [i, item] of ["shareInside", "shareOutside"].entries()) {
      const answered = rows.filter((r) => (r[item] as number) > 0);
      assert.equal(t.array("base")[i], answered.length);
      assert.equal(
        t.array("count")[i],
        count(answered, (r) => (r[item] as number) <= 2),
      );
    }
  });

  it("computes multiple-response shares by group", () => {
    const t = shares(table, cb, ["channel_newsletter", "channel_informal"], [1], { groupBy: "size3" });
    const ms = rows.filter((r) => size3(r) === "microSmall" && (r.channel_informal as number) >= 0);
    const row = t
      .objects()
      .find(
        (o) =>
          (o as { group: string; item: string }).group === "microSmall" &&
          (o as { item: string }).item === "channel_informal",
      ) as { count: number; base: number; percent: number };
    assert.equal(row.base, ms.length);
    assert.equal(
      row.count,
      count(ms, (r) => r.channel_informal === 1),
    );
    assert.equal(row.percent, (100 * row.count) / row.base);
  });
});

describe("counts", () => {
  it("counts a single-choice variable including its missing codes", () => {
    const t = counts(table, cb, "funded");
    assert.deepEqual(t.array("code"), [1, 2, -9]);
    assert.deepEqual(
      t.array("count"),
      [1, 2, -9].map((c) => count(rows, (r) => r.funded === c)),
    );
    assert.deepEqual([...new Set(t.array("base"))], [rows.length]);
  });
});
