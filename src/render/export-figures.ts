/**
 * Writes every figure in every export format: `<id>.json` (Plotly spec), `<id>.csv` (the
 * numbers), `<id>.html` (standalone, offline) and, where Chromium exists, `<id>.svg`/`<id>.png`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ColumnTable } from "arquero";
import { figures } from "../figures/index.js";
import type { FigureOptions, PlotlyFigure } from "../figures/common/types.js";
import { paths } from "../paths.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { stableJson } from "../util/stable-json.js";
import { figureCsv } from "./figure-csv.js";
import { figurePage } from "./figure-html.js";
import { startRenderer, type Renderer } from "./render-static.js";
import { cachedRenderer } from "./render-cache.js";

/** Options of `exportFigures`. */
export interface ExportOptions extends Partial<FigureOptions> {
  /** Folder receiving the files (created if needed). */
  outDir: string;
  /** Render SVG and PNG through Chromium (default true). */
  static?: boolean;
  /** Reuse the SVG/PNG of figure pages rendered before from this cache (see render/render-cache.ts); force renders again. */
  renderCache?: { dir: string; force?: boolean };
  /** The renderer to use, left open for the caller's later renderings (default: one started for this call, from `renderCache` when given). */
  renderer?: Renderer;
  /** Called with a line of progress for each figure. */
  log?: (line: string) => void;
}

/** What was written. */
export interface ExportResult {
  ids: string[];
  files: string[];
  staticRendered: boolean;
  figures: Map<string, PlotlyFigure>;
}

/**
 * Exports all figures built from `table`.
 * @example (await exportFigures(survey, { outDir: "output/figures" })).ids.length // => 13
 */
export async function exportFigures(table: ColumnTable, options: ExportOptions): Promise<ExportResult> {
  const { outDir, log = () => {}, static: wantStatic = true, renderCache, renderer: given, ...figOptions } = options;
  const files: string[] = [];
  const built = new Map<string, PlotlyFigure>();
  const write = (name: string, content: string | Uint8Array): void => {
    writeFileAtomic(join(outDir, name), content);
    files.push(name);
  };
  write("plotly.min.js", readFileSync(paths.plotlyBundle));
  for (const f of figures) {
    const fig = f.build(table, figOptions);
    built.set(f.id, fig);
    write(`${f.id}.json`, stableJson(fig));
    write(`${f.id}.csv`, figureCsv(f.numbers(table, figOptions)));
    write(`${f.id}.html`, figurePage(fig, "plotly.min.js"));
  }
  let staticRendered = false;
  if (wantStatic) {
    const renderer =
      given ??
      (renderCache ? cachedRenderer({ cacheDir: renderCache.dir, force: renderCache.force }) : await startRenderer());
    if (!renderer) {
      log("Chromium not found (install Debian's chromium or set CHROMIUM_PATH): SVG and PNG exports skipped");
    } else {
      try {
        // All at once: the renderer spreads them over its pages; written in figure order.
        const rendered = await Promise.all(
          figures.map((f) => {
            const fig = built.get(f.id)!;
            return renderer.render(
              join(outDir, `${f.id}.html`),
              fig.layout.width as number,
              fig.layout.height as number,
            );
          }),
        );
        figures.forEach((f, i) => {
          write(`${f.id}.svg`, rendered[i]!.svg);
          write(`${f.id}.png`, rendered[i]!.png);
        });
        staticRendered = true;
      } finally {
        if (!given) await renderer.close();
      }
    }
  }
  return { ids: figures.map((f) => f.id), files, staticRendered, figures: built };
}
