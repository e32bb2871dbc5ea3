/**
 * The live book's scripts, bundled with esbuild from the compiled page code (`src/live/`):
 * classic scripts (`format: "iife"`), because a page opened from disk runs no module script,
 * fetches no file beside it and starts no worker from a file.
 * - `live.js`: the page script (editors, buttons, outputs), with the kernel's worker code (the
 *   notebook API, sucrase, the scope) carried inside as a string that becomes a Blob URL.
 * - `figures.js`: draws a page's figures fitted to its column (every page of the book loads it).
 * - `live-data.js`: the project's data files the core reads, as `window.INTERSPIN_LIVE_DATA`.
 * plotly.js is not in them: the book ships it once (`plotly.min.js`).
 */
import { buildSync } from "esbuild";
import { fileURLToPath } from "node:url";
import { PROJECT_FILES, projectText, optionalProjectText } from "../data/source.js";

const liveDir = fileURLToPath(new URL("../live/", import.meta.url));

function bundle(entry: string): string {
  const r = buildSync({
    entryPoints: [`${liveDir}${entry}`],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "eof",
    charset: "utf8",
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "silent",
  });
  return r.outputFiles[0]!.text;
}

let built: { live: string; figures: string } | undefined;

/**
 * The bundled page and figure scripts (built once per process: about a second).
 * @example liveScripts().live.length < 3_000_000 // => true
 */
export function liveScripts(): { live: string; figures: string } {
  if (!built) {
    const worker = bundle("worker.js");
    built = {
      live: `var __interspinLiveWorker=${JSON.stringify(worker)};\n${bundle("live-page.js")}`,
      figures: bundle("figures-page.js"),
    };
  }
  return built;
}

/**
 * `live-data.js`: every project data file the core reads (codebook, the shipped survey, study
 * facts, published numbers and claims, the identified set), as text. A reader's own data are
 * never in it: a book built from them tells the reader to pick the file in the page.
 */
export function liveDataScript(): string {
  const files: Record<string, string> = {};
  for (const name of Object.values(PROJECT_FILES)) {
    const text = name === PROJECT_FILES.codebook ? projectText(name) : optionalProjectText(name);
    if (text !== null) files[name] = text;
  }
  // "<\/script" cannot occur in a classic script's JSON string once "<" is escaped.
  return `window.INTERSPIN_LIVE_DATA=${JSON.stringify({ files }).replace(/</g, "\\u003c")};\n`;
}
