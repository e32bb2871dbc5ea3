import { strict as assert } from "node:assert";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { checkAnswer, s1Exercises, seminarExercises } from "../../src/seminar/exercises.js";
import { insideOutsideTable, pairedTable } from "../../src/seminar/paired.js";
import { flipsToChange, flipsToLoseMajority } from "../../src/seminar/sensitivity.js";
import { regroupedFigure, RegroupError } from "../../src/seminar/regroup.js";
import { parseNotebook } from "../../src/notebook/format/nbformat.js";
import { sharedReport } from "../helpers/shared-report.js";
import { surveyRows, surveyTable, count } from "../helpers/rows.js";
import { chiSquare1P, germanNumber, typedVariants } from "./typed.js";

const rows = surveyRows();
const table = surveyTable();
const top2 = (v: unknown) => v === 1 || v === 2;

/** The right answers of S1, counted from the rows with plain loops. */
function expected(): Record<string, number | string> {
  const funded = rows.filter((r) => r.funded === 1 && (r.techProximity as number) > 0);
  const distant = (r: (typeof rows)[number]) => r.techProximity === 4 || r.techProximity === 5;
  const of = (codes: number[]) => {
    const g = funded.filter((r) => codes.includes(r.sizeClass as number));
    return { k: count(g, distant), n: g.length };
  };
  const [small, large, fifty] = [of([1, 2]), of([4]), of([3, 4])];
  const pct = (x: { k: number; n: number }) => (100 * x.k) / x.n;
  const paired = rows.filter((r) => (r.shareInside as number) > 0 && (r.shareOutside as number) > 0);
  const b = count(paired, (r) => top2(r.shareInside) && !top2(r.shareOutside));
  const c = count(paired, (r) => !top2(r.shareInside) && top2(r.shareOutside));
  // McNemar with continuity correction: chi² = (|b−c|−1)²/(b+c), one degree of freedom
  const p = chiSquare1P((Math.abs(b - c) - 1) ** 2 / (b + c));
  return {
    "s1-1": pct(fifty) > pct(small) ? "a" : "b",
    "s1-2": Math.round(10 * (pct(fifty) - pct(small))) / 10,
    "s1-3": pct(large) > pct(small) ? (pct(fifty) > pct(small) ? "a" : "b") : "c",
    "s1-4": large.k - Math.floor(large.n / 2),
    "s1-5": "b",
    "s1-6": "b",
    "s1-7": b,
    "s1-8": `${p < 0.05 ? "ja" : "nein"}, p = ${germanNumber(Number(p.toPrecision(2)))}`,
  };
}

describe("seminar S1: exercises", () => {
  const want = expected();

  it("are the exercises of S1, in order, and their answers on the shipped data are the ones counted from the rows", () => {
    assert.deepEqual(
      s1Exercises.map((e) => e.id),
      Object.keys(want),
    );
    for (const [id, answer] of Object.entries(want))
      assert.equal(checkAnswer(id, answer, table).correct, true, `${id}: ${answer}`);
    // the report's grouping: 4 of 5 large vs 13 of 20 micro/small; medium and large together: 6 of 10
    assert.deepEqual([want["s1-1"], want["s1-2"], want["s1-3"]], ["b", -5, "b"]);
    assert.deepEqual([want["s1-4"], want["s1-7"]], [2, 44]);
  });

  it("accept every way a student types the right number: comma, point, %, quotes, a calculation", () => {
    for (const id of ["s1-2", "s1-4", "s1-7"]) {
      const ex = s1Exercises.find((e) => e.id === id)!;
      for (const typed of typedVariants(want[id] as number, ex.kind === "number" && ex.unit === "count"))
        assert.equal(checkAnswer(id, typed, table).correct, true, `${id}: ${JSON.stringify(typed)}`);
    }
    assert.equal(checkAnswer("s1-2", "60 - 65", table).correct, true);
    assert.equal(checkAnswer("s1-7", 44, table, "en").correct, true);
  });

  it("accept yes/no with the p-value in German or English, as a value or as p < 0,001", () => {
    for (const typed of [want["s1-8"], "Ja, p = 0,00007", "yes, p = 7.1e-5", "true, 7·10^-5", "ja, p < 0,001"])
      assert.equal(checkAnswer("s1-8", typed, table).correct, true, String(typed));
  });

  it("reject the typical mistakes, each with the hint that fits it", () => {
    const cases: [string, unknown, RegExp][] = [
      ["s1-2", "5", /Vorzeichen stimmt nicht/],
      ["s1-2", "+20", /alten Gruppierung/],
      ["s1-2", "15", /alten Gruppierung/],
      ["s1-2", "60", /einzelner Anteil/],
      ["s1-2", "-0,05", /Anteil zwischen 0 und 1/],
      ["s1-4", "1", /3 von 5 = 60 % – noch immer mehr als die Hälfte/],
      ["s1-4", "3", /Schon weniger reichen/],
      ["s1-4", "20", /eine einzige Antwort/],
      ["s1-4", "2 %", /eine Anzahl .*kein Prozentwert/],
      ["s1-4", "2,5", /ganze Zahl/],
      ["s1-7", "13", /andere Zelle/],
      ["s1-7", "110", /alle, die innen bereit sind/],
      ["s1-8", "nein, p = 0,00007", /heißt: p < 0,05/],
      ["s1-8", "ja, p = 0,3", /Ihre Zahl stimmt nicht/],
      ["s1-8", "ja, p < 0,05", /nicht nur, auf welcher Seite/],
      ["s1-3", "a", /Vergleichen Sie beide Gruppierungen/],
      ["s1-3", "c", /nicht das Gegenteil/],
      ["s1-3", "12", /Buchstaben/],
      ["s1-5", "a", /verschweigt aber die Basis/],
      ["s1-5", "c", /nicht signifikant/],
      ["s1-1", "a", /Vorhersage trifft auf diesen Daten nicht zu.*65,0 %/],
    ];
    for (const [id, typed, hint] of cases) {
      const r = checkAnswer(id, typed, table, "de");
      assert.equal(r.correct, false, `${id}: ${typed}`);
      assert.match(r.message, hint, `${id}: ${typed} → ${r.message}`);
    }
  });

  it("a yes or no alone is never marked, and the reply does not say which one is right", () => {
    const replies = ["ja", "nein", "true", "false", true, false].map((a) => checkAnswer("s1-8", a, table));
    assert.ok(replies.every((r) => !r.correct && r.answered));
    assert.equal(new Set(replies.map((r) => r.message)).size, 1, "the same reply for yes and no");
    assert.match(replies[0]!.message, /den p-Wert – ein Ja oder Nein allein ließe sich raten/);
  });

  it("show the value and the reasoning with a right answer, in the chosen language", () => {
    assert.match(checkAnswer("s1-2", "-5", table, "de").message, /^s1-2: ✓ richtig\. 60,0 − 65,0 = −5,0 Prozentpunkte/);
    assert.match(checkAnswer("s1-4", "2", table, "en").message, /^s1-4: ✓ correct\. 4 of 5\. If 2 large firms answer/);
    assert.match(checkAnswer("s1-4", "1", table, "en").message, /^s1-4: ✗ not right yet\. Hint: With 1 other answer/);
  });

  it("treat a missing answer as not yet answered and reject an unknown exercise", () => {
    const r = checkAnswer("s1-4", "", table);
    assert.deepEqual([r.answered, r.correct], [false, false]);
    assert.match(r.message, /^s1-4: noch keine Antwort \(zwischen die beiden Backticks schreiben/);
    assert.throws(() => checkAnswer("s9-9", 1, table), /unknown exercise "s9-9"/);
  });

  it("compute the paired inside/outside table from the rows, and show it labelled", () => {
    const paired = rows.filter((r) => (r.shareInside as number) > 0 && (r.shareOutside as number) > 0);
    const cell = (i: boolean, o: boolean) =>
      count(paired, (r) => top2(r.shareInside) === i && top2(r.shareOutside) === o);
    assert.deepEqual(insideOutsideTable(table), [
      [cell(true, true), cell(true, false)],
      [cell(false, true), cell(false, false)],
    ]);
    const shown = pairedTable(table, "de");
    assert.deepEqual(shown.columnNames(), [
      "Innerhalb des Clusters/Netzwerks",
      "Außerhalb des Clusters/Netzwerks: bereit (trifft voll/eher zu)",
      "Außerhalb des Clusters/Netzwerks: nicht bereit (übrige Antworten)",
      "Summe",
    ]);
    assert.deepEqual(shown.array("Summe"), [
      cell(true, true) + cell(true, false),
      cell(false, true) + cell(false, false),
      paired.length,
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
    it(`${seminar} solutions: every check passes and shows its value with the reasoning`, async () => {
      const text = await streams(solutions);
      const exercises = seminarExercises(seminar);
      assert.ok(exercises.length >= 8);
      for (const e of exercises) {
        const line = new RegExp(`^${e.id}: ✓ richtig[.] .+$|^${e.id}: ✓ richtig – .+$`, "m").exec(text)?.[0];
        assert.ok(line, `${e.id} is checked right:\n${text}`);
        if (e.kind === "number" && e.solve(table) !== 0)
          assert.ok(line.includes(germanNumber(Math.abs(e.solve(table)), e.decimals)), line);
      }
      assert.doesNotMatch(text, /✗/);
      assert.match(text, new RegExp(`^${seminar}: 158 Befragte geladen`, "m"));
    });
    it(`${seminar} exercises: every check waits for an answer`, async () => {
      const text = await streams(tasks);
      for (const e of seminarExercises(seminar)) assert.match(text, new RegExp(`${e.id}: noch keine Antwort \\(`));
      assert.doesNotMatch(text, /✓|✗/);
    });
  }
});
