import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../src/paths.js";

const dir = join(paths.notebooks, "teaching");
const pages = readdirSync(dir)
  .filter((f) => /\.(de|en)\.md$/.test(f))
  .sort();
const names = [...new Set(pages.map((f) => f.replace(/\.(de|en)\.md$/, "")))];
const read = (name: string, lang: "de" | "en") => readFileSync(join(dir, `${name}.${lang}.md`), "utf8");

/** The sections every teacher's page has, in order, in each language. */
const SECTIONS = {
  de: ["Lernziele", "Ablauf", "Vorbereitung", "Diskussionsfragen", "Im Browser, ohne Installation"],
  en: ["Learning goals", "Schedule", "Preparation", "Discussion questions", "In the browser, with nothing installed"],
};
const EXPECTED = { de: "Erwartete Punkte:", en: "Expected points:" };

const headings = (md: string) =>
  md
    .split("\n")
    .filter((l) => l.startsWith("## "))
    .map((l) => l.slice(3).trim());
const section = (md: string, title: string) => md.split(/^## /m).find((s) => s.startsWith(`${title}\n`)) ?? "";
/** The minutes column of the schedule table (the second column of every body row). */
const minutes = (md: string, lang: "de" | "en") =>
  section(md, SECTIONS[lang][1]!)
    .split("\n")
    .filter((l) => /^\|/.test(l))
    .slice(2)
    .map((l) => Number(l.split("|")[2]!.trim()));
const questions = (md: string, lang: "de" | "en") =>
  section(md, SECTIONS[lang][3]!)
    .split("\n")
    .filter((l) => /^\d+\. /.test(l));

describe("teachers' pages (notebooks/teaching/<name>.de.md and .en.md)", () => {
  it("exist for seminars S1, S2 and S3, each in German and English", () => {
    for (const n of ["S1-lehrkraefte", "S2-lehrkraefte", "S3-lehrkraefte"]) assert.ok(names.includes(n), n);
    for (const n of names)
      assert.deepEqual(
        ["de", "en"].filter((l) => pages.includes(`${n}.${l}.md`)),
        ["de", "en"],
        n,
      );
  });
  for (const name of names) {
    it(`${name}: a "# " heading first, the same sections in both languages, plain Markdown without raw HTML`, () => {
      for (const lang of ["de", "en"] as const) {
        const md = read(name, lang);
        assert.match(md.split("\n")[0]!, /^# \S/, `${name}.${lang}`);
        assert.deepEqual(headings(md), SECTIONS[lang], `${name}.${lang}`);
        assert.doesNotMatch(md.replace(/`[^`]*`/g, ""), /<\/?[a-z][^>]*>/i, `${name}.${lang}: raw HTML`);
      }
    });
    it(`${name}: timings sum to 90 minutes, the same in both languages and in the seminar notebook's schedule`, () => {
      const de = minutes(read(name, "de"), "de");
      const en = minutes(read(name, "en"), "en");
      assert.ok(de.length >= 3 && de.every((m) => Number.isInteger(m) && m > 0), JSON.stringify(de));
      assert.equal(
        de.reduce((s, m) => s + m, 0),
        90,
      );
      assert.deepEqual(en, de);
      const seminar = name.split("-")[0]!;
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
    it(`${name}: every discussion question has its expected points, as many in both languages`, () => {
      const counts = (["de", "en"] as const).map((lang) => {
        const md = read(name, lang);
        const qs = questions(md, lang);
        const points = section(md, SECTIONS[lang][3]!)
          .split("\n")
          .filter((l) => l.trim().startsWith(`- ${EXPECTED[lang]}`));
        assert.ok(qs.length >= 3, `${name}.${lang}`);
        assert.equal(points.length, qs.length, `${name}.${lang}: one "${EXPECTED[lang]}" per question`);
        return qs.length;
      });
      assert.equal(counts[0], counts[1]);
    });
  }
});
