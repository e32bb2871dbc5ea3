/**
 * (a) The whole `npm run report`, as people run it, into a fresh output folder: once from a
 * cold cache (no `.cache/` in the output folder) and once more with nothing changed (warm).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../paths.js";
import { ms, timeProcess } from "./measure.js";

/** One run of the report command. */
export interface ReportRun { ms: number; exitCode: number | null; error?: string }

/** Both runs, and whether the output folder holds an execution cache afterwards. */
export interface ReportBench { cold: ReportRun; warm: ReportRun; cacheEntries: number }

function run(outDir: string): Promise<ReportRun> {
  return timeProcess("npm", ["run", "-s", "report", "--", "--out", outDir], { cwd: paths.root }).then((t) => ({
    ms: ms(t.ms), exitCode: t.code, ...(t.code === 0 ? {} : { error: t.stderrTail }),
  }));
}

/**
 * Times `npm run report` cold and warm into `outDir` (which must not exist yet).
 * @example (await benchReport("/tmp/bench-out")).cold.exitCode // => 0
 */
export async function benchReport(outDir: string): Promise<ReportBench> {
  const cold = await run(outDir);
  const warm = await run(outDir);
  const cache = join(outDir, ".cache", "notebooks");
  return { cold, warm, cacheEntries: existsSync(cache) ? readdirSync(cache).filter((f) => f.endsWith(".ipynb")).length : 0 };
}
