/**
 * Static SVG and PNG renderings of figure pages through one headless Chromium (Debian's
 * `chromium`, driven by playwright-core; no browser download).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { removeOnExit } from "../util/exit-cleanup.js";

/** Where Debian installs Chromium; CHROMIUM_PATH overrides. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((x): x is string => !!x);
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** The flags a sandboxed, offline, headless start needs on these machines. */
export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];

/** One rendered figure. */
export interface Rendered { svg: string; png: Buffer }

/** A running browser that renders figure pages; close it when done. */
export interface Renderer { render(htmlFile: string, width: number, height: number): Promise<Rendered>; close(): Promise<void> }

/** How Chromium profile folders start; the creating process's id follows (see util/stale-temp.ts). */
export const CHROMIUM_PROFILE_PREFIX = "interspin-chromium-";

/** Chromium with its own profile folder, started (again) by `launch`; `dispose` removes the folder. */
export interface ChromiumProfile { launch(): Promise<BrowserContext>; dispose(): void }
type BrowserContext = Awaited<ReturnType<typeof import("playwright-core").chromium.launchPersistentContext>>;

/**
 * A profile folder for Debian's Chromium (lazy-loads playwright-core). The folder is removed by
 * `dispose` and at the latest when this process exits; stop signals are left to this process
 * (playwright installs no handlers), and its exit ends the browser.
 * @returns null when no Chromium is installed.
 */
export async function chromiumProfile(): Promise<ChromiumProfile | null> {
  const exe = chromiumPath();
  if (!exe) return null;
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), `${CHROMIUM_PROFILE_PREFIX}${process.pid}-`));
  const forget = removeOnExit(profile);
  return {
    launch: () => chromium.launchPersistentContext(profile, { executablePath: exe, headless: true, args: chromiumArgs, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }),
    dispose: () => {
      rmSync(profile, { recursive: true, force: true });
      forget();
    },
  };
}

/**
 * Starts Chromium once for many renderings (see {@link chromiumProfile}). A rendering that
 * fails because the browser or page crashed is tried once more in a fresh browser.
 * @returns null when no Chromium is installed.
 */
export async function startRenderer(): Promise<Renderer | null> {
  const browser = await chromiumProfile();
  if (!browser) return null;
  let context: BrowserContext;
  let page: Awaited<ReturnType<BrowserContext["newPage"]>>;
  // plotly.js (4.8 MB) is parsed once: the first figure's page is loaded, later figures of the
  // same folder are drawn into that page from their spec, as their own page would draw them.
  let loadedDir: string | undefined;
  const launch = async (): Promise<void> => {
    context = await browser.launch();
    page = await context.newPage();
    loadedDir = undefined;
  };
  await launch();
  const renderOnce = async (htmlFile: string, width: number, height: number): Promise<Rendered> => {
    const spec = /<script type="application\/json" id="spec">([\s\S]*?)<\/script>/.exec(readFileSync(htmlFile, "utf8"))?.[1];
    if (spec === undefined || loadedDir !== dirname(htmlFile)) {
      await page.goto(pathToFileURL(htmlFile).href);
      await page.waitForFunction("window.PLOTLY_DONE !== undefined");
      await page.evaluate("window.PLOTLY_DONE");
      loadedDir = dirname(htmlFile);
    } else {
      await page.evaluate((json) => { const s = JSON.parse(json); return (window as unknown as { Plotly: { newPlot(...a: unknown[]): Promise<unknown> } }).Plotly.newPlot("figure", s.data, s.layout, s.config); }, spec);
    }
    const grab = async (format: "svg" | "png"): Promise<string> =>
      page.evaluate(`Plotly.toImage(document.getElementById("figure"), { format: "${format}", width: ${width}, height: ${height}, scale: ${format === "png" ? 2 : 1} })`) as Promise<string>;
    const svgUrl = await grab("svg");
    const pngUrl = await grab("png");
    const svg = decodeURIComponent(svgUrl.slice(svgUrl.indexOf(",") + 1));
    const png = Buffer.from(pngUrl.slice(pngUrl.indexOf(",") + 1), "base64");
    return { svg: normaliseSvg(svg), png };
  };
  return {
    async render(htmlFile, width, height) {
      try {
        return await renderOnce(htmlFile, width, height);
      } catch (e) {
        if (!page.isClosed() && context.pages().length && !/crash|closed|disconnected/i.test(String(e))) throw e;
        await context.close().catch(() => undefined);
        await launch();
        return renderOnce(htmlFile, width, height);
      }
    },
    async close() {
      await context.close();
      browser.dispose();
    },
  };
}

/**
 * Replaces the random ids plotly.js puts into an SVG (clip paths, gradients) by stable ones,
 * numbered in order of first appearance, so that the same figure gives the same file (also a
 * colorbar's gradient `g0-cb<uid>` and its axis `ycb<uid>tick`).
 * @example normaliseSvg('<clipPath id="clip4f2a1bxyplot">') // => '<clipPath id="clip0xyplot">'
 */
export function normaliseSvg(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/\b(clip|legend|g|cb|ycb|xcb|topofs|gradient|defs-|topdefs-)([0-9a-f]{6})(?=[a-z_-]|\b)/g, (_m, pre: string, uid: string) => {
    if (!ids.has(uid)) ids.set(uid, String(ids.size));
    return `${pre}${ids.get(uid)}`;
  });
}
