/**
 * Real notebook front ends for tests: Debian's classic Jupyter Notebook server on 127.0.0.1
 * (random port, a token, the project's kernelspec in a temporary Jupyter path) and headless
 * Chromium through playwright-core with every request outside the machine refused.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { installKernelSpec } from "../../src/cli/kernel-install.js";
import { sharedChromium } from "./browser.js";

/** Whether `jupyter-notebook` (Debian's classic Notebook 6) is installed. */
export function hasClassicNotebook(): boolean {
  try {
    execFileSync("jupyter-notebook", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A running classic Notebook server. */
export interface NotebookServer {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/**
 * Starts `jupyter-notebook` serving `rootDir`, with this project's tslab kernelspec only.
 * @throws Error with the server's output when it does not answer within 60 s.
 */
export async function startClassicNotebook(rootDir: string): Promise<NotebookServer> {
  const jupyter = mkdtempSync(join(tmpdir(), "interspin-nbserver-"));
  installKernelSpec(join(jupyter, "data", "kernels"));
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const child: ChildProcess = spawn(
    "jupyter-notebook",
    [
      "--no-browser",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--NotebookApp.token=${token}`,
      `--notebook-dir=${rootDir}`,
      "--allow-root",
      "--NotebookNotary.db_file=:memory:",
      "--KernelSpecManager.ensure_native_kernel=False",
    ],
    {
      env: {
        ...process.env,
        JUPYTER_DATA_DIR: join(jupyter, "data"),
        JUPYTER_CONFIG_DIR: join(jupyter, "config"),
        JUPYTER_RUNTIME_DIR: join(jupyter, "runtime"),
        JUPYTER_PATH: join(jupyter, "data"),
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let log = "";
  child.stdout!.on("data", (d) => {
    log += d;
  });
  child.stderr!.on("data", (d) => {
    log += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* gone */
      }
      await new Promise((r) => {
        const t = setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            /* gone */
          }
          r(undefined);
        }, 5000);
        child.once("exit", () => {
          clearTimeout(t);
          r(undefined);
        });
      });
    }
    rmSync(jupyter, { recursive: true, force: true });
  };
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) break;
    try {
      const r = await fetch(`${url}/api/status?token=${token}`);
      if (r.ok) return { url, token, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`jupyter-notebook did not start:\n${log}`);
}

/** What a page did that a test must see: console errors, page errors, failed and refused requests. */
export interface PageProblems {
  console: string[];
  failed: string[];
  refused: string[];
}

/**
 * Headless Chromium (Debian's) via playwright-core: the suite's one browser (see sharedChromium).
 * @returns null when Chromium is missing.
 */
export async function launchChromium(): Promise<Browser | null> {
  return sharedChromium();
}

/**
 * A new page whose requests may go to `allowed` origins (and file: URLs) only; every other
 * request is refused and recorded, like a machine without network.
 */
export async function offlinePage(
  browser: Browser,
  allowed: string[] = [],
): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: PageProblems = { console: [], failed: [], refused: [] };
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith("file:") || u.startsWith("data:") || allowed.some((a) => u.startsWith(a))) return route.continue();
    problems.refused.push(u);
    return route.abort("internetdisconnected");
  });
  page.on("console", (m) => {
    if (m.type() === "error") problems.console.push(m.text());
  });
  page.on("pageerror", (e) => problems.console.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (!problems.refused.includes(r.url())) problems.failed.push(`${r.url()} ${r.failure()?.errorText ?? ""}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.failed.push(`${r.url()} HTTP ${r.status()}`);
  });
  return { page, problems };
}

/** Drawn Plotly charts on a page: `.js-plotly-plot` elements with a non-empty `.main-svg`. */
export async function drawnCharts(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      Array.from(document.querySelectorAll(".js-plotly-plot")).filter(
        (el) => (el.querySelector(".main-svg")?.childElementCount ?? 0) > 0,
      ).length,
  );
}

/** The visible notes of figure boxes that did not draw (text of `.interspin-figure-note`). */
export async function figureNotes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll(".interspin-figure-note")).map((el) => el.textContent ?? ""),
  );
}

/** What Run All in a classic Notebook page shows. */
export interface ClassicRun {
  figures: number;
  charts: number;
  errors: string[];
  notes: string[];
}

/** Counts figure outputs, drawn charts, error outputs and figure notes on an open classic Notebook page. */
export async function classicCounts(page: Page): Promise<ClassicRun> {
  const counts = await page.evaluate(() => {
    const nb = (
      window as unknown as {
        Jupyter: {
          notebook: {
            toJSON(): {
              cells: {
                outputs?: { output_type: string; data?: Record<string, unknown>; ename?: string; evalue?: string }[];
              }[];
            };
          };
        };
      }
    ).Jupyter.notebook.toJSON();
    const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
    return {
      figures: outputs.filter((o) => o.data?.["application/vnd.plotly.v1+json"] !== undefined).length,
      errors: outputs.filter((o) => o.output_type === "error").map((o) => `${o.ename}: ${o.evalue}`),
    };
  });
  return { ...counts, charts: await drawnCharts(page), notes: await figureNotes(page) };
}

/**
 * Opens a notebook in the classic Notebook app, runs all cells and waits until the kernel is
 * idle with every cell run, then until the figures had time to draw.
 */
export async function classicRunAll(
  page: Page,
  server: NotebookServer,
  notebookPath: string,
  timeoutMs = 240_000,
): Promise<ClassicRun> {
  await page.goto(`${server.url}/notebooks/${notebookPath}?token=${server.token}`);
  await page.waitForFunction(
    () => {
      const j = (window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean } } } }).Jupyter;
      return j?.notebook?.kernel?.is_connected() === true;
    },
    undefined,
    { timeout: 60_000 },
  );
  await page.evaluate(() => {
    const nb = (window as unknown as { Jupyter: { notebook: { clear_all_output(): void; execute_all_cells(): void } } })
      .Jupyter.notebook;
    nb.clear_all_output();
    nb.execute_all_cells();
  });
  await page.waitForFunction(
    () => {
      const nb = (
        window as unknown as {
          Jupyter: {
            notebook: { get_cells(): { cell_type: string; input_prompt_number?: unknown }[]; kernel_busy?: boolean };
          };
        }
      ).Jupyter.notebook;
      const idle = document.querySelector("#kernel_indicator_icon")?.classList.contains("kernel_idle_icon");
      return (
        idle &&
        nb
          .get_cells()
          .every(
            (c) => c.cell_type !== "code" || (c.input_prompt_number !== "*" && c.input_prompt_number !== undefined),
          )
      );
    },
    undefined,
    { timeout: timeoutMs, polling: 250 },
  );
  await settle(page);
  return classicCounts(page);
}

/** Waits until no figure box is still drawing or waiting (at most 20 s). */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        Array.from(document.querySelectorAll(".interspin-figure")).every(
          (box) =>
            box.querySelector(".js-plotly-plot .main-svg") ||
            (/\S/.test(box.querySelector(".interspin-figure-note")?.textContent ?? "") &&
              !/plotly\.js (wird geladen|…)|Loading plotly/.test(box.textContent ?? "")),
        ),
      undefined,
      { timeout: 20_000, polling: 200 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(300);
}
