import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { plotlyHtml, DEFAULT_MESSAGES } from "../../../src/notebook/display/plotly-html.js";
import { libraryBundle, PLOTLY_BUNDLES } from "../../../src/notebook/display/plotly-library.js";
import { chromiumPath } from "../../../src/render/render-static.js";
import { drawnCharts, launchChromium, offlinePage } from "../../helpers/front-ends.js";

const bar = { data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }], layout: { height: 300 } };
const library = String(libraryBundle(PLOTLY_BUNDLES[0]!)["text/html"]);

describe("figure boxes in a browser: drawing, waiting, and saying why not", function () {
  this.timeout(120_000);
  let browser: Browser;
  let dir: string;
  before(async function () {
    if (!chromiumPath()) {
      if (process.env.INTERSPIN_REQUIRE_CHROMIUM === "1")
        throw new Error("INTERSPIN_REQUIRE_CHROMIUM=1 but no Chromium (apt-get install chromium)");
      this.skip();
    }
    browser = (await launchChromium())!;
    dir = mkdtempSync(join(tmpdir(), "interspin-boxes-"));
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, body: string, waitMs = 2000) {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`);
    const { page, problems } = await offlinePage(browser);
    await page.goto(pathToFileURL(file).href);
    await page.waitForTimeout(waitMs);
    const notes = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".interspin-figure-note")).map((p) => p.textContent ?? ""),
    );
    const charts = await drawnCharts(page);
    await page.context().close();
    return { notes, charts, problems };
  }

  it("draws every figure when the library comes first, and removes the note", async () => {
    const r = await open("first", library + plotlyHtml(bar, { divId: "a" }) + plotlyHtml(bar, { divId: "b" }));
    assert.equal(r.charts, 2);
    assert.deepEqual(r.notes, []);
    assert.deepEqual(r.problems.console, []);
  });

  it("draws figures that come before the library once it arrives", async () => {
    const r = await open("late", plotlyHtml(bar, { divId: "a" }) + library);
    assert.equal(r.charts, 1);
  });

  it("works on a page with require.js: plotly.js is neither captured as an AMD module nor broken by define", async () => {
    // A minimal AMD loader, as require.js defines it: an anonymous define outside require() throws.
    const amd = `<script>window.define = function () { throw new Error("Mismatched anonymous define() module"); }; window.define.amd = {}; window.require = function () {};</script>`;
    const r = await open("amd", amd + library + plotlyHtml(bar, { divId: "a" }));
    assert.equal(r.charts, 1);
    assert.deepEqual(r.problems.console, []);
  });

  it("says plotly.js is missing when no library output is on the page", async () => {
    const r = await open("missing", plotlyHtml(bar, { divId: "a", waitMs: 200 }), 800);
    assert.equal(r.charts, 0);
    assert.deepEqual(r.notes, [DEFAULT_MESSAGES.missing]);
  });

  it("says why a chart failed, in this figure and in every figure shown after a failed library", async () => {
    const failing = `<script>window.__interspinPlotly = { queue: [], error: "plotly.js 4.1.1: boom" };</script>`;
    const r = await open("failed-library", failing + plotlyHtml(bar, { divId: "a" }) + plotlyHtml(bar, { divId: "b" }));
    assert.deepEqual(r.notes, [
      `${DEFAULT_MESSAGES.failed}plotly.js 4.1.1: boom`,
      `${DEFAULT_MESSAGES.failed}plotly.js 4.1.1: boom`,
    ]);
    const throwing = `<script>window.Plotly = { newPlot: function () { throw new Error("bad spec"); } };</script>`;
    const t = await open("failed-draw", throwing + plotlyHtml(bar, { divId: "c", summary: "Figure x (N = 3)" }));
    assert.deepEqual(t.notes, [`${DEFAULT_MESSAGES.failed}bad spec`]);
  });

  it("without scripts (an untrusted or static viewer) the box shows its summary and note", async () => {
    const html = plotlyHtml(bar, { divId: "a", summary: "Figure abb-01: Erfahrung (N = 45)" }).replace(
      /<script[\s\S]*<\/script>/,
      "",
    );
    const r = await open("static", html, 100);
    assert.deepEqual(r.notes, [`Figure abb-01: Erfahrung (N = 45) – ${DEFAULT_MESSAGES.staticNote}`]);
  });
});
