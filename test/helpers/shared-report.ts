/**
 * One complete report run for the tests that only read what it wrote, and its execution cache
 * for the tests that run the report themselves but test something other than notebook
 * execution (the exports, the book, the front ends). A chapter notebook takes a tslab kernel
 * 2–4 s; the run executes every notebook once for the whole test process.
 */
import { cpSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { markOutputFolder } from "../../src/output/output-folder.js";
import { parseReportOptions } from "../../src/report/report-options.js";
import { onceInSuite, SHARED_RUNS, sharedReportRun, tempFolder } from "../reliability/helpers.js";

/**
 * The output folder of `npm run report -- --no-static` on the shipped data (every chapter and
 * seminar notebook, German), run on first use and shared by every test file of this process.
 * Read it, never write into it.
 * @throws Error with the run's error lines when it does not exit 0.
 */
export function sharedReport(): Promise<string> {
  return sharedReportRun(0);
}

/** Where a run keeps its executed notebooks for reuse (see src/notebook/run/execution-cache.ts). */
const NOTEBOOK_CACHE = join(".cache", "notebooks");

/**
 * A new output folder (`<tmp>/<prefix>XXXX/output`), claimed for the report as a first run
 * claims it, whose execution cache holds the notebooks the shared run executed. A report run
 * into it on the shipped data with the default parameters (any `--chapters`, with or without
 * `--no-static`) then reuses them instead of starting kernels; everything after execution
 * (figures, static renderings, pictures in the notebooks, verification, book, publish) runs as
 * always. A notebook that differs from the stored one (`--notebooks`, `--lang en`, other data)
 * still executes.
 * @returns the output folder; the caller removes `dirname(out)`.
 * @throws when the shared run failed or left no execution cache.
 */
export async function seededOutputFolder(prefix: string): Promise<string> {
  const cache = join(await sharedReport(), NOTEBOOK_CACHE);
  if (!existsSync(cache)) throw new Error(`the shared report run left no execution cache in ${cache}`);
  const out = join(mkdtempSync(join(tmpdir(), prefix)), "output");
  markOutputFolder(out);
  cpSync(cache, join(out, NOTEBOOK_CACHE), { recursive: true });
  return out;
}

let staticReport: Promise<string> | undefined;

/**
 * The output folder of a whole `npm run report` on the shipped data with static renderings (a PNG
 * in every figure output of the executed notebooks, SVG/PNG files, PDFs), its notebooks taken
 * from the shared run's execution cache; made once for the whole mocha run and shared by the
 * test files that read it (the front ends). Read it, never write into it.
 */
export function sharedStaticReport(): Promise<string> {
  staticReport ??= (async () => {
    const make = async (dir: string) => {
      const out = join(dir, "output");
      markOutputFolder(out);
      cpSync(join(await sharedReport(), NOTEBOOK_CACHE), join(out, NOTEBOOK_CACHE), { recursive: true });
      const { buildReport } = await import("../../src/report/build-report.js");
      await buildReport(parseReportOptions(["--out", out]), () => {}, { progress: false });
      return out;
    };
    const root = process.env[SHARED_RUNS];
    return root ? onceInSuite(root, "static", make) : make(tempFolder("interspin-static-"));
  })();
  return staticReport;
}
