/**
 * Test helpers for the reliability guarantees: running the report command as a separate
 * process, hashing a whole output tree, finding processes a run left behind, and one complete
 * report run shared by the tests that need it (a run takes about 20 s).
 */
import { execFile, spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { paths } from "../../src/paths.js";
import { markOutputFolder } from "../../src/output/output-folder.js";
import { publish, stagingFolder } from "../../src/output/publish.js";

const temporary: string[] = [];
process.once("exit", () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The compiled report command. */
export const reportCli = join(paths.root, "dist", "src", "cli", "report.js");

/** How a command ended. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Extra settings of {@link runReport}. */
export interface RunSettings {
  /** Environment variables added to the process's. */
  env?: Record<string, string>;
  /** Node options placed before the script, e.g. ["--import", url]. */
  nodeArgs?: string[];
  timeoutMs?: number;
}

/**
 * Runs `node dist/src/cli/report.js ...args` and resolves with its exit code and output (never
 * rejects on a non-zero exit).
 */
export function runReport(args: string[], settings: RunSettings = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(settings.nodeArgs ?? []), reportCli, ...args],
      {
        cwd: paths.root,
        env: { ...process.env, ...settings.env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: settings.timeoutMs ?? 900_000,
      },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null;
        resolve({
          code: e ? (typeof e.code === "number" ? e.code : null) : 0,
          signal: e?.signal ?? null,
          stdout,
          stderr,
        });
      },
    );
  });
}

/**
 * Starts a command (e.g. the report, or npm) with `env` added to this process's environment,
 * collecting its output; `done` resolves once it ended and its output pipes closed.
 */
export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
): { done: Promise<CliRun>; pid: number } {
  const child = spawn(command, args, {
    cwd: paths.root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((r) => child.once("close", (code, signal) => r({ code, signal, stdout, stderr })));
  return { done, pid: child.pid! };
}

/** Which files {@link treeHashes} takes: hidden ones too, and paths (relative, "/"-separated) to leave out. */
export interface TreeOptions {
  hidden?: boolean;
  skip?: (path: string) => boolean;
}

/**
 * Every file below `dir` (relative path, "/" separated) with the SHA-256 of its bytes. Links
 * are followed (the products of an output folder are links into its current version); a link
 * to nothing counts as absent.
 */
export function treeHashes(dir: string, options: TreeOptions = {}): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (!options.hidden && name.startsWith(".")) continue;
      const p = join(d, name);
      const rel = relative(dir, p).split("\\").join("/");
      if (options.skip?.(rel) || !existsSync(p)) continue;
      if (statSync(p).isDirectory()) walk(p);
      else out.set(rel, createHash("sha256").update(readFileSync(p)).digest("hex"));
    }
  };
  walk(dir);
  return out;
}

/** Where a failed run keeps its executed notebooks, relative to the output folder. */
export const FAILED_RUN = ".interspin/failed-run";
/** Leaves out the failed run's folder (and the execution cache) when hashing an output folder. */
export const exceptFailedRun = (rel: string): boolean => rel === FAILED_RUN || rel === ".cache";

/** One hash for a whole tree (paths and contents). */
export function treeDigest(dir: string, options: TreeOptions = {}): string {
  return createHash("sha256")
    .update(JSON.stringify([...treeHashes(dir, options)]))
    .digest("hex");
}

/** The entries of `dir` whose names start with a dot (what a run may leave behind). */
export function hiddenEntries(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.startsWith("."))
        .sort()
    : [];
}

/**
 * A fresh environment marker: a run started with `{ [MARKER]: value }` in its environment passes it
 * to every process it starts (kernels, Chromium), so they can be found afterwards.
 */
export const MARKER = "INTERSPIN_RELIABILITY_RUN";
export function newMarker(): string {
  return randomUUID();
}

/** Pids of live processes (zombies excluded) whose environment holds `MARKER=value` (Linux /proc). */
export function processesWithMarker(value: string): number[] {
  const needle = `${MARKER}=${value}`;
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue;
      if (readFileSync(`/proc/${entry}/environ`, "latin1").split("\0").includes(needle)) found.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return found;
}

/** Waits until no process carries the marker (up to `ms`), then returns those still alive. */
export async function leftoverProcesses(value: string, ms = 5000): Promise<number[]> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (!processesWithMarker(value).length) return [];
    await new Promise((r) => setTimeout(r, 100));
  }
  return processesWithMarker(value);
}

/** A temporary folder removed when the test process exits. */
export function tempFolder(prefix: string, parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, prefix));
  temporary.push(dir);
  return dir;
}

const shared = new Map<number, Promise<string>>();

/**
 * Set by the suite's global setup (test/setup/shared-runs.ts): a folder where every process of
 * one mocha run (the workers of --parallel among them) finds the shared runs, so each is made once.
 */
export const SHARED_RUNS = "INTERSPIN_TEST_SHARED_RUNS";

/** Runs the shipped report into a new folder below `parent`; resolves with the output folder. */
async function completeRun(parent: string): Promise<string> {
  const out = join(parent, "output");
  const r = await runReport(["--out", out, "--no-static"]);
  const errors = r.stderr
    .split("\n")
    .filter((l) => /^error|was left as it was/.test(l))
    .join("\n");
  if (r.code !== 0) throw new Error(`npm run report failed (exit ${r.code ?? r.signal}):\n${errors || r.stderr}`);
  return out;
}

/**
 * Makes `name` once for the whole mocha run, in the folder the global setup made: the first process
 * to create `<root>/<name>/` runs `make` on that folder and leaves `done` (or `failed` with the
 * reason); every other process waits for that. Resolves with what `make` returned (a path).
 */
export async function onceInSuite(root: string, name: string, make: (dir: string) => Promise<string>): Promise<string> {
  const dir = join(root, name);
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    for (const end = Date.now() + 900_000; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
      if (existsSync(join(dir, "done"))) return readFileSync(join(dir, "done"), "utf8");
      if (existsSync(join(dir, "failed"))) throw new Error(readFileSync(join(dir, "failed"), "utf8"));
    }
    throw new Error(`shared run ${name} (${dir}) did not finish within 15 minutes`);
  }
  try {
    const made = await make(dir);
    writeFileSync(join(dir, "done"), made);
    return made;
  } catch (e) {
    writeFileSync(join(dir, "failed"), String((e as Error).message));
    throw e;
  }
}

/**
 * The output folder of complete run number `n` (0 or 1) of `npm run report -- --no-static` on
 * the shipped data, started on first use and shared by every test file of this mocha run.
 * @throws when the run does not exit 0, with its stderr.
 */
export function sharedReportRun(n: 0 | 1): Promise<string> {
  let run = shared.get(n);
  if (!run) {
    const before = n === 1 ? sharedReportRun(0) : Promise.resolve("");
    const root = process.env[SHARED_RUNS];
    run = before.then(() =>
      root ? onceInSuite(root, `run${n}`, completeRun) : completeRun(tempFolder(`interspin-run${n}-`)),
    );
    shared.set(n, run);
  }
  return run;
}

/** A folder for notebooks inside the project (tslab resolves the package from there), removed at exit. */
export function projectNotebookFolder(): string {
  return tempFolder(".tmp-notebooks-", paths.root);
}

/** The source of the parameters cell of the first chapter notebook (every chapter declares the same). */
function chapterParametersCell(): string {
  const first = readdirSync(paths.notebooks)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()[0]!;
  const nb = JSON.parse(readFileSync(join(paths.notebooks, first), "utf8")) as {
    cells: { metadata?: { tags?: string[] }; source: string | string[] }[];
  };
  const cell = nb.cells.find((c) => c.metadata?.tags?.includes("parameters"))!;
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/**
 * Writes a small chapter notebook `<dir>/<name>.ipynb`: a markdown title, the parameters cell
 * of the chapter notebooks, then one code cell per entry of `code`.
 */
export function writeTinyNotebook(dir: string, name: string, code: string[]): string {
  const cell = (source: string, tags?: string[]) => ({
    cell_type: "code",
    execution_count: null,
    metadata: tags ? { tags } : {},
    outputs: [],
    source: [source],
  });
  const nb = {
    cells: [
      { cell_type: "markdown", metadata: {}, source: [`# ${name}`] },
      cell(chapterParametersCell(), ["parameters"]),
      ...code.map((c) => cell(c)),
    ],
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const file = join(dir, `${name}.ipynb`);
  writeFileSync(file, `${JSON.stringify(nb, null, 1)}\n`);
  return file;
}

/** The user's file that {@link writePreviousOutput} puts beside the products. */
export const USER_NOTE = "notes-of-the-user.txt";

/**
 * Writes a small previous output to `out`, published by the report's own publish step (so the
 * folder is the tool's, as after an earlier run), plus a file of the user beside the products,
 * and returns the digest of the whole folder.
 */
export function writePreviousOutput(out: string): string {
  const files: Record<string, string> = {
    "notebooks/01-einleitung.ipynb": '{"previous": true}\n',
    "figures/abb-01.json": '{"previous": true}\n',
    "figures/abb-01.csv": "previous\n",
    "site/index.html": "<p>previous</p>\n",
    "verification.json": '{"previous": true}\n',
    "verification.md": "previous\n",
    "verification.html": "<p>previous</p>\n",
    [USER_NOTE]: "not a product of the report\n",
  };
  markOutputFolder(out);
  const stage = stagingFolder(out);
  for (const [f, text] of Object.entries(files)) {
    const target = f === USER_NOTE ? join(out, f) : join(stage, f);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  publish(out, stage);
  return treeDigest(out, { hidden: true });
}

/**
 * A copy of the project (package.json, the compiled dist/src, data/, notebooks/, node_modules
 * linked) in a temporary folder, for tests that must change a project file such as the
 * codebook; returns its root. Its report command is `<root>/dist/src/cli/report.js`.
 */
export function projectCopy(): string {
  const root = tempFolder("interspin-project-");
  for (const f of ["package.json", "src/paths.ts", "data", "notebooks", "dist/src"])
    cpSync(join(paths.root, f), join(root, f), { recursive: true });
  symlinkSync(join(paths.root, "node_modules"), join(root, "node_modules"));
  return root;
}
