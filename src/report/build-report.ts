/**
 * `npm run report` as a function: validate the data, execute the chapter notebooks, export
 * the figures, verify the published numbers, write the book. Everything is built in a staging
 * folder and moved into place at the end, so an interrupted run leaves the previous complete
 * output (or none), never a mix.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { createHash } from "node:crypto";
import type { ColumnTable } from "arquero";
import { loadSurvey } from "../data/load.js";
import { importLimeSurvey } from "../data/import-limesurvey.js";
import { importReport } from "../data/limesurvey-report.js";
import { surveyCsv } from "../data/reconstruct.js";
import { loadCodebook } from "../data/codebook.js";
import type { NotebookResult } from "../notebook/runner.js";
import { runNotebooksCached, type CachedNotebookResult } from "../notebook/cache.js";
import { localizeNotebook } from "../notebook/localize.js";
import { createProgressReporter } from "../notebook/progress.js";
import { paths } from "../paths.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import type { ReportOptions } from "../cli/report-options.js";
import { exportFigures } from "./export-figures.js";
import { addStaticFiguresToNotebooks } from "./notebook-figures.js";
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
function prepareData(o: ReportOptions, log: (s: string) => void): { table: ColumnTable; file: string; importCsv?: string; importSummary?: string } {
  if (o.limesurvey) {
    const imported = importLimeSurvey(o.limesurvey, { mapping: o.mapping!, keepIncomplete: o.includeIncomplete, encoding: o.encoding, allow: o.allow });
    requireMinCell(imported.table, o.minCell);
    const importSummary = importReport(imported);
    log(importSummary.trimEnd());
    const csv = surveyCsv(imported.table.objects() as Record<string, number | string>[], loadCodebook());
    // Outside the output folder, named by content: a failed run leaves output/ untouched, and the
    // notebooks record the same path for the same import.
    const file = join(paths.root, ".cache", "imports", `${createHash("sha256").update(csv).digest("hex").slice(0, 16)}.csv`);
    if (!existsSync(file)) writeFileAtomic(file, csv);
    return { table: imported.table, file, importCsv: csv, importSummary };
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

/** What a run writes into the output folder; anything else there (a user's notes, `.cache`) is kept. */
const PRODUCTS = new Set(["data", "disclosure.json", "figures", "notebooks", "site", "verification.html", "verification.json", "verification.md"]);

/** The staging and previous-output folders of run `pid`, beside the output folder (same file system, so renames are atomic). */
function sideFolder(out: string, kind: "staging" | "previous", pid = process.pid): string {
  return join(dirname(out), `.${basename(out)}.${kind}-${pid}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Renames a folder, copying it when the target is on another file system (EXDEV, e.g. /tmp on tmpfs). */
function moveFolder(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}

/** Moves the entries of `from` that are not products into `to` (where absent). */
function carryOver(from: string, to: string): void {
  for (const name of readdirSync(from)) if (!PRODUCTS.has(name) && !name.startsWith(".staging-") && !existsSync(join(to, name))) renameSync(join(from, name), join(to, name));
}

/**
 * Finishes what a killed run left: a previous output moved aside comes back when the output
 * folder is missing (else its non-product files move back), stale staging folders are removed.
 */
function recover(out: string): void {
  const parent = dirname(out);
  if (!existsSync(parent)) return;
  const pattern = new RegExp(`^\\.${basename(out).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(staging|previous)-(\\d+)$`);
  for (const name of readdirSync(parent).sort()) {
    const m = pattern.exec(name);
    if (!m || alive(Number(m[2]))) continue;
    const folder = join(parent, name);
    if (m[1] === "previous") {
      if (!existsSync(out)) renameSync(folder, out);
      else carryOver(folder, out);
    }
    rmSync(folder, { recursive: true, force: true });
  }
  // Left inside the output folder by earlier versions.
  if (existsSync(out)) for (const name of readdirSync(out)) if (/^\.(staging-\d+|old-.+)$/.test(name)) rmSync(join(out, name), { recursive: true, force: true });
}

/**
 * Puts the complete staged output in place of the output folder with one rename: a reader, or
 * a run killed at any moment, sees the previous complete output or (between the two renames)
 * none, never a mix; `recover` brings the previous one back. Non-product files are carried over.
 */
function publish(stage: string, out: string): void {
  const previous = sideFolder(out, "previous");
  if (existsSync(out)) renameSync(out, previous);
  renameSync(stage, out);
  if (existsSync(previous)) {
    carryOver(previous, out);
    rmSync(previous, { recursive: true, force: true });
  }
}

/**
 * Runs the whole report.
 * @throws ReportError, DataFileError, SurveyValidationError, LimeSurveyMappingError with a
 * message naming the file and problem; the output folder is then left as it was.
 */
export async function buildReport(o: ReportOptions, log: (s: string) => void = (s) => process.stderr.write(`${s}\n`), show: { progress?: boolean } = {}): Promise<ReportResult> {
  const notebooks = chapterNotebooks(o.chapters, o.notebooks);
  if (existsSync(o.out) && !statSync(o.out).isDirectory()) throw new ReportError(`--out ${relative(process.cwd(), o.out) || o.out} is a file, expected a folder`);
  const data = prepareData(o, log);
  recover(o.out);
  const stage = sideFolder(o.out, "staging");
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  if (data.importCsv) writeFileAtomic(join(stage, "data", "survey-import.csv"), data.importCsv);
  if (data.importSummary) writeFileAtomic(join(stage, "data", "import-summary.txt"), data.importSummary);
  try {
    const dataParam = o.data || o.limesurvey ? relative(o.notebooks, data.file).split("\\").join("/") : "";
    const progress = show.progress === false ? { update: () => {}, close: () => {} } : createProgressReporter();
    let results: CachedNotebookResult[];
    try {
      results = await runNotebooksCached(notebooks, {
        cacheDir: join(o.out, ".cache", "notebooks"), force: o.force, dataFile: data.file,
        outDir: stage, timeoutMs: o.timeoutMs, parameters: { lang: o.lang, data: dataParam, minCell: o.minCell },
        onProgress: (e) => progress.update(e), prepare: (nb) => localizeNotebook(nb, o.lang), ...(o.jobs ? { concurrency: o.jobs } : {}),
      });
    } finally {
      progress.close();
    }
    const reused = results.filter((r) => r.cached).length;
    if (reused) log(`${reused} of ${results.length} notebooks unchanged since their last run: stored outputs reused (--force runs them again)`);
    const failed = results.filter((r) => r.status !== "ok");
    if (failed.length) {
      const keep = mkdtempSync(join(tmpdir(), "interspin-failed-run-"));
      moveFolder(stage, join(keep, "run"));
      return { notebooks: results, figures: [], staticRendered: false, mismatches: [], failed, failedRunDir: join(keep, "run") };
    }
    const exported = await exportFigures(data.table, { outDir: join(stage, "figures"), lang: o.lang, smallBase: o.smallBase, static: o.static, log, renderCache: { dir: join(o.out, ".cache", "figures"), force: o.force } });
    if (exported.staticRendered) {
      const pictured = await addStaticFiguresToNotebooks(results, { cacheDir: join(o.out, ".cache", "figures"), force: o.force, workDir: join(stage, ".notebook-figures") });
      pictured?.forEach((nb, i) => { if (nb) results[i] = { ...results[i]!, notebook: nb }; });
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
      log(`disclosure control: ${suppressed.length} cells with fewer than ${minCellOf(data.table)} respondents suppressed in ${new Set(suppressed.map((c) => c.figure)).size} figures (list: disclosure.json)`);
    }
    const chapters = results.filter((r) => r.notebook).map((r) => ({ name: r.name, notebook: r.notebook! }));
    writeBook({ chapters, figures: exported.figures, verification, claims, lang: o.lang, ...asShipped }, stage);
    const mismatches = reconstruction ? verification.filter((v) => v.status === "mismatch" || v.status === "claim fails").map((v) => v.id) : [];
    publish(stage, o.out);
    return { notebooks: results, figures: exported.ids, staticRendered: exported.staticRendered, mismatches, failed: [] };
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
}
