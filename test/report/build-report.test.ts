import { strict as assert } from "node:assert";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { paths } from "../../src/paths.js";
import { parseReportOptions } from "../../src/report/report-options.js";
import { buildReport } from "../../src/report/build-report.js";
import { launchChromiumOrSkip } from "../helpers/browser.js";
import { seededOutputFolder } from "../helpers/shared-report.js";

const run = promisify(execFile);
const cli = join(paths.root, "dist", "src", "cli", "report.js");

// The notebooks' execution is tested by the shared run these folders take their cache from
// (and by the failing cell below); these tests read what the rest of the run made of them.
describe("npm run report (end to end)", function () {
  this.timeout(240_000);
  let out: string;
  before(async () => {
    out = await seededOutputFolder("interspin-report-");
    await buildReport({ ...parseReportOptions(["--out", out, "--no-static", "--chapters", "03,05"]) }, () => {}, {
      progress: false,
    });
  });
  after(() => {
    if (out) rmSync(dirname(out), { recursive: true, force: true });
  });

  it("writes the executed notebooks with Plotly displays and tables", () => {
    assert.deepEqual(readdirSync(join(out, "notebooks")).sort(), ["03-partnerwahl.ipynb", "05-schlussfolgerung.ipynb"]);
    const nb = JSON.parse(readFileSync(join(out, "notebooks", "03-partnerwahl.ipynb"), "utf8"));
    const outputs = nb.cells.flatMap(
      (c: { outputs?: { output_type: string; data?: Record<string, unknown> }[] }) => c.outputs ?? [],
    );
    const plots = outputs.filter((o: { data?: Record<string, unknown> }) => o.data?.["application/vnd.plotly.v1+json"]);
    assert.equal(plots.length, 4);
    for (const p of plots)
      assert.deepEqual(Object.keys(p.data).sort(), ["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
    const abb3 = plots[2].data["application/vnd.plotly.v1+json"];
    assert.equal(abb3.layout.meta.id, "abb-03");
    assert.equal(abb3.layout.meta.n, 30);
    assert.equal(nb.metadata.papermill.parameters.lang, "de");
    assert.ok(
      nb.cells
        .filter((c: { cell_type: string }) => c.cell_type === "code")
        .every((c: { execution_count: number | null }) => Number.isInteger(c.execution_count)),
    );
  });

  it("exports every figure as JSON, CSV and standalone HTML with one shared plotly.js", () => {
    const files = readdirSync(join(out, "figures"));
    assert.equal(files.filter((f) => f.endsWith(".json")).length, 13);
    assert.equal(files.filter((f) => f.endsWith(".csv")).length, 13);
    assert.equal(files.filter((f) => f.endsWith(".html")).length, 13);
    assert.equal(files.filter((f) => f.endsWith(".js")).length, 1);
    const html = readFileSync(join(out, "figures", "abb-01.html"), "utf8");
    assert.match(html, /<script src="plotly.min.js"><\/script>/);
    assert.doesNotMatch(html, /https?:\/\/cdn|cdn\.plot\.ly/);
    const csv = readFileSync(join(out, "figures", "abb-05.csv"), "utf8").split("\n");
    assert.equal(
      csv[0],
      "figure,group,groupLabel,item,itemLabel,code,category,count,base,percent,ciLow,ciHigh,smallBase,suppressed",
    );
    assert.equal(csv.length - 2, 10);
  });

  it("writes the verification report and the book", () => {
    const v = JSON.parse(readFileSync(join(out, "verification.json"), "utf8"));
    assert.equal(v.summary.mismatch, undefined);
    assert.ok(existsSync(join(out, "verification.md")) && existsSync(join(out, "verification.html")));
    for (const f of ["index.html", "plotly.min.js"]) assert.ok(existsSync(join(out, "site", f)), f);
    for (const lang of ["de", "en"]) {
      for (const f of [
        "index.html",
        "03-partnerwahl.html",
        "05-schlussfolgerung.html",
        "gallery.html",
        "verification.html",
        "assumptions.html",
        "figure-abb-05.html",
        "figures/abb-05.csv",
        "figures/abb-05.json",
      ])
        assert.ok(existsSync(join(out, "site", lang, f)), `${lang}/${f}`);
      assert.doesNotMatch(
        readFileSync(join(out, "site", lang, "03-partnerwahl.html"), "utf8"),
        new RegExp(paths.root.replace(/[/]/g, "\\/")),
      );
    }
    // Each language's figure files are that language's export: the English CSV has English labels.
    assert.equal(
      readFileSync(join(out, "site", "de", "figures", "abb-05.csv"), "utf8"),
      readFileSync(join(out, "figures", "abb-05.csv"), "utf8"),
    );
    assert.notEqual(
      readFileSync(join(out, "site", "en", "figures", "abb-05.csv"), "utf8"),
      readFileSync(join(out, "figures", "abb-05.csv"), "utf8"),
    );
  });

  it("names the notebook and cell of a failing cell, exits 1, and leaves the output as it was", async () => {
    const nbDir = mkdtempSync(join(paths.root, ".tmp-notebooks-"));
    cpSync(join(paths.notebooks, "03-partnerwahl.ipynb"), join(nbDir, "03-partnerwahl.ipynb"));
    const nb = JSON.parse(readFileSync(join(nbDir, "03-partnerwahl.ipynb"), "utf8"));
    nb.cells[4].source = ['throw new Error("broken on purpose");'];
    writeFileSync(join(nbDir, "03-partnerwahl.ipynb"), JSON.stringify(nb));
    const before = readFileSync(join(out, "verification.json"), "utf8");
    const err = await run(process.execPath, [cli, "--out", out, "--no-static", "--notebooks", nbDir]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    rmSync(nbDir, { recursive: true, force: true });
    assert.ok(err, "expected a non-zero exit");
    assert.equal(err.code, 1);
    assert.match(
      err.stderr,
      /notebook 03-partnerwahl failed at cell 5 \(counting all cells\): Error: broken on purpose/,
    );
    assert.match(err.stderr, /was left as it was/);
    assert.equal(readFileSync(join(out, "verification.json"), "utf8"), before);
  });
});

describe("figures and book in a real browser (headless Chromium)", function () {
  this.timeout(240_000);
  let out: string;
  let browser: import("playwright-core").Browser | undefined;

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    out = await seededOutputFolder("interspin-browser-");
    await buildReport(parseReportOptions(["--out", out, "--no-static", "--chapters", "02,04"]), () => {}, {
      progress: false,
    });
  });
  after(async () => {
    await browser?.close();
    if (out) rmSync(dirname(out), { recursive: true, force: true });
  });

  /**
   * Opens a page from disk and waits until `expected` plots have drawn (or 30 s passed, on a
   * loaded machine); returns how many plots drew (SVG inside) and the console errors. A browser
   * that crashed under load is started again once.
   */
  async function open(file: string, expected: number): Promise<{ plots: number; svgs: number; errors: string[] }> {
    try {
      return await openOnce(file, expected);
    } catch (e) {
      if (browser!.isConnected() && !/closed|crash/i.test(String(e))) throw e;
      const { chromium } = await import("playwright-core");
      const { chromiumPath, chromiumArgs } = await import("../../src/render/render-static.js");
      await browser!.close().catch(() => undefined);
      browser = await chromium.launch({ executablePath: chromiumPath()!, args: chromiumArgs });
      return openOnce(file, expected);
    }
  }

  async function openOnce(file: string, expected: number): Promise<{ plots: number; svgs: number; errors: string[] }> {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    // The page's own files, and what it makes in memory (the live book's worker is a blob: URL).
    page.on("request", (r) => {
      if (!/^(file|blob|data):/.test(r.url())) errors.push(`network request: ${r.url()}`);
    });
    try {
      await page.goto(`file://${file}`);
      await page.waitForLoadState("load");
      await page
        .waitForFunction((n) => document.querySelectorAll(".js-plotly-plot svg.main-svg").length >= n, expected, {
          timeout: 30_000,
        })
        .catch(() => undefined);
      const plots = await page.locator(".js-plotly-plot").count();
      const svgs = await page.locator(".js-plotly-plot svg.main-svg").count();
      return { plots, svgs, errors };
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  it("draws every standalone figure offline, without console errors", async () => {
    const pages = readdirSync(join(out, "figures")).filter((f) => f.endsWith(".html"));
    assert.equal(pages.length, 13);
    for (const p of pages) {
      const r = await open(join(out, "figures", p), 1);
      assert.deepEqual(r.errors, [], p);
      assert.equal(r.plots, 1, p);
      assert.ok(r.svgs >= 1, p);
    }
  });

  it("draws every figure of the book's chapters and gallery, without console errors", async () => {
    const expected: Record<string, number> = {
      "de/02-methodisches-vorgehen.html": 1,
      "de/04-wissensdiffusion.html": 5,
      "de/gallery.html": 0,
      "de/figure-abb-01.html": 1,
      "en/figure-anh-04.html": 1,
      "en/04-wissensdiffusion.html": 5,
      "de/index.html": 0,
      "de/verification.html": 0,
    };
    for (const [p, n] of Object.entries(expected)) {
      const r = await open(join(out, "site", p), n);
      assert.deepEqual(r.errors, [], p);
      assert.equal(r.plots, n, p);
    }
  });
});
