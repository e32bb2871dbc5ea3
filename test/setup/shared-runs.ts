/**
 * Global fixture of the test suite (loaded by `.mocharc.json`'s `require`): one folder for the
 * report runs and the browser that test files share, made before the first test and removed after
 * the last (which also ends the browser). Its
 * path reaches every process of the run through the environment, so mocha's parallel workers
 * make each shared run once between them (see sharedReportRun).
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { SHARED_RUNS } from "../reliability/helpers.js";
import { installFileSource } from "../../src/node/file-source.js";
import { TEST_FILE_TIMES_ENV } from "../../src/bench/tests-bench.js";
import { SUITE_PID } from "../helpers/browser.js";
import { processAlive } from "../../src/node/process-alive.js";

// Every test reads the project's data through the core's data source, from disk.
installFileSource();

let fileStarted = 0;
let fileCpu = 0;

/**
 * Root hooks: in mocha's parallel mode `beforeAll` and `afterAll` run once per test file, so with
 * {@link TEST_FILE_TIMES_ENV} set each file's wall time (its hooks included) and the CPU time of the worker
 * and of the processes it started (kernels, browsers, servers, commands) are recorded, for the slowest files in `npm run bench -- --only tests`.
 */
export const mochaHooks = {
  beforeAll(): void {
    fileStarted = performance.now();
    fileCpu = cpuMs();
  },
  afterAll(this: Mocha.Context): void {
    const out = process.env[TEST_FILE_TIMES_ENV];
    const file = this.test?.parent?.suites[0]?.file;
    if (!out || !file) return;
    const line = {
      file: relative(process.cwd(), file),
      ms: Math.round(performance.now() - fileStarted),
      cpuMs: Math.round(cpuMs() - fileCpu),
    };
    appendFileSync(out, `${JSON.stringify(line)}\n`);
  },
};

/** CPU time of this process and of every process it started and waited for (Linux: /proc; else its own). */
function cpuMs(): number {
  try {
    const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    // utime, stime, cutime, cstime in clock ticks of 10 ms
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

/** Makes the folder of the shared runs and announces it to the processes started from here on. */
export function mochaGlobalSetup(): void {
  process.env[SHARED_RUNS] = mkdtempSync(join(tmpdir(), "interspin-shared-runs-"));
  // The suite's shared browser (test/helpers/browser.ts) ends when this process is gone.
  process.env[SUITE_PID] = String(process.pid);
}

/** Removes the folder of the shared runs, which ends the shared browser, and waits until it has ended. */
export async function mochaGlobalTeardown(): Promise<void> {
  const dir = process.env[SHARED_RUNS];
  if (!dir) return;
  let browser = 0;
  try {
    browser = Number(readFileSync(join(dir, "browser", "pid"), "utf8"));
  } catch {
    // No test asked for a browser.
  }
  rmSync(dir, { recursive: true, force: true });
  for (const end = Date.now() + 15_000; browser && processAlive(browser) && Date.now() < end; )
    await new Promise((r) => setTimeout(r, 100));
}
