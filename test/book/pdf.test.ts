import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { loadSurvey } from "../../src/data/load.js";
import { figures } from "../../src/figures/index.js";
import type { Notebook, Output } from "../../src/notebook/format/nbformat.js";
import { paths } from "../../src/paths.js";
import { chapterTitle, readingOrder, writeBook } from "../../src/book/book.js";
import { PDF_DATE, pdfKey, printPdfs, printPdfsCached, stablePdf, type Printed } from "../../src/book/pdf.js";
import { printLinks } from "../../src/book/print-book.js";
import { verifyPublished } from "../../src/verify/verify.js";
import { launchChromiumOrSkip } from "../helpers/browser.js";

describe("stablePdf: the clock-dependent bytes of a PDF", () => {
  it("replaces /CreationDate and /ModDate by the report's date in UTC, keeping every byte offset", () => {
    const pdf = Buffer.from(
      "%PDF-1.4\n1 0 obj\n<</CreationDate (D:20261202185358+01'00')\n/ModDate (D:20261202185359Z)>>\nendobj\nxref\n",
    );
    const fixed = stablePdf(pdf);
    assert.equal(fixed.length, pdf.length);
    assert.equal(
      fixed.toString("latin1"),
      `%PDF-1.4\n1 0 obj\n<</CreationDate (D:${PDF_DATE}+00'00')\n/ModDate (D:${PDF_DATE}Z)>>\nendobj\nxref\n`,
    );
  });

  it("numbers the DOM nodes that tagged structure elements name from 0, in their order", () => {
    const pdf = Buffer.from(
      "<</ID (node00001861)>> <</ID (node00001790)>> <</Names [(node00001790) 3 0 R (node00001861) 4 0 R]>>",
    );
    assert.equal(
      stablePdf(pdf).toString("latin1"),
      "<</ID (node00000001)>> <</ID (node00000000)>> <</Names [(node00000000) 3 0 R (node00000001) 4 0 R]>>",
    );
  });

  it("derives a document /ID from the content: the same for the same content, another for other content", () => {
    const pdf = (body: string, id: string): Buffer => Buffer.from(`${body}\ntrailer\n<</ID [<${id}> <${id}>]>>\n`);
    const a = stablePdf(pdf("one", "0123456789abcdef0123456789abcdef")).toString("latin1");
    const b = stablePdf(pdf("one", "fedcba9876543210fedcba9876543210")).toString("latin1");
    const c = stablePdf(pdf("two", "0123456789abcdef0123456789abcdef")).toString("latin1");
    assert.equal(a, b);
    assert.notEqual(a, c);
    assert.equal(a.length, pdf("one", "0123456789abcdef0123456789abcdef").length);
  });
});

describe("printLinks: links of the print document", () => {
  it("leads links to pages of the document to their section, drops other relative links, keeps external ones and fragments", () => {
    const sections = new Map([["03-partnerwahl.html", "chapter-03-partnerwahl"]]);
    assert.equal(
      printLinks(
        '<a href="03-partnerwahl.html#abb-1">x</a> <a href="figure-abb-01.html">y</a> <a href="https://example.org/">z</a> <a href="#top">t</a>',
        sections,
      ),
      '<a href="#chapter-03-partnerwahl">x</a> <a>y</a> <a href="https://example.org/">z</a> <a href="#top">t</a>',
    );
  });
});

/** A notebook of notebooks/ with figure outputs after its first code cell. */
function chapterWith(name: string, shown: Output[]): { name: string; notebook: Notebook } {
  const notebook = JSON.parse(readFileSync(join(paths.notebooks, `${name}.ipynb`), "utf8")) as Notebook;
  const code = notebook.cells.find((c) => c.cell_type === "code");
  if (code?.cell_type === "code") code.outputs = shown;
  return { name, notebook };
}

const has = (tool: string): boolean => {
  try {
    execFileSync(tool, ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

describe("the book as PDF (headless Chromium, poppler-utils)", function () {
  this.timeout(240_000);
  const survey = loadSurvey();
  const shownFigures = ["abb-01", "abb-05", "anh-02"];
  const built = new Map(figures.map((f) => [f.id, f.build(survey, { lang: "de" })]));
  const output = (id: string): Output =>
    ({
      output_type: "display_data",
      data: { "application/vnd.plotly.v1+json": built.get(id) },
      metadata: {},
    }) as unknown as Output;
  const chapters = readingOrder([
    chapterWith("06-anhang", [output("anh-02")]),
    chapterWith("01-einleitung", []),
    chapterWith("03-partnerwahl", [output("abb-01"), output("abb-05")]),
  ]);
  let out: string;
  let printed: Printed[];
  const pdf = (): string => printed[0]!.pdf;
  const pageText = (n: number): string =>
    execFileSync("pdftotext", ["-f", String(n), "-l", String(n), "-layout", pdf(), "-"], { encoding: "utf8" });
  const firstLine = (n: number): string =>
    pageText(n)
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l) ?? "";

  before(async function () {
    const browser = await launchChromiumOrSkip(this);
    if (!has("pdftotext") || !has("pdfimages")) {
      await browser.close();
      if (process.env.INTERSPIN_REQUIRE_CHROMIUM === "1")
        throw new Error("INTERSPIN_REQUIRE_CHROMIUM=1 but no pdftotext (apt-get install poppler-utils)");
      this.skip();
    }
    out = mkdtempSync(join(tmpdir(), "interspin-pdf-"));
    // A picture per figure, each of its own size, as the figure renderer would leave it in figures/.
    const page = await browser.newPage();
    const figureFiles = new Map<string, { png: string }>();
    for (const [i, id] of figures.map((f) => f.id).entries()) {
      await page.setContent(
        `<div style="width:${600 + 10 * i}px;height:300px;background:hsl(${25 * i},60%,50%)">${id}</div>`,
      );
      const file = join(out, "site", "de", "figures", `${id}.png`);
      mkdirSync(join(out, "site", "de", "figures"), { recursive: true });
      writeFileSync(file, await page.screenshot({ clip: { x: 0, y: 0, width: 600 + 10 * i, height: 300 } }));
      figureFiles.set(id, { png: `figures/${id}.png` });
    }
    await browser.close();
    writeBook({ chapters, figures: built, figureFiles, verification: verifyPublished(survey), lang: "de" }, out);
    const html = join(out, "site", "de", "print.html");
    printed = (await printPdfs([
      { html, pdf: join(out, "a.pdf") },
      { html, pdf: join(out, "b.pdf") },
    ]))!;
  });
  after(() => {
    if (out && !process.env.KEEP) rmSync(out, { recursive: true, force: true });
  });

  it("prints a title page, a table of contents, every chapter and the verification appendix, each starting a page in reading order", () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf()], { encoding: "utf8" }))![1]);
    assert.ok(pages >= chapters.length + 3, `${pages} pages`);
    const ui = loadCodebook().ui;
    assert.ok(pageText(1).replace(/\s+/g, " ").includes(ui.bookTitle!.de), "the title page");
    const contents = pageText(2);
    assert.equal(firstLine(2), ui.bookTableOfContents!.de);
    const titles = [...chapters.map(chapterTitle), ui.bookVerification!.de];
    const positions = titles.map((t) => contents.indexOf(t));
    assert.ok(
      positions.every((p) => p >= 0),
      `contents: ${contents}`,
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      "the contents list the chapters in reading order",
    );
    const starts = [...chapters.map(chapterTitle), ui.verificationTitle!.de].map((t) =>
      Array.from({ length: pages }, (_, i) => i + 1).find((n) => firstLine(n) === t),
    );
    assert.ok(
      starts.every((n) => n !== undefined),
      `pages starting with each title: ${starts.join(", ")}`,
    );
    assert.deepEqual(
      [...starts].sort((a, b) => a! - b!),
      starts,
      "in reading order",
    );
    assert.ok(starts[0]! >= 3, "the first chapter follows the title page and the contents");
  });

  it("embeds each shown figure's picture and leaves the code out", () => {
    const images = execFileSync("pdfimages", ["-list", pdf()], { encoding: "utf8" })
      .split("\n")
      .filter((l) => /^\s*\d+\s+\d+\s+image\b/.test(l));
    assert.equal(images.length, shownFigures.length, images.join("\n"));
    const text = execFileSync("pdftotext", [pdf(), "-"], { encoding: "utf8" });
    const code = chapters[1]!.notebook.cells.find((c) => c.cell_type === "code")!;
    const firstCodeLine = (Array.isArray(code.source) ? code.source.join("") : code.source)
      .split("\n")
      .find((l) => l.trim().length > 12)!
      .trim();
    assert.ok(!text.includes(firstCodeLine), `code in the PDF: ${firstCodeLine}`);
  });

  it("stores a print by the content of its document and pictures: the same document again is copied, not printed; a changed picture is printed again", async () => {
    const html = join(out, "site", "de", "print.html");
    const cacheDir = join(out, "pdf-cache");
    const first = (await printPdfsCached([{ html, pdf: join(out, "c1.pdf") }], { cacheDir }))!;
    const again = (await printPdfsCached([{ html, pdf: join(out, "c2.pdf") }], { cacheDir }))!;
    assert.ok(first[0]!.ms > 0, "the first is printed");
    assert.equal(again[0]!.ms, 0, "the second comes from the store");
    assert.ok(readFileSync(join(out, "c2.pdf")).equals(readFileSync(printed[0]!.pdf)), "the stored print is the print");
    const key = pdfKey(html);
    // A stored print whose bytes were changed is not used: discarded with a note, printed again.
    const stored = join(cacheDir, `${key}.pdf`);
    const kept = readFileSync(stored);
    writeFileSync(stored, Buffer.concat([kept.subarray(0, kept.length - 10), Buffer.from("%%EOF\n0000")]));
    const notes: string[] = [];
    const third = (await printPdfsCached([{ html, pdf: join(out, "c3.pdf") }], {
      cacheDir,
      onNote: (l) => notes.push(l),
    }))!;
    assert.ok(third[0]!.ms > 0, "printed again");
    assert.deepEqual(notes, [
      "the stored print of c3.pdf did not match its recorded hash: discarded, printing it again",
    ]);
    assert.ok(readFileSync(join(out, "c3.pdf")).equals(readFileSync(printed[0]!.pdf)));
    const picture = join(out, "site", "de", "figures", "abb-01.png");
    const bytes = readFileSync(picture);
    writeFileSync(picture, Buffer.concat([bytes, Buffer.from([0])]));
    try {
      assert.notEqual(pdfKey(html), key, "a changed picture changes the key");
    } finally {
      writeFileSync(picture, bytes);
    }
    assert.equal(pdfKey(html), key);
  });

  it("two prints of the same document are byte-identical, dated with the report's date, and link to no file", () => {
    assert.ok(readFileSync(printed[0]!.pdf).equals(readFileSync(printed[1]!.pdf)), "a.pdf and b.pdf differ");
    assert.match(
      execFileSync("pdfinfo", ["-isodates", pdf()], { encoding: "utf8" }),
      /CreationDate:\s+2021-02-22T00:00:00/,
    );
    assert.doesNotMatch(readFileSync(pdf()).toString("latin1"), /file:|\/tmp\//);
  });
});
