/**
 * Global fixture of the test suite (loaded by `.mocharc.json`'s `require`): one folder for the
 * report runs that test files share, made before the first test and removed after the last. Its
 * path reaches every process of the run through the environment, so mocha's parallel workers
 * make each shared run once between them (see sharedReportRun).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SHARED_RUNS } from "../reliability/helpers.js";
import { installFileSource } from "../../src/node/file-source.js";

// Every test reads the project's data through the core's data source, from disk.
installFileSource();

/** Makes the folder of the shared runs and announces it to the processes started from here on. */
export function mochaGlobalSetup(): void {
  process.env[SHARED_RUNS] = mkdtempSync(join(tmpdir(), "interspin-shared-runs-"));
}

/** Removes the folder of the shared runs. */
export function mochaGlobalTeardown(): void {
  const dir = process.env[SHARED_RUNS];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
