/**
 * Headless Chromium for tests: one browser for the whole suite (a Playwright browser server that
 * the first test file asking for one starts, every later one connects to; `close()` then only
 * disconnects), or the suite is skipped when none is installed.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../../src/render/render-static.js";
import { SHARED_RUNS } from "../reliability/helpers.js";
/** The environment variable with the process id of the suite's main mocha process. */
export const SUITE_PID = "INTERSPIN_TEST_SUITE_PID";

/**
 * The suite's Chromium: a connection to the browser server of this test run, started on first use
 * (test/helpers/browser-server.ts); outside a suite run (no shared-runs folder), a browser of its
 * own. Null when no Chromium is installed.
 * @throws when the server does not start within 60 s, with its error.
 */
export async function sharedChromium(): Promise<Browser | null> {
  const exe = chromiumPath();
  if (!exe) return null;
  const { chromium } = await import("playwright-core");
  const root = process.env[SHARED_RUNS];
  if (!root || !existsSync(root)) return chromium.launch({ executablePath: exe, args: chromiumArgs });
  const dir = join(root, "browser");
  try {
    mkdirSync(dir);
    const server = new URL("./browser-server.js", import.meta.url).pathname;
    spawn(process.execPath, [server, dir, process.env[SUITE_PID] ?? String(process.ppid)], {
      detached: true,
      stdio: "ignore",
    }).unref();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    if (existsSync(join(dir, "failed")))
      throw new Error(`the suite's Chromium did not start: ${readFileSync(join(dir, "failed"), "utf8")}`);
    if (existsSync(join(dir, "ws"))) return chromium.connect(readFileSync(join(dir, "ws"), "utf8"));
  }
  throw new Error(`the suite's Chromium did not start within 60 s (${dir})`);
}

/**
 * The suite's Chromium; skips the calling suite when there is none, unless
 * INTERSPIN_REQUIRE_CHROMIUM=1 asks for a failure instead.
 */
export async function launchChromiumOrSkip(ctx: Mocha.Context): Promise<Browser> {
  const browser = await sharedChromium();
  if (!browser) {
    if (process.env.INTERSPIN_REQUIRE_CHROMIUM === "1")
      throw new Error("INTERSPIN_REQUIRE_CHROMIUM=1 but no Chromium (apt-get install chromium)");
    ctx.skip();
  }
  return browser!;
}

/**
 * One tab for many pages: each `goto` loads a fresh document, but in the same renderer, which
 * keeps what it compiled (plotly.js, 4.8 MB, is parsed once instead of on every page: about a
 * third of the CPU time of a new tab per page). `options` are the tab's context options
 * (viewport, javaScriptEnabled); close it with `page.context().close()`.
 * @example const page = await reusedPage(browser, { javaScriptEnabled: false }); await page.goto(url1); await page.goto(url2);
 */
export async function reusedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  return (await browser.newContext(options)).newPage();
}
