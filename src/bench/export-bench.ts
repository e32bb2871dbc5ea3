/**
 * (e) Static export of all figures through one Chromium: the report's own exportFigures with and
 * without SVG/PNG, then the renderings one by one (browser start, each figure) through the render
 * cache, cold and then warm (every figure unchanged, so no browser starts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSurvey } from "../data/load.js";
import { figures } from "../figures/index.js";
import { cachedRenderer } from "../render/render-cache.js";
import { exportFigures } from "../render/export-figures.js";
import { startRenderer } from "../render/render-static.js";
import { ms, timed } from "./measure.js";

/** Export timings in milliseconds; `staticRendered` false when Chromium is missing. */
export interface ExportBench {
  figures: number;
  staticRendered: boolean;
  totalMs: number;
  withoutStaticMs: number;
  chromiumStartMs: number | null;
  renderMs: Record<string, number>;
  cachedRenderMs: number | null;
}

/**
 * Times the exports of every figure of the shipped survey.
 * @example (await benchExport()).figures // => 13
 */
export async function benchExport(): Promise<ExportBench> {
  const work = mkdtempSync(join(tmpdir(), "interspin-bench-export-"));
  try {
    const table = loadSurvey();
    const plain = await timed(() => exportFigures(table, { outDir: join(work, "plain"), static: false }));
    const full = await timed(() => exportFigures(table, { outDir: join(work, "full"), static: true }));
    let chromiumStartMs: number | null = null;
    const renderMs: Record<string, number> = {};
    let cachedRenderMs: number | null = null;
    if (full.value.staticRendered) {
      const cacheDir = join(work, "cache");
      const start = async () => {
        const s = await timed(startRenderer);
        chromiumStartMs = ms(s.ms);
        return s.value;
      };
      const cold = cachedRenderer({ cacheDir, start })!;
      const pass = async (r: NonNullable<ReturnType<typeof cachedRenderer>>, record: boolean) => {
        for (const f of figures) {
          const fig = full.value.figures.get(f.id)!;
          const t = await timed(() =>
            r.render(join(work, "full", `${f.id}.html`), fig.layout.width as number, fig.layout.height as number),
          );
          if (record) renderMs[f.id] = ms(t.ms);
        }
        await r.close();
      };
      await pass(cold, true);
      cachedRenderMs = ms((await timed(() => pass(cachedRenderer({ cacheDir, start })!, false))).ms);
    }
    return {
      figures: full.value.ids.length,
      staticRendered: full.value.staticRendered,
      totalMs: ms(full.ms),
      withoutStaticMs: ms(plain.ms),
      chromiumStartMs,
      renderMs,
      cachedRenderMs,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
