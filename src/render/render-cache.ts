/**
 * A cache for the static SVG/PNG renderings of figure pages: a page whose bytes, size, plotly.js
 * bundle and rendering code are unchanged gets its stored rendering back, and Chromium is started
 * only for the first page that is not in the cache, so a report in which no figure changed starts
 * no browser at all. Entries are `<cacheDir>/<key>.svg` and `<key>.png`, written atomically with the
 * hash of their bytes and checked on every read (node/verified-file.ts): a rendering edited or
 * swapped for another figure's is discarded with a note and rendered again.
 */
import { readFileSync, utimesSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { paths } from "../paths.js";
import { readVerified, writeVerified } from "../node/verified-file.js";
import { stableJson } from "../util/stable-json.js";
import { chromiumPath, startRenderer, type Rendered, type Renderer } from "./render-static.js";
import { sha256 } from "../node/hash.js";
import { pruneCache } from "../node/cache-folder.js";
import { figurePage } from "./figure-html.js";
import type { PlotlyFigure } from "../figures/common/types.js";

/** The layout of render keys and entries; raising it invalidates every stored rendering. */
export const RENDER_CACHE_FORMAT = 2;

/** What determines a rendering. */
export interface RenderKeyInput {
  /** The figure page's bytes (they hold the figure's JSON). */
  html: string | Uint8Array;
  width: number;
  height: number;
  /** SHA-256 of the plotly.js bundle the page loads. */
  plotlyHash: string;
  /** SHA-256 of the rendering code (render-static), and the browser used. */
  rendererHash: string;
}

/**
 * The cache key of one rendering: SHA-256 over its inputs.
 * @example renderKey({ html: "<p>", width: 800, height: 500, plotlyHash: "a", rendererHash: "b" }).length // => 64
 */
export function renderKey(input: RenderKeyInput): string {
  return sha256(
    stableJson({
      format: RENDER_CACHE_FORMAT,
      html: sha256(input.html),
      width: input.width,
      height: input.height,
      plotly: input.plotlyHash,
      renderer: input.rendererHash,
    }),
  );
}

let defaultHashes: { plotlyHash: string; rendererHash: string } | undefined;

// The plotly bundle (4.8 MB, about 15 ms to hash) and the compiled renderer, hashed once per process.
function currentHashes(): { plotlyHash: string; rendererHash: string } {
  defaultHashes ??= {
    plotlyHash: sha256(readFileSync(paths.plotlyBundle)),
    rendererHash: sha256(
      `${readFileSync(fileURLToPath(new URL("./render-static.js", import.meta.url)))}\0${chromiumPath() ?? ""}`,
    ),
  };
  return defaultHashes;
}

/** Options of {@link cachedRenderer}. */
export interface CachedRendererOptions {
  /** Folder of stored renderings, conventionally `<out>/.cache/figures`. */
  cacheDir: string;
  /** Render every page even when a stored rendering exists (the results are stored again). */
  force?: boolean;
  /** Starts the real renderer on the first miss; default one headless Chromium (startRenderer). */
  start?: () => Promise<Renderer | null>;
  /** How many files (two per rendering) to keep on close, most recently used first; default 512. */
  maxEntries?: number;
  /** Hashes of the plotly bundle and the renderer (tests); default those of this installation. */
  hashes?: { plotlyHash: string; rendererHash: string };
  /** Told of a stored rendering discarded because its bytes did not match their hash (one line). */
  onNote?: (line: string) => void;
}

/** A renderer that answers from the cache where it can; `stats()` counts hits and misses. */
export interface CachedRenderer extends Renderer {
  stats(): { hits: number; misses: number; started: boolean };
}

/**
 * A Renderer (same interface as startRenderer's) backed by the cache. With the default `start`,
 * returns null when no Chromium is installed, as startRenderer does.
 * @throws (from render) Error when the real renderer was needed and could not be started.
 * @example const r = cachedRenderer({ cacheDir: "output/.cache/figures" }); await r?.render("abb-01.html", 800, 500)
 */
export function cachedRenderer(options: CachedRendererOptions): CachedRenderer | null {
  if (!options.start && !chromiumPath()) return null;
  const start = options.start ?? startRenderer;
  let browser: Promise<Renderer | null> | undefined;
  let hits = 0,
    misses = 0;
  // Renderings under way: the same page asked for again meanwhile (several notebooks showing
  // one figure) waits for the one rendering.
  const rendering = new Map<string, Promise<Rendered>>();
  return {
    async render(htmlFile: string, width: number, height: number): Promise<Rendered> {
      const key = renderKey({ html: readFileSync(htmlFile), width, height, ...(options.hashes ?? currentHashes()) });
      const svgFile = join(options.cacheDir, `${key}.svg`);
      const pngFile = join(options.cacheDir, `${key}.png`);
      if (!options.force) {
        const [svg, png] = [readVerified(svgFile), readVerified(pngFile)];
        if (svg.status === "ok" && png.status === "ok") {
          touch(svgFile, pngFile);
          hits++;
          return { svg: svg.bytes.toString("utf8"), png: png.bytes };
        }
        if (svg.status === "damaged" || png.status === "damaged")
          options.onNote?.(
            `the stored rendering of ${basename(htmlFile)} did not match its recorded hash: discarded, rendering it again`,
          );
      }
      const under = rendering.get(key);
      if (under) {
        hits++;
        return under;
      }
      misses++;
      const work = (async () => {
        browser ??= start();
        const renderer = await browser;
        if (!renderer) throw new Error("Chromium could not be started for a figure that is not in the render cache");
        const rendered = await renderer.render(htmlFile, width, height);
        writeVerified(pngFile, rendered.png);
        writeVerified(svgFile, rendered.svg);
        return rendered;
      })();
      rendering.set(key, work);
      try {
        return await work;
      } finally {
        rendering.delete(key);
      }
    },
    async close(): Promise<void> {
      const renderer = await browser;
      await renderer?.close();
      pruneCache(options.cacheDir, options.maxEntries ?? 512);
    },
    stats: () => ({ hits, misses, started: browser !== undefined }),
  };
}

/** Set to "0" in a kernel's environment to keep figures from carrying stored PNGs (the headless runner does). */
export const STORED_PNG_ENV = "INTERSPIN_STORED_PNG";

/**
 * The PNG stored in a render cache for the standalone page of exactly this figure (what
 * `npm run report` renders), or undefined. Reads one file; never starts a browser.
 * @param cacheDir - default the report's cache, `output/.cache/figures`.
 * @example storedFigurePng(figure("abb-01", survey())) // => the PNG bytes after `npm run report`, else undefined
 */
export function storedFigurePng(
  figure: { data: unknown[]; layout?: Record<string, unknown>; config?: Record<string, unknown> },
  cacheDir = join(paths.output, ".cache", "figures"),
): Uint8Array | undefined {
  if (process.env[STORED_PNG_ENV] === "0") return undefined;
  const { width, height } = figure.layout ?? {};
  if (typeof width !== "number" || typeof height !== "number" || typeof figure.layout?.meta !== "object")
    return undefined;
  const html = figurePage(figure as unknown as PlotlyFigure, "plotly.min.js");
  const stored = readVerified(join(cacheDir, `${renderKey({ html, width, height, ...currentHashes() })}.png`));
  return stored.status === "ok" ? stored.bytes : undefined;
}

// Marks entries as used, for pruning; an entry removed meanwhile is no reason to fail.
function touch(...files: string[]): void {
  const now = new Date();
  for (const f of files) {
    try {
      utimesSync(f, now, now);
    } catch {
      /* gone: nothing to keep */
    }
  }
}
