import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { paths } from "../../src/paths.js";
import { installKernelSpec } from "../../src/cli/kernel-install.js";
import { chromiumPath } from "../../src/render/render-static.js";
import { figureOutputs } from "../../src/report/notebook-figures.js";
import { parseNotebook } from "../../src/notebook/format/nbformat.js";
import { drawnCharts, launchChromium, offlinePage, settle } from "../helpers/front-ends.js";
import { sharedStaticReport } from "../helpers/shared-report.js";

const run = promisify(execFile);
const stored = readdirSync(paths.notebooks)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

describe("figures of executed notebooks outside a notebook server, offline", function () {
  this.timeout(900_000);
  let out: string;
  let work: string;
  let browser: Browser;
  let jupyterPath: string;
  const figuresIn = new Map<string, number>();

  before(async function () {
    if (!chromiumPath()) {
      if (process.env.INTERSPIN_REQUIRE_CHROMIUM === "1")
        throw new Error("front-end tests need chromium (apt-get install chromium)");
      this.skip();
    }
    // The executed notebooks with their pictures, as npm run report writes them (shared with front-ends.test.ts).
    out = await sharedStaticReport();
    work = mkdtempSync(join(tmpdir(), "interspin-offline-outputs-"));
    jupyterPath = mkdtempSync(join(tmpdir(), "interspin-jupyter-"));
    installKernelSpec(join(jupyterPath, "kernels"));
    for (const f of stored)
      figuresIn.set(f, figureOutputs(parseNotebook(readFileSync(join(out, "notebooks", f), "utf8"), f)).length);
    browser = (await launchChromium())!;
  });
  after(async () => {
    await browser?.close();
    for (const d of [work, jupyterPath]) if (d) rmSync(d, { recursive: true, force: true });
  });

  // Pages opened from disk share one tab (a fresh document each, the renderer's compiled code
  // kept), closed with the browser.
  let diskTab: Awaited<ReturnType<typeof offlinePage>> | undefined;
  const fromDisk = async () => {
    diskTab ??= await offlinePage(browser);
    for (const list of Object.values(diskTab.problems)) list.length = 0;
    return diskTab;
  };
  afterEach(async function () {
    if (this.currentTest?.state === "failed" && diskTab) {
      await diskTab.page.context().close();
      diskTab = undefined;
    }
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
      const { page: p, problems } = await fromDisk();
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
        assert.equal(trusted.chosen.filter((m) => m === "text/html").length >= trusted.figures, true);
        assert.equal(await drawnCharts(trusted.p), trusted.figures);
        assert.deepEqual(trusted.problems.console, []);
        const untrusted = await render("lab.html", f, false);
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
      });
    }

    it("figures rendered before the output that carries plotly.js (a windowed notebook renders out of order) still draw", async () => {
      const r = await render("lab.html", "04-wissensdiffusion.ipynb", true, { reverse: true });
      assert.equal(await drawnCharts(r.p), 5);
      assert.deepEqual(r.problems.console, []);
    });

    it("with a renderer of application/vnd.plotly.v1+json at rank 0 (what the plotly extension registers) the JSON part is chosen and draws", async () => {
      const r = await render("lab-with-plotly-extension.html", "03-partnerwahl.ipynb", true, { plotlyExtension: true });
      assert.equal(r.chosen.filter((m) => m === "application/vnd.plotly.v1+json").length, 4);
      assert.equal(await drawnCharts(r.p), 4);
      assert.deepEqual(r.problems.console, []);
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
          const { page, problems } = await fromDisk();
          await page.goto(pathToFileURL(join(away, f.replace(/\.ipynb$/, ".html"))).href);
          await settle(page);
          const drawn = await drawnCharts(page);
          assert.equal(drawn, figuresIn.get(f), f);
          charts += drawn;
          assert.deepEqual(problems.console, [], f);
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
        const { page, problems } = await fromDisk();
        await page.goto(pathToFileURL(join(away, "03-partnerwahl.html")).href);
        await settle(page);
        assert.equal(await drawnCharts(page), 4);
        assert.deepEqual(problems.console, []);
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
