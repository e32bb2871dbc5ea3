/**
 * (f) What people wait for before the first result: loading tslab's TypeScript compiler alone
 * (`node -e "require('@tslab/typescript-for-tslab')"`, the floor of any kernel), a kernel start
 * until it answers, the shortest chapter (01-einleitung) through the runner as a fresh process,
 * and a fresh kernel until its first figure has arrived. Each is taken `repeat` times and the
 * median kept, each with the machine's 1-minute load average when it was taken.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { paths } from "../paths.js";
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
  compilerLoad: Sample;
  kernelStart: Sample;
  trivialNotebook: Sample;
  firstFigure: Sample;
  /** trivialNotebook ÷ compilerLoad (medians); null when a run failed. */
  notebookToCompiler: number | null;
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

async function compilerLoad(): Promise<{ ms: number; ok: boolean }> {
  const t = await timeProcess("node", ["-e", "require('@tslab/typescript-for-tslab')"], { cwd: paths.root });
  return { ms: t.ms, ok: t.code === 0 };
}

async function kernelStart(): Promise<{ ms: number; ok: boolean }> {
  const t = await timed(() => startKernel({ cwd: paths.notebooks }));
  await t.value.shutdown();
  return { ms: t.ms, ok: true };
}

async function trivialNotebook(): Promise<{ ms: number; ok: boolean }> {
  const out = mkdtempSync(join(tmpdir(), "interspin-bench-startup-"));
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
      { cwd: paths.root },
    );
    return { ms: t.ms, ok: t.code === 0 };
  } finally {
    rmSync(out, { recursive: true, force: true });
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
 * Takes every start-up measurement `repeat` times (the kernel's code cache is filled by a first,
 * untimed kernel, as after `npm ci` and one run).
 * @example (await benchStartup(3)).trivialNotebook.runs.length // => 3
 */
export async function benchStartup(repeat = 3): Promise<StartupBench> {
  await kernelStart();
  const compiler = await sampled(repeat, compilerLoad);
  const kernel = await sampled(repeat, kernelStart);
  const notebook = await sampled(repeat, trivialNotebook);
  const figure = await sampled(repeat, firstFigure);
  const ratio = compiler.ok && notebook.ok ? Math.round((100 * notebook.ms) / compiler.ms) / 100 : null;
  return {
    compilerLoad: compiler,
    kernelStart: kernel,
    trivialNotebook: notebook,
    firstFigure: figure,
    notebookToCompiler: ratio,
  };
}
