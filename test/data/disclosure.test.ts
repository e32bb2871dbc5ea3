import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as aq from "arquero";
import { effectiveMinCell, isReconstruction, suppressSmallCells } from "../../src/data/disclosure.js";
import { isOwnData, minCellOf, requireMinCell } from "../../src/data/disclosure-policy.js";
import { abb03 } from "../../src/figures/abb-03-tech-distance-by-size.js";
import { abb09 } from "../../src/figures/abb-09-channels-by-size.js";
import { paths } from "../../src/paths.js";
import { count, size3, surveyRows, surveyTable } from "../helpers/rows.js";

const rows = surveyRows();
const survey = surveyTable();

describe("suppressSmallCells", () => {
  it("blanks count, percent and interval of Abb. 9 cells with fewer than 5 mentions, keeping the base", () => {
    const { table, suppressed } = suppressSmallCells(abb09.numbers(survey));
    const out = table.objects() as Array<{
      group: string;
      item: string;
      count: number | null;
      base: number;
      percent: number | null;
      ciLow: number | null;
      ciHigh: number | null;
      suppressed: boolean;
    }>;
    for (const r of out) {
      const base = rows.filter((x) => size3(x) === r.group && (x[r.item] as number) >= 0);
      const k = count(base, (x) => x[r.item] === 1);
      assert.equal(r.base, base.length, `${r.group} ${r.item} base`);
      assert.equal(r.suppressed, k < 5 || base.length < 5, `${r.group} ${r.item} flag`);
      if (r.suppressed) assert.deepEqual([r.count, r.percent, r.ciLow, r.ciHigh], [null, null, null, null]);
      else assert.equal(r.count, k);
    }
    assert.equal(suppressed.length, out.filter((r) => r.suppressed).length);
    // Large firms: 4 of 28 named informal talks (Abb. 9).
    assert.deepEqual(
      suppressed.find((s) => s.group === "large" && s.item === "channel_informal"),
      { figure: "abb-09", group: "large", item: "channel_informal", code: 1, reason: "count < k" },
    );
  });

  it("suppresses further cells of a Likert distribution so no small count is base minus the rest", () => {
    const { table, suppressed } = suppressSmallCells(abb03.numbers(survey));
    const micro = (
      table.objects() as Array<{ group: string; code: number; count: number | null; suppressed: boolean }>
    ).filter((r) => r.group === "microSmall");
    // Micro/small firms' codes 1–5 hold 1, 2, 4, 7, 6 of 20 (counted in the aggregation tests):
    // 1, 2, 4 are below 5 and together hold 7 ≥ 5, so no secondary cell is needed.
    const funded = rows.filter((r) => r.funded === 1 && size3(r) === "microSmall" && (r.techProximity as number) > 0);
    const counts = [1, 2, 3, 4, 5].map((c) => count(funded, (r) => r.techProximity === c));
    assert.deepEqual(
      micro.map((r) => r.suppressed),
      counts.map((c) => c < 5),
    );
    assert.ok(suppressed.every((s) => s.reason === "count < k"));
  });

  it("adds the smallest cells until the suppressed ones hold at least k respondents", () => {
    const t = aq.table({
      figure: ["f", "f", "f", "f"],
      group: ["g", "g", "g", "g"],
      item: ["x", "x", "x", "x"],
      code: [1, 2, 3, 4],
      count: [1, 8, 6, 12],
      base: [27, 27, 27, 27],
      percent: [3.7, 29.6, 22.2, 44.4],
    });
    const { table, suppressed } = suppressSmallCells(t);
    assert.deepEqual(table.array("count"), [null, 8, null, 12]);
    assert.deepEqual(table.array("percent"), [null, 29.6, null, 44.4]);
    assert.deepEqual(
      suppressed.map((s) => [s.code, s.reason]),
      [
        [1, "count < k"],
        [3, "secondary"],
      ],
    );
    // Without secondary suppression only the small cell goes, and 1 = 27 − 8 − 6 − 12 could be recovered.
    assert.deepEqual(suppressSmallCells(t, { secondary: false }).table.array("count"), [null, 8, 6, 12]);
  });

  it("suppresses every cell of a group whose base is below k, with the reason", () => {
    const t = aq.table({ group: ["a", "b"], item: ["x", "x"], count: [3, 9], base: [4, 30] });
    const { table, suppressed } = suppressSmallCells(t, { figure: "anh-02" });
    assert.deepEqual(table.array("suppressed"), [true, false]);
    assert.deepEqual(suppressed, [{ figure: "anh-02", group: "a", item: "x", code: null, reason: "base < k" }]);
    assert.deepEqual(table.columnNames(), ["group", "item", "count", "base", "suppressed"]);
  });

  it("takes k from the options", () => {
    const t = aq.table({ count: [9, 12], base: [30, 30] });
    assert.deepEqual(suppressSmallCells(t, { k: 10, secondary: false }).table.array("count"), [null, 12]);
  });

  it("suppresses nothing with k = 1: zeros are not small cells, so no real count is hidden to protect them", () => {
    // one item of a group of 3: all 3 ticked it, nobody did not (the "3 of 3 = 100 % vanished")
    const t = aq.table({ item: ["x", "x"], code: [1, 0], count: [3, 0], base: [3, 3], percent: [100, 0] });
    const r = suppressSmallCells(t, { k: 1 });
    assert.deepEqual(r.table.array("count"), [3, 0]);
    assert.deepEqual(r.table.array("percent"), [100, 0]);
    assert.deepEqual(r.suppressed, []);
    // with k = 2 the zero and then the 3 are suppressed, as before
    assert.deepEqual(suppressSmallCells(t, { k: 2 }).table.array("count"), [null, null]);
  });

  it("switches the table's policy off for --min-cell 1, so claims and exercises hide no zero either", () => {
    const mine = requireMinCell(aq.table({ id: ["R001"] }), 1);
    assert.deepEqual([minCellOf(mine), isOwnData(mine), effectiveMinCell(1), effectiveMinCell(5)], [0, true, 0, 5]);
    assert.equal(minCellOf(requireMinCell(aq.table({ id: ["R001"] }), 5)), 5);
  });

  it("names what is wrong with a table it cannot check", () => {
    assert.throws(() => suppressSmallCells(aq.table({ count: [1] })), /needs columns count and base; missing: base/);
    assert.throws(
      () => suppressSmallCells(aq.table({ count: [1.5], base: [3] })),
      /row 0, column count: expected a whole count ≥ 0, got 1.5/,
    );
    assert.throws(
      () => suppressSmallCells(aq.table({ count: [1], base: [3] }), { k: 0 }),
      /k must be a whole number ≥ 1, got 0/,
    );
  });
});

describe("isReconstruction", () => {
  it("recognises the bytes of data/survey.csv, as bytes or text", () => {
    const bytes = readFileSync(paths.survey);
    assert.equal(isReconstruction(bytes), true);
    assert.equal(isReconstruction(bytes.toString("utf8")), true);
  });

  it("treats any changed byte as real data", () => {
    const text = readFileSync(paths.survey, "utf8");
    assert.equal(isReconstruction(text.replace("R001,1,1", "R001,1,2")), false);
    assert.equal(isReconstruction(text.replace(/\n/g, "\r\n")), false);
  });

  it("compares with the reconstruction rebuilt now, so real data copied over data/survey.csv do not pass", () => {
    assert.equal(isReconstruction("id\nR001\n", "id\nR001\n"), true);
    assert.equal(isReconstruction(readFileSync(paths.survey), "id\nR001\n"), false);
    const lines = readFileSync(paths.survey, "utf8").split("\n");
    lines[1] = lines[1]!.replace(/,(-?\d+)$/, (_, last: string) => `,${last === "0" ? "1" : "0"}`);
    const edited = lines.join("\n");
    assert.notEqual(edited, readFileSync(paths.survey, "utf8"));
    assert.equal(isReconstruction(edited), false);
  });
});
