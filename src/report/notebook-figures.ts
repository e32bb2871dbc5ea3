/**
 * Static pictures for the figures inside executed notebooks: every figure output gets an
 * `image/png` (and the same picture inside its HTML box), rendered by the one headless Chromium
 * of the report through its render cache. GitHub's notebook preview, nbviewer,
 * `nbconvert --to markdown/latex/pdf` and viewers of untrusted notebooks show that picture.
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Notebook, Output } from "../notebook/format/nbformat-types.js";
import {
  figureBundle,
  figureOutputMetadata,
  PLOTLY_MIME,
  type InterspinOutputMeta,
} from "../notebook/display/display.js";
import { figureDivId, figureSize, type FigureJson } from "../notebook/display/plotly-html.js";
import type { Renderer } from "../render/render-static.js";
import type { PlotlyFigure } from "../figures/common/types.js";
import { figurePage } from "../render/figure-html.js";
import { paths } from "../paths.js";
import { sha256 } from "../node/hash.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { writeNotebook } from "../notebook/format/nbformat.js";
import { cachedRenderer } from "../render/render-cache.js";

/** What {@link addStaticFigures} did to one notebook. */
export interface StaticFiguresResult {
  notebook: Notebook;
  figures: number;
  rendered: number;
}

/** The figure outputs of a notebook: display data carrying the Plotly MIME type. */
export function figureOutputs(
  notebook: Notebook,
): Array<Extract<Output, { output_type: "display_data" | "execute_result" }>> {
  return notebook.cells
    .flatMap((c) => (c.cell_type === "code" ? c.outputs : []))
    .filter(
      (o): o is Extract<Output, { output_type: "display_data" | "execute_result" }> =>
        (o.output_type === "display_data" || o.output_type === "execute_result") && o.data[PLOTLY_MIME] !== undefined,
    );
}

/**
 * Adds a static PNG to every figure output of `notebook` (a new notebook; the argument is not
 * changed). Figure pages are written into `workDir` (created, then removed) with plotly.js beside
 * them, and rendered by `renderer`; the same figure is rendered once.
 * @example (await addStaticFigures(nb, renderer, "/tmp/x")).figures // => 4 for 03-partnerwahl
 */
export async function addStaticFigures(
  notebook: Notebook,
  renderer: Renderer,
  workDir: string,
): Promise<StaticFiguresResult> {
  mkdirSync(workDir, { recursive: true });
  try {
    if (figureOutputs(notebook).length)
      writeFileAtomic(join(workDir, "plotly.min.js"), readFileSync(paths.plotlyBundle));
    return await pictureFigures(notebook, renderer, workDir);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

// The work of addStaticFigures in a folder that holds plotly.min.js already and stays; pages are named by their content.
async function pictureFigures(notebook: Notebook, renderer: Renderer, dir: string): Promise<StaticFiguresResult> {
  const copy = JSON.parse(JSON.stringify(notebook)) as Notebook;
  const outputs = figureOutputs(copy);
  const rendered = new Map<string, Uint8Array>();
  // Each distinct figure page once, all at once (the renderer spreads them over its pages).
  const pages = outputs.map((o) => {
    const spec = o.data[PLOTLY_MIME] as FigureJson;
    const page = figurePage(spec as unknown as PlotlyFigure, "plotly.min.js");
    return { o, spec, page, key: sha256(page) };
  });
  await Promise.all(
    pages
      .filter((p, i) => pages.findIndex((q) => q.key === p.key) === i)
      .map(async ({ spec, page, key }) => {
        const { width, height } = figureSize(spec);
        const file = join(dir, `${key.slice(0, 16)}.html`);
        writeFileAtomic(file, page);
        rendered.set(key, (await renderer.render(file, width ?? 900, height)).png);
      }),
  );
  for (const { o, spec, key } of pages) {
    const png = rendered.get(key)!;
    const divId = (o.metadata.interspin as InterspinOutputMeta | undefined)?.divId ?? figureDivId(spec);
    o.data = figureBundle(spec, { divId, png });
    o.metadata = { ...o.metadata, ...figureOutputMetadata(spec, divId, true) };
  }
  return { notebook: copy, figures: outputs.length, rendered: rendered.size };
}

/** Options of {@link addStaticFiguresToNotebooks}. */
export interface StaticNotebookOptions {
  /** Render cache folder (the report's `<out>/.cache/figures`); force renders again. */
  cacheDir: string;
  force?: boolean;
  /** Scratch folder for figure pages (removed afterwards). */
  workDir: string;
  /** The renderer to use, left open (default: one started for this call from `cacheDir`). */
  renderer?: Renderer;
}

/**
 * Adds static pictures to executed notebooks and writes each changed notebook back to its file.
 * @returns the notebooks with pictures, in input order; null when no Chromium is installed.
 * @example await addStaticFiguresToNotebooks([{ outPath, notebook }], { cacheDir, workDir }) // => [notebook with image/png outputs]
 */
export async function addStaticFiguresToNotebooks(
  runs: ReadonlyArray<{ outPath?: string; notebook?: Notebook }>,
  options: StaticNotebookOptions,
): Promise<Array<Notebook | undefined> | null> {
  const renderer = options.renderer ?? cachedRenderer({ cacheDir: options.cacheDir, force: options.force });
  if (!renderer) return null;
  try {
    // Every notebook at once: the renderer spreads their figures over its pages. One folder for
    // all their figure pages (named by content), so that a browser page that loaded plotly.js
    // for one notebook's figure draws the next notebook's into it instead of loading it again.
    mkdirSync(options.workDir, { recursive: true });
    writeFileAtomic(join(options.workDir, "plotly.min.js"), readFileSync(paths.plotlyBundle));
    return await Promise.all(
      runs.map(async (run) => {
        if (!run.notebook) return undefined;
        const result = await pictureFigures(run.notebook, renderer, options.workDir);
        if (result.figures && run.outPath) await writeNotebook(run.outPath, result.notebook);
        return result.notebook;
      }),
    );
  } finally {
    rmSync(options.workDir, { recursive: true, force: true });
    if (!options.renderer) await renderer.close();
  }
}
