/**
 * (a) The whole `npm run report`, as people run it, into a fresh output folder: once from a
 * cold cache (no `.cache/` in the output folder) and once more with nothing changed (warm); then
 * cold with the book in one language (`--book-langs de`), which runs every notebook once instead
 * of once per language.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../paths.js";
import { ms, timeProcess } from "./measure.js";

/** One run of the report command. */
export interface ReportRun {
  ms: number;
  cpuMs: number | null;
  exitCode: number | null;
  error?: string;
}

/** The runs, and whether the output folder holds an execution cache afterwards. */
export interface ReportBench {
  cold: ReportRun;
  warm: ReportRun;
  coldOneLang?: ReportRun & { lang: string };
  cacheEntries: number;
}

function run(outDir: string, extra: string[] = []): Promise<ReportRun> {
  return timeProcess("npm", ["run", "-s", "report", "--", "--out", outDir, ...extra], { cwd: paths.root }).then(
    (t) => ({
      ms: ms(t.ms),
      cpuMs: t.cpuMs,
      exitCode: t.code,
      ...(t.code === 0 ? {} : { error: t.stderrTail }),
    }),
  );
}

/**
 * Times `npm run report` cold and warm into `outDir` (which must not exist yet).
 * @example (await benchReport("/tmp/bench-out")).cold.exitCode // => 0
 */
export async function benchReport(outDir: string): Promise<ReportBench> {
  const cold = await run(outDir);
  const warm = await run(outDir);
  const cache = join(outDir, ".cache", "notebooks");
  const cacheEntries = existsSync(cache) ? readdirSync(cache).filter((f) => f.endsWith(".ipynb")).length : 0;
  const coldOneLang = { ...(await run(`${outDir}-de`, ["--book-langs", "de"])), lang: "de" };
  return { cold, warm, coldOneLang, cacheEntries };
}
