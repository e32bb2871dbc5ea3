import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { removeOnExit } from "../node/exit-cleanup.js";
import { hashFile, sha256 } from "../node/hash.js";

/** Where Debian installs Chromium; CHROMIUM_PATH overrides. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    (x): x is string => !!x,
  );
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** The flags a sandboxed, offline, headless start needs on these machines. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/** One rendered figure. */
export interface Rendered {
  svg: string;
  png: Buffer;
}

/** A running browser that renders figure pages; close it when done. */
export interface Renderer {
  render(htmlFile: string, width: number, height: number): Promise<Rendered>;
  close(): Promise<void>;
}

/** How Chromium profile folders start; the creating process's id follows (see node/stale-temp.ts). */
export const CHROMIUM_PROFILE_PREFIX = "interspin-chromium-";

/** Chromium with its own profile folder, started (again) by `launch`; `dispose` removes the folder. */
export interface ChromiumProfile {
  launch(): Promise<BrowserContext>;
  dispose(): void;
}
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
    launch: () =>
      chromium.launchPersistentContext(profile, {
        executablePath: exe,
        headless: true,
        args: chromiumArgs,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      }),
    dispose: () => {
      rmSync(profile, { recursive: true, force: true });
      forget();
    },
  };
}

/** Options of {@link startRenderer}. */
export interface RendererOptions {
  /** Pages rendering at once in the one browser; default the number of cores, at most 4. */
  pages?: number;
}

/**
 * Starts Chromium once for many renderings (see {@link chromiumProfile}), with a few pages that
 * render at once, so that calls made together use every core. A rendering that fails because
 * the browser or page crashed is tried once more in a fresh browser.
 * @returns null when no Chromium is installed.
 */
export async function startRenderer(options: RendererOptions = {}): Promise<Renderer | null> {
  const browser = await chromiumProfile();
  if (!browser) return null;
  type Page = Awaited<ReturnType<BrowserContext["newPage"]>>;
  // plotly.js (4.8 MB) is parsed once per page: a page loads the first figure's page, later
  // figures whose pages differ from it only in their spec and title (the same plotly.js bytes
  // beside them, the same language and markup; see pageKind) are drawn into it from their spec,
  // as their own page would draw them.
  interface Slot {
    page?: Page;
    loadedKind?: string;
  }
  const kinds = new PageKinds();
  const size = Math.max(1, Math.min(options.pages ?? Math.min(availableParallelism(), 4), 8));
  const slots: Slot[] = Array.from({ length: size }, () => ({}));
  const free: Slot[] = [...slots];
  const waiting: ((s: Slot) => void)[] = [];
  const acquire = (): Promise<Slot> =>
    new Promise((resolve) => {
      const s = free.pop();
      if (s) resolve(s);
      else waiting.push(resolve);
    });
  const release = (s: Slot): void => {
    const next = waiting.shift();
    if (next) next(s);
    else free.push(s);
  };
  let context: Promise<BrowserContext> | undefined;
  const pageOf = async (slot: Slot): Promise<Page> => {
    if (slot.page && !slot.page.isClosed()) return slot.page;
    context ??= browser.launch();
    const ctx = await context;
    // The persistent context opens with one blank page: the first slot takes it.
    const blank = ctx.pages().find((p) => p.url() === "about:blank" && !slots.some((s) => s.page === p));
    slot.page = blank ?? (await ctx.newPage());
    slot.loadedKind = undefined;
    return slot.page;
  };
  await pageOf(slots[0]!);
  const renderOnce = async (slot: Slot, htmlFile: string, width: number, height: number): Promise<Rendered> => {
    const page = await pageOf(slot);
    const html = readFileSync(htmlFile, "utf8");
    const spec = SPEC.exec(html)?.[1];
    const kind = kinds.of(htmlFile, html);
    if (spec === undefined || slot.loadedKind !== kind) {
      await page.goto(pathToFileURL(htmlFile).href);
      await page.waitForFunction("window.PLOTLY_DONE !== undefined");
      await page.evaluate("window.PLOTLY_DONE");
      slot.loadedKind = kind;
    } else {
      // Purged first, so that nothing of the figure drawn before (which depends on which page took
      // which rendering) stays in the SVG: each figure is drawn as into its own fresh page.
      await page.evaluate((json) => {
        const s = JSON.parse(json);
        const P = (
          window as unknown as { Plotly: { purge(id: string): void; newPlot(...a: unknown[]): Promise<unknown> } }
        ).Plotly;
        P.purge("figure");
        return P.newPlot("figure", s.data, s.layout, s.config);
      }, spec);
    }
    const grab = async (format: "svg" | "png"): Promise<string> =>
      page.evaluate(
        `Plotly.toImage(document.getElementById("figure"), { format: "${format}", width: ${width}, height: ${height}, scale: ${format === "png" ? 2 : 1} })`,
      ) as Promise<string>;
    const svgUrl = await grab("svg");
    const pngUrl = await grab("png");
    const svg = decodeURIComponent(svgUrl.slice(svgUrl.indexOf(",") + 1));
    const png = Buffer.from(pngUrl.slice(pngUrl.indexOf(",") + 1), "base64");
    return { svg: normaliseSvg(svg), png };
  };
  return {
    async render(htmlFile, width, height) {
      const slot = await acquire();
      try {
        return await renderOnce(slot, htmlFile, width, height);
      } catch (e) {
        const current = context;
        const ctx = await current?.catch(() => undefined);
        if (slot.page && !slot.page.isClosed() && ctx?.pages().length && !/crash|closed|disconnected/i.test(String(e)))
          throw e;
        // This page crashed: a new page. The browser is gone (no page left): a fresh browser,
        // started once however many renderings noticed it.
        if (!ctx?.pages().length) {
          if (context === current) context = undefined;
          await ctx?.close().catch(() => undefined);
          for (const s of slots) s.page = undefined;
        }
        slot.page = undefined;
        return await renderOnce(slot, htmlFile, width, height);
      } finally {
        release(slot);
      }
    },
    async close() {
      await (await context)?.close();
      browser.dispose();
    },
  };
}

const SPEC = /<script type="application\/json" id="spec">([\s\S]*?)<\/script>/;

/**
 * What a figure page is apart from its figure: its markup without the spec and title, and the
 * bytes of the script it loads (plotly.js; hashed once per file). Two pages of one kind draw a spec
 * the same way, so a browser page that loaded one can draw the other's figure.
 * @example new PageKinds().of("out/figures/abb-01.html", html) === new PageKinds().of("out/site/abb-01.html", html) // => true when both folders hold the same plotly.min.js
 */
export class PageKinds {
  private readonly plotly = new Map<string, string>();

  of(htmlFile: string, html: string): string {
    const src = /<script src="([^"]+)"><\/script>/.exec(html)?.[1];
    const file = src === undefined ? "" : resolve(dirname(htmlFile), src);
    let plotly = this.plotly.get(file);
    if (plotly === undefined) {
      try {
        plotly = hashFile(file);
      } catch {
        plotly = `no script at ${file}`;
      }
      this.plotly.set(file, plotly);
    }
    const markup = html.replace(SPEC, "").replace(/<title>[\s\S]*?<\/title>/, "");
    return sha256(`${plotly}\0${markup}`);
  }
}

/**
 * Replaces the random ids plotly.js puts into an SVG (clip paths, gradients) by stable ones,
 * numbered in order of first appearance, so that the same figure gives the same file (also a
 * colorbar's gradient `g0-cb<uid>` and its axis `ycb<uid>tick`), and drops the root's empty style.
 * @example normaliseSvg('<clipPath id="clip4f2a1bxyplot">') // => '<clipPath id="clip0xyplot">'
 */
export function normaliseSvg(svg: string): string {
  const ids = new Map<string, string>();
  // The root element's empty style attribute comes before or after its viewBox depending on
  // the page's timing; it has no effect, so it goes.
  svg = svg.replace(/^(<svg\b[^>]*?) style=""/, "$1");
  return svg.replace(
    /\b(clip|legend|g|cb|ycb|xcb|topofs|gradient|defs-|topdefs-)([0-9a-f]{6})(?=[a-z_-]|\b)/g,
    (_m, pre: string, uid: string) => {
      if (!ids.has(uid)) ids.set(uid, String(ids.size));
      return `${pre}${ids.get(uid)}`;
    },
  );
}
