import { strict as assert } from "node:assert";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { paths } from "../../src/paths.js";
import { chromiumPath } from "../../src/render/render-static.js";
import { figureOutputs } from "../../src/report/notebook-figures.js";
import { bundleFor } from "../../src/notebook/display/plotly-library.js";
import { parseNotebook } from "../../src/notebook/format/nbformat.js";
import {
  classicCounts,
  classicRunAll,
  drawnCharts,
  hasClassicNotebook,
  launchChromium,
  offlinePage,
  settle,
  startClassicNotebook,
  type NotebookServer,
  type PageProblems,
} from "../helpers/front-ends.js";
import { sharedStaticReport } from "../helpers/shared-report.js";

const stored = readdirSync(paths.notebooks)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

// Classic Notebook 6 always tries to load the ipywidgets nbextension (a hard-coded fallback in
// its main.js, "HARDCODED WIDGETS HACK"): its 404 is the front end's own, not a figure's.
const frontEndOwn = (line: string): boolean => line.includes("/nbextensions/widgets/notebook/js/extension.js");
// While a page loads, Chromium sometimes asks for one of the page's fonts at about:blank (a font
// not yet resolved) and refuses it by CORS: no request leaves the page and no output is involved.
const blankFont = (line: string): boolean => line === "about:blank net::ERR_FAILED";
function problemsOf(p: PageProblems): string[] {
  let own404 = p.failed.filter((l) => frontEndOwn(l) && l.endsWith("HTTP 404")).length;
  let blank = p.failed.filter(blankFont).length;
  const consoleLines = p.console.filter((l) => {
    if (l.includes("/nbextensions/widgets/")) return false;
    if (/status of 404/.test(l) && own404 > 0) {
      own404--;
      return false;
    }
    if (
      /^Access to font at 'about:blank' from origin 'http:\/\/127\.0\.0\.1:\d+' has been blocked by CORS policy/.test(l)
    )
      return false;
    if (l === "Failed to load resource: net::ERR_FAILED" && blank > 0) {
      blank--;
      return false;
    }
    return true;
  });
  const failed = p.failed.filter((l) => !frontEndOwn(l) && !blankFont(l));
  return [...consoleLines, ...failed, ...p.refused.map((u) => `refused ${u}`)];
}

function requireTools(ctx: Mocha.Context, needs: { notebook?: boolean }): void {
  const required = process.env.INTERSPIN_REQUIRE_JUPYTER === "1" || process.env.INTERSPIN_REQUIRE_CHROMIUM === "1";
  const missing = [!chromiumPath() && "chromium", needs.notebook && !hasClassicNotebook() && "jupyter-notebook"].filter(
    Boolean,
  );
  if (!missing.length) return;
  if (required) throw new Error(`front-end tests need ${missing.join(" and ")} (apt-get install ${missing.join(" ")})`);
  ctx.skip();
}

describe("figures in real notebook front ends", function () {
  this.timeout(900_000);
  let out: string;
  let work: string;
  let browser: Browser;
  const figuresIn = new Map<string, number>();

  before(async function () {
    requireTools(this, { notebook: true });
    // The executed notebooks with their pictures, as npm run report writes them (its notebooks
    // from the shared run's cache; shared with offline-outputs.test.ts): the front ends below
    // execute every notebook themselves.
    out = await sharedStaticReport();
    // Served notebooks must sit inside the project, where the package resolves by its name.
    work = mkdtempSync(join(paths.root, ".tmp-frontends-"));
    for (const f of stored)
      figuresIn.set(f, figureOutputs(parseNotebook(readFileSync(join(out, "notebooks", f), "utf8"), f)).length);
    browser = (await launchChromium())!;
  });
  after(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("npm run report writes 38 figure outputs, each with a static PNG, and plotly.js once per notebook that has figures (the full bundle once more where a figure needs it, e.g. a Sankey)", () => {
    let figures = 0;
    for (const f of stored) {
      const nb = parseNotebook(readFileSync(join(out, "notebooks", f), "utf8"), f);
      const outs = figureOutputs(nb);
      figures += outs.length;
      for (const o of outs) {
        const png = Buffer.from(String(o.data["image/png"]), "base64");
        assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${f}: a PNG`);
        assert.ok(
          String(o.data["text/html"]).includes(`<img src="data:image/png;base64,${String(o.data["image/png"])}"`),
          `${f}: the picture inside the box`,
        );
      }
      const libraries = nb.cells
        .flatMap((c) => (c.cell_type === "code" ? c.outputs : []))
        .filter(
          (o) =>
            o.output_type === "display_data" &&
            (o.metadata.interspin as { kind?: string } | undefined)?.kind === "plotly-library",
        );
      const bundles = outs.map(
        (o) => bundleFor([o.data["application/vnd.plotly.v1+json"] as { data: unknown[] }]).name,
      );
      const expected = bundles.length
        ? [...new Set([bundles[0]!, ...(bundles.includes("plotly.js-dist-min") ? ["plotly.js-dist-min"] : [])])]
        : [];
      assert.deepEqual(
        libraries.map(
          (o) => /data-bundle="([^"]+)"/.exec(String((o as { data: Record<string, unknown> }).data["text/html"]))![1],
        ),
        expected,
        f,
      );
    }
    assert.equal(figures, 38);
  });

  describe("classic Jupyter Notebook 6 (Debian), Run All in headless Chromium", () => {
    let server: NotebookServer;
    // One tab for every notebook: each test loads its notebook afresh, and the tab's renderer
    // keeps the Notebook app's and plotly.js's compiled code. A test that fails gets the next a new tab.
    let tab: Awaited<ReturnType<typeof offlinePage>> | undefined;
    const freshTab = async () => {
      await tab?.page.context().close();
      tab = await offlinePage(browser, [server.url]);
    };
    const cleanTab = () => {
      for (const list of Object.values(tab!.problems)) list.length = 0;
      return tab!;
    };
    before(async function () {
      requireTools(this, { notebook: true });
      for (const f of stored) copyFileSync(join(paths.notebooks, f), join(work, f));
      for (const f of stored) copyFileSync(join(out, "notebooks", f), join(work, `executed-${f}`));
      server = await startClassicNotebook(work);
      await freshTab();
    });
    afterEach(async function () {
      if (this.currentTest?.state === "failed") await freshTab();
    });
    after(async () => {
      await tab?.page.context().close();
      await server?.stop();
    });

    for (const f of stored) {
      it(`${f}: every figure draws after Run All and again after saving and reloading`, async () => {
        const { page, problems } = cleanTab();
        const ran = await classicRunAll(page, server, f);
        assert.deepEqual(ran.errors, []);
        assert.equal(ran.figures, figuresIn.get(f), "as many figure outputs as the report's run");
        assert.equal(ran.charts, ran.figures, `drawn charts; notes: ${ran.notes.join(" | ")}`);
        await page.evaluate(() =>
          (
            window as unknown as { Jupyter: { notebook: { save_notebook(): Promise<unknown> } } }
          ).Jupyter.notebook.save_notebook(),
        );
        await page.reload();
        await page.waitForFunction(
          () =>
            (window as unknown as { Jupyter?: { notebook?: { _fully_loaded?: boolean } } }).Jupyter?.notebook
              ?._fully_loaded === true,
          undefined,
          { timeout: 60_000 },
        );
        await settle(page);
        const again = await classicCounts(page);
        assert.equal(again.figures, ran.figures);
        assert.equal(again.charts, ran.figures, `drawn after reload; notes: ${again.notes.join(" | ")}`);
        assert.deepEqual(problemsOf(problems), []);
      });
    }

    it("an executed notebook opened untrusted shows each figure's picture and a note with its title and N, never an empty box", async () => {
      const f = "executed-04-wissensdiffusion.ipynb";
      const { page, problems } = cleanTab();
      await page.goto(`${server.url}/notebooks/${f}?token=${server.token}`);
      await page.waitForFunction(
        () =>
          (window as unknown as { Jupyter?: { notebook?: { _fully_loaded?: boolean } } }).Jupyter?.notebook
            ?._fully_loaded === true,
        undefined,
        { timeout: 60_000 },
      );
      await page.waitForTimeout(1000);
      assert.equal(
        await page.evaluate(
          () => (window as unknown as { Jupyter: { notebook: { trusted: boolean } } }).Jupyter.notebook.trusted,
        ),
        false,
      );
      assert.equal(await drawnCharts(page), 0, "no script runs in an untrusted notebook");
      const boxes = await page.evaluate(() =>
        Array.from(document.querySelectorAll(".interspin-figure")).map((b) => ({
          img: (b.querySelector("img") as HTMLImageElement | null)?.naturalWidth ?? 0,
          note: b.querySelector(".interspin-figure-note")?.textContent ?? "",
        })),
      );
      assert.equal(boxes.length, 5);
      for (const b of boxes) {
        assert.ok(b.img > 0, "the picture is decoded");
        assert.match(b.note, /^Figure abb-0\d: Abbildung \d: .+ \(N = \d+\) – Die interaktive Grafik erscheint/);
      }
      assert.deepEqual(problemsOf(problems), []);
    });
  });
});
