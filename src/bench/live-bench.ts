/**
 * The live book in headless Chromium: the shared live script's size (minified; plotly.js, which
 * the book ships once, not counted), how long after loading 03-partnerwahl from disk its first
 * cell can run, Run all of the page, and re-running one figure cell — next to the same
 * notebook's times in a kernel (the runner, cell by cell). The book is written fresh for the
 * measurement (`npm run report -- --chapters 03 --book-langs de --no-static` into a temporary
 * folder), so the page and its scripts are the current code's.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { paths } from "../paths.js";
import { chromiumArgs, chromiumPath } from "../render/render-static.js";
import { benchCells } from "./notebooks-bench.js";
import { median, ms, timeProcess } from "./measure.js";

/** The page measured. */
export const LIVE_PAGE = "03-partnerwahl";

/** What was measured (null where it could not be). */
export interface LiveBench {
  page: string;
  /** `site/live.js`, minified, with the kernel's worker code inside. */
  scriptMB: number | null;
  /** `site/live-data.js`: the project's data the pages compute on. */
  dataMB: number | null;
  /** From starting to load the page until its first cell can run (median of `runs`). */
  interactiveMs: number | null;
  interactiveRuns: number[];
  /** Run all, from the click until every cell ran and its figures are drawn: the first run, and the median of the later ones. */
  runAllFirstMs: number | null;
  runAllMs: number | null;
  /** Run on the first figure cell, after Run all: until it ran and its figure is drawn (median). */
  figureCellMs: number | null;
  /** The same notebook in a kernel (the runner, cell by cell): every cell, and the first figure cell. */
  kernelRunAllMs: number | null;
  kernelFigureCellMs: number | null;
  error?: string;
}

/** In the page: clicks a button and waits until the page is no longer busy and every figure in `scope` is drawn. */
async function clickAndWait(page: Page, button: string, scope: string): Promise<number> {
  return page.evaluate(
    ({ button, scope }) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        const drawn = () =>
          Array.from(document.querySelectorAll(`${scope} .outputs div.plot`)).every((p) =>
            p.querySelector("svg.main-svg"),
          );
        const check = () => {
          if (!document.body.hasAttribute("aria-busy") && drawn()) resolve(performance.now() - start);
          else requestAnimationFrame(check);
        };
        (document.querySelector(button) as HTMLButtonElement).click();
        requestAnimationFrame(check);
      }),
    { button, scope },
  );
}

/**
 * Measures the live book on a freshly written book.
 * @param repeat - page loads, later Run alls and figure-cell runs taken (the median reported).
 */
export async function benchLive(repeat = 3): Promise<LiveBench> {
  const result: LiveBench = {
    page: LIVE_PAGE,
    scriptMB: null,
    dataMB: null,
    interactiveMs: null,
    interactiveRuns: [],
    runAllFirstMs: null,
    runAllMs: null,
    figureCellMs: null,
    kernelRunAllMs: null,
    kernelFigureCellMs: null,
  };
  const dir = mkdtempSync(join(tmpdir(), "interspin-bench-live-"));
  let browser: Browser | undefined;
  try {
    const out = join(dir, "output");
    const report = await timeProcess(
      process.execPath,
      [
        join(paths.root, "dist", "src", "cli", "report.js"),
        "--out",
        out,
        "--chapters",
        "03",
        "--book-langs",
        "de",
        "--no-static",
      ],
      { cwd: paths.root },
    );
    if (report.code !== 0)
      throw new Error(`the book could not be written: ${report.stderrTail.trim().split("\n").pop()}`);
    const site = join(out, "site");
    result.scriptMB = statSync(join(site, "live.js")).size / 1e6;
    result.dataMB = statSync(join(site, "live-data.js")).size / 1e6;

    const exe = chromiumPath();
    if (!exe) throw new Error("no Chromium (apt-get install chromium)");
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: exe, args: chromiumArgs });
    const url = pathToFileURL(join(site, "de", `${LIVE_PAGE}.html`)).href;
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.route("**/*", (r) => (/^(file|blob|data):/.test(r.request().url()) ? r.continue() : r.abort()));
    for (let i = 0; i < repeat; i++) {
      await page.goto(url);
      await page.waitForSelector("body[data-live-ready-ms]", { timeout: 60_000 });
      result.interactiveRuns.push(Number(await page.getAttribute("body", "data-live-ready-ms")));
    }
    result.interactiveMs = median(result.interactiveRuns);

    const runAll = [];
    for (let i = 0; i <= repeat; i++) runAll.push(await clickAndWait(page, ".live-run-all", "body"));
    result.runAllFirstMs = ms(runAll[0]!);
    result.runAllMs = ms(median(runAll.slice(1)));

    const figureCell = await page.$eval(
      "[data-live-cell] .outputs div.plot",
      (p) => (p.closest("[data-live-cell]") as HTMLElement).dataset.liveCell,
    );
    const cell = `[data-live-cell="${figureCell}"]`;
    const figureRuns = [];
    for (let i = 0; i < Math.max(5, repeat); i++) figureRuns.push(await clickAndWait(page, `${cell} .live-run`, cell));
    result.figureCellMs = ms(median(figureRuns));

    // The kernel: the same notebook through the runner, and its first figure cell (1-based, as stored).
    const stored = join(paths.notebooks, `${LIVE_PAGE}.ipynb`);
    const cells = (JSON.parse(readFileSync(stored, "utf8")) as { cells: { source: string | string[] }[] }).cells;
    const firstFigure = cells.findIndex((c) => [c.source].flat().join("").includes("showFigure(")) + 1;
    const [times] = await benchCells([stored]);
    result.kernelRunAllMs = ms(times!.cells.reduce((s, c) => s + c.ms, 0));
    result.kernelFigureCellMs = times!.cells.find((c) => c.cell === firstFigure)?.ms ?? null;
  } catch (e) {
    result.error = (e as Error).message;
  } finally {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
