/**
 * Executes notebooks headlessly: each notebook in a tslab kernel process of its own, started in
 * the notebook's folder, code cells in order, stopping at the first failing cell. Many notebooks
 * run in parallel and their executed copies are written atomically to `<outDir>/notebooks/`; the
 * next notebook's kernel starts while the current ones run (kernel-pool.ts). `reuseKernels`
 * (opt-in) runs a worker's notebooks in turn in one kernel instead, each in a new session.
 */
import { basename, dirname, join, resolve } from "node:path";
import { cpus } from "node:os";
import { paths } from "../../paths.js";
import { CellTimeoutError, DuplicateNotebookNameError, KernelDiedError } from "../format/errors.js";
import { DEFAULT_MAX_CELL_OUTPUT_BYTES, startKernel, type KernelClient } from "../kernel/kernel-client.js";
import { STORED_PNG_ENV } from "../../render/render-cache.js";
import { DEFAULT_MAX_NOTEBOOK_OUTPUT_BYTES, notebookTruncationNote, outputSize } from "../kernel/output-collector.js";
import { withErrorOutput } from "../kernel/kernel-error.js";
import {
  parseNotebook,
  readNotebook,
  writeNotebook,
  TSLAB_KERNELSPEC,
  TYPESCRIPT_LANGUAGE_INFO,
  type Cell,
  type CodeCell,
  type Notebook,
  type Output,
} from "../format/nbformat.js";
import { injectParameters, type NotebookParameters } from "../format/parameters.js";
import { FreshKernels, kernelPerNotebook, ReusedKernels, type KernelPool, type KernelSource } from "./kernel-pool.js";
import type { ProgressEvent } from "./progress.js";

/** Options of {@link runNotebook}. */
export interface RunNotebookOptions {
  /** Time limit of each cell in milliseconds; default 120 000. */
  timeoutMs?: number;
  /** Time limit for the kernel to start in milliseconds; default 60 000. */
  startTimeoutMs?: number;
  /** Papermill-style parameters, injected after the cell tagged `parameters`. */
  parameters?: NotebookParameters;
  onProgress?: (event: ProgressEvent) => void;
  /** Changes the notebook after reading and before parameters are injected (e.g. its language). */
  prepare?: (notebook: Notebook) => Notebook;
  /** Most bytes of output one cell may produce; more is dropped with a note (default {@link DEFAULT_MAX_CELL_OUTPUT_BYTES}). */
  maxCellOutputBytes?: number;
  /** Most bytes of output all cells of a notebook may produce; more is dropped with a note (default {@link DEFAULT_MAX_NOTEBOOK_OUTPUT_BYTES}). */
  maxNotebookOutputBytes?: number;
  /** Where the kernel comes from; default a fresh kernel, stopped afterwards ({@link runNotebooks} passes its workers' source). */
  kernels?: KernelSource;
  /** How many notebooks will ask the same kernel source after this one (spare kernels are started for them). */
  upcoming?: () => number;
  /** Reads a notebook file (default from disk; the report passes the bytes it read at its start). */
  read?: (path: string) => Uint8Array | string;
  /** Environment variables added to the kernels' (the report names the inputs it fixed). */
  kernelEnv?: Record<string, string>;
}

/** The cell that stopped a run. */
export interface CellFailure {
  /** 0-based index among all cells. */
  cellIndex: number;
  /**
   * 1-based number among all cells of the notebook as stored (markdown cells count too, an
   * injected parameters cell does not: it shares the number of the parameters cell), as every
   * message and progress line shows it.
   */
  cellNumber: number;
  kind: "error" | "timeout" | "abort";
  ename: string;
  evalue: string;
}

/** The outcome of {@link runNotebook}. */
export interface NotebookRun {
  path: string;
  /** The file name without `.ipynb`. */
  name: string;
  status: "ok" | "error";
  /** The executed notebook: outputs and execution counts of the cells that ran. */
  notebook: Notebook;
  failure?: CellFailure;
  durationMs: number;
  /**
   * The kernel that ran it: its process id, whether it had run other notebooks before, and when a
   * worker's kept kernel was not used for it, why (the last notebook failed, left a timer running …).
   */
  kernel: { pid: number; reused: boolean; newBecause?: string };
}

/**
 * Runs one notebook in a fresh kernel and returns the executed notebook. A failing cell
 * (compile error, thrown error, timeout, kernel death) ends the run with status "error",
 * an nbformat `error` output on that cell, and later cells left unexecuted.
 * @throws {NotebookFormatError | ParameterError | KernelStartError} when the notebook cannot run at all.
 * @example
 * const run = await runNotebook("notebooks/01-intro.ipynb", { timeoutMs: 60_000 });
 * run.status // => "ok"
 */
export async function runNotebook(path: string, options: RunNotebookOptions = {}): Promise<NotebookRun> {
  const started = Date.now();
  const name = notebookName(path);
  const emit = options.onProgress ?? (() => {});
  let source = options.read ? parseNotebook(text(options.read(path)), path) : await readNotebook(path);
  if (options.prepare) source = options.prepare(source);
  if (options.parameters) source = injectParameters(source, options.parameters, path);
  const cells: Cell[] = source.cells.map((c) =>
    c.cell_type === "code" ? { ...c, execution_count: null, outputs: [] } : c,
  );
  const cellCount = storedNumbering(cells).count;
  emit({ type: "start", notebook: name, cellCount });
  let failure: CellFailure | undefined;
  let kernel: KernelClient | undefined;
  let reused = false;
  let newBecause: string | undefined;
  let finished = false;
  const cwd = dirname(resolve(path));
  const kernels = options.kernels ?? kernelPerNotebook((dir) => startRunnerKernel(dir, options));
  try {
    ({ kernel, reused, newBecause } = await kernels.acquire(cwd, options.upcoming?.() ?? 0));
    failure = await runCells(kernel, cells, name, options);
    finished = !failure;
  } catch (e) {
    emit({ type: "done", notebook: name, ok: false, elapsedMs: Date.now() - started, cellCount });
    throw e;
  } finally {
    if (kernel) await kernels.release(kernel, cwd, finished);
  }
  const languageInfo = kernel.kernelInfo.language_info ?? TYPESCRIPT_LANGUAGE_INFO;
  const metadata = { ...source.metadata, kernelspec: { ...TSLAB_KERNELSPEC }, language_info: languageInfo };
  const elapsedMs = Date.now() - started;
  emit({ type: "done", notebook: name, ok: !failure, elapsedMs, failedCell: failure?.cellNumber, cellCount });
  return {
    path,
    name,
    status: failure ? "error" : "ok",
    notebook: { ...source, metadata, cells },
    failure,
    durationMs: elapsedMs,
    kernel: { pid: kernel.pid, reused, ...(newBecause ? { newBecause } : {}) },
  };
}

// Executed notebooks must not depend on what a render cache happens to hold: the report adds
// the static pictures afterwards (report/notebook-figures.ts).
function startRunnerKernel(cwd: string, options: RunNotebookOptions): Promise<KernelClient> {
  return startKernel({
    cwd,
    startTimeoutMs: options.startTimeoutMs,
    env: { ...process.env, ...options.kernelEnv, [STORED_PNG_ENV]: "0" },
  });
}

const text = (content: Uint8Array | string): string =>
  typeof content === "string" ? content : new TextDecoder().decode(content);

// Executes the code cells in order until one fails; returns that failure.
async function runCells(
  kernel: KernelClient,
  cells: Cell[],
  name: string,
  options: RunNotebookOptions,
): Promise<CellFailure | undefined> {
  const emit = options.onProgress ?? (() => {});
  const { count: cellCount, numberOf } = storedNumbering(cells);
  const cellCap = options.maxCellOutputBytes ?? DEFAULT_MAX_CELL_OUTPUT_BYTES;
  const notebookCap = options.maxNotebookOutputBytes ?? DEFAULT_MAX_NOTEBOOK_OUTPUT_BYTES;
  let written = 0;
  let noted = false;
  for (const [index, cell] of cells.entries()) {
    if (cell.cell_type !== "code" || cell.source.trim() === "") continue;
    const cellNumber = numberOf(index);
    emit({ type: "cell-start", notebook: name, cellNumber, cellCount });
    const cellStarted = Date.now();
    // What is left of the notebook's limit bounds the cell; past it, one note names the notebook's.
    const left = Math.max(0, notebookCap - written);
    const note = noted ? "" : notebookTruncationNote(notebookCap);
    const cap = left < cellCap ? { max: left, note } : { max: cellCap };
    const kind = await runCell(kernel, cell, `cell ${cellNumber}`, options, cap);
    written += outputSize(cell.outputs);
    noted ||= cell.outputs.some((o) => o.output_type === "stream" && o.text === note);
    const error = cell.outputs.find((o) => o.output_type === "error");
    const failure =
      kind && error?.output_type === "error"
        ? { cellIndex: index, cellNumber, kind, ename: error.ename, evalue: error.evalue }
        : undefined;
    emit({ type: "cell-done", notebook: name, cellNumber, cellCount, cellMs: Date.now() - cellStarted, ok: !failure });
    if (failure) return failure;
  }
  return undefined;
}

// Executes one cell, filling its outputs; returns how it failed, or undefined when it succeeded.
async function runCell(
  kernel: KernelClient,
  cell: CodeCell,
  label: string,
  options: RunNotebookOptions,
  cap: { max: number; note?: string },
): Promise<CellFailure["kind"] | undefined> {
  try {
    const result = await kernel.execute(cell.source, {
      timeoutMs: options.timeoutMs,
      label,
      maxOutputBytes: cap.max,
      ...(cap.note !== undefined ? { truncationNote: cap.note } : {}),
    });
    cell.execution_count = result.executionCount;
    cell.outputs = relativizePaths(result.status === "ok" ? result.outputs : withErrorOutput(result.outputs));
    return result.status === "ok" ? undefined : result.status;
  } catch (e) {
    if (!(e instanceof CellTimeoutError) && !(e instanceof KernelDiedError)) throw e;
    const partial = e instanceof CellTimeoutError ? e.outputs : [];
    cell.outputs = relativizePaths([
      ...partial,
      { output_type: "error", ename: e.name, evalue: e.message, traceback: [`${e.name}: ${e.message}`] },
    ]);
    return e instanceof CellTimeoutError ? "timeout" : "error";
  }
}

/**
 * Cell numbers as people see them in the stored notebook: 1-based among all cells, the injected
 * parameters cell not counted (it gets the number of the parameters cell it follows).
 * @example storedNumbering([md, params, injected, code]).numberOf(3) // => 3
 */
export function storedNumbering(cells: ReadonlyArray<Cell>): { count: number; numberOf(index: number): number } {
  const injected = cells.findIndex((c) => (c.metadata?.tags as string[] | undefined)?.includes("injected-parameters"));
  return {
    count: cells.length - (injected >= 0 ? 1 : 0),
    numberOf: (index) => index + (injected >= 0 && index >= injected ? 0 : 1),
  };
}

// Stack traces name files under the project root; write them relative so outputs do not depend on the machine.
function relativizePaths(outputs: Output[]): Output[] {
  const root = `${paths.root}/`;
  const strip = (s: string) => s.split(root).join("");
  return outputs.map((o) => {
    if (o.output_type === "stream") return { ...o, text: strip(o.text) };
    if (o.output_type === "error") return { ...o, evalue: strip(o.evalue), traceback: o.traceback.map(strip) };
    return o;
  });
}

/**
 * The name of a notebook: its file name without `.ipynb`.
 * @example notebookName("notebooks/03-partnerwahl.ipynb") // => "03-partnerwahl"
 */
export function notebookName(path: string): string {
  return basename(path, ".ipynb");
}

/** Options of {@link runNotebooks}. */
export interface RunNotebooksOptions extends RunNotebookOptions {
  /** How many notebooks (kernels) run at once; default the number of CPUs. */
  concurrency?: number;
  /** Executed notebooks go to `<outDir>/notebooks/<name>.ipynb`; default the project's `output/`. */
  outDir?: string;
  /**
   * One kernel per worker for its notebooks in turn, each in a new session (default: a new kernel
   * per notebook). Faster, but a notebook that changes a module's state, a prototype or a global
   * that existed before it changes the notebooks after it (see kernel-pool.ts).
   */
  reuseKernels?: boolean;
  /** Kernels to go on in, kept by the caller across runs (default: the run's own, stopped at the end). */
  pool?: KernelPool;
  /** How many notebooks a later run will start in the same `pool` (spare kernels are started ahead for them). */
  followedBy?: number;
}

/** The outcome of one notebook in {@link runNotebooks}. */
export interface NotebookResult {
  path: string;
  name: string;
  status: "ok" | "error";
  /** Where the executed notebook was written (also for failed runs that got to execute). */
  outPath?: string;
  notebook?: Notebook;
  /** The cell that failed. */
  failure?: CellFailure;
  /** Why the notebook could not run at all (unreadable, kernel did not start, ...). */
  error?: Error;
  durationMs: number;
  /** The kernel that ran it (see {@link NotebookRun}); none for a result from a cache. */
  kernel?: NotebookRun["kernel"];
}

/**
 * Runs notebooks in parallel, `concurrency` at once, each in a new kernel (the next ones started
 * ahead while notebooks run; with `reuseKernels` a worker's notebooks in turn in one kernel), and
 * writes the executed copies. One failing notebook does not stop the others; results come back
 * in input order.
 * @throws {DuplicateNotebookNameError} when two notebooks would write the same output file.
 * @throws {RangeError} when `concurrency` is not a positive integer.
 * @example
 * const results = await runNotebooks(["notebooks/01-intro.ipynb"], { outDir: "output" });
 * results[0].outPath // => "output/notebooks/01-intro.ipynb"
 */
export async function runNotebooks(notebooks: string[], options: RunNotebooksOptions = {}): Promise<NotebookResult[]> {
  const concurrency = options.concurrency ?? cpus().length;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const outDir = options.outDir ?? paths.output;
  const byName = new Map<string, string>();
  for (const nb of notebooks) {
    const other = byName.get(notebookName(nb));
    if (other !== undefined) throw new DuplicateNotebookNameError(other, nb);
    byName.set(notebookName(nb), nb);
  }
  const results: NotebookResult[] = new Array(notebooks.length);
  let next = 0;
  const workers = Math.min(concurrency, notebooks.length);
  const start = (cwd: string) => startRunnerKernel(cwd, options);
  const fresh = options.pool || options.reuseKernels ? undefined : new FreshKernels(start, workers);
  const upcoming = () => Math.max(0, notebooks.length - next) + (options.followedBy ?? 0);
  const worker = async (w: number) => {
    const kernels = options.pool ? options.pool.source(w, start) : (fresh ?? new ReusedKernels(start));
    try {
      for (let i = next++; i < notebooks.length; i = next++)
        results[i] = await runAndWrite(notebooks[i]!, outDir, { ...options, kernels, upcoming });
    } finally {
      if (!options.pool && !fresh) await kernels.close();
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  } finally {
    await fresh?.close();
  }
  return results;
}

async function runAndWrite(path: string, outDir: string, options: RunNotebookOptions): Promise<NotebookResult> {
  const started = Date.now();
  try {
    const run = await runNotebook(path, options);
    const outPath = join(outDir, "notebooks", `${run.name}.ipynb`);
    await writeNotebook(outPath, run.notebook);
    return {
      path,
      name: run.name,
      status: run.status,
      outPath,
      notebook: run.notebook,
      failure: run.failure,
      durationMs: run.durationMs,
      kernel: run.kernel,
    };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return { path, name: notebookName(path), status: "error", error, durationMs: Date.now() - started };
  }
}
