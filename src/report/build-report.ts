/**
 * `npm run report` as a function, in steps that each take only what they use: read every input
 * once (run-inputs.ts), claim the output folder once, load and check the data (report-data.ts),
 * run the notebooks (notebook-step.ts), write figures, verification, books and PDFs
 * (publication-step.ts), and publish. Everything is built in a staging folder inside the output
 * folder and published with one switch at the end (see output/publish.ts), so an interrupted
 * run leaves the previous complete output, never a mix, and nothing the tool did not write is
 * ever removed. An input changed while the run went on stops it before it publishes.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import type { NotebookResult } from "../notebook/run/runner.js";
import { displayPath, paths } from "../paths.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import type { ReportOptions } from "./report-options.js";
import { checkInputFile } from "../node/input-file.js";
import { removeOnExit } from "../node/exit-cleanup.js";
import { removeStaleTemp } from "../node/stale-temp.js";
import { writeFrozenInputs } from "../node/frozen-inputs.js";
import { checkInstalled } from "../node/dependency-hash.js";
import { dataSource, useDataSource } from "../data/source.js";
import { checkOutputFolder, claimOutputFolder, shownFolder } from "../output/output-folder.js";
import {
  checkPublishable,
  currentVersion,
  inputsFolder,
  keepFailedRun,
  publish,
  recoverOutput,
  stagingFolder,
} from "../output/publish.js";
import { runKey, unchangedRun, type RunRecord } from "./run-key.js";
import { inputSource, readRunInputs, requireUnchangedInputs, toFreeze, type RunInputs } from "./run-inputs.js";
import { prepareData, type RunData } from "./report-data.js";
import { runChapters } from "./notebook-step.js";
import { writePublication } from "./publication-step.js";
import { InterspinError } from "../util/errors.js";

/** Raised when the run cannot go on; the message says what to do. */
export class ReportError extends InterspinError {
  override name = "ReportError";
}

/** The outcome of a run. */
export interface ReportResult {
  notebooks: NotebookResult[];
  figures: string[];
  staticRendered: boolean;
  mismatches: string[];
  failed: NotebookResult[];
  /** When a notebook failed: where the executed notebooks of this run were kept (`<out>/.interspin/failed-run`; the products are unchanged). */
  failedRunDir?: string;
  /** Products of earlier runs this run did not write, kept (paths relative to the output folder). */
  stale?: string[];
  /** Set when nothing had changed since that run (see run-key.ts): nothing was run or written. */
  unchangedSince?: number;
}

/**
 * The number of the failing cell in the notebook as stored (1-based, all cells counted, an
 * injected parameters cell not counted), as the runner reports it.
 * @example storedCellNumber({ failure: { cellNumber: 4, … }, … }) // => 4
 */
export function storedCellNumber(r: NotebookResult): number | undefined {
  return r.failure?.cellNumber;
}

/** The notebooks of the chosen chapters, in name order. */
export function chapterNotebooks(chapters: string[], dir = paths.notebooks): string[] {
  if (!existsSync(dir)) throw new ReportError(`notebook folder not found: ${dir}`);
  const all = readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  const chosen = chapters.length ? all.filter((f) => chapters.some((c) => f.startsWith(c))) : all;
  if (!all.length) throw new ReportError(`no notebooks (*.ipynb) in ${dir}`);
  const unknown = chapters.filter((c) => !all.some((f) => f.startsWith(c)));
  if (unknown.length)
    throw new ReportError(`no notebook for chapter ${unknown.join(", ")}; notebooks: ${all.join(", ")}`);
  return chosen.map((f) => join(dir, f));
}

/** What a run writes into the output folder (top-level names); anything else there (a user's notes, `.cache`) is kept. */
const PRODUCTS = [
  "data",
  "disclosure.json",
  "figures",
  "notebooks",
  "report-de.pdf",
  "report-en.pdf",
  "site",
  "verification.html",
  "verification.json",
  "verification.md",
];

/**
 * Runs the whole report.
 * @throws OutputFolderError, ReportError, DataFileError, CodebookError, StudyError, SurveyValidationError,
 * LimeSurveyMappingError, InputChangedError with a message naming the file and problem; the output
 * folder is then left as it was.
 */
export async function buildReport(
  o: ReportOptions,
  log: (s: string) => void = (s) => process.stderr.write(`${s}\n`),
  show: { progress?: boolean } = {},
): Promise<ReportResult> {
  const notebooks = chapterNotebooks(o.chapters, o.notebooks);
  const inputFiles = [o.data, o.limesurvey, o.mapping, o.structure, o.study].filter((f): f is string => !!f);
  checkOutputFolder(o.out, { files: inputFiles, folders: [o.notebooks] });
  for (const f of inputFiles) checkInputFile(f, displayPath(f), o.maxInputBytes);
  checkInstalled();
  const inputs = readRunInputs(o);
  const previous = dataSource();
  useDataSource(inputSource(inputs, previous));
  try {
    const key = runKey(o, process.env, paths.root, inputs);
    // A folder with a published run is the tool's: it is claimed at once (and claimed once); a
    // new one is left alone until the data are known to be good.
    const published = currentVersion(o.out) !== undefined;
    let release = published ? claim(o, log) : undefined;
    try {
      if (published && !o.force) {
        const unchanged = unchangedOutput(o, key, notebooks, log);
        if (unchanged) return unchanged;
      }
      const data = prepareData(o, inputs, notebooks, log);
      release ??= claim(o, log);
      return await runAndPublish(o, notebooks, inputs, data, key, log, show);
    } finally {
      release?.();
    }
  } finally {
    useDataSource(previous);
  }
}

/** Takes the output folder's lock, repairs what a killed run left, and checks that publishing would change only the tool's files. */
function claim(o: ReportOptions, log: (s: string) => void): () => void {
  const release = claimOutputFolder(o.out);
  try {
    for (const f of recoverOutput(o.out)) log(`kept ${shownFolder(join(o.out, f))}: this tool did not write it`);
    checkPublishable(o.out, PRODUCTS);
    return release;
  } catch (e) {
    release();
    throw e;
  }
}

/**
 * The outcome of the last run when it had the same run key and its products are in place:
 * that run's output is what this one would write, so nothing is run or written.
 */
function unchangedOutput(
  o: ReportOptions,
  key: string,
  notebooks: string[],
  log: (s: string) => void,
): ReportResult | undefined {
  const last = unchangedRun(o.out, key);
  if (!last) return undefined;
  log(
    `nothing changed since run ${last.run} (options, data, notebooks, code and browser are the same, and every product is as it wrote it): ${shownFolder(o.out)} is up to date (--force runs everything again)`,
  );
  if (last.record.stale.length)
    log(
      `kept from an earlier run, not written by this one (stale; --clean drops them): ${listShort(last.record.stale)}`,
    );
  if (last.carried.length) log(`kept files this tool did not write inside its products: ${listShort(last.carried)}`);
  const byName = new Map(notebooks.map((nb) => [basename(nb, ".ipynb"), nb]));
  return {
    notebooks: last.record.notebooks.map((name) => ({
      path: byName.get(name) ?? name,
      name,
      status: "ok" as const,
      durationMs: 0,
      cached: true,
    })),
    figures: last.record.figures,
    staticRendered: last.record.staticRendered,
    mismatches: last.record.mismatches,
    failed: [],
    stale: last.record.stale,
    unchangedSince: last.run,
  };
}

/** The run itself, holding the output folder's lock: notebooks, figures, verification, book, publish. */
async function runAndPublish(
  o: ReportOptions,
  notebooks: string[],
  inputs: RunInputs,
  data: RunData,
  key: string,
  log: (s: string) => void,
  show: { progress?: boolean },
): Promise<ReportResult> {
  removeStaleTemp();
  const stage = stagingFolder(o.out);
  const frozen = inputsFolder(o.out);
  const forgetStage = removeOnExit(stage);
  const forgetFrozen = removeOnExit(frozen);
  try {
    const fixed = toFreeze(inputs);
    writeFrozenInputs(frozen, { ...fixed, user: new Map([...fixed.user, [data.file, data.bytes]]) });
    if (data.importCsv) writeFileAtomic(join(stage, "data", "survey-import.csv"), data.importCsv);
    if (data.importSummary) writeFileAtomic(join(stage, "data", "import-summary.txt"), data.importSummary);
    const runs = await runChapters(o, notebooks, data, inputs, { stage, frozen }, log, show);
    const reused = runs.results.filter((r) => r.cached).length;
    if (reused)
      log(
        `${reused} of ${runs.results.length} notebooks unchanged since their last run: stored outputs reused (--force runs them again)`,
      );
    const failed = runs.results.filter((r) => r.status !== "ok");
    if (failed.length) {
      const kept = keepFailedRun(o.out, stage);
      forgetStage();
      return {
        notebooks: runs.results,
        figures: [],
        staticRendered: false,
        mismatches: [],
        failed,
        failedRunDir: kept,
      };
    }
    for (const lang of runs.others.keys()) rmSync(join(stage, `.book-${lang}`), { recursive: true, force: true });
    const made = await writePublication(o, data, inputs, runs, stage, log);
    requireUnchangedInputs(inputs, o);
    const record = ({ stale }: { stale: string[] }): RunRecord => ({
      key,
      notebooks: made.results.map((r) => r.name),
      figures: made.figures,
      staticRendered: made.staticRendered,
      mismatches: made.mismatches,
      stale,
    });
    const published = publish(o.out, stage, { clean: o.clean, record: (found) => ({ ...record(found) }) });
    forgetStage();
    if (published.stale.length)
      log(
        `kept from an earlier run, not written by this one (stale; --clean drops them): ${listShort(published.stale)}`,
      );
    if (published.carried.length)
      log(`kept files this tool did not write inside its products: ${listShort(published.carried)}`);
    return {
      notebooks: made.results,
      figures: made.figures,
      staticRendered: made.staticRendered,
      mismatches: made.mismatches,
      failed: [],
      stale: published.stale,
    };
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    throw e;
  } finally {
    rmSync(frozen, { recursive: true, force: true });
    forgetFrozen();
  }
}

/** Up to five names and how many more. */
function listShort(names: string[]): string {
  return names.slice(0, 5).join(", ") + (names.length > 5 ? ` and ${names.length - 5} more` : "");
}
