/**
 * (a) The whole `npm run report`, as people run it, into fresh output folders: cold (no execution
 * cache in the output folder, and no stored checks: the kernels get a new `.cache/kernel` holding
 * only the compiler's code cache) and, after the first cold run, with nothing changed (warm);
 * then cold with the book in one language (`--book-langs de`), which runs every notebook once
 * instead of once per language. Cold and warm are taken `repeat` times, the median kept.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../paths.js";
import { KERNEL_CACHE_ENV } from "../notebook/in-kernel/kernel-compiler.js";
import { median, ms, timeProcess } from "./measure.js";
import { coldKernelCache } from "./startup-bench.js";

/** One run of the report command (for repeated runs: the median time and CPU, every run's time). */
export interface ReportRun {
  ms: number;
  cpuMs: number | null;
  exitCode: number | null;
  error?: string;
  runs?: number[];
}

/** The runs, and whether the output folder holds an execution cache afterwards. */
export interface ReportBench {
  cold: ReportRun;
  warm: ReportRun;
  coldOneLang?: ReportRun & { lang: string };
  cacheEntries: number;
}

async function run(outDir: string, extra: string[] = [], cold = false): Promise<ReportRun> {
  const cache = cold ? coldKernelCache() : undefined;
  try {
    const t = await timeProcess("npm", ["run", "-s", "report", "--", "--out", outDir, ...extra], {
      cwd: paths.root,
      env: cache ? { [KERNEL_CACHE_ENV]: cache } : {},
    });
    return { ms: ms(t.ms), cpuMs: t.cpuMs, exitCode: t.code, ...(t.code === 0 ? {} : { error: t.stderrTail }) };
  } finally {
    if (cache) rmSync(cache, { recursive: true, force: true });
  }
}

// The median run of several; the first failure if any failed.
function medianRun(runs: ReportRun[]): ReportRun {
  const failed = runs.find((r) => r.exitCode !== 0);
  if (failed) return failed;
  const cpu = runs.map((r) => r.cpuMs).filter((c): c is number => c !== null);
  return {
    ms: ms(median(runs.map((r) => r.ms))),
    cpuMs: cpu.length === runs.length ? ms(median(cpu)) : null,
    exitCode: 0,
    runs: runs.map((r) => r.ms),
  };
}

/**
 * Times `npm run report` cold and warm into `outDir`, `outDir-2` … (which must not exist yet).
 * @example (await benchReport("/tmp/bench-out", 3)).cold.exitCode // => 0
 */
export async function benchReport(outDir: string, repeat = 3): Promise<ReportBench> {
  const colds: ReportRun[] = [];
  for (let i = 0; i < repeat; i++) colds.push(await run(i === 0 ? outDir : `${outDir}-${i + 1}`, [], true));
  const warms: ReportRun[] = [];
  for (let i = 0; i < repeat; i++) warms.push(await run(outDir));
  const cache = join(outDir, ".cache", "notebooks");
  const cacheEntries = existsSync(cache) ? readdirSync(cache).filter((f) => f.endsWith(".ipynb")).length : 0;
  const coldOneLang = { ...(await run(`${outDir}-de`, ["--book-langs", "de"], true)), lang: "de" };
  return { cold: medianRun(colds), warm: medianRun(warms), coldOneLang, cacheEntries };
}
