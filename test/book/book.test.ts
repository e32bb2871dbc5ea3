import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCodebook } from "../../src/data/codebook.js";
import type { Notebook } from "../../src/notebook/format/nbformat.js";
import { localizeNotebook } from "../../src/notebook/format/localize.js";
import { paths } from "../../src/paths.js";
import { chapterTitle, readingOrder, readTeachingPages, writeBook, writeSiteIndex } from "../../src/book/book.js";
import { buildFlows } from "../../src/figures/abb-06-07-information-flows.js";
import { markdownHeadings } from "../../src/util/markdown.js";
import { verifyPublished } from "../../src/verify/verify.js";
import { loadSurvey } from "../../src/data/load.js";
import { figures } from "../../src/figures/index.js";
import { numberRows } from "../../src/figures/common/numbers.js";
import { claimsEvidence, type ClaimEvidence } from "../../src/verify/claim-evidence.js";
import { figureSourceFile } from "../../src/book/figure-pages.js";
import type { Lang } from "../../src/data/codebook.js";
import { launchChromiumOrSkip, reusedPage } from "../helpers/browser.js";

const chapterNames = ["01-einleitung", "03-partnerwahl", "06-anhang"];
const teaching = readTeachingPages(join(paths.notebooks, "teaching"), "de");
const chapters = chapterNames.map((name) => ({
  name,
  notebook: JSON.parse(readFileSync(join(paths.notebooks, `${name}.ipynb`), "utf8")) as Notebook,
}));

/** The first heading of a notebook's Markdown, read straight from the .ipynb. */
function firstHeading(nb: Notebook): string {
  const src = nb.cells
    .filter((c) => c.cell_type === "markdown")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : String(c.source)))
    .join("\n\n");
  return markdownHeadings(src)[0]!.text;
}

/** The pages of the book's frame: every HTML file but the print document (print.html: one page for paper, without sidebar or language switch). */
const isFramePage = (f: string): boolean => f.endsWith(".html") && f !== "print.html";

const survey = loadSurvey();
const verification = verifyPublished(survey);
const claims = claimsEvidence(survey).objects() as unknown as ClaimEvidence[];
/** The book's input in one language, with every figure, its numbers, the verification rows and the claims. */
function bookIn(lang: Lang, chs = chapters) {
  return {
    chapters: chs,
    teaching: readTeachingPages(join(paths.notebooks, "teaching"), lang),
    lang,
    languages: ["de", "en"] as Lang[],
    figures: new Map(figures.map((f) => [f.id, f.build(survey, { lang })])),
    figureNumbers: new Map(figures.map((f) => [f.id, numberRows(f.numbers(survey, { lang }))])),
    verification,
    claims,
  };
}

describe("the book's frame: titles, sidebar, outline, previous/next, links (headless Chromium)", function () {
  this.timeout(900_000);
  let out: string;
  let browser: import("playwright-core").Browser | undefined;
  const ui = loadCodebook().ui;

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    out = mkdtempSync(join(tmpdir(), "interspin-book-"));
    writeSiteIndex(out, ["de", "en"]);
    for (const lang of ["de", "en"] as const)
      writeBook(
        bookIn(
          lang,
          lang === "de"
            ? chapters
            : chapters.map((c) => ({ name: c.name, notebook: localizeNotebook(c.notebook, "en") })),
        ),
        out,
      );
  });
  after(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("names each chapter by its notebook's first heading, not its file name", () => {
    for (const ch of chapters) {
      assert.equal(chapterTitle(ch), firstHeading(ch.notebook));
      assert.notEqual(chapterTitle(ch), ch.name);
    }
  });

  it("includes every teaching page of notebooks/teaching in the book's language, titled by its first heading", () => {
    assert.ok(
      teaching.some((p) => p.name === "S1-lehrkraefte"),
      teaching.map((p) => p.name).join(", "),
    );
    assert.deepEqual(
      readTeachingPages(join(paths.notebooks, "teaching"), "en").map((p) => p.name),
      teaching.map((p) => p.name),
      "each teaching page exists in both languages",
    );
    const html = readFileSync(join(out, "site", "de", "teaching-S1-lehrkraefte.html"), "utf8");
    assert.match(html, /<h2 id="lernziele">Lernziele<\/h2>/);
    assert.match(html, /<table>/, "the timing table is a table");
  });

  it("every page has the sidebar with all titles, marks itself, and chains previous/next in sidebar order; every relative link and anchor resolves", async () => {
    const figurePages = figures.map((f) => `figure-${f.id}.html`);
    const order = [
      "index.html",
      ...chapterNames.map((n) => `${n}.html`),
      ...teaching.map((p) => `teaching-${p.name}.html`),
      "gallery.html",
      ...figurePages,
      "verification.html",
      "assumptions.html",
    ];
    const cbFigures = loadCodebook().figures;
    const titles = [
      ui.bookContents!.de,
      ...chapters.map(chapterTitle),
      ...teaching.map((p) => markdownHeadings(p.markdown)[0]!.text),
      ui.bookFigures!.de,
      ...figures.map((f) => cbFigures.find((c) => c.id === f.id)!.number.de),
      ui.bookVerification!.de,
      ui.bookAssumptions!.de,
    ];
    const site = join(out, "site");
    const ids = new Map<string, string[]>();
    const links: { from: string; href: string }[] = [];
    const page = await reusedPage(browser!, { javaScriptEnabled: false }); // links and the frame are static HTML: plotly.js need not load
    for (const [i, file] of order.entries()) {
      await page.goto(`file://${join(site, "de", file)}`);
      const r = (await page.evaluate(`(() => ({
        sidebar: [...document.querySelectorAll(".sidebar li a")].map((a) => a.textContent),
        current: [...document.querySelectorAll(".sidebar a[aria-current=page]")].map((a) => a.getAttribute("href")),
        prev: document.querySelector(".pager a.prev")?.getAttribute("href") ?? null,
        next: document.querySelector(".pager a.next")?.getAttribute("href") ?? null,
        links: [...document.querySelectorAll("a[href], img[src]")].map((a) => a.href || a.src),
        ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
        outline: [...document.querySelectorAll(".outline a")].length,
        groups: [...document.querySelectorAll(".sidebar h2")].map((h) => h.textContent),
      }))()`)) as {
        sidebar: string[];
        current: string[];
        prev: string | null;
        next: string | null;
        links: string[];
        ids: string[];
        outline: number;
        groups: string[];
      };
      assert.deepEqual(r.sidebar, titles, file);
      assert.deepEqual(
        r.groups,
        [ui.bookChapters!.de, ui.bookTeaching!.de, ui.bookFigures!.de, ui.bookReview!.de],
        file,
      );
      assert.deepEqual(r.current, [file], file);
      assert.equal(r.prev, order[i - 1] ?? null, `${file} previous`);
      assert.equal(r.next, order[i + 1] ?? null, `${file} next`);
      if (file.startsWith("03-") || file.startsWith("figure-") || file === "assumptions.html")
        assert.ok(r.outline > 0, `${file} has sections and a page outline`);
      ids.set(join(site, "de", file), r.ids);
      links.push(...r.links.filter((h) => h.startsWith("file:")).map((href) => ({ from: file, href })));
    }
    await page.context().close();
    assert.ok(
      links.some((l) => l.href.includes("assumptions.html#")),
      "figure pages link into the assumptions",
    );
    for (const { from, href } of links) {
      const url = new URL(href);
      const target = fileURLToPath(url);
      assert.ok(existsSync(target), `${from} links to ${href}, which is missing`);
      assert.ok(target.startsWith(`${site}/`), `${from}: ${href} leaves the site`);
      if (url.hash && ids.has(target))
        assert.ok(
          ids.get(target)!.includes(decodeURIComponent(url.hash.slice(1))),
          `${from}: anchor ${href} is missing`,
        );
    }
  });

  it("every page links to the same page in the other language, and back", async () => {
    const page = await reusedPage(browser!, { javaScriptEnabled: false });
    for (const [lang, other] of [
      ["de", "en"],
      ["en", "de"],
    ] as const) {
      for (const file of readdirSync(join(out, "site", lang)).filter(isFramePage)) {
        await page.goto(`file://${join(out, "site", lang, file)}`);
        const r = (await page.evaluate(
          `(() => [...document.querySelectorAll(".lang-switch a")].map((a) => ({ href: a.href, lang: a.getAttribute("hreflang"), text: a.textContent })))()`,
        )) as { href: string; lang: string; text: string }[];
        assert.deepEqual(
          r.map((l) => [fileURLToPath(l.href), l.lang]),
          [[join(out, "site", other, file), other]],
          `${lang}/${file}`,
        );
        assert.ok(existsSync(join(out, "site", other, file)), `${other}/${file} exists`);
      }
    }
    await page.context().close();
    const index = readFileSync(join(out, "site", "index.html"), "utf8");
    assert.deepEqual(
      [...index.matchAll(/href="([^"]+)"/g)].map((m) => m[1]),
      ["de/index.html", "en/index.html"],
    );
    // The language page as a screen reader meets it: a main landmark, the title in both languages, a named list of links.
    const landing = await reusedPage(browser!);
    await landing.goto(`file://${join(out, "site", "index.html")}`);
    assert.deepEqual(await landing.getByRole("main").count(), 1);
    assert.deepEqual(
      await landing.getByRole("heading", { level: 1 }).textContent(),
      `${ui.bookTitle!.de}${ui.bookTitle!.en}`,
    );
    assert.deepEqual(
      await landing.getByRole("navigation", { name: "Sprache / Language" }).getByRole("link").allInnerTexts(),
      [`Deutsch\n${ui.bookTitle!.de}`, `English\n${ui.bookTitle!.en}`],
    );
    await landing.context().close();
  });

  it("gives every figure a page that draws it offline, with its numbers, published numbers, claims, assumptions and builder file; the gallery links to each", async () => {
    const gallery = readFileSync(join(out, "site", "de", "gallery.html"), "utf8");
    assert.deepEqual(
      [...gallery.matchAll(/<ul class="thumbnails">[\s\S]*?<\/ul>/g)].flatMap((m) =>
        [...m[0].matchAll(/href="([^"]+)"/g)].map((x) => x[1]),
      ),
      figures.map((f) => `figure-${f.id}.html`),
    );
    const page = await reusedPage(browser!);
    for (const f of figures) {
      await page.goto(`file://${join(out, "site", "en", `figure-${f.id}.html`)}`);
      await page.waitForSelector(".plot .main-svg", { timeout: 30_000 });
      const r = (await page.evaluate(`(() => ({
        numbers: document.querySelectorAll("table.numbers tbody tr").length,
        published: document.querySelectorAll("table.published tbody tr").length,
        claims: document.querySelectorAll("table.claims tbody tr").length,
        ci: [...document.querySelectorAll("table.numbers tbody tr")].map((tr) => tr.lastElementChild.textContent),
        code: [...document.querySelectorAll("code")].map((c) => c.textContent),
        title: document.querySelector("h1").textContent,
      }))()`)) as { numbers: number; published: number; claims: number; ci: string[]; code: string[]; title: string };
      const rows = numberRows(f.numbers(survey, { lang: "en" }));
      assert.equal(r.numbers, rows.length, `${f.id} numbers`);
      assert.deepEqual(
        r.ci,
        rows.map((x) => (x.suppressed ? "–" : `${x.ciLow.toFixed(1)}–${x.ciHigh.toFixed(1)}`)),
        `${f.id} intervals`,
      );
      assert.equal(r.published, verification.filter((v) => v.figure === f.id).length, `${f.id} published numbers`);
      assert.equal(r.claims, claims.filter((c) => c.figure === f.id).length, `${f.id} claims`);
      assert.ok(
        r.code.includes(figureSourceFile(f.id)!) && existsSync(join(paths.root, figureSourceFile(f.id)!)),
        `${f.id} names ${figureSourceFile(f.id)}`,
      );
      // A short heading; the report's caption follows as the subtitle.
      const def = loadCodebook().figures.find((c) => c.id === f.id)!;
      assert.equal(r.title, `${def.number.en}: ${(def.short ?? def.caption).en}`);
    }
    await page.context().close();
    assert.ok(
      verification.some((v) => v.figure === "abb-05") && claims.some((c) => c.figure === "abb-03"),
      "some pages have rows, so the counts can fail",
    );
  });

  it("leaves a German cell's short English summary out of the German page; the English page has the whole English text", () => {
    const source = JSON.stringify(chapters[0]!.notebook);
    assert.ok(source.includes("*English:*"), "the notebook carries English summaries, so the test can fail");
    const de = readFileSync(join(out, "site", "de", "01-einleitung.html"), "utf8");
    const en = readFileSync(join(out, "site", "en", "01-einleitung.html"), "utf8");
    assert.doesNotMatch(de, /<em>English:<\/em>/);
    assert.match(de, /<h1[^>]*>1\. Einleitung<\/h1>/);
    assert.match(en, /<h1[^>]*>1\. Introduction<\/h1>/);
    assert.doesNotMatch(en, /<em>English:<\/em>/);
  });

  it("puts a seminar's solutions right after the seminar, every other notebook in name order", () => {
    const names = readdirSync(paths.notebooks)
      .filter((f) => f.endsWith(".ipynb"))
      .map((f) => f.replace(/\.ipynb$/, ""))
      .sort();
    const ordered = readingOrder(names.map((name) => ({ name }))).map((c) => c.name);
    const solutions = names.filter((n) => n.endsWith("-loesungen"));
    assert.ok(solutions.length >= 3, solutions.join(", "));
    for (const sol of solutions) {
      const seminar = names.find((n) => n.startsWith(`${sol.split("-")[0]}-seminar-`) && n !== sol)!;
      assert.equal(
        ordered.indexOf(sol),
        ordered.indexOf(seminar) + 1,
        `${sol} after ${seminar}: ${ordered.join(", ")}`,
      );
    }
    assert.deepEqual(
      ordered.filter((n) => !n.endsWith("-loesungen")),
      names.filter((n) => !n.endsWith("-loesungen")),
    );
  });

  it("draws a Sankey inside the text column, at laptop and phone widths", async () => {
    const fig = buildFlows(loadSurvey());
    assert.ok((fig.layout.width as number) > 800, "the figure is wider than the column, so the test can fail");
    const nb = {
      ...chapters[0]!.notebook,
      cells: [
        {
          cell_type: "code",
          source: "showFigure(flows)",
          metadata: {},
          execution_count: 1,
          outputs: [
            {
              output_type: "display_data",
              data: { "application/vnd.plotly.v1+json": fig, "text/plain": "flows" },
              metadata: {},
            },
          ],
        },
      ],
    } as unknown as Notebook;
    const dir = mkdtempSync(join(tmpdir(), "interspin-book-flows-"));
    try {
      writeBook(
        { chapters: [{ name: "S2-flows", notebook: nb }], figures: new Map(), verification: [], lang: "de" },
        dir,
      );
      const page = await reusedPage(browser!);
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`file://${join(dir, "site", "de", "S2-flows.html")}`);
        await page.waitForSelector("g.sankey", { timeout: 30_000 });
        const r = (await page.evaluate(
          `(() => ({ svg: document.querySelector(".js-plotly-plot .main-svg").getBoundingClientRect().width, column: document.querySelector("div.plot").clientWidth, page: document.documentElement.scrollWidth }))()`,
        )) as { svg: number; column: number; page: number };
        assert.ok(r.svg <= r.column + 1, `at ${width} px the Sankey is ${r.svg} px in a ${r.column} px column`);
        assert.ok(r.page <= width, `at ${width} px the page is ${r.page} px wide`);
      }
      await page.context().close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads on a phone and a laptop: the page never scrolls sideways (wide tables scroll in place); on a phone the sidebar sits above the text", async () => {
    const page = await reusedPage(browser!);
    for (const [file, width] of [
      ["03-partnerwahl.html", 390],
      ["verification.html", 390],
      ["verification.html", 1366],
      ["figure-abb-09.html", 390],
      ["gallery.html", 390],
    ] as const) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`file://${join(out, "site", "de", file)}`);
      const r = (await page.evaluate(
        `(() => ({ width: document.documentElement.scrollWidth, sidebarBottom: document.querySelector(".sidebar").getBoundingClientRect().bottom, mainTop: document.querySelector("main").getBoundingClientRect().top }))()`,
      )) as { width: number; sidebarBottom: number; mainTop: number };
      assert.ok(r.width <= width, `${file} at ${width} px: page is ${r.width} px wide`);
      if (width < 760) assert.ok(r.sidebarBottom <= r.mainTop + 1, JSON.stringify(r));
    }
    await page.context().close();
  });

  it("each page is in the book's language: no UI string of the other language in its visible text (text marked with the other language, quotes of the report and the shown data/ASSUMPTIONS.md aside)", async function () {
    // Every page of both books, the chapters with their live scripts running.
    this.timeout(600_000);
    for (const lang of ["de", "en"] as const) {
      const other = lang === "de" ? "en" : "de";
      const dir = mkdtempSync(join(tmpdir(), `interspin-book-${lang}-`));
      try {
        const localized = chapters.map((c) => ({ name: c.name, notebook: localizeNotebook(c.notebook, lang) }));
        writeBook(bookIn(lang, localized), dir);
        const foreign = Object.entries(ui)
          .map(([key, v]) => ({ key, text: v[other] }))
          .filter((f) => f.text !== ui[f.key]![lang] && f.text.length > 3);
        const page = await reusedPage(browser!);
        for (const file of readdirSync(join(dir, "site", lang)).filter(isFramePage)) {
          await page.goto(`file://${join(dir, "site", lang, file)}`);
          const visible = (await page.evaluate(
            `(() => { for (const el of document.querySelectorAll("[lang=${other}], blockquote, .source-document")) el.remove(); for (const el of document.querySelectorAll("*")) el.style.textTransform = "none"; return document.body.innerText; })()`,
          )) as string;
          const found = foreign.filter((f) =>
            new RegExp(`(^|[^\\p{L}])${f.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}])`, "u").test(visible),
          );
          assert.deepEqual(
            found.map((f) => `${f.key}: ${f.text}`),
            [],
            `${lang}/${file}`,
          );
          if (lang === "de") assert.ok(visible.includes(ui.bookChapters!.de), `${file} shows the German sidebar`);
        }
        await page.context().close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
