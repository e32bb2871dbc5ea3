import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { paths } from "../../src/paths.js";
import { parseReportOptions } from "../../src/report/report-options.js";
import { buildReport } from "../../src/report/build-report.js";
import { installKernelSpec } from "../../src/cli/kernel-install.js";
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
import { seededOutputFolder } from "../helpers/shared-report.js";

const run = promisify(execFile);
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
  let jupyterPath: string;
  const figuresIn = new Map<string, number>();

  before(async function () {
    requireTools(this, { notebook: true });
    // The notebooks' executions come from the shared run's cache: this run adds the static
    // pictures the front ends show, and the front ends below execute every notebook themselves.
    out = await seededOutputFolder("interspin-frontends-");
    // Served notebooks must sit inside the project, where the package resolves by its name.
    work = mkdtempSync(join(paths.root, ".tmp-frontends-"));
    jupyterPath = mkdtempSync(join(tmpdir(), "interspin-jupyter-"));
    installKernelSpec(join(jupyterPath, "kernels"));
    await buildReport(parseReportOptions(["--out", out]), () => {}, { progress: false });
    for (const f of stored)
      figuresIn.set(f, figureOutputs(parseNotebook(readFileSync(join(out, "notebooks", f), "utf8"), f)).length);
    browser = (await launchChromium())!;
  });
  after(async () => {
    await browser?.close();
    for (const d of [out && dirname(out), work, jupyterPath]) if (d) rmSync(d, { recursive: true, force: true });
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
    before(async function () {
      requireTools(this, { notebook: true });
      for (const f of stored) copyFileSync(join(paths.notebooks, f), join(work, f));
      for (const f of stored) copyFileSync(join(out, "notebooks", f), join(work, `executed-${f}`));
      server = await startClassicNotebook(work);
    });
    after(async () => {
      await server?.stop();
    });

    for (const f of stored) {
      it(`${f}: every figure draws after Run All and again after saving and reloading`, async () => {
        const { page, problems } = await offlinePage(browser, [server.url]);
        try {
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
        } finally {
          await page.context().close();
        }
      });
    }

    it("an executed notebook opened untrusted shows each figure's picture and a note with its title and N, never an empty box", async () => {
      const f = "executed-04-wissensdiffusion.ipynb";
      const { page, problems } = await offlinePage(browser, [server.url]);
      try {
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
      } finally {
        await page.context().close();
      }
    });
  });

  describe("JupyterLab 4's own output renderers (@jupyterlab/rendermime 4.6, its sanitizer), offline", () => {
    let page: string;
    before(async () => {
      const esbuild = await import("esbuild");
      const dir = mkdtempSync(join(work, "lab-"));
      const built = await esbuild.build({
        entryPoints: [join(paths.root, "test", "fixtures", "jupyterlab", "render-outputs.js")],
        bundle: true,
        format: "iife",
        write: false,
        logLevel: "error",
        loader: { ".svg": "text", ".css": "empty" },
      });
      writeFileSync(join(dir, "jupyterlab-rendermime.js"), built.outputFiles[0]!.contents);
      copyFileSync(paths.plotlyBundle, join(dir, "plotly.min.js"));
      writeFileSync(
        join(dir, "lab.html"),
        `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="jupyterlab-rendermime.js"></script></head><body></body></html>`,
      );
      writeFileSync(
        join(dir, "lab-with-plotly-extension.html"),
        `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="plotly.min.js"></script><script src="jupyterlab-rendermime.js"></script></head><body></body></html>`,
      );
      page = dir;
    });

    async function render(
      file: string,
      nbFile: string,
      trusted: boolean,
      options: { reverse?: boolean; plotlyExtension?: boolean } = {},
    ) {
      const nb = parseNotebook(readFileSync(join(out, "notebooks", nbFile), "utf8"), nbFile);
      let outputs = nb.cells
        .flatMap((c) => (c.cell_type === "code" ? c.outputs : []))
        .filter((o) => o.output_type === "display_data");
      if (options.reverse) outputs = outputs.reverse();
      const { page: p, problems } = await offlinePage(browser);
      await p.goto(pathToFileURL(join(page, file)).href);
      const chosen = await p.evaluate(
        ([o, t, ext]) => {
          const w = window as unknown as {
            renderOutputs(o: unknown, t: boolean, f: unknown[]): Promise<(string | null)[]>;
            plotlyExtensionFactory: unknown;
          };
          return w.renderOutputs(o, t, ext ? [w.plotlyExtensionFactory] : []);
        },
        [outputs, trusted, !!options.plotlyExtension] as const,
      );
      await settle(p);
      return { p, problems, chosen, figures: figuresIn.get(nbFile)! };
    }

    for (const f of stored.filter((name) => /^0[2-6]|^S\d/.test(name))) {
      it(`${f}: trusted outputs draw every chart (text/html chosen), untrusted ones show picture and note`, async () => {
        const trusted = await render("lab.html", f, true);
        try {
          assert.equal(trusted.chosen.filter((m) => m === "text/html").length >= trusted.figures, true);
          assert.equal(await drawnCharts(trusted.p), trusted.figures);
          assert.deepEqual(trusted.problems.console, []);
        } finally {
          await trusted.p.context().close();
        }
        const untrusted = await render("lab.html", f, false);
        try {
          assert.equal(await drawnCharts(untrusted.p), 0);
          const boxes = await untrusted.p.evaluate(() =>
            Array.from(document.querySelectorAll(".interspin-figure")).map((b) => ({
              img: (b.querySelector("img") as HTMLImageElement | null)?.naturalWidth ?? 0,
              note: b.querySelector(".interspin-figure-note")?.textContent ?? "",
            })),
          );
          assert.equal(boxes.length, untrusted.figures);
          for (const b of boxes) {
            assert.ok(b.img > 0, "the sanitised box keeps its data: picture");
            assert.match(b.note, /\(N = \d+\) – /);
          }
        } finally {
          await untrusted.p.context().close();
        }
      });
    }

    it("figures rendered before the output that carries plotly.js (a windowed notebook renders out of order) still draw", async () => {
      const r = await render("lab.html", "04-wissensdiffusion.ipynb", true, { reverse: true });
      try {
        assert.equal(await drawnCharts(r.p), 5);
        assert.deepEqual(r.problems.console, []);
      } finally {
        await r.p.context().close();
      }
    });

    it("with a renderer of application/vnd.plotly.v1+json at rank 0 (what the plotly extension registers) the JSON part is chosen and draws", async () => {
      const r = await render("lab-with-plotly-extension.html", "03-partnerwahl.ipynb", true, { plotlyExtension: true });
      try {
        assert.equal(r.chosen.filter((m) => m === "application/vnd.plotly.v1+json").length, 4);
        assert.equal(await drawnCharts(r.p), 4);
        assert.deepEqual(r.problems.console, []);
      } finally {
        await r.p.context().close();
      }
    });
  });

  describe("exported HTML, opened from another folder with the network blocked", () => {
    it("jupyter nbconvert --to html of every executed notebook draws every chart", async () => {
      const away = mkdtempSync(join(tmpdir(), "interspin-exported-"));
      try {
        let charts = 0;
        // One nbconvert process exports every notebook (one Python start instead of twelve).
        await run(
          "jupyter",
          ["nbconvert", "--to", "html", ...stored.map((f) => join(out, "notebooks", f)), "--output-dir", away],
          { env: { ...process.env, JUPYTER_PATH: jupyterPath } },
        );
        for (const f of stored) {
          const { page, problems } = await offlinePage(browser);
          try {
            await page.goto(pathToFileURL(join(away, f.replace(/\.ipynb$/, ".html"))).href);
            await settle(page);
            const drawn = await drawnCharts(page);
            assert.equal(drawn, figuresIn.get(f), f);
            charts += drawn;
            assert.deepEqual(problems.console, [], f);
          } finally {
            await page.context().close();
          }
        }
        assert.equal(charts, 38);
      } finally {
        rmSync(away, { recursive: true, force: true });
      }
    });

    it("jupyter nbconvert --to html --execute of a stored notebook draws every chart", async () => {
      const away = mkdtempSync(join(tmpdir(), "interspin-exported-"));
      try {
        const f = "03-partnerwahl.ipynb";
        await run(
          "jupyter",
          [
            "nbconvert",
            "--to",
            "html",
            "--execute",
            join(paths.notebooks, f),
            "--output-dir",
            away,
            "--ExecutePreprocessor.timeout=300",
          ],
          { cwd: paths.notebooks, env: { ...process.env, JUPYTER_PATH: jupyterPath } },
        );
        const { page, problems } = await offlinePage(browser);
        try {
          await page.goto(pathToFileURL(join(away, "03-partnerwahl.html")).href);
          await settle(page);
          assert.equal(await drawnCharts(page), 4);
          assert.deepEqual(problems.console, []);
        } finally {
          await page.context().close();
        }
      } finally {
        rmSync(away, { recursive: true, force: true });
      }
    });

    it("jupyter nbconvert --to markdown of an executed notebook has one picture per figure", async () => {
      const away = mkdtempSync(join(tmpdir(), "interspin-markdown-"));
      try {
        const exported = ["03-partnerwahl.ipynb", "04-wissensdiffusion.ipynb"];
        await run(
          "jupyter",
          ["nbconvert", "--to", "markdown", ...exported.map((f) => join(out, "notebooks", f)), "--output-dir", away],
          { env: { ...process.env, JUPYTER_PATH: jupyterPath } },
        );
        for (const f of exported) {
          const md = readFileSync(join(away, f.replace(/\.ipynb$/, ".md")), "utf8");
          assert.equal(md.split('<img src="data:image/png;base64,').length - 1, figuresIn.get(f), f);
        }
      } finally {
        rmSync(away, { recursive: true, force: true });
      }
    });
  });
});
