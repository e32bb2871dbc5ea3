/**
 * (f) What people wait for before the first result: loading tslab's TypeScript compiler alone
 * (`node -e "require('@tslab/typescript-for-tslab')"`, the yardstick), a kernel start until it
 * answers, the shortest chapter (01-einleitung) through the runner as a fresh process — warm (its
 * cells' checks stored by an earlier run) and cold (no stored checks: a new `.cache/kernel` holding
 * only the compiler's code cache, as after any earlier kernel) — and a fresh kernel until its first
 * figure has arrived. Each is taken `repeat` times and the median kept, each with the machine's
 * 1-minute load average when it was taken, and the notebook's CPU time (runner and kernel).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { paths } from "../paths.js";
import { KERNEL_CACHE_ENV, kernelCacheDir } from "../notebook/in-kernel/kernel-compiler.js";
import { startKernel } from "../notebook/kernel/kernel-client.js";
import { median, ms, timed, timeProcess } from "./measure.js";

/** One measurement taken several times: the median, every run, and the load average around them. */
export interface Sample {
  ms: number;
  runs: number[];
  load: number;
  ok: boolean;
}

/** Everything this section measures. */
export interface StartupBench {
  compilerLoad: Sample & { cpuMs: number | null };
  kernelStart: Sample;
  /** With the cells' checks stored by an earlier run. */
  trivialNotebook: Sample & { cpuMs: number | null };
  /** Without stored checks (the compiler's code cache kept). */
  trivialNotebookCold: Sample & { cpuMs: number | null };
  firstFigure: Sample;
  /** trivialNotebook ÷ compilerLoad (medians); null when a run failed. */
  notebookToCompiler: number | null;
  /** trivialNotebookCold ÷ compilerLoad (medians); null when a run failed. */
  coldNotebookToCompiler: number | null;
}

/** The notebook the runner is timed with: the shortest chapter. */
export const TRIVIAL_NOTEBOOK = "01-einleitung.ipynb";

/** The cell timed from a fresh kernel: the first figure of chapter 3, as a notebook draws it. */
export const FIRST_FIGURE_CELL =
  'import { survey, showFigure } from "interspin-notebooks";\nshowFigure("abb-01", survey(), { lang: "de" });';

const load1 = (): number => Math.round(loadavg()[0]! * 100) / 100;

/**
 * Runs `once` `repeat` times; keeps the median, the runs and the highest 1-minute load average seen.
 * @example (await sampled(3, async () => ({ ms: 5, ok: true }))).ms // => 5
 */
export async function sampled(repeat: number, once: () => Promise<{ ms: number; ok: boolean }>): Promise<Sample> {
  const runs: number[] = [];
  let ok = true;
  let load = load1();
  for (let i = 0; i < repeat; i++) {
    const r = await once();
    runs.push(ms(r.ms));
    ok &&= r.ok;
    load = Math.max(load, load1());
  }
  return { ms: ms(median(runs)), runs, load, ok };
}

/** Runs `once` like {@link sampled} and keeps the median of the CPU times it reports too. */
async function sampledCpu(
  repeat: number,
  once: () => Promise<{ ms: number; ok: boolean; cpuMs: number | null }>,
): Promise<Sample & { cpuMs: number | null }> {
  const cpu: number[] = [];
  const s = await sampled(repeat, async () => {
    const r = await once();
    if (r.cpuMs !== null) cpu.push(r.cpuMs);
    return r;
  });
  return { ...s, cpuMs: cpu.length === repeat ? ms(median(cpu)) : null };
}

async function compilerLoad(): Promise<{ ms: number; ok: boolean; cpuMs: number | null }> {
  const t = await timeProcess("node", ["-e", "require('@tslab/typescript-for-tslab')"], { cwd: paths.root });
  return { ms: t.ms, ok: t.code === 0, cpuMs: t.cpuMs };
}

async function kernelStart(): Promise<{ ms: number; ok: boolean }> {
  const t = await timed(() => startKernel({ cwd: paths.notebooks }));
  await t.value.shutdown();
  return { ms: t.ms, ok: true };
}

/**
 * A new kernel cache folder without stored checks, holding the project's compiler code cache.
 * @example readdirSync(coldKernelCache()) // => ["typescript.js-….v8"]
 */
export function coldKernelCache(): string {
  const dir = mkdtempSync(join(tmpdir(), "interspin-bench-kernel-cache-"));
  const warm = kernelCacheDir();
  try {
    for (const f of readdirSync(warm!)) if (f.endsWith(".v8")) copyFileSync(join(warm!, f), join(dir, f));
  } catch {
    mkdirSync(dir, { recursive: true });
  }
  return dir;
}

async function trivialNotebook(cold = false): Promise<{ ms: number; ok: boolean; cpuMs: number | null }> {
  const out = mkdtempSync(join(tmpdir(), "interspin-bench-startup-"));
  const cache = cold ? coldKernelCache() : undefined;
  try {
    const t = await timeProcess(
      "node",
      [
        join(paths.root, "dist", "src", "cli", "run-notebooks.js"),
        "--jobs",
        "1",
        "--out",
        out,
        join(paths.notebooks, TRIVIAL_NOTEBOOK),
      ],
      { cwd: paths.root, env: cache ? { [KERNEL_CACHE_ENV]: cache } : {} },
    );
    return { ms: t.ms, ok: t.code === 0, cpuMs: t.cpuMs };
  } finally {
    rmSync(out, { recursive: true, force: true });
    if (cache) rmSync(cache, { recursive: true, force: true });
  }
}

async function firstFigure(): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const kernel = await startKernel({ cwd: paths.notebooks });
  try {
    const r = await kernel.execute(FIRST_FIGURE_CELL);
    const drawn = r.outputs.some((o) => o.output_type === "display_data" && "application/vnd.plotly.v1+json" in o.data);
    return { ms: performance.now() - started, ok: r.status === "ok" && drawn };
  } finally {
    await kernel.shutdown();
  }
}

/**
 * Takes every start-up measurement `repeat` times (the kernel's code cache and the notebook's
 * checks are stored by first, untimed runs, as after `npm ci` and one run).
 * @example (await benchStartup(3)).trivialNotebook.runs.length // => 3
 */
export async function benchStartup(repeat = 3): Promise<StartupBench> {
  await trivialNotebook();
  await firstFigure();
  const compiler = await sampledCpu(repeat, compilerLoad);
  const kernel = await sampled(repeat, kernelStart);
  const notebook = await sampledCpu(repeat, () => trivialNotebook());
  const cold = await sampledCpu(repeat, () => trivialNotebook(true));
  const figure = await sampled(repeat, firstFigure);
  const ratio = (x: Sample) => (compiler.ok && x.ok ? Math.round((100 * x.ms) / compiler.ms) / 100 : null);
  return {
    compilerLoad: compiler,
    kernelStart: kernel,
    trivialNotebook: notebook,
    trivialNotebookCold: cold,
    firstFigure: figure,
    notebookToCompiler: ratio(notebook),
    coldNotebookToCompiler: ratio(cold),
  };
}
