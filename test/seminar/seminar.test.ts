import { strict as assert } from "node:assert";
import { join } from "node:path";
import { checkAnswer, insideOutsideTable, s1Exercises, seminarExercises } from "../../src/seminar/exercises.js";
import { flipsToChange, flipsToLoseMajority } from "../../src/seminar/sensitivity.js";
import { regroupedFigure, RegroupError } from "../../src/seminar/regroup.js";
import { readFileSync } from "node:fs";
import { parseNotebook } from "../../src/notebook/format/nbformat.js";
import { sharedReport } from "../helpers/shared-report.js";
import { surveyRows, surveyTable, count } from "../helpers/rows.js";

const rows = surveyRows();
const table = surveyTable();
const top2 = (v: unknown) => v === 1 || v === 2;

/** The right answers, counted from the rows with plain loops. */
function expected(): Record<string, number | boolean> {
  const sme = rows.filter(
    (r) => r.funded === 1 && [1, 2, 3].includes(r.sizeClass as number) && (r.techProximity as number) > 0,
  );
  const large = rows.filter((r) => r.funded === 1 && r.sizeClass === 4 && (r.techProximity as number) > 0);
  const k = count(large, (r) => r.techProximity === 4 || r.techProximity === 5);
  const paired = rows.filter((r) => (r.shareInside as number) > 0 && (r.shareOutside as number) > 0);
  const b = count(paired, (r) => top2(r.shareInside) && !top2(r.shareOutside));
  const c = count(paired, (r) => !top2(r.shareInside) && top2(r.shareOutside));
  // McNemar with continuity correction: chi² = (|b−c|−1)²/(b+c) > 3.841 (the 95% quantile of chi²(1)) ⇔ p < 0.05
  const chi2 = (Math.abs(b - c) - 1) ** 2 / (b + c);
  return {
    "s1-1": Math.round((1000 * count(sme, (r) => r.techProximity === 4 || r.techProximity === 5)) / sme.length) / 10,
    // k of n printed at 0 decimals: the nearest other printed value is one answer away when 100/n ≥ 1
    "s1-2": 1,
    "s1-3": k - Math.floor(large.length / 2),
    "s1-4": b,
    "s1-5": chi2 > 3.841458820694124,
  };
}

describe("seminar exercises", () => {
  const want = expected();
  it("accept the answers counted from the rows", () => {
    assert.deepEqual(
      s1Exercises.map((e) => e.id),
      ["s1-1", "s1-2", "s1-3", "s1-4", "s1-5"],
    );
    for (const [id, answer] of Object.entries(want))
      assert.equal(checkAnswer(id, answer, table).correct, true, `${id}: ${answer}`);
    assert.equal(want["s1-1"], 60);
    assert.equal(want["s1-4"], 44); // inside only; 13 the other way round (data/ASSUMPTIONS.md)
    assert.equal(want["s1-5"], true);
  });

  it("reject wrong answers with a hint, in the chosen language", () => {
    const wrong: Record<string, number | boolean> = { "s1-1": 65, "s1-2": 2, "s1-3": 1, "s1-4": 30, "s1-5": false };
    for (const [id, answer] of Object.entries(wrong)) {
      const r = checkAnswer(id, answer, table, "en");
      assert.equal(r.correct, false, id);
      assert.match(r.message, /✗ not right yet\. Hint: /);
    }
    assert.match(checkAnswer("s1-2", 2, table, "de").message, /✗ noch nicht richtig\. Tipp: /);
  });

  it("treat a missing answer as not yet answered and reject an unknown exercise", () => {
    const r = checkAnswer("s1-3", null, table);
    assert.deepEqual([r.answered, r.correct], [false, false]);
    assert.throws(() => checkAnswer("s9-9", 1, table), /unknown exercise "s9-9"/);
  });

  it("compute the paired inside/outside table from the rows", () => {
    const paired = rows.filter((r) => (r.shareInside as number) > 0 && (r.shareOutside as number) > 0);
    const cell = (i: boolean, o: boolean) =>
      count(paired, (r) => top2(r.shareInside) === i && top2(r.shareOutside) === o);
    assert.deepEqual(insideOutsideTable(table), [
      [cell(true, true), cell(true, false)],
      [cell(false, true), cell(false, false)],
    ]);
  });
});

describe("sensitivity of a printed share", () => {
  it("counts the answers that change the printed value", () => {
    assert.deepEqual(flipsToChange(4, 5, 0), { flips: 1, to: 60, k: 4, n: 5, printed: 80 });
    // 110/136 = 80.9 %; 109/136 = 80.1 %, 111/136 = 81.6 %
    assert.deepEqual(flipsToChange(110, 136, 1), { flips: 1, to: 80.1, k: 110, n: 136, printed: 80.9 });
    // 500/1000 prints 50 at 0 decimals: downwards 494/1000 = 49.4 → 49 needs 6, upwards 505/1000 = 50.5 → 51 (half up) needs 5
    assert.deepEqual(flipsToChange(500, 1000, 0), { flips: 5, to: 51, k: 500, n: 1000, printed: 50 });
  });
  it("counts the answers that tip a majority", () => {
    assert.equal(flipsToLoseMajority(4, 5), 2);
    assert.equal(flipsToLoseMajority(2, 5), 0);
    assert.equal(flipsToLoseMajority(6, 10), 1);
  });
  it("rejects impossible counts", () => {
    assert.throws(() => flipsToChange(6, 5), /0 ≤ k ≤ n/);
    assert.throws(() => flipsToLoseMajority(1, 0), /n ≥ 1/);
  });
});

describe("regrouped figures", () => {
  it("draws Abbildung 3 with groups of one's own", () => {
    const fig = regroupedFigure("abb-03", table, [
      { key: "sme", codes: [1, 2, 3], label: "KMU" },
      { key: "large", codes: [4], label: "GU" },
    ]);
    assert.deepEqual(
      (fig.data[0]!.y as string[]).map((y) => y.replace(/^⚠ /, "")),
      ["KMU (n=25)", "GU (n=5)"],
    );
  });
  it("rejects overlapping or unknown size classes", () => {
    assert.throws(
      () =>
        regroupedFigure("abb-03", table, [
          { key: "a", codes: [1, 2], label: "A" },
          { key: "b", codes: [2], label: "B" },
        ]),
      RegroupError,
    );
    assert.throws(
      () => regroupedFigure("abb-03", table, [{ key: "a", codes: [7], label: "A" }]),
      /size class 7 does not exist/,
    );
  });
});

// The shared report run executes every notebook through the headless runner and exits 0 only
// when each of them ran without error; its executed copies are what a seminar group sees.
describe("seminar notebooks (executed through the headless runner)", function () {
  this.timeout(300_000);
  const streams = async (file: string): Promise<string> => {
    const nb = parseNotebook(readFileSync(join(await sharedReport(), "notebooks", file), "utf8"), file);
    assert.ok(
      nb.cells.some((c) => c.cell_type === "code" && c.outputs.length > 0),
      `${file} was executed`,
    );
    return nb.cells
      .flatMap((c) => (c.cell_type === "code" ? c.outputs : []))
      .map((o) => (o.output_type === "stream" ? o.text : ""))
      .join("");
  };
  const notebooks: [string, string, string][] = [
    ["S1", "S1-seminar-loesungen.ipynb", "S1-seminar-partnerwahl-und-naehe.ipynb"],
    ["S2", "S2-seminar-loesungen.ipynb", "S2-seminar-wissensdiffusion.ipynb"],
    ["S3", "S3-seminar-loesungen.ipynb", "S3-seminar-zahlen-pruefen.ipynb"],
  ];
  for (const [seminar, solutions, tasks] of notebooks) {
    it(`${seminar} solutions: every check passes`, async () => {
      const text = await streams(solutions);
      const ids = seminarExercises(seminar).map((e) => e.id);
      assert.ok(ids.length >= 5);
      for (const id of ids) assert.match(text, new RegExp(`${id}: ✓ richtig\\.`));
      assert.doesNotMatch(text, /✗/);
    });
    it(`${seminar} exercises: every check waits for an answer`, async () => {
      const text = await streams(tasks);
      for (const e of seminarExercises(seminar)) assert.match(text, new RegExp(`${e.id}: noch keine Antwort\\.`));
    });
  }
});
