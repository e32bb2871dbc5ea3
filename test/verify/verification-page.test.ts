import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCodebook, type Lang } from "../../src/data/codebook.js";
import { loadSurvey } from "../../src/data/load.js";
import { claimsEvidence, type ClaimEvidence } from "../../src/verify/claim-evidence.js";
import { noteText } from "../../src/verify/note-text.js";
import { chapterHeading } from "../../src/verify/verification-groups.js";
import {
  verificationHtml,
  verificationJson,
  verificationMarkdown,
  verificationPageHtml,
} from "../../src/verify/verification-report.js";
import { statusLabel, verifyPublished, type Verification } from "../../src/verify/verify.js";
import { launchChromiumOrSkip } from "../helpers/browser.js";

const survey = loadSurvey();
const rows = verifyPublished(survey);
const claims = claimsEvidence(survey).objects() as unknown as ClaimEvidence[];
const cb = loadCodebook();
const other = (lang: Lang): Lang => (lang === "de" ? "en" : "de");
const unescapeHtml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** The notes of a rendered page, as the reader sees them (the text after the "Note:" label). */
function pageNotes(html: string): string[] {
  return [...html.matchAll(/<p class="vnote"><span>[^<]*<\/span> (.*?)<\/p>/g)].map((m) => unescapeHtml(m[1]!));
}

/** The literal words of every note text of the codebook in `lang` (the parts between placeholders that hold a word of four letters). */
function templateWords(lang: Lang): string[] {
  return Object.entries(cb.ui)
    .filter(([k]) => k.startsWith("note_"))
    .flatMap(([, t]) => t[lang].split(/\{\w+\}/))
    .filter((s) => /\p{L}{4,}/u.test(s))
    .map((s) => s.trim());
}

/** The cards of a page in order, with the h2 and h3 they stand under. */
function cardsUnderHeadings(html: string): { chapter: string; figure: string; id: string; claim: boolean }[] {
  const out: { chapter: string; figure: string; id: string; claim: boolean }[] = [];
  let chapter = "",
    figure = "";
  for (const m of html.matchAll(
    /<h2 id="[^"]*">(.*?)<\/h2>|<h3 id="[^"]*">(.*?)(?::\s<span|<\/h3>)|<li class="vcard" id="[^"]*" data-status="([^"]*)">\n<div class="vhead">.*?<code class="vid">(.*?)<\/code>/g,
  )) {
    if (m[1] !== undefined) chapter = unescapeHtml(m[1]);
    else if (m[2] !== undefined) figure = unescapeHtml(m[2]);
    else out.push({ chapter, figure, id: unescapeHtml(m[4]!), claim: m[3] === "claims" });
  }
  return out;
}

describe("verification page", () => {
  for (const lang of ["de", "en"] as const) {
    it(`says every note in ${lang} only: no note of the ${other(lang)} rendering, no word of its note texts (HTML and Markdown)`, () => {
      const page = verificationPageHtml(rows, claims, lang).html;
      const markdown = verificationMarkdown(rows, lang, claims).replace(/\\\|/g, "|");
      const foreign = pageNotes(verificationPageHtml(rows, claims, other(lang)).html);
      assert.ok(foreign.length > 40, `the ${other(lang)} page has notes (${foreign.length}), so the check can fail`);
      const own = pageNotes(page);
      assert.equal(own.length, foreign.length, "both pages show the same notes");
      for (const note of foreign) {
        assert.ok(
          !page.includes(note) && !unescapeHtml(page).includes(note),
          `${lang} page holds the ${other(lang)} note "${note}"`,
        );
        assert.ok(!markdown.includes(note), `${lang} Markdown holds the ${other(lang)} note "${note}"`);
      }
      const words = templateWords(other(lang)).filter((w) => !templateWords(lang).includes(w));
      assert.ok(words.length > 10);
      for (const w of words)
        assert.ok(
          !unescapeHtml(page).includes(w) && !markdown.includes(w),
          `${lang} output holds "${w}" of a ${other(lang)} note text`,
        );
    });
  }

  it("keeps the English note as the row's text and in the JSON, without the parts", () => {
    const withParts = rows.filter((v) => v.noteParts?.length);
    assert.ok(withParts.length > 40);
    for (const v of withParts) assert.equal(v.note, noteText(v.noteParts!, "en"));
    const json = JSON.parse(verificationJson(rows, claims)) as { entries: Record<string, unknown>[] };
    assert.deepEqual(
      json.entries.map((e) => e.note),
      rows.map((v) => v.note),
    );
    assert.ok(json.entries.every((e) => !("noteParts" in e)));
  });

  it("groups the cards by chapter in report order and by figure within, each row once under its own figure", () => {
    const { html, headings } = verificationPageHtml(rows, claims, "de");
    const chapters = headings.filter((h) => h.level === 2).map((h) => h.text);
    assert.deepEqual(chapters, ["Kapitel 2", "Kapitel 3", "Kapitel 4", "Anhang"]);
    assert.deepEqual(
      chapters,
      ["02", "03", "04", "anhang"].map((c) => chapterHeading(c, cb, "de")),
    );
    const figureOrder = ["sample", ...cb.figures.map((f) => f.id)];
    const numberOf = (id: string): string =>
      id === "sample" ? cb.ui.sampleNumber!.de : cb.figures.find((f) => f.id === id)!.number.de;
    const figures = headings.filter((h) => h.level === 3).map((h) => h.text);
    const expectedFigures = figureOrder
      .filter((id) => rows.some((v) => v.figure === id) || claims.some((c) => c.figure === id))
      .map(numberOf);
    assert.deepEqual(figures, expectedFigures);
    const cards = cardsUnderHeadings(html);
    assert.equal(cards.length, rows.length + claims.length);
    for (const v of rows) {
      const at = cards.filter((c) => !c.claim && c.id === v.id);
      assert.deepEqual(
        at.map((c) => c.figure),
        [numberOf(v.figure)],
        `${v.id} once, under ${numberOf(v.figure)}`,
      );
      const chapter = v.figure === "sample" ? "02" : cb.figures.find((f) => f.id === v.figure)!.chapter;
      assert.equal(at[0]!.chapter, chapterHeading(chapter, cb, "de"));
    }
    for (const c of claims)
      assert.deepEqual(
        cards.filter((x) => x.claim && x.id === c.id).map((x) => x.figure),
        [numberOf(c.figure)],
        `claim ${c.id} under ${numberOf(c.figure)}`,
      );
    // Within a figure, the rows keep the order of data/published/numbers.json.
    for (const id of figureOrder) {
      const want = rows.filter((v) => v.figure === id).map((v) => v.id);
      assert.deepEqual(
        cards.filter((c) => !c.claim && c.figure === numberOf(id)).map((c) => c.id),
        want,
      );
    }
  });

  it("uses the notebooks' titles for the chapters when it has them, and lists every heading for the outline", () => {
    const { html, headings } = verificationPageHtml(rows, claims, "de", {
      chapterTitles: { "03-partnerwahl": "3. Partnerwahl", "06-anhang": "Anhang A" },
    });
    assert.deepEqual(
      headings.filter((h) => h.level === 2).map((h) => h.text),
      ["Kapitel 2", "3. Partnerwahl", "Kapitel 4", "Anhang A"],
    );
    for (const h of headings)
      assert.ok(html.includes(`<h${h.level} id="${h.id}">`), `heading ${h.text} has its anchor`);
    assert.equal(new Set(headings.map((h) => h.id)).size, headings.length);
    // Figure pages link to verification.html#v-<id>: each row has that anchor, and every id on the page is unique.
    for (const v of rows) assert.ok(html.includes(`<li class="vcard" id="v-${v.id}" `), v.id);
    const ids = [...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length);
  });

  it("shows one badge per status with the number of rows that have it", () => {
    for (const lang of ["de", "en"] as const) {
      const html = verificationPageHtml(rows, claims, lang).html;
      const counted = new Map<string, number>();
      for (const v of rows) counted.set(v.status, (counted.get(v.status) ?? 0) + 1);
      const buttons = [
        ...html.matchAll(
          /<button type="button" class="badge [^"]*" data-status="([^"]*)"[^>]*>(.*?)<b>(\d+)<\/b><\/button>/g,
        ),
      ].map((m) => ({ status: m[1]!, label: unescapeHtml(m[2]!), n: Number(m[3]) }));
      const statuses = buttons.filter((b) => b.status !== "all" && b.status !== "claims");
      assert.equal(statuses.length, counted.size);
      for (const [status, n] of counted) {
        const b = statuses.filter((x) => x.status === status.replace(/ /g, "-"));
        assert.equal(b.length, 1, status);
        assert.deepEqual([b[0]!.n, b[0]!.label], [n, statusLabel(status as Verification["status"], lang)]);
      }
      assert.equal(buttons.find((b) => b.status === "claims")!.n, claims.length);
      assert.equal(buttons.find((b) => b.status === "all")!.n, rows.length + claims.length);
    }
  });

  it("escapes notes, quotes, claims and ids", () => {
    const evil = "<img src=x onerror=alert(1)>&\"'";
    const bad = rows.slice(0, 3).map((v) => ({
      ...v,
      id: `${v.id}${evil}`,
      quote: evil,
      noteParts: [{ key: "note_reason", params: { text: evil } }],
    }));
    const claim = { ...claims[0]!, id: evil, claimDe: evil, claimEn: evil };
    for (const lang of ["de", "en"] as const) {
      const { html } = verificationPageHtml([...bad, { ...rows[0]!, figure: evil }], [claim], lang);
      assert.ok(!html.includes("<img"), lang);
      assert.equal(
        html.split("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;").length - 1 >= 3 * 3 + 2,
        true,
        `${lang}: every hostile text is shown escaped`,
      );
    }
  });

  describe("status filter in headless Chromium", function () {
    this.timeout(120_000);
    let browser: import("playwright-core").Browser;
    let file: string;
    before(async function () {
      browser = await launchChromiumOrSkip(this);
      file = join(mkdtempSync(join(tmpdir(), "interspin-verify-page-")), "verification.html");
      writeFileSync(file, verificationHtml(rows, "de", claims));
    });
    after(async () => browser?.close());

    it("shows only the cards of the clicked status, hides emptied figures and chapters, and shows all again", async () => {
      const page = await browser.newPage();
      await page.goto(`file://${file}`);
      const visible = () =>
        page.$$eval(".vcard", (cs) =>
          cs.filter((c) => (c as HTMLElement).offsetParent !== null).map((c) => c.getAttribute("data-status")),
        );
      assert.equal((await visible()).length, rows.length + claims.length);
      for (const status of ["attainable only under an assumption", "claim holds"]) {
        await page.click(`button[data-status="${status.replace(/ /g, "-")}"]`);
        const shown = await visible();
        assert.deepEqual(
          shown,
          rows.filter((v) => v.status === status).map((_v) => status.replace(/ /g, "-")),
        );
        const hiddenFigures = await page.$$eval(
          ".vfigure",
          (fs) => fs.filter((f) => (f as HTMLElement).offsetParent === null).length,
        );
        const figuresWith = new Set(rows.filter((v) => v.status === status).map((v) => v.figure)).size;
        assert.equal((await page.$$eval(".vfigure", (fs) => fs.length)) - hiddenFigures, figuresWith);
        assert.equal(
          await page.getAttribute(`button[data-status="${status.replace(/ /g, "-")}"]`, "aria-pressed"),
          "true",
        );
      }
      await page.click('button[data-status="claims"]');
      assert.equal((await visible()).length, claims.length);
      await page.click('button[data-status="all"]');
      assert.equal((await visible()).length, rows.length + claims.length);
      assert.equal(
        await page.textContent(".vshown"),
        `${rows.length + claims.length} von ${rows.length + claims.length} angezeigt`,
      );
      await page.close();
    });

    it("shows every card without script, with inert badges and no filter controls", async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`file://${file}`);
      assert.equal(
        await page.$$eval(".vcard", (cs) => cs.filter((c) => (c as HTMLElement).offsetParent !== null).length),
        rows.length + claims.length,
      );
      assert.equal(await page.isVisible('button[data-status="all"]'), false);
      assert.equal(await page.isDisabled('button[data-status="reproduced"]'), true);
      await context.close();
    });
  });
});
