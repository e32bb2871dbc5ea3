import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../src/paths.js";
import { checkAnswer, seminarExercises } from "../../src/seminar/exercises.js";
import { surveyTable } from "../helpers/rows.js";

const dir = join(paths.notebooks, "teaching");
const pages = readdirSync(dir)
  .filter((f) => /\.(de|en)\.md$/.test(f))
  .sort();
const names = [...new Set(pages.map((f) => f.replace(/\.(de|en)\.md$/, "")))];
const teachers = names.filter((n) => n.endsWith("-lehrkraefte"));
const read = (name: string, lang: "de" | "en") => readFileSync(join(dir, `${name}.${lang}.md`), "utf8");
const table = surveyTable();

/** The sections every teacher's page has, in order, in each language. */
const SECTIONS = {
  de: [
    "Lernziele",
    "Ablauf",
    "Vorbereitung",
    "Plan B ohne Rechner",
    "Antworttabelle",
    "Diskussionsfragen",
    "Im Browser, ohne Installation",
    "Literatur",
  ],
  en: [
    "Learning goals",
    "Schedule",
    "Preparation",
    "Plan B without laptops",
    "Answer key",
    "Discussion questions",
    "In the browser, with nothing installed",
    "Reading",
  ],
};
const EXPECTED = { de: "Erwartete Punkte:", en: "Expected points:" };

const headings = (md: string) =>
  md
    .split("\n")
    .filter((l) => l.startsWith("## "))
    .map((l) => l.slice(3).trim());
const section = (md: string, title: string) => md.split(/^## /m).find((s) => s.startsWith(`${title}\n`)) ?? "";
/** The body rows of the first table in a section, as arrays of trimmed cells. */
const tableRows = (md: string, title: string) =>
  section(md, title)
    .split("\n")
    .filter((l) => /^\|/.test(l))
    .slice(2)
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
/** The minutes column of the schedule table (the second column of every body row). */
const minutes = (md: string, lang: "de" | "en") => tableRows(md, SECTIONS[lang][1]!).map((r) => Number(r[1]));
const questions = (md: string, lang: "de" | "en") =>
  section(md, SECTIONS[lang][5]!)
    .split("\n")
    .filter((l) => /^\d+\. /.test(l));

describe("teaching pages (notebooks/teaching/<name>.de.md and .en.md)", () => {
  it("are the teachers' pages of S1, S2 and S3 and the students' summary of the assumptions, each in German and English", () => {
    assert.deepEqual(teachers, ["S1-lehrkraefte", "S2-lehrkraefte", "S3-lehrkraefte"]);
    assert.ok(names.includes("annahmen-kurz"));
    for (const n of names)
      assert.deepEqual(
        ["de", "en"].filter((l) => pages.includes(`${n}.${l}.md`)),
        ["de", "en"],
        n,
      );
  });

  for (const name of names) {
    it(`${name}: a "# " heading first, plain Markdown without raw HTML, a narrow no-break space before every %`, () => {
      for (const lang of ["de", "en"] as const) {
        const md = read(name, lang);
        assert.match(md.split("\n")[0]!, /^# \S/, `${name}.${lang}`);
        assert.doesNotMatch(md.replace(/`[^`]*`/g, ""), /<\/?[a-z][^>]*>/i, `${name}.${lang}: raw HTML`);
        assert.doesNotMatch(md, /\d %/, `${name}.${lang}: "80 %" may break between number and sign`);
        assert.doesNotMatch(md, /statistisch gesichert|gilt nie|Lehrkräfte/, `${name}.${lang}`);
      }
    });
  }

  for (const name of teachers) {
    const seminar = name.split("-")[0]!;
    it(`${name}: the same sections in both languages, titled for „Lehrende“`, () => {
      for (const lang of ["de", "en"] as const)
        assert.deepEqual(headings(read(name, lang)), SECTIONS[lang], `${name}.${lang}`);
      assert.match(read(name, "de").split("\n")[0]!, /: Hinweise für Lehrende$/);
      assert.match(read(name, "en").split("\n")[0]!, /: notes for teachers$/);
    });

    it(`${name}: timings start with setting up, sum to 90 minutes, and match the seminar notebook's schedule`, () => {
      const de = minutes(read(name, "de"), "de");
      const en = minutes(read(name, "en"), "en");
      assert.ok(de.length >= 5 && de.every((m) => Number.isInteger(m) && m > 0), JSON.stringify(de));
      assert.equal(
        de.reduce((s, m) => s + m, 0),
        90,
      );
      assert.deepEqual(en, de);
      assert.match(tableRows(read(name, "de"), "Ablauf")[0]![0]!, /^Einrichten und Orientierung$/);
      assert.ok(de.at(-1)! >= 15, "at least 15 minutes of discussion");
      const notebook = readdirSync(paths.notebooks).find(
        (f) => f.startsWith(`${seminar}-seminar-`) && !f.includes("loesungen"),
      );
      assert.ok(notebook, `the notebook of ${seminar}`);
      const first = (
        JSON.parse(readFileSync(join(paths.notebooks, notebook), "utf8")) as {
          cells: { source: string[]; metadata: { interspin?: { en?: string } } }[];
        }
      ).cells[0]!;
      for (const text of [first.source.join(""), first.metadata.interspin?.en ?? ""]) {
        const plan = /\*\*(Ablauf|Schedule|Plan):\*\*(.*)/.exec(text)![2]!;
        assert.deepEqual(
          [...plan.matchAll(/\((\d+) min\)/g)].map((m) => Number(m[1])),
          de,
          notebook,
        );
      }
    });

    it(`${name}: the answer key has every exercise, in order, with the answer the check accepts on the shipped data and its reasoning`, () => {
      for (const lang of ["de", "en"] as const) {
        const rows = tableRows(read(name, lang), SECTIONS[lang][4]!);
        assert.deepEqual(
          rows.map((r) => r[0]),
          seminarExercises(seminar).map((e) => e.id),
          `${name}.${lang}`,
        );
        for (const [id, , answer, reasoning] of rows) {
          const typed = answer!.replace(/\u202f/g, " ");
          const r = checkAnswer(id!, typed, table, lang);
          assert.equal(r.correct, true, `${name}.${lang} ${id}: "${answer}" → ${r.message}`);
          assert.ok(reasoning!.length > 20, `${name}.${lang} ${id}: reasoning`);
        }
      }
    });

    it(`${name}: every discussion question has its expected points, one asks what follows for InterSpiN`, () => {
      const counts = (["de", "en"] as const).map((lang) => {
        const md = read(name, lang);
        const qs = questions(md, lang);
        const points = section(md, SECTIONS[lang][5]!)
          .split("\n")
          .filter((l) => l.trim().startsWith(`- ${EXPECTED[lang]}`));
        assert.ok(qs.length >= 4, `${name}.${lang}`);
        assert.equal(points.length, qs.length, `${name}.${lang}: one "${EXPECTED[lang]}" per question`);
        assert.ok(
          qs.some((q) => q.includes(lang === "de" ? "Was folgt für InterSpiN" : "What follows for InterSpiN")),
          `${name}.${lang}: a "so what for InterSpiN" question`,
        );
        return qs.length;
      });
      assert.equal(counts[0], counts[1]);
    });

    it(`${name}: Plan B says what to project and what to print`, () => {
      assert.match(section(read(name, "de"), "Plan B ohne Rechner"), /\*\*Projizieren:\*\*[\s\S]*\*\*Drucken:\*\*/);
      assert.match(section(read(name, "en"), "Plan B without laptops"), /\*\*Project:\*\*[\s\S]*\*\*Print:\*\*/);
    });
  }

  it("the teachers' pages say what the review asked for, in its words", () => {
    const s1 = read("S1-lehrkraefte", "de");
    const s2 = read("S2-lehrkraefte", "de");
    const s3 = read("S3-lehrkraefte", "de");
    assert.ok(s1.includes("werten zwei Antworten derselben Personen gepaart aus (McNemar-Test)"));
    assert.ok(s1.includes("eine Entscheidung ist, die das Ergebnis verändern kann"));
    assert.ok(s1.includes("sollte zusammen mit „4 von 5“ und einem Konfidenzintervall angegeben werden"));
    assert.ok(s1.includes("alles, was Antworten derselben Befragten miteinander verknüpft"));
    assert.ok(s1.includes("die veröffentlichten Randverteilungen"));
    assert.ok(s2.includes("Wer informiert wen?") && !s2.includes("Wer fragt wen"));
    assert.ok(s2.includes("Anteil und Test im Vergleich zu den übrigen Befragten"));
    assert.ok(
      s2.includes('Für englische Beschriftungen und Rückmeldungen in der Zelle `parameters` `lang = "en"` setzen'),
    );
    assert.ok(
      s3.includes(
        "zum Lesen von Befragungsergebnissen (Kapitel 2 des Berichts) und zur Prüfung seiner gedruckten Zahlen",
      ),
    );
    assert.ok(
      s3.includes(
        "Annahmeabhängige Aussagen nur zusammen mit der Annahme nennen, von der sie abhängen; belegte Aussagen mit Fallzahl angeben",
      ),
    );
  });

  it("the teachers' pages teach the statistics right: a broker receives and passes on, „nicht belegbar“ is not „falsch“", () => {
    const s2 = read("S2-lehrkraefte", "de");
    const s3 = read("S3-lehrkraefte", "de");
    assert.doesNotMatch(s2, /gibt es mehr weiter, als es bekommt/);
    assert.match(s2, /Er empfängt \*und\* gibt weiter\. Eine positive Bilanz allein zeigt das nicht/);
    assert.doesNotMatch(s3, /„fails“|streichen;/);
    assert.match(s3, /nicht belegbare Aussagen abschwächen, nicht streichen – „nicht belegbar“ heißt nicht „falsch“/);
    for (const name of teachers)
      assert.doesNotMatch(read(name, "de").replace(/`[^`]*`/g, ""), /„(robust|depends|fails)“/, name);
  });

  it("the students' summary of the assumptions is one page: what is printed, what is assumed, what does not depend on it", () => {
    for (const lang of ["de", "en"] as const) {
      const md = read("annahmen-kurz", lang);
      assert.ok(md.length < 6000, `${lang}: ${md.length} characters`);
      const rows = md.split("\n").filter((l) => /^\| /.test(l));
      assert.ok(rows.length >= 9, `${lang}: a table of what is printed and what is assumed`);
      assert.match(md, lang === "de" ? /eigene Akteursgruppe der Befragten/ : /respondents' own actor group/);
      assert.match(md, lang === "de" ? /nicht belegbar\*\* in keinem/ : /cannot be established\*\* in none/);
    }
  });
});
