/**
 * `run-notebooks`: executes the project's tslab notebooks headlessly (no Python, no Jupyter
 * server) and writes the executed copies to `<out>/notebooks/` (published like the report's:
 * see output/publish.ts). Exit codes: 0 all notebooks ran, 1 a notebook failed or the output
 * folder was refused, 2 wrong usage.
 */
import { existsSync, readdirSync, realpathSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { paths } from "../paths.js";
import { createProgressReporter, type ProgressStream } from "../notebook/run/progress.js";
import { DEFAULT_CELL_TIMEOUT_MS } from "../notebook/kernel/kernel-client.js";
import { runNotebooks, type NotebookResult } from "../notebook/run/runner.js";
import { checkOutputFolder, claimOutputFolder, OutputFolderError } from "../output/output-folder.js";
import { publish, recoverOutput, stagingFolder } from "../output/publish.js";
import { removeOnExit } from "../node/exit-cleanup.js";
import { exitOnStopSignals } from "./stop-signals.js";
import { InterspinError } from "../util/errors.js";

/** The usage text printed by `--help`. */
export const HELP = `Usage: node dist/src/cli/run-notebooks.js [--timeout S] [--jobs N] [--reuse-kernels] [--out DIR] [notebooks...]

Executes tslab TypeScript notebooks, each in a kernel process of its own started in the
notebook's folder (the next kernels start while notebooks run), and writes the executed copies
to DIR/notebooks/<name>.ipynb. Without notebook arguments it runs every notebooks/*.ipynb of
the project, in sorted order. A notebook stops at its first failing cell (compile error,
thrown error or timeout).

Options:
  --timeout S       time limit per cell in seconds (default ${DEFAULT_CELL_TIMEOUT_MS / 1000})
  --jobs N          notebooks run at once (default: the number of CPUs, here ${cpus().length})
  --reuse-kernels   faster: each of the --jobs kernels runs its notebooks in turn, each in a
                    new session (no variable or declaration of the one before; a notebook that
                    failed or left a timer, socket or process running gets a new kernel). It
                    does NOT protect against a notebook that changes what existed before it:
                    a module's cached state (e.g. the codebook), a prototype's method, a
                    replaced global, an exit handler; these change the notebooks after it
  --fresh-kernels   a new kernel for every notebook (the default)
  --out DIR         output folder (default output/)
  -h, --help        show this help

Exit codes: 0 all notebooks ran; 1 a notebook failed; 2 wrong usage; 128 + n stopped by signal n
(130 by Ctrl-C).
`;

/** Where the command writes; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
}

class UsageError extends InterspinError {}

/**
 * Runs the command with the given arguments (without `node` and the script).
 * @returns the exit code.
 * @example await main(["--jobs", "2", "notebooks/01-intro.ipynb"]) // => 0 when it ran
 */
export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const say = (line: string) => io.stderr.write(`run-notebooks: ${line}\n`);
  let options:
    | { notebooks: string[]; timeoutMs: number; concurrency: number; outDir: string; reuseKernels: boolean }
    | "help";
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    say(`${e.message} (see --help)`);
    return 2;
  }
  if (options === "help") {
    io.stdout.write(HELP);
    return 0;
  }
  if (options.notebooks.length === 0) {
    say(`no notebooks found in ${shown(paths.notebooks)}/`);
    return 1;
  }
  // The output folder is the report's too: the same ownership rules and one switch at the end (see output/publish.ts).
  const outDir = options.outDir;
  let stage: string;
  let release = (): void => {};
  try {
    checkOutputFolder(outDir, { folders: [...new Set(options.notebooks.map((nb) => dirname(nb)))] });
    release = claimOutputFolder(outDir);
    recoverOutput(outDir);
    stage = stagingFolder(outDir);
  } catch (e) {
    if (!(e instanceof OutputFolderError)) throw e;
    say(e.message);
    return 1;
  }
  const forget = removeOnExit(stage);
  const progress = createProgressReporter({ stream: io.stderr });
  let results: NotebookResult[];
  try {
    results = await runNotebooks(options.notebooks, {
      ...options,
      outDir: stage,
      onProgress: (e) => progress.update(e),
    });
  } finally {
    progress.close();
  }
  try {
    publish(outDir, stage);
  } catch (e) {
    if (!(e instanceof OutputFolderError)) throw e;
    say(e.message);
    return 1;
  } finally {
    release();
  }
  forget();
  for (const r of results) {
    if (r.status === "ok")
      io.stdout.write(
        `ok  ${shown(r.path)} -> ${shown(join(outDir, relative(stage, r.outPath!)))} (${(r.durationMs / 1000).toFixed(1)} s)\n`,
      );
    else say(`${shown(r.path)}: ${describeFailure(r)}`);
  }
  return results.every((r) => r.status === "ok") ? 0 : 1;
}

/**
 * One line saying why a notebook failed: the cell (1-based among all cells) and the error.
 * @example describeFailure(result) // => "cell 4 (1-based, counting all cells) failed: TypeError: x is not a function"
 */
export function describeFailure(r: NotebookResult): string {
  if (r.failure) {
    const { cellNumber, ename, evalue } = r.failure;
    return `cell ${cellNumber} (1-based, counting all cells) failed: ${ename}: ${firstLine(evalue)}`;
  }
  const error = r.error ?? new Error("unknown failure");
  return process.env.INTERSPIN_DEBUG ? String(error.stack) : `${error.name}: ${firstLine(error.message)}`;
}

function parseOptions(argv: string[]) {
  const config = {
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: "boolean", short: "h" },
      timeout: { type: "string" },
      jobs: { type: "string" },
      out: { type: "string" },
      "fresh-kernels": { type: "boolean" },
      "reuse-kernels": { type: "boolean" },
    },
  } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const name = /'([^']+)'/.exec((e as Error).message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`unknown option '${name}'`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
      throw new UsageError(`option ${name.split(" ")[0]} needs a value`);
    throw new UsageError(firstLine((e as Error).message));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help" as const;
  const timeout = values.timeout === undefined ? DEFAULT_CELL_TIMEOUT_MS / 1000 : Number(values.timeout);
  if (!(timeout > 0 && Number.isFinite(timeout)))
    throw new UsageError(`--timeout must be a positive number of seconds, got '${values.timeout}'`);
  const jobs = values.jobs === undefined ? cpus().length : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs must be a positive whole number, got '${values.jobs}'`);
  const notebooks = positionals.length > 0 ? positionals.map((p) => resolve(p)) : defaultNotebooks();
  const missing = notebooks.find((p) => !existsSync(p));
  if (missing) throw new UsageError(`notebook not found: ${shown(missing)}`);
  const outDir = values.out === undefined ? paths.output : resolve(values.out);
  return {
    notebooks,
    timeoutMs: timeout * 1000,
    concurrency: jobs,
    outDir,
    reuseKernels: values["reuse-kernels"] === true && values["fresh-kernels"] !== true,
  };
}

function defaultNotebooks(): string[] {
  if (!existsSync(paths.notebooks)) return [];
  return readdirSync(paths.notebooks)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => join(paths.notebooks, f));
}

function shown(path: string): string {
  return relative(process.cwd(), path) || ".";
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0]!;
}

// Run when started as a script (not when imported, e.g. by tests).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  exitOnStopSignals((line) => process.stderr.write(`run-notebooks: ${line}`), ": nothing was published");
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`run-notebooks: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
