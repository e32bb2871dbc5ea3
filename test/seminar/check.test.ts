import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../src/paths.js";
import { exercises, seminarExercises, checkAnswer, question } from "../../src/seminar/exercises.js";
import { isJudgement } from "../../src/seminar/exercise.js";
import { checkMessage, seminar } from "../../src/seminar/notebook-api.js";
import { kernelSession, SESSION_KEY } from "../../src/util/session-scoped.js";
import { surveyTable } from "../helpers/rows.js";

const table = surveyTable();

describe("seminar checks", () => {
  it("at least half of each seminar's exercises ask for a judgement (a prediction, a reading or a sentence)", () => {
    for (const s of ["S1", "S2", "S3"]) {
      const all = seminarExercises(s);
      const judged = all.filter(isJudgement);
      assert.ok(all.length >= 8, `${s}: ${all.length} exercises`);
      assert.ok(2 * judged.length >= all.length, `${s}: ${judged.length} of ${all.length}`);
      for (const kind of ["prediction", "reading"])
        assert.ok(
          judged.some((e) => e.kind === "choice" && e.judgement === kind),
          `${s} has a ${kind}`,
        );
    }
  });

  it("every exercise speaks both languages, and a choice has a reason for each of its options", () => {
    for (const e of exercises) {
      for (const lang of ["de", "en"] as const) {
        assert.ok(e.question[lang].trim() && e.hint[lang].trim(), `${e.id} ${lang}`);
        assert.ok(e.explain(table, lang).trim(), `${e.id} ${lang}: explanation`);
      }
      if (e.kind === "choice") {
        assert.ok(e.options.length >= 2);
        if (e.judgement !== "prediction") assert.equal(e.feedback?.length, e.options.length, e.id);
        assert.match(question(e.id, "de"), /\na\) .+\nb\) .+/);
      }
    }
  });

  it("a true/false exercise needs the number behind it: no exercise is answered by yes or no alone", () => {
    for (const e of exercises.filter((x) => x.kind === "yes-no"))
      for (const typed of [true, false, "ja", "nein"]) assert.equal(checkAnswer(e.id, typed, table).correct, false);
  });

  it("a number for a choice, or a letter for a number, gets a reply that says what to type", () => {
    assert.match(checkAnswer("s2-3", "10", table).message, /Buchstaben einer Antwort \(a, b, c\)/);
    assert.match(checkAnswer("s2-2", "b", table).message, /enthält keine Zahl/);
    assert.match(checkAnswer("s2-2", "weiß nicht", table, "en").message, /holds no number/);
  });

  it("an answer cell run before the cells above says which cells to run, in both languages, instead of failing", () => {
    // A new notebook's session, whatever ran in this process before: nothing set up by seminar(…) yet.
    const g = globalThis as Record<symbol, unknown>;
    const before = g[SESSION_KEY];
    g[SESSION_KEY] = kernelSession() + 1;
    try {
      const text = checkMessage("s2-2", "10,3");
      assert.match(
        text,
        /^s2-2: Bitte zuerst die Zellen darüber ausführen, von der Zelle `parameters` bis zur Zelle mit `seminar\(…\)`/,
      );
      assert.match(text, /\nPlease run the cells above first/);
      assert.doesNotMatch(checkMessage("s2-2", "10,3", "en"), /Bitte/, "one language when the cell names it");
    } finally {
      g[SESSION_KEY] = before;
    }
  });

  it("after seminar(…) a check uses its data and language; a bare decimal comma arrives as two numbers and is read as one", () => {
    const log = console.log;
    const printed: string[] = [];
    console.log = (s: string) => printed.push(s);
    try {
      seminar("S2", table, "en");
    } finally {
      console.log = log;
    }
    assert.match(printed[0]!, /^S2: 158 respondents loaded \(reconstruction of the report's data/);
    assert.match(checkMessage("s2-2", "10,3"), /^s2-2: ✓ correct\./);
    assert.match(checkMessage("s2-2", 10, 3), /^s2-2: ✓ correct\./, 'check("s2-2", 10,3)');
    assert.match(checkMessage("s2-3", -23, 4, table, "de"), /^s2-3: Antworten Sie mit dem Buchstaben/);
    assert.match(checkMessage("s2-2", "10,3", table, "de"), /^s2-2: ✓ richtig\./);
    assert.throws(() => seminar("S9", table), /unknown seminar "S9"/);
    assert.throws(() => checkMessage("s9-1", "1"), /unknown exercise "s9-1"/);
  });
});

describe("src/seminar as a module graph", () => {
  const dir = join(paths.root, "src", "seminar");
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
  const imports = new Map(
    files.map((f) => {
      const src = readFileSync(join(dir, f), "utf8");
      const local = [...src.matchAll(/from "\.\/([\w-]+)\.js"/g)].map((m) => `${m[1]}.ts`);
      return [f, { local, node: /from "node:/.test(src) }];
    }),
  );

  it("has no import loop: the exercise type and judging are a leaf, every exercise file imports it, nothing imports back", () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (f: string, path: string[]): void => {
      if (done.has(f)) return;
      assert.ok(!visiting.has(f), `import loop: ${[...path, f].join(" → ")}`);
      visiting.add(f);
      for (const g of imports.get(f)?.local ?? []) visit(g, [...path, f]);
      visiting.delete(f);
      done.add(f);
    };
    for (const f of files) visit(f, []);
    assert.deepEqual(imports.get("exercise.ts")!.local, ["answer.ts"]);
    for (const f of ["exercises-s1.ts", "exercises-s2.ts", "exercises-s3.ts"])
      assert.ok(imports.get(f)!.local.includes("exercise.ts") && !imports.get(f)!.local.includes("exercises.ts"), f);
  });

  it("imports no Node built-in (node:fs and the like), so that the checks can run in a browser bundle", () => {
    assert.deepEqual(
      files.filter((f) => imports.get(f)!.node),
      [],
    );
  });
});

describe("choices", () => {
  it("every wrong choice gets its own reason (a reading or a sentence) or the data (a prediction); letters are read however typed", () => {
    for (const e of exercises) {
      if (e.kind !== "choice") continue;
      const right = e.solve(table);
      const letter = String.fromCharCode(97 + right);
      for (const typed of [letter, letter.toUpperCase(), `(${letter})`, `${letter})`, ` ${letter} `])
        assert.equal(checkAnswer(e.id, typed, table).correct, true, `${e.id}: ${typed}`);
      e.options.forEach((_, i) => {
        if (i === right) return;
        const r = checkAnswer(e.id, String.fromCharCode(97 + i), table, "de");
        assert.equal(r.correct, false, `${e.id} ${i}`);
        if (e.judgement === "prediction")
          assert.ok(
            r.message.includes(`Ihre Vorhersage trifft auf diesen Daten nicht zu. ${e.explain(table, "de")}`),
            r.message,
          );
        else assert.ok(r.message.endsWith((e.feedback?.[i] ?? e.hint).de), `${e.id} ${i}: ${r.message}`);
      });
    }
  });
});
