import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../src/paths.js";
import { checkAnswer, seminarExercises } from "../../src/seminar/exercises.js";
import { balanceTable, flowBalance } from "../../src/seminar/flows.js";
import { intervalTable, nonResponseBounds, verdictTable } from "../../src/seminar/evidence.js";
import { surveyRows, surveyTable, count, type Row } from "../helpers/rows.js";
import { germanNumber, typedVariants } from "./typed.js";

const rows = surveyRows();
const table = surveyTable();
const round1 = (x: number) => Math.round(x * 10) / 10;
const topics = ["tech", "markets", "contacts", "other"];
const grid = ["kmu", "large", "research", "management"];

/** Percentage of respondents with `v` = 1 among those with a valid (≥ 0) answer. */
const mentioned = (v: string) => {
  const valid = rows.filter((r) => (r[v] as number) >= 0);
  return (100 * count(valid, (r) => r[v] === 1)) / valid.length;
};

/** Two-sided Fisher exact p of [[a, b], [c, d]] by enumerating the tables with the same margins. */
function fisher(a: number, b: number, c: number, d: number): number {
  const lf = (n: number) => {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  };
  const r1 = a + b,
    r2 = c + d,
    c1 = a + c,
    n = r1 + r2;
  const p = (x: number) =>
    Math.exp(lf(r1) + lf(r2) + lf(c1) + lf(n - c1) - lf(n) - lf(x) - lf(r1 - x) - lf(c1 - x) - lf(r2 - c1 + x));
  const observed = p(a);
  let sum = 0;
  for (let x = Math.max(0, c1 - r2); x <= Math.min(r1, c1); x++) if (p(x) <= observed * (1 + 1e-7)) sum += p(x);
  return Math.min(1, sum);
}

const letter = (i: number) => String.fromCharCode(97 + i);

/** The right answers of S2 and S3, counted from the rows and the data files with plain loops. */
function expected(): Record<string, number | string> {
  const balance = (g: string, topic = "contacts") => mentioned(`got_${topic}_${g}`) - mentioned(`gave_${topic}_${g}`);
  const balances = grid.map((g) => balance(g));
  const gotCells = topics.flatMap((t) => grid.map((g) => `got_${t}_${g}`));
  const answered = rows.filter((r) => gotCells.every((v) => (r[v] as number) >= 0) && (r.actorGroup as number) > 0);
  const any = (r: Row) => gotCells.some((v) => r[v] === 1);
  const sme = answered.filter((r) => r.actorGroup === 1);
  const others = answered.filter((r) => r.actorGroup !== 1);
  const [a, c] = [count(sme, any), count(others, any)];
  const pFisher = fisher(a, sme.length - a, c, others.length - c);
  const gaveMgmt = rows.filter(
    (r) => r.actorGroup === 1 && topics.every((t) => (r[`gave_${t}_management`] as number) >= 0),
  );
  const given = grid.map((g) => mentioned(`got_contacts_${g}`));
  const received = grid.map((g) => mentioned(`gave_contacts_${g}`));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const informal = [[1, 2], [3], [4]].map((codes) => {
    const g = rows.filter((r) => codes.includes(r.sizeClass as number) && (r.channel_informal as number) >= 0);
    return count(g, (r) => r.channel_informal === 1) / g.length;
  });
  const invited = (JSON.parse(readFileSync(join(paths.data, "study.json"), "utf8")) as { invited: number }).invited;
  const funded = count(rows, (r) => r.funded === 1);
  const answeredFunding = count(rows, (r) => r.funded === 1 || r.funded === 2);
  const channels = Object.keys(rows[0]!).filter((k) => k.startsWith("channel_"));
  const n8 = Math.max(...channels.map((v) => count(rows, (r) => (r[v] as number) >= 0)));
  const large = rows.filter((r) => r.funded === 1 && r.sizeClass === 4 && (r.techProximity as number) > 0);
  const p = count(large, (r) => r.techProximity === 4 || r.techProximity === 5) / large.length;
  const wald = 100 * (p + 1.959963984540054 * Math.sqrt((p * (1 - p)) / large.length));
  const identified = JSON.parse(readFileSync(join(paths.data, "published", "identified.json"), "utf8")) as {
    claims: Record<string, { verdict: string; effectMin: number }>;
  };
  const tech = identified.claims["abb3-large-vs-microsmall-tech-distance"]!;
  return {
    "s2-1": letter(balances.indexOf(Math.max(...balances))),
    "s2-2": round1(balance("management")),
    "s2-3": balance("kmu") < 0 ? "a" : "b",
    "s2-4": given[3]! > mean(given) && received[3]! > mean(received) ? "b" : "c",
    "s2-5": count(gaveMgmt, (r) => topics.some((t) => r[`gave_${t}_management`] === 1)),
    "s2-6": "a",
    "s2-7": `${pFisher < 0.05 ? "ja" : "nein"}, p = ${germanNumber(Number(pFisher.toPrecision(3)))}`,
    "s2-8": "b",
    "s2-9": letter(informal.indexOf(Math.max(...informal))),
    "s2-10": "a",
    "s3-1": "a",
    "s3-2": (100 * (invited - answeredFunding)) / invited > 50 ? "c" : "b",
    // unknown: everyone invited who did not answer the funding question (2 = no, -9 = no answer)
    "s3-3": round1((100 * (funded + invited - answeredFunding)) / invited),
    "s3-4": round1((100 * funded) / invited),
    "s3-5": "a",
    // half-up rounding to one decimal: k/n prints as 42.7 when 427 ≤ 1000k/n + 0.5 < 428
    "s3-6": Array.from({ length: n8 + 1 }, (_, k) => k).filter((k) => Math.floor((1000 * k) / n8 + 0.5) === 427).length,
    "s3-7": "b",
    "s3-8": round1(wald),
    "s3-9": "b",
    "s3-10": Object.values(identified.claims).filter((x) => x.verdict === "robust").length,
    "s3-11": tech.verdict === "fails" && tech.effectMin > 0 ? "b" : tech.verdict === "robust" ? "c" : "a",
  };
}

describe("seminar exercises S2 and S3", () => {
  const want = expected();
  it("are the exercises of S2 and S3, in order, and accept the answers counted from the rows", () => {
    assert.deepEqual(
      [...seminarExercises("S2"), ...seminarExercises("S3")].map((e) => e.id),
      Object.keys(want),
    );
    for (const [id, answer] of Object.entries(want))
      assert.equal(checkAnswer(id, answer, table).correct, true, `${id}: ${answer}`);
    // the management passes on more foreign contacts than it gets, SMEs receive more than they pass on
    assert.deepEqual([want["s2-1"], want["s2-3"], want["s2-4"]], ["d", "a", "b"]);
    assert.equal(want["s3-6"], 0, "42.7 % cannot come from the base of Figure 8");
    assert.equal(want["s3-8"], 115.1, "the Wald interval of 4 of 5 ends above 100 %");
    assert.equal(want["s3-11"], "b", "large vs micro/small firms: +15 points in every dataset, never significant");
  });

  it("accept every way a student types the right number", () => {
    for (const id of ["s2-2", "s2-5", "s3-3", "s3-4", "s3-6", "s3-8", "s3-10"]) {
      const ex = [...seminarExercises("S2"), ...seminarExercises("S3")].find((e) => e.id === id)!;
      for (const typed of typedVariants(want[id] as number, ex.kind === "number" && ex.unit === "count"))
        assert.equal(checkAnswer(id, typed, table).correct, true, `${id}: ${JSON.stringify(typed)}`);
    }
    assert.equal(checkAnswer("s2-2", "45,8 − 35,5", table).correct, true);
    for (const typed of ["nein, p = 0,45", "No, p=0.449", "false 0,4486", "nein p = 0,4"])
      assert.equal(checkAnswer("s2-7", typed, table).correct, true, typed);
  });

  it("reject the typical mistakes, each with the hint that fits it", () => {
    const cases: [string, unknown, RegExp][] = [
      ["s2-2", "-10,3", /Negativ heißt: Die Gruppe erhält häufiger, als sie weitergibt/],
      ["s2-2", "10", /Runden Sie auf eine Nachkommastelle/],
      ["s2-2", "0,103", /Anteil zwischen 0 und 1/],
      ["s2-2", "45,8", /nur eine Seite der Bilanz/],
      ["s2-2", "35.5", /nur eine Seite der Bilanz/],
      ["s2-3", "b", /Ist sie negativ, erhält die Gruppe häufiger, als sie weitergibt/],
      ["s2-3", "c", /Differenz zweier Anteile/],
      ["s2-4", "a", /Ein Vermittler empfängt und gibt weiter/],
      ["s2-5", "59", /die Basis/],
      ["s2-5", "45 %", /eine Anzahl .*kein Prozentwert/],
      ["s2-7", "nein", /Nennen Sie zum Ja oder Nein auch den p-Wert/],
      ["s2-7", "ja, p = 0,45", /heißt: p < 0,05/],
      ["s2-7", "nein, p = 0,03", /Ihre Zahl stimmt nicht/],
      ["s2-8", "a", /„Alle“ steht so nicht im Bericht/],
      ["s2-8", "c", /nicht signifikant/],
      ["s3-3", "91,5", /Förderfrage ausließ/],
      ["s3-3", "34,9", /Anteil unter den Antworten/],
      ["s3-3", "0,937", /Anteil zwischen 0 und 1/],
      ["s3-4", "34,9", /Basis stimmt nicht/],
      ["s3-4", "28,5", /Basis stimmt nicht/],
      ["s3-6", "1", /rundet eines davon auf 42,7/],
      ["s3-8", "96,4", /obere Grenze nach Wilson/],
      ["s3-8", "44,9", /untere Grenze/],
      ["s3-8", "115", /Runden Sie auf eine Nachkommastelle/],
      ["s3-10", "17", /alle getesteten Aussagen/],
      ["s3-11", "a", /„Nicht belegbar“ heißt nicht „falsch“/],
      ["s3-11", "c", /Belegt hieße: in jedem Datensatz signifikant/],
      ["s3-1", "c", /keine Zufallsauswahl/],
    ];
    for (const [id, typed, hint] of cases) {
      const r = checkAnswer(id, typed, table, "de");
      assert.equal(r.correct, false, `${id}: ${typed}`);
      assert.match(r.message, hint, `${id}: ${typed} → ${r.message}`);
    }
    assert.match(checkAnswer("s2-2", "-10.3", table, "en").message, /Negative means: the group receives more often/);
  });

  it("balance: given − received per group, from both grids; the table for reading rounds to one decimal", () => {
    for (const t of topics) {
      const got = flowBalance(table, t).objects() as {
        group: string;
        given: number;
        received: number;
        balance: number;
      }[];
      assert.deepEqual(
        got.map((r) => r.group),
        grid,
      );
      for (const r of got) {
        assert.ok(
          Math.abs(r.given - mentioned(`got_${t}_${r.group}`)) < 1e-9 &&
            Math.abs(r.received - mentioned(`gave_${t}_${r.group}`)) < 1e-9,
          `${t} ${r.group}`,
        );
        assert.ok(Math.abs(r.balance - (r.given - r.received)) < 1e-9);
      }
    }
    assert.deepEqual(balanceTable(table, "contacts", "de").objects()[0], {
      groupLabel: "KMU/Start-ups",
      given: round1(mentioned("got_contacts_kmu")),
      received: round1(mentioned("gave_contacts_kmu")),
      balance: round1(mentioned("got_contacts_kmu") - mentioned("gave_contacts_kmu")),
    });
    assert.throws(
      () => flowBalance(table, "weather"),
      /unknown topic "weather"; known: tech, markets, contacts, other/,
    );
  });

  it("non-response bounds contain the respondents' own share", () => {
    const b = nonResponseBounds(table);
    assert.ok(b.low <= b.observed && b.observed <= b.high);
    assert.ok(Math.abs(b.high - b.low - (100 * (b.invited - b.answered)) / b.invited) < 1e-9);
  });

  it("the interval table shows Wald leaving 0–100 % for 4 of 5 and Wilson staying inside", () => {
    const [wald, wilson] = intervalTable(table, "de").objects() as { interval: string; low: number; high: number }[];
    assert.deepEqual([wald!.interval, wald!.low, wald!.high], ["Wald", 44.9, 115.1]);
    assert.deepEqual([wilson!.interval, wilson!.low, wilson!.high], ["Wilson", 37.6, 96.4]);
  });

  it("the verdict table shows the report's sentence, what it compares and the verdict in words, never a claim id", () => {
    const claims = (
      JSON.parse(readFileSync(join(paths.data, "published", "claims.json"), "utf8")) as {
        claims: { id: string; de: string; en: string }[];
      }
    ).claims;
    const words = JSON.parse(readFileSync(paths.codebook, "utf8")).ui as Record<string, { de: string; en: string }>;
    for (const lang of ["de", "en"] as const) {
      const shown = verdictTable(lang).objects() as { claim: string; comparison: string; robust: string }[];
      assert.equal(shown.length, claims.length);
      for (const [i, r] of shown.entries()) {
        assert.equal(r.claim, claims[i]![lang]);
        assert.ok(
          ["robust", "depends", "fails"].some((v) => words[`robust_${v}`]![lang] === r.robust),
          `${r.robust} is a verdict of the codebook`,
        );
        assert.doesNotMatch(JSON.stringify(r), /abb\d+-|anh\d+-/, "no claim id");
      }
    }
    const de = verdictTable("de").objects() as { comparison: string }[];
    assert.equal(de[0]!.comparison, "Großunternehmen gegen Mikro- und Kleinunternehmen");
  });
});
