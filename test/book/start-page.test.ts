/**
 * The book's start page and figure page titles: the start page says what the book is and offers
 * three ways in (read the report, teach a seminar, check the numbers), each leading to its pages,
 * with the figures' thumbnails; a figure page's heading is short (the codebook's `short`), the
 * report's caption (for Abbildung 6/7 the whole question) follows as a subtitle; a chapter's code
 * cells are live cells marked with their notebook index, and the pages load the live scripts.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeBook } from "../../src/book/book.js";
import { loadCodebook } from "../../src/data/codebook.js";
import { loadSurvey } from "../../src/data/load.js";
import { figures } from "../../src/figures/index.js";
import type { Notebook } from "../../src/notebook/format/nbformat.js";
import { paths } from "../../src/paths.js";
import { verifyPublished } from "../../src/verify/verify.js";

const cb = loadCodebook();
const names = ["01-einleitung", "03-partnerwahl", "S1-seminar-partnerwahl-und-naehe", "S1-seminar-loesungen"];

describe("the book's start page, figure page titles and live cells", function () {
  this.timeout(120_000);
  let out: string;
  const page = (file: string) => readFileSync(join(out, "site", "de", file), "utf8");

  before(() => {
    out = mkdtempSync(join(tmpdir(), "interspin-start-"));
    const survey = loadSurvey();
    writeBook(
      {
        chapters: names.map((name) => ({
          name,
          notebook: JSON.parse(readFileSync(join(paths.notebooks, `${name}.ipynb`), "utf8")) as Notebook,
        })),
        teaching: [{ name: "S1-lehrkraefte", markdown: "# S1 für Lehrende\n\nText.\n" }],
        lang: "de",
        figures: new Map(figures.map((f) => [f.id, f.build(survey, { lang: "de" })])),
        figureFiles: new Map(figures.map((f) => [f.id, { png: `figures/${f.id}.png` }])),
        verification: verifyPublished(survey),
      },
      out,
    );
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it("offers three ways in, each leading to its pages, and the figures' thumbnails", () => {
    const html = page("index.html");
    assert.ok(html.includes(cb.ui.bookWhat!.de), "says what the book is");
    const ways = [
      ...html.matchAll(/<section class="way (\w+)"><h2><a href="([^"]+)">([^<]+)<\/a><\/h2>[\s\S]*?<\/section>/g),
    ];
    assert.deepEqual(
      ways.map((w) => [w[1], w[2], w[3]]),
      [
        ["read", "01-einleitung.html", cb.ui.bookWayRead!.de],
        ["teach", "teaching-S1-lehrkraefte.html", cb.ui.bookWayTeach!.de],
        ["check", "verification.html", cb.ui.bookWayCheck!.de],
      ],
    );
    assert.match(ways[0]![0], /03-partnerwahl\.html/);
    assert.doesNotMatch(ways[0]![0], /S1-seminar/, "seminars are not chapters of the report");
    assert.match(ways[1]![0], /teaching-S1-lehrkraefte\.html[\s\S]*S1-seminar-partnerwahl-und-naehe\.html/);
    assert.doesNotMatch(ways[1]![0], /loesungen/, "the solutions are reached from the teachers' page");
    assert.match(ways[2]![0], /gallery\.html/);
    for (const f of figures) assert.ok(html.includes(`<img src="figures/${f.id}.png"`), `thumbnail of ${f.id}`);
  });

  it("lists a seminar's solutions only among the teachers' pages: linked from its teacher's page, in no students' page", () => {
    const solutions = "S1-seminar-loesungen.html";
    const links = (file: string): string[] => [...page(file).matchAll(/href="([^"#]+)"/g)].map((m) => m[1]!);
    const students = readdirSync(join(out, "site", "de")).filter(
      (f) => f.endsWith(".html") && !f.startsWith("teaching-") && f !== solutions && f !== "print.html",
    );
    assert.ok(students.includes("S1-seminar-partnerwahl-und-naehe.html") && students.includes("index.html"));
    for (const f of students) assert.ok(!links(f).includes(solutions), `${f} links to the solutions`);
    // The students' seminar page leads on to the teachers' page, not to the solutions.
    assert.match(
      page("S1-seminar-partnerwahl-und-naehe.html"),
      /<a class="next" rel="next" href="teaching-S1-lehrkraefte\.html">/,
    );
    // The teacher's page: the link follows its title, and its sidebar has the solutions under it.
    const teacher = page("teaching-S1-lehrkraefte.html");
    assert.ok(
      teacher.includes(
        `</h1>\n<p class="solutions-link">${cb.ui.bookSolutionsLink!.de} <a href="${solutions}">S1 Seminar: Partnerwahl und Nähe — Lösungen</a></p>`,
      ),
      "the teacher's page links to the solutions under its title",
    );
    assert.match(
      teacher,
      /<li><a href="teaching-S1-lehrkraefte\.html" aria-current="page">[^<]*<\/a><\/li><li class="sub"><a href="S1-seminar-loesungen\.html">/,
    );
    assert.match(teacher, /<a class="next" rel="next" href="S1-seminar-loesungen\.html">/);
    // The solutions page: still live, marked in the teachers' sidebar, back to its teacher's page.
    const own = page(solutions);
    assert.match(own, /<a href="S1-seminar-loesungen\.html" aria-current="page">/);
    assert.match(own, /<a class="prev" rel="prev" href="teaching-S1-lehrkraefte\.html">/);
    assert.match(own, /data-live-page="S1-seminar-loesungen"/);
    // The book on paper has the seminar but not its solutions.
    assert.match(page("print.html"), /id="chapter-S1-seminar-partnerwahl-und-naehe"/);
    assert.doesNotMatch(page("print.html"), /chapter-S1-seminar-loesungen|Lösungen<\/h1>/);
  });

  it("titles a figure page shortly, with the report's question as its subtitle", () => {
    const html = page("figure-abb-06.html");
    const def = cb.figures.find((f) => f.id === "abb-06")!;
    assert.match(html, new RegExp(`<h1>${def.number.de}: ${def.short!.de}</h1>`));
    assert.ok(def.short!.de.length < 60 && def.caption.de.length > 150);
    assert.ok(html.includes(`<p class="figure-question">`) && html.includes(def.caption.de.slice(0, 60)));
  });

  it("shows each code cell as a live cell with its notebook index, marks parameters and answers, and loads the live scripts", () => {
    const html = page("S1-seminar-partnerwahl-und-naehe.html");
    const nb = JSON.parse(
      readFileSync(join(paths.notebooks, "S1-seminar-partnerwahl-und-naehe.ipynb"), "utf8"),
    ) as Notebook;
    const code = nb.cells.flatMap((c, i) => (c.cell_type === "code" ? [String(i)] : []));
    assert.deepEqual(
      [...html.matchAll(/data-live-cell="(\d+)"/g)].map((m) => m[1]),
      code,
    );
    assert.match(html, /data-live-cell="1" data-parameters>/);
    assert.deepEqual(
      [...html.matchAll(/data-exercise="([\w-]+)"/g)].map((m) => m[1]),
      ["s1-1", "s1-2", "s1-3", "s1-4", "s1-5", "s1-6", "s1-7", "s1-8"],
    );
    assert.match(
      html,
      /<body data-live-page="S1-seminar-partnerwahl-und-naehe" data-live-lang="de" data-plotly="\.\.\/plotly\.min\.js">/,
    );
    assert.match(
      html,
      /<script src="\.\.\/live-data\.js"><\/script>\n<script src="\.\.\/live\.js"><\/script>\n<script src="\.\.\/figures\.js"><\/script>/,
    );
    assert.doesNotMatch(page("gallery.html"), /live\.js/, "only chapter pages carry the live script");
    assert.match(
      page("gallery.html"),
      /<script src="\.\.\/plotly\.min\.js"><\/script>\n<script src="\.\.\/figures\.js"><\/script>/,
    );
    const data = readFileSync(join(out, "site", "live-data.js"), "utf8");
    assert.ok(data.startsWith("window.INTERSPIN_LIVE_DATA="));
    assert.ok(data.includes("data/survey.csv") && data.includes("data/codebook.json"));
  });
});
