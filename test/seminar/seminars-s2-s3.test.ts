import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../src/paths.js";
import { checkAnswer, seminarExercises } from "../../src/seminar/exercises.js";
import { flowBalance } from "../../src/seminar/flows.js";
import { nonResponseBounds } from "../../src/seminar/exercises-s3.js";
import { surveyRows, surveyTable, count, type Row } from "../helpers/rows.js";

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

/** The right answers of S2 and S3, counted from the rows and the data files with plain loops. */
function expected(): Record<string, number | boolean> {
  const balance = (g: string) => round1(mentioned(`got_contacts_${g}`) - mentioned(`gave_contacts_${g}`));
  const gotCells = topics.flatMap((t) => grid.map((g) => `got_${t}_${g}`));
  const answered = rows.filter((r) => gotCells.every((v) => (r[v] as number) >= 0) && (r.actorGroup as number) > 0);
  const any = (r: Row) => gotCells.some((v) => r[v] === 1);
  const sme = answered.filter((r) => r.actorGroup === 1);
  const others = answered.filter((r) => r.actorGroup !== 1);
  const [a, c] = [count(sme, any), count(others, any)];
  const gaveMgmt = rows.filter(
    (r) => r.actorGroup === 1 && topics.every((t) => (r[`gave_${t}_management`] as number) >= 0),
  );
  const invited = (JSON.parse(readFileSync(join(paths.data, "study.json"), "utf8")) as { invited: number }).invited;
  const funded = count(rows, (r) => r.funded === 1);
  const channels = Object.keys(rows[0]!).filter((k) => k.startsWith("channel_"));
  const n8 = Math.max(...channels.map((v) => count(rows, (r) => (r[v] as number) >= 0)));
  const large = rows.filter((r) => r.funded === 1 && r.sizeClass === 4 && (r.techProximity as number) > 0);
  const k3 = count(large, (r) => r.techProximity === 4 || r.techProximity === 5);
  const z = 1.959963984540054,
    p = k3 / large.length,
    m = large.length;
  const wilsonLow =
    (100 * (p + (z * z) / (2 * m) - z * Math.sqrt((p * (1 - p)) / m + (z * z) / (4 * m * m)))) / (1 + (z * z) / m);
  const identified = JSON.parse(readFileSync(join(paths.data, "published", "identified.json"), "utf8")) as {
    claims: Record<string, { verdict: string }>;
  };
  return {
    "s2-1": balance("management"),
    "s2-2": balance("kmu"),
    "s2-3": count(gaveMgmt, (r) => topics.some((t) => r[`gave_${t}_management`] === 1)),
    "s2-4": round1((100 * a) / sme.length),
    "s2-5": fisher(a, sme.length - a, c, others.length - c) < 0.05,
    "s3-1": round1((100 * rows.length) / invited),
    // unknown: everyone invited who did not answer the funding question (2 = no, -9 = no answer)
    "s3-2": round1((100 * (funded + invited - count(rows, (r) => r.funded === 1 || r.funded === 2))) / invited),
    "s3-3": round1((100 * funded) / invited),
    // half-up rounding to one decimal: k/n prints as 42.7 when 427 ≤ 1000k/n + 0.5 < 428
    "s3-4": Array.from({ length: n8 + 1 }, (_, k) => k).filter((k) => Math.floor((1000 * k) / n8 + 0.5) === 427).length,
    "s3-5": round1(wilsonLow),
    "s3-6": Object.values(identified.claims).filter((x) => x.verdict === "robust").length,
  };
}

describe("seminar exercises S2 and S3", () => {
  const want = expected();
  it("are the exercises of S2 and S3, in order", () => {
    assert.deepEqual(
      [...seminarExercises("S2"), ...seminarExercises("S3")].map((e) => e.id),
      Object.keys(want),
    );
  });

  it("accept the answers counted from the rows", () => {
    for (const [id, answer] of Object.entries(want))
      assert.equal(checkAnswer(id, answer, table).correct, true, `${id}: ${answer}`);
    // the management passes on more foreign contacts than it gets; SMEs get fewer than they give
    assert.ok((want["s2-1"] as number) > 0 && (want["s2-2"] as number) < 0);
    assert.equal(want["s3-4"], 0, "42.7 % cannot come from the base of Figure 8");
  });

  it("reject wrong answers with a hint, in the chosen language", () => {
    for (const [id, right] of Object.entries(want)) {
      const wrong = typeof right === "boolean" ? !right : right + 1;
      const en = checkAnswer(id, wrong, table, "en");
      assert.equal(en.correct, false, id);
      assert.match(en.message, new RegExp(`^${id}: ✗ not right yet\\. Hint: \\S`));
      assert.match(
        checkAnswer(id, wrong, table, "de").message,
        new RegExp(`^${id}: ✗ noch nicht richtig\\. Tipp: \\S`),
      );
    }
    // a sign error on a balance is a wrong answer
    assert.equal(checkAnswer("s2-2", -(want["s2-2"] as number), table).correct, false);
  });

  it("balance: given − received per group, from both grids", () => {
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
});
