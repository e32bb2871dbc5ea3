/**
 * `npm run report` as a function: validate the data, execute the chapter notebooks, export
 * the figures, verify the published numbers, write the book. Everything is built in a staging
 * folder and moved into place at the end, so an interrupted run leaves the previous complete
 * output (or none), never a mix.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { ColumnTable } from "arquero";
import { loadSurvey } from "../data/load.js";
import { importLimeSurvey } from "../data/import-limesurvey.js";
import { surveyCsv } from "../data/reconstruct.js";
import { loadCodebook } from "../data/codebook.js";
import { runNotebooks, type NotebookResult } from "../notebook/runner.js";
import { localizeNotebook } from "../notebook/localize.js";
import { createProgressReporter } from "../notebook/progress.js";
import { paths } from "../paths.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import type { ReportOptions } from "../cli/report-options.js";
import { exportFigures } from "./export-figures.js";
import { verifyPublished } from "./verify.js";
import { verificationHtml, verificationJson, verificationMarkdown } from "./verification-report.js";
import { writeBook } from "./book.js";
import { readFileSync } from "node:fs";
import { isReconstruction, suppressSmallCells, type SuppressedCell } from "../data/disclosure.js";
import { requireMinCell, minCellOf } from "./disclosure-policy.js";
import { claimsEvidence, type ClaimEvidence } from "./claims.js";
import { figures } from "../figures/index.js";
import { stableJson } from "../util/stable-json.js";

/** Raised when the run cannot go on; the message says what to do. */
export class ReportError extends Error {
  override name = "ReportError";
}

/** The outcome of a run. */
export interface ReportResult {
  notebooks: NotebookResult[]; figures: string[]; staticRendered: boolean;
  mismatches: string[]; failed: NotebookResult[];
  /** When a notebook failed: where the executed notebooks of this run were kept (output/ is unchanged). */
  failedRunDir?: string;
}

/**
 * The number of the failing cell in the notebook as stored (1-based, all cells counted): the
 * executed copy has one more cell after the parameters cell, which is not counted here.
 */
export function storedCellNumber(r: NotebookResult): number | undefined {
  if (!r.failure) return undefined;
  const injected = (r.notebook?.cells ?? []).findIndex((c) => (c.metadata?.tags as string[] | undefined)?.includes("injected-parameters"));
  return injected >= 0 && r.failure.cellIndex > injected ? r.failure.cellNumber - 1 : r.failure.cellNumber;
}

/** The notebooks of the chosen chapters, in name order. */
export function chapterNotebooks(chapters: string[], dir = paths.notebooks): string[] {
  if (!existsSync(dir)) throw new ReportError(`notebook folder not found: ${dir}`);
  const all = readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
  const chosen = chapters.length ? all.filter((f) => chapters.some((c) => f.startsWith(c))) : all;
  if (!all.length) throw new ReportError(`no notebooks (*.ipynb) in ${dir}`);
  const unknown = chapters.filter((c) => !all.some((f) => f.startsWith(c)));
  if (unknown.length) throw new ReportError(`no notebook for chapter ${unknown.join(", ")}; notebooks: ${all.join(", ")}`);
  return chosen.map((f) => join(dir, f));
}

/** Loads and validates the chosen data; a LimeSurvey export is converted to a survey CSV. */
function prepareData(o: ReportOptions, log: (s: string) => void): { table: ColumnTable; file: string } {
  if (o.limesurvey) {
    const imported = importLimeSurvey(o.limesurvey, { mapping: o.mapping! });
    requireMinCell(imported.table, o.minCell);
    if (imported.droppedIncomplete) log(`LimeSurvey import: ${imported.droppedIncomplete} of ${imported.responses} responses were incomplete and left out`);
    const file = join(o.out, "data", "survey-import.csv");
    writeFileAtomic(file, surveyCsv(imported.table.objects() as Record<string, number | string>[], loadCodebook()));
    return { table: imported.table, file };
  }
  const file = o.data ?? paths.survey;
  const table = loadSurvey(file);
  return { table: isReconstruction(readFileSync(file)) ? table : requireMinCell(table, o.minCell), file };
}

/** The cells the figures suppress for disclosure control (none for the reconstruction). */
function suppressedCells(table: ColumnTable, o: ReportOptions): SuppressedCell[] {
  if (minCellOf(table) === 0) return [];
  return figures.flatMap((f) => suppressSmallCells(f.numbers(table, { lang: o.lang, minCell: 0 }), { k: minCellOf(table), figure: f.id }).suppressed);
}

/** Moves each product of the staging folder into the output folder, replacing the old one. */
function publish(stage: string, out: string): void {
  for (const name of readdirSync(stage).sort()) {
    const target = join(out, name);
    const old = join(out, `.old-${name}`);
    rmSync(old, { recursive: true, force: true });
    if (existsSync(target)) renameSync(target, old);
    renameSync(join(stage, name), target);
    rmSync(old, { recursive: true, force: true });
  }
  rmSync(stage, { recursive: true, force: true });
}

/**
 * Runs the whole report.
 * @throws ReportError, DataFileError, SurveyValidationError, LimeSurveyMappingError with a
 * message naming the file and problem; the output folder is then left as it was.
 */
export async function buildReport(o: ReportOptions, log: (s: string) => void = (s) => process.stderr.write(`${s}\n`), show: { progress?: boolean } = {}): Promise<ReportResult> {
  const notebooks = chapterNotebooks(o.chapters, o.notebooks);
  const data = prepareData(o, log);
  const stage = join(o.out, `.staging-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  try {
    const dataParam = o.data || o.limesurvey ? relative(o.notebooks, data.file).split("\\").join("/") : "";
    const progress = show.progress === false ? { update: () => {}, close: () => {} } : createProgressReporter();
    let results: NotebookResult[];
    try {
      results = await runNotebooks(notebooks, {
        outDir: stage, timeoutMs: o.timeoutMs, parameters: { lang: o.lang, data: dataParam, minCell: o.minCell },
        onProgress: (e) => progress.update(e), prepare: (nb) => localizeNotebook(nb, o.lang), ...(o.jobs ? { concurrency: o.jobs } : {}),
      });
    } finally {
      progress.close();
    }
    const failed = results.filter((r) => r.status !== "ok");
    if (failed.length) {
      const keep = mkdtempSync(join(tmpdir(), "interspin-failed-run-"));
      renameSync(stage, join(keep, "run"));
      return { notebooks: results, figures: [], staticRendered: false, mismatches: [], failed, failedRunDir: join(keep, "run") };
    }
    const exported = await exportFigures(data.table, { outDir: join(stage, "figures"), lang: o.lang, smallBase: o.smallBase, static: o.static, log });
    const reconstruction = !o.data && !o.limesurvey;
    const verification = verifyPublished(data.table);
    const claims = claimsEvidence(data.table).objects() as unknown as ClaimEvidence[];
    writeFileAtomic(join(stage, "verification.json"), verificationJson(verification, claims));
    writeFileAtomic(join(stage, "verification.md"), verificationMarkdown(verification, o.lang, claims));
    writeFileAtomic(join(stage, "verification.html"), verificationHtml(verification, o.lang, claims));
    const suppressed = suppressedCells(data.table, o);
    if (minCellOf(data.table) > 0) {
      writeFileAtomic(join(stage, "disclosure.json"), stableJson({ minCell: minCellOf(data.table), suppressed }));
      log(`disclosure control: ${suppressed.length} cells with fewer than ${minCellOf(data.table)} respondents suppressed in ${new Set(suppressed.map((c) => c.figure)).size} figures (list: disclosure.json)`);
    }
    const chapters = results.filter((r) => r.notebook).map((r) => ({ name: r.name, notebook: r.notebook! }));
    writeBook({ chapters, figures: exported.figures, verification, claims, lang: o.lang }, stage);
    const mismatches = reconstruction ? verification.filter((v) => v.status === "mismatch" || v.status === "claim fails").map((v) => v.id) : [];
    publish(stage, o.out);
    return { notebooks: results, figures: exported.ids, staticRendered: exported.staticRendered, mismatches, failed: [] };
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
}
