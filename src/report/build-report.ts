/**
 * `npm run report` as a function: check the output folder and the inputs, validate the data,
 * execute the chapter notebooks, export the figures, verify the published numbers, write the
 * book. Everything is built in a staging folder inside the output folder and published with one
 * switch at the end (see publish.ts), so an interrupted run leaves the previous complete output,
 * never a mix, and nothing the tool did not write is ever removed.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { ColumnTable } from "arquero";
import { loadSurvey } from "../data/load.js";
import { importLimeSurvey } from "../data/import-limesurvey.js";
import { importReport } from "../data/limesurvey-report.js";
import { surveyCsv } from "../data/reconstruct.js";
import { loadCodebook } from "../data/codebook.js";
import type { NotebookResult } from "../notebook/run/runner.js";
import { runNotebooksCached, type CachedNotebookResult } from "../notebook/run/execution-cache.js";
import { localizeNotebook } from "../notebook/format/localize.js";
import { KernelPool } from "../notebook/run/kernel-pool.js";
import { createProgressReporter } from "../notebook/run/progress.js";
import { displayPath, paths } from "../paths.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import type { ReportOptions } from "./report-options.js";
import { exportFigures } from "../render/export-figures.js";
import { addStaticFiguresToNotebooks } from "./notebook-figures.js";
import { verifyPublished } from "../verify/verify.js";
import { verificationHtml, verificationJson, verificationMarkdown } from "../verify/verification-report.js";
import { readTeachingPages, writeBook, writeSiteIndex } from "../book/book.js";
import type { Lang } from "../data/codebook.js";
import type { FigureFiles } from "../book/figure-pages.js";
import { numberRows } from "../figures/common/numbers.js";
import { readFileSync } from "node:fs";
import { isReconstruction, suppressSmallCells, type SuppressedCell } from "../data/disclosure.js";
import { requireMinCell, minCellOf, isOwnData } from "../data/disclosure-policy.js";
import { claimsEvidence, type ClaimEvidence } from "../verify/claim-evidence.js";
import { figures } from "../figures/index.js";
import { stableJson } from "../util/stable-json.js";
import { checkInputFile } from "../node/input-file.js";
import { checkRespondents } from "../data/study-facts.js";
import { loadStudy } from "../data/study-facts.js";
import { removeOnExit } from "../node/exit-cleanup.js";
import { removeStaleTemp } from "../node/stale-temp.js";
import { checkOutputFolder, claimOutputFolder, shownFolder } from "../output/output-folder.js";
import {
  checkPublishable,
  currentVersion,
  keepFailedRun,
  publish,
  recoverOutput,
  stagingFolder,
} from "../output/publish.js";
import { checkFeasible } from "./feasibility.js";
import { printPdfsCached } from "../book/pdf.js";
import { chromiumPath } from "../render/render-static.js";
import { cachedRenderer, type CachedRenderer } from "../render/render-cache.js";
import { runKey, unchangedRun, type RunRecord } from "./run-key.js";
import { InterspinError } from "../util/errors.js";
import { sha256 } from "../node/hash.js";

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

/** Loads and validates the chosen data; a LimeSurvey export is converted to a survey CSV. */
function prepareData(
  o: ReportOptions,
  log: (s: string) => void,
): { table: ColumnTable; file: string; importCsv?: string; importSummary?: string } {
  if (o.limesurvey) {
    const imported = importLimeSurvey(o.limesurvey, {
      mapping: o.mapping!,
      keepIncomplete: o.includeIncomplete,
      encoding: o.encoding,
      allow: o.allow,
      ...(o.structure && { structure: o.structure }),
    });
    requireMinCell(imported.table, o.minCell);
    const importSummary = importReport(imported);
    log(importSummary.trimEnd());
    const csv = surveyCsv(imported.table.objects() as Record<string, number | string>[], loadCodebook());
    // Outside the output folder, named by content: a failed run leaves output/ untouched, and the
    // notebooks record the same path for the same import.
    const file = join(paths.root, ".cache", "imports", `${sha256(csv).slice(0, 16)}.csv`);
    if (!existsSync(file)) writeFileAtomic(file, csv);
    return { table: imported.table, file, importCsv: csv, importSummary };
  }
  const file = o.data ?? paths.survey;
  const table = loadSurvey(file);
  return { table: isReconstruction(readFileSync(file)) ? table : requireMinCell(table, o.minCell), file };
}

/** The output folder is the tool's to write and the inputs are regular files within the size limit. */
function checkPlaces(o: ReportOptions): void {
  const inputs = [o.data, o.limesurvey, o.mapping, o.structure].filter((f): f is string => !!f);
  checkOutputFolder(o.out, { files: inputs, folders: [o.notebooks] });
  checkPublishable(o.out, PRODUCTS);
  for (const f of inputs) checkInputFile(f, displayPath(f), o.maxInputBytes);
}

/**
 * Everything checked about the data before anything runs: they fit the codebook and the
 * study's facts, and the chosen chapters can compute their statistics on them.
 */
function prepareRun(o: ReportOptions, notebooks: string[], log: (s: string) => void): ReturnType<typeof prepareData> {
  loadCodebook();
  const study = loadStudy();
  const data = prepareData(o, log);
  const shown = displayPath(o.limesurvey ?? data.file);
  checkRespondents(data.table.numRows(), study, { survey: shown, study: "data/study.json" });
  // The shipped reconstruction is known to give every statistic (the tests run it).
  if (o.limesurvey || !isReconstruction(readFileSync(data.file)))
    checkFeasible(
      data.table,
      notebooks.map((nb) => basename(nb)),
      shown,
      o.lang,
    );
  return data;
}

/** The cells the figures suppress for disclosure control (none for the reconstruction). */
function suppressedCells(table: ColumnTable, o: ReportOptions): SuppressedCell[] {
  if (minCellOf(table) === 0) return [];
  return figures.flatMap(
    (f) =>
      suppressSmallCells(f.numbers(table, { lang: o.lang, minCell: 0 }), { k: minCellOf(table), figure: f.id })
        .suppressed,
  );
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
 * @throws OutputFolderError, ReportError, DataFileError, CodebookError, StudyError, SurveyValidationError, LimeSurveyMappingError with a
 * message naming the file and problem; the output folder is then left as it was.
 */
export async function buildReport(
  o: ReportOptions,
  log: (s: string) => void = (s) => process.stderr.write(`${s}\n`),
  show: { progress?: boolean } = {},
): Promise<ReportResult> {
  const notebooks = chapterNotebooks(o.chapters, o.notebooks);
  checkPlaces(o);
  const key = runKey(o);
  const unchanged = o.force ? undefined : unchangedOutput(o, key, notebooks, log);
  if (unchanged) return unchanged;
  const data = prepareRun(o, notebooks, log);
  const release = claimOutputFolder(o.out);
  try {
    return await runAndPublish(o, notebooks, data, log, show, key);
  } finally {
    release();
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
  // A folder without a published run is left alone until the data are known to be good.
  if (!currentVersion(o.out)) return undefined;
  const release = claimOutputFolder(o.out);
  try {
    recover(o, log);
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
  } finally {
    release();
  }
}

/** Repairs what a killed run left (publish.ts) and says which files of old versions were kept. */
function recover(o: ReportOptions, log: (s: string) => void): void {
  for (const f of recoverOutput(o.out)) log(`kept ${shownFolder(join(o.out, f))}: this tool did not write it`);
}

/** The run itself, holding the output folder's lock: notebooks, figures, verification, book, publish. */
async function runAndPublish(
  o: ReportOptions,
  notebooks: string[],
  data: ReturnType<typeof prepareData>,
  log: (s: string) => void,
  show: { progress?: boolean },
  key: string,
): Promise<ReportResult> {
  recover(o, log);
  removeStaleTemp();
  const stage = stagingFolder(o.out);
  const forgetStage = removeOnExit(stage);
  if (data.importCsv) writeFileAtomic(join(stage, "data", "survey-import.csv"), data.importCsv);
  if (data.importSummary) writeFileAtomic(join(stage, "data", "import-summary.txt"), data.importSummary);
  // One browser for every figure rendering of the run, started at the first the render cache lacks.
  let renderer: CachedRenderer | undefined;
  const closeRenderer = async () => {
    const r = renderer;
    renderer = undefined;
    await r?.close();
  };
  try {
    const dataParam = o.data || o.limesurvey ? relative(o.notebooks, data.file).split("\\").join("/") : "";
    const progress = show.progress === false ? { update: () => {}, close: () => {} } : createProgressReporter();
    // The book's languages run in the same kernels, each notebook in a new session.
    const pool = new KernelPool();
    const runIn = (lang: Lang, outDir: string): Promise<CachedNotebookResult[]> =>
      runNotebooksCached(notebooks, {
        cacheDir: join(o.out, ".cache", "notebooks"),
        force: o.force,
        dataFile: data.file,
        outDir,
        timeoutMs: o.timeoutMs,
        maxCellOutputBytes: o.maxCellOutputBytes,
        parameters: { lang, data: dataParam, minCell: o.minCell },
        freshKernels: o.freshKernels,
        pool,
        // The book's other languages name their runs, so the two runs of a chapter stay apart.
        onProgress: (e) => progress.update(lang === o.lang ? e : { ...e, notebook: `${e.notebook} (${lang})` }),
        prepare: (nb) => localizeNotebook(nb, lang),
        ...(o.jobs ? { concurrency: o.jobs } : {}),
      });
    let results: CachedNotebookResult[];
    // The book's other languages: executed into a hidden folder of the stage, read, then removed.
    const otherLangs = o.bookLangs.filter((l) => l !== o.lang);
    const others = new Map<Lang, CachedNotebookResult[]>();
    try {
      results = await runIn(o.lang, stage);
      if (!results.some((r) => r.status !== "ok")) {
        for (const lang of otherLangs) others.set(lang, await runIn(lang, join(stage, `.book-${lang}`)));
      }
    } finally {
      progress.close();
      await pool.close();
    }
    const otherFailed = [...others.values()].flat().filter((r) => r.status !== "ok");
    if (otherFailed.length)
      results = [...results, ...otherFailed.map((r) => ({ ...r, name: `${r.name} (${otherLangs.join(", ")})` }))];
    const reused = results.filter((r) => r.cached).length;
    if (reused)
      log(
        `${reused} of ${results.length} notebooks unchanged since their last run: stored outputs reused (--force runs them again)`,
      );
    const failed = results.filter((r) => r.status !== "ok");
    if (failed.length) {
      const kept = keepFailedRun(o.out, stage);
      forgetStage();
      return { notebooks: results, figures: [], staticRendered: false, mismatches: [], failed, failedRunDir: kept };
    }
    for (const lang of otherLangs) rmSync(join(stage, `.book-${lang}`), { recursive: true, force: true });
    const renderCache = { dir: join(o.out, ".cache", "figures"), force: o.force };
    renderer = o.static ? (cachedRenderer({ cacheDir: renderCache.dir, force: o.force }) ?? undefined) : undefined;
    const exported = await exportFigures(data.table, {
      outDir: join(stage, "figures"),
      lang: o.lang,
      smallBase: o.smallBase,
      static: o.static,
      log,
      renderCache,
      renderer,
    });
    if (exported.staticRendered) {
      const pictured = await addStaticFiguresToNotebooks(results, {
        cacheDir: renderCache.dir,
        force: o.force,
        workDir: join(stage, ".notebook-figures"),
        renderer,
      });
      pictured?.forEach((nb, i) => {
        if (nb) results[i] = { ...results[i]!, notebook: nb };
      });
    }
    const reconstruction = !o.data && !o.limesurvey;
    const verification = verifyPublished(data.table);
    const claims = claimsEvidence(data.table).objects() as unknown as ClaimEvidence[];
    const asShipped = { reconstruction: isReconstruction(readFileSync(data.file)) };
    writeFileAtomic(join(stage, "verification.json"), verificationJson(verification, claims, asShipped));
    writeFileAtomic(join(stage, "verification.md"), verificationMarkdown(verification, o.lang, claims, asShipped));
    writeFileAtomic(join(stage, "verification.html"), verificationHtml(verification, o.lang, claims, asShipped));
    const suppressed = suppressedCells(data.table, o);
    if (minCellOf(data.table) > 0) {
      writeFileAtomic(join(stage, "disclosure.json"), stableJson({ minCell: minCellOf(data.table), suppressed }));
      log(
        `disclosure control: ${suppressed.length} cells with fewer than ${minCellOf(data.table)} respondents suppressed in ${new Set(suppressed.map((c) => c.figure)).size} figures (list: disclosure.json)`,
      );
    } else if (isOwnData(data.table)) {
      writeFileAtomic(join(stage, "disclosure.json"), stableJson({ minCell: o.minCell, suppressed }));
      log(`disclosure control: off (--min-cell ${o.minCell}): no count is suppressed; zeros are not small cells`);
    }
    const chaptersOf = (rs: readonly CachedNotebookResult[]) =>
      rs.filter((r) => r.notebook).map((r) => ({ name: r.name, notebook: r.notebook! }));
    for (const lang of o.bookLangs) {
      const chapters = chaptersOf(lang === o.lang ? results : others.get(lang)!);
      const shown =
        lang === o.lang
          ? exported
          : await exportFigures(data.table, {
              outDir: join(stage, `.figures-${lang}`),
              lang,
              smallBase: o.smallBase,
              static: o.static,
              log,
              renderCache,
              renderer,
            });
      const figureFiles = copyFigureFiles(
        lang === o.lang ? join(stage, "figures") : join(stage, `.figures-${lang}`),
        join(stage, "site", lang, "figures"),
        shown.ids,
      );
      rmSync(join(stage, `.figures-${lang}`), { recursive: true, force: true });
      const figureNumbers = new Map(
        figures.map((f) => [f.id, numberRows(f.numbers(data.table, { lang, smallBase: o.smallBase }))]),
      );
      writeBook(
        {
          chapters,
          teaching: readTeachingPages(join(o.notebooks, "teaching"), lang),
          figures: shown.figures,
          figureNumbers,
          figureFiles,
          verification,
          claims,
          lang,
          languages: o.bookLangs,
          ...asShipped,
        },
        stage,
      );
    }
    await closeRenderer();
    writeSiteIndex(stage, o.bookLangs);
    await printBooks(stage, o, log);
    const mismatches = reconstruction
      ? verification.filter((v) => v.status === "mismatch" || v.status === "claim fails").map((v) => v.id)
      : [];
    const record = ({ stale }: { stale: string[] }): RunRecord => ({
      key,
      notebooks: results.map((r) => r.name),
      figures: exported.ids,
      staticRendered: exported.staticRendered,
      mismatches,
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
      notebooks: results,
      figures: exported.ids,
      staticRendered: exported.staticRendered,
      mismatches,
      failed: [],
      stale: published.stale,
    };
  } catch (e) {
    await closeRenderer().catch(() => undefined);
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
}

/** Prints each language's book to `report-<lang>.pdf` in the stage, or says in one line why not. */
async function printBooks(stage: string, o: ReportOptions, log: (s: string) => void): Promise<void> {
  const why = !o.static ? "static rendering is off (--no-static)" : !chromiumPath() ? "Chromium not found" : "";
  const printed = why
    ? null
    : await printPdfsCached(
        o.bookLangs.map((lang) => ({
          html: join(stage, "site", lang, "print.html"),
          pdf: join(stage, `report-${lang}.pdf`),
        })),
        { cacheDir: join(o.out, ".cache", "pdf"), force: o.force },
      );
  if (!printed) log(`no PDF of the book (report-${o.bookLangs.join("/")}.pdf): ${why || "Chromium not found"}`);
}

/**
 * Copies the picture, numbers and spec of each figure from an export folder into the book's
 * `figures/` folder of one language.
 * @returns per figure the copied files, relative to the book's pages.
 */
function copyFigureFiles(from: string, to: string, ids: readonly string[]): Map<string, FigureFiles> {
  const files = new Map<string, FigureFiles>();
  for (const id of ids) {
    const f: FigureFiles = {};
    for (const ext of ["png", "svg", "csv", "json"] as const) {
      if (!existsSync(join(from, `${id}.${ext}`))) continue;
      writeFileAtomic(join(to, `${id}.${ext}`), readFileSync(join(from, `${id}.${ext}`)));
      f[ext] = `figures/${id}.${ext}`;
    }
    files.set(id, f);
  }
  return files;
}

/** Up to five names and how many more. */
function listShort(names: string[]): string {
  return names.slice(0, 5).join(", ") + (names.length > 5 ? ` and ${names.length - 5} more` : "");
}
