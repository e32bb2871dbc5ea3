/**
 * (g) The test suite as a developer meets it on a fresh clone: the project's files (tracked and
 * new, not ignored: no caches, no build) copied to a temporary folder with the installed packages
 * linked in, built (`npm run prepare`, as `npm ci` ends), then `npm test` and `npm run test:unit`,
 * each with its wall-clock and CPU time (every process it started and waited for) and mocha's
 * summary; and the ten test files of `npm test` that took longest (wall time, hooks included,
 * reported by the suite's root hooks through {@link TEST_FILE_TIMES_ENV}). The suite's CPU time
 * includes its shared browser, which reports its own (it is not a child the suite waits for).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { paths } from "../paths.js";
import { ms, type ProcessTiming, timeProcess } from "./measure.js";

/** The environment variable naming the file to which each test file appends `{file, ms, cpuMs}` (test/setup). */
export const TEST_FILE_TIMES_ENV = "INTERSPIN_TEST_FILE_TIMES";

/** One run of a test command. */
export interface SuiteRun {
  ms: number;
  cpuMs: number | null;
  exitCode: number | null;
  summary: string;
  /** The titles of the failing tests, as mocha lists them. */
  failures: string[];
}

/** One test file's time in `npm test`. */
export interface FileTime {
  file: string;
  ms: number;
  /** CPU time of the mocha worker for it and of the processes it started and waited for (kernels, browsers, servers, commands). */
  cpuMs: number;
}

/** What section (g) measured. */
export interface TestsBench extends SuiteRun {
  unit: SuiteRun;
  /** The ten slowest test files of `npm test`, slowest first. */
  slowest: FileTime[];
  /** Every test file of `npm test`, slowest first. */
  files: FileTime[];
}

/**
 * The passing/failing counts from mocha's spec reporter output, e.g. "682 passing, 0 failing".
 * @example mochaSummary("  682 passing (17m)\n  2 pending\n") // => "682 passing, 0 failing, 2 pending"
 */
export function mochaSummary(output: string): string {
  const count = (word: string) => Number(new RegExp(`^\\s*(\\d+) ${word}\\b`, "m").exec(output)?.[1] ?? 0);
  const pending = count("pending");
  return `${count("passing")} passing, ${count("failing")} failing${pending ? `, ${pending} pending` : ""}`;
}

/**
 * The slowest test files from the lines the suite's root hooks wrote, slowest first.
 * @example slowestFiles('{"file":"a","ms":5,"cpuMs":1}\n{"file":"b","ms":9,"cpuMs":2}\n', 1) // => [{ file: "b", ms: 9, cpuMs: 2 }]
 */
export function slowestFiles(lines: string, top = 10): FileTime[] {
  return lines
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as FileTime)
    .sort((a, b) => b.ms - a.ms || a.file.localeCompare(b.file))
    .slice(0, top);
}

/**
 * A fresh clone of the project as it is now: its files that git tracks or would track, copied to
 * `dir`, and `node_modules` as hard links (nothing in it is written).
 * @example freshClone("/tmp/clone") // => "/tmp/clone" with package.json, src/, test/ … and no dist/
 */
export function freshClone(dir: string): string {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: paths.root,
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  })
    .split("\0")
    .filter(Boolean);
  for (const f of files) {
    mkdirSync(join(dir, dirname(f)), { recursive: true });
    try {
      cpSync(join(paths.root, f), join(dir, f), { verbatimSymlinks: true });
    } catch (e) {
      // A file deleted in the working tree but not yet in git's index.
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  execFileSync("cp", ["-al", join(paths.root, "node_modules"), join(dir, "node_modules")]);
  return dir;
}

/**
 * The failing tests of mocha's spec reporter output: the numbered titles after "N failing".
 * @example failingTests("  1 failing\n\n  1) suite\n       does it:\n     Error") // => ["suite: does it"]
 */
export function failingTests(output: string): string[] {
  const after = output.split(/^\s*\d+ failing\s*$/m)[1] ?? "";
  const titles: string[] = [];
  const lines = after.split("\n");
  lines.forEach((line, i) => {
    const m = /^ {2}\d+\) (.+)$/.exec(line);
    if (m) titles.push(`${m[1]!.trim()}: ${(lines[i + 1] ?? "").trim().replace(/:$/, "")}`);
  });
  return titles;
}

const suiteRun = (t: ProcessTiming): SuiteRun => ({
  ms: ms(t.ms),
  cpuMs: t.cpuMs,
  exitCode: t.code,
  summary: mochaSummary(t.stdout),
  failures: failingTests(t.stdout),
});

/**
 * Runs `npm test` and `npm run test:unit` once each in a fresh clone.
 * @example (await benchTests()).unit.summary // => "512 passing, 0 failing"
 */
export async function benchTests(): Promise<TestsBench> {
  const work = mkdtempSync(join(tmpdir(), "interspin-bench-tests-"));
  const times = join(work, "file-times.jsonl");
  try {
    const clone = freshClone(join(work, "clone"));
    const prepared = await timeProcess("npm", ["run", "-s", "prepare"], { cwd: clone });
    if (prepared.code !== 0) throw new Error(`npm run prepare failed in the fresh clone: ${prepared.stderrTail}`);
    const full = await timeProcess("npm", ["test"], { cwd: clone, env: { [TEST_FILE_TIMES_ENV]: times } });
    const unit = await timeProcess("npm", ["run", "test:unit"], { cwd: clone });
    let lines = "";
    try {
      lines = readFileSync(times, "utf8");
    } catch {
      // No file finished.
    }
    const files = slowestFiles(lines, Number.POSITIVE_INFINITY);
    // Processes outside the suite's own tree (its shared browser) report their CPU time as lines named "(…)".
    const outside = files.filter((f) => f.file.startsWith("(")).reduce((sum, f) => sum + f.cpuMs, 0);
    const run = suiteRun(full);
    return {
      ...run,
      cpuMs: run.cpuMs === null ? null : run.cpuMs + outside,
      unit: suiteRun(unit),
      slowest: files.slice(0, 10),
      files,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
