/**
 * (b) Each chapter notebook through the headless runner (`run-notebooks`, one kernel) and through
 * stock Jupyter (`jupyter nbconvert --execute`), one after the other in the same run, each as a
 * fresh process as people start it. nbconvert runs twice: with this project's kernelspec (the
 * start-up preload, as `npm run kernel:install` writes it) and with the kernelspec `tslab install`
 * writes (tslab as it comes), each in a temporary JUPYTER_PATH.
 * (c) Inside the runner: kernel start, the first cell's compile time, the cost of a trivial cell,
 * the first import of the shared module, and every cell of every chapter.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { paths } from "../paths.js";
import { installKernelSpec } from "../cli/kernel-install.js";
import { startKernel } from "../notebook/kernel/kernel-client.js";
import { runNotebook } from "../notebook/run/runner.js";
import { median, ms, timed, timeProcess } from "./measure.js";

/** One notebook through both executors (null where Jupyter is missing); nbconvert with this project's kernelspec and with tslab's own. */
export interface NotebookTiming {
  name: string;
  runnerMs: number;
  runnerOk: boolean;
  nbconvertMs: number | null;
  nbconvertOk: boolean | null;
  nbconvertStockMs: number | null;
  nbconvertStockOk: boolean | null;
}

/**
 * Writes the kernelspec `tslab install --binary` writes (tslab's python/install.py: argv
 * `[tslab, "kernel", "--config-path", "{connection_file}"]`, display name "TypeScript"): tslab
 * started by its script, without this project's start-up preload.
 * @example stockKernelSpec("/tmp/j/kernels") // writes /tmp/j/kernels/tslab/kernel.json
 */
export function stockKernelSpec(kernelsDir: string, tslabBin: string = paths.tslabBin): void {
  mkdirSync(join(kernelsDir, "tslab"), { recursive: true });
  writeFileSync(
    join(kernelsDir, "tslab", "kernel.json"),
    JSON.stringify(
      {
        argv: [tslabBin, "kernel", "--config-path", "{connection_file}"],
        display_name: "TypeScript",
        language: "typescript",
      },
      null,
      2,
    ),
  );
}

/** `jupyter nbconvert --to notebook --execute` of the given notebooks, with the kernelspecs of `jupyterPath`. */
function nbconvert(notebooks: string[], outDir: string, jupyterPath: string): ReturnType<typeof timeProcess> {
  return timeProcess(
    "jupyter",
    [
      "nbconvert",
      "--to",
      "notebook",
      "--execute",
      ...notebooks,
      "--output-dir",
      outDir,
      "--ExecutePreprocessor.timeout=300",
    ],
    {
      cwd: paths.notebooks,
      env: { JUPYTER_PATH: jupyterPath },
    },
  );
}

/** The chapter notebooks, in name order. */
export function chapterNotebookFiles(dir = paths.notebooks): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Whether stock Jupyter's nbconvert can be run.
 * @example hasNbconvert() // => true where Debian's jupyter-nbconvert is installed
 */
export function hasNbconvert(): boolean {
  try {
    execFileSync("jupyter", ["nbconvert", "--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Times every notebook through the runner CLI and through nbconvert, alternating, so that
 * both see the same machine state.
 * @example (await benchExecutors(chapterNotebookFiles()))[0].name // => "01-einleitung"
 */
export async function benchExecutors(notebooks: string[]): Promise<NotebookTiming[]> {
  const work = mkdtempSync(join(tmpdir(), "interspin-bench-nb-"));
  const jupyter = hasNbconvert();
  if (jupyter) {
    installKernelSpec(join(work, "jupyter", "kernels"));
    stockKernelSpec(join(work, "jupyter-stock", "kernels"));
  }
  const out: NotebookTiming[] = [];
  try {
    for (const nb of notebooks) {
      const runner = await timeProcess(
        "node",
        [join(paths.root, "dist", "src", "cli", "run-notebooks.js"), "--jobs", "1", "--out", join(work, "runner"), nb],
        { cwd: paths.root },
      );
      const nbc = jupyter ? await nbconvert([nb], join(work, "nbconvert"), join(work, "jupyter")) : null;
      const stock = jupyter ? await nbconvert([nb], join(work, "nbconvert-stock"), join(work, "jupyter-stock")) : null;
      out.push({
        name: basename(nb, ".ipynb"),
        runnerMs: ms(runner.ms),
        runnerOk: runner.code === 0,
        nbconvertMs: nbc ? ms(nbc.ms) : null,
        nbconvertOk: nbc ? nbc.code === 0 : null,
        nbconvertStockMs: stock ? ms(stock.ms) : null,
        nbconvertStockOk: stock ? stock.code === 0 : null,
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

/** All notebooks in one command: the runner one at a time and with its default parallelism, nbconvert (one at a time) with this project's and with tslab's kernelspec. */
export interface BatchTiming {
  runnerSequentialMs: number;
  runnerParallelMs: number;
  nbconvertMs: number | null;
  nbconvertStockMs: number | null;
  ok: boolean;
}

/**
 * Times one command for all notebooks, as people run them: `run-notebooks --jobs 1`,
 * `run-notebooks` (one kernel per core) and `jupyter nbconvert --execute` with every notebook.
 * @example (await benchBatch(chapterNotebookFiles())).runnerParallelMs > 0 // => true
 */
export async function benchBatch(notebooks: string[]): Promise<BatchTiming> {
  const work = mkdtempSync(join(tmpdir(), "interspin-bench-batch-"));
  const cli = join(paths.root, "dist", "src", "cli", "run-notebooks.js");
  try {
    const sequential = await timeProcess("node", [cli, "--jobs", "1", "--out", join(work, "seq"), ...notebooks], {
      cwd: paths.root,
    });
    const parallel = await timeProcess("node", [cli, "--out", join(work, "par"), ...notebooks], { cwd: paths.root });
    let nbc: Awaited<ReturnType<typeof timeProcess>> | null = null;
    let stock: Awaited<ReturnType<typeof timeProcess>> | null = null;
    if (hasNbconvert()) {
      installKernelSpec(join(work, "jupyter", "kernels"));
      stockKernelSpec(join(work, "jupyter-stock", "kernels"));
      nbc = await nbconvert(notebooks, join(work, "nbconvert"), join(work, "jupyter"));
      stock = await nbconvert(notebooks, join(work, "nbconvert-stock"), join(work, "jupyter-stock"));
    }
    return {
      runnerSequentialMs: ms(sequential.ms),
      runnerParallelMs: ms(parallel.ms),
      nbconvertMs: nbc ? ms(nbc.ms) : null,
      nbconvertStockMs: stock ? ms(stock.ms) : null,
      ok: sequential.code === 0 && parallel.code === 0 && (nbc?.code ?? 0) === 0 && (stock?.code ?? 0) === 0,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What one kernel costs before any chapter code runs, in milliseconds (medians of `repeat` kernels). */
export interface KernelCosts {
  startMs: number;
  firstCellMs: number;
  trivialCellMs: number;
  moduleImportMs: number;
}

/**
 * Starts `repeat` kernels in the notebooks folder and times: the start (until kernel_info is
 * answered), a first trivial cell (tslab sets up its TypeScript compiler), later trivial cells
 * (the fixed cost of every cell), and the first import of the shared module with loading the survey.
 * @example (await benchKernel(1)).startMs > 0 // => true
 */
export async function benchKernel(repeat = 3): Promise<KernelCosts> {
  const runs: KernelCosts[] = [];
  for (let r = 0; r < repeat; r++) {
    const start = await timed(() => startKernel({ cwd: paths.notebooks }));
    const kernel = start.value;
    try {
      const first = await timed(() => kernel.execute("const benchA: number = 1;"));
      const trivial: number[] = [];
      for (let i = 0; i < 5; i++)
        trivial.push((await timed(() => kernel.execute(`const benchB${i}: number = benchA + ${i};`))).ms);
      const imported = await timed(() =>
        kernel.execute('import { survey } from "interspin-notebooks";\nsurvey().numRows();'),
      );
      if (imported.value.status !== "ok")
        throw new Error("the shared module could not be imported in a kernel (is the build current?)");
      runs.push({
        startMs: start.ms,
        firstCellMs: first.ms,
        trivialCellMs: median(trivial),
        moduleImportMs: imported.ms,
      });
    } finally {
      await kernel.shutdown();
    }
  }
  const pick = (k: keyof KernelCosts) => ms(median(runs.map((x) => x[k])));
  return {
    startMs: pick("startMs"),
    firstCellMs: pick("firstCellMs"),
    trivialCellMs: pick("trivialCellMs"),
    moduleImportMs: pick("moduleImportMs"),
  };
}

/** Every executed code cell of one chapter, in the runner, in milliseconds. */
export interface CellTimes {
  name: string;
  totalMs: number;
  cells: { cell: number; ms: number }[];
}

/**
 * Runs each notebook in-process through runNotebook and records every cell's time.
 * @example (await benchCells([nb]))[0].cells[0].cell // => 2 (the first code cell's number)
 */
export async function benchCells(notebooks: string[]): Promise<CellTimes[]> {
  const out: CellTimes[] = [];
  for (const nb of notebooks) {
    const cells: { cell: number; ms: number }[] = [];
    const run = await runNotebook(nb, {
      onProgress: (e) => {
        if (e.type === "cell-done") cells.push({ cell: e.cellNumber, ms: ms(e.cellMs) });
      },
    });
    out.push({ name: run.name, totalMs: ms(run.durationMs), cells });
  }
  return out;
}
