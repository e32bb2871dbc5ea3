/**
 * The steps of a report run after its notebooks, all writing into the staging folder: the
 * figures of every book language (exported once each, with their static renderings), the
 * pictures in the executed notebooks, the verification files and the disclosure list, the book
 * of every language with its figure pages, the site index, and the PDFs. The survey table, the
 * verification and the claims are computed once and passed to each step.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ColumnTable } from "arquero";
import type { Lang } from "../data/codebook.js";
import type { CachedNotebookResult } from "../notebook/run/execution-cache.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { exportFigures, type ExportResult } from "../render/export-figures.js";
import { addStaticFiguresToNotebooks } from "./notebook-figures.js";
import { verifyPublished, type Verification } from "../verify/verify.js";
import { verificationHtml, verificationJson, verificationMarkdown } from "../verify/verification-report.js";
import { writeBook, writeSiteIndex, type TeachingPage } from "../book/book.js";
import type { FigureFiles } from "../book/figure-pages.js";
import { numberRows } from "../figures/common/numbers.js";
import { suppressSmallCells, type SuppressedCell } from "../data/disclosure.js";
import { isOwnData, minCellOf } from "../data/disclosure-policy.js";
import { claimsEvidence, type ClaimEvidence } from "../verify/claim-evidence.js";
import { figures } from "../figures/index.js";
import { stableJson } from "../util/stable-json.js";
import { printPdfsCached } from "../book/pdf.js";
import { chromiumPath } from "../render/render-static.js";
import { cachedRenderer, type CachedRenderer } from "../render/render-cache.js";
import type { ReportOptions } from "./report-options.js";
import type { RunData } from "./report-data.js";
import type { RunInputs } from "./run-inputs.js";
import type { ChapterRuns } from "./notebook-step.js";

/** What the steps after the notebooks made. */
export interface Publication {
  /** The figures exported in the run's language. */
  figures: string[];
  staticRendered: boolean;
  /** Published numbers and claims the shipped data do not reproduce (only checked for the shipped data). */
  mismatches: string[];
  /** The executed notebooks of the run's language, with the static pictures added. */
  results: CachedNotebookResult[];
}

/**
 * Writes figures, verification, books and PDFs into `stage`, from the run's data and notebooks.
 * @param log - one line a message (figures not rendered, disclosure control, no PDF).
 */
export async function writePublication(
  o: ReportOptions,
  data: RunData,
  inputs: RunInputs,
  runs: ChapterRuns,
  stage: string,
  log: (s: string) => void,
): Promise<Publication> {
  const renderCache = { dir: join(o.out, ".cache", "figures"), force: o.force };
  // One browser for every figure rendering of the run, started at the first the render cache lacks.
  let renderer: CachedRenderer | undefined = o.static
    ? (cachedRenderer({ cacheDir: renderCache.dir, force: o.force, onNote: log }) ?? undefined)
    : undefined;
  const closeRenderer = async () => {
    const r = renderer;
    renderer = undefined;
    await r?.close();
  };
  try {
    const exportIn = (lang: Lang, outDir: string): Promise<ExportResult> =>
      exportFigures(data.table, { outDir, lang, smallBase: o.smallBase, static: o.static, log, renderCache, renderer });
    const exported = await exportIn(o.lang, join(stage, "figures"));
    let results = runs.results;
    if (exported.staticRendered) {
      const pictured = await addStaticFiguresToNotebooks(results, {
        cacheDir: renderCache.dir,
        force: o.force,
        workDir: join(stage, ".notebook-figures"),
        renderer,
      });
      results = results.map((r, i) => (pictured?.[i] ? { ...r, notebook: pictured[i] } : r));
    }
    const verification = verifyPublished(data.table);
    const claims = claimsEvidence(data.table).objects() as unknown as ClaimEvidence[];
    writeVerification(o, data, verification, claims, stage, log);
    for (const lang of o.bookLangs) {
      const shown = lang === o.lang ? exported : await exportIn(lang, join(stage, `.figures-${lang}`));
      const from = lang === o.lang ? join(stage, "figures") : join(stage, `.figures-${lang}`);
      const figureFiles = copyFigureFiles(from, join(stage, "site", lang, "figures"), shown.ids);
      rmSync(join(stage, `.figures-${lang}`), { recursive: true, force: true });
      const figureNumbers = new Map(
        figures.map((f) => [f.id, numberRows(f.numbers(data.table, { lang, smallBase: o.smallBase }))]),
      );
      const executed = lang === o.lang ? results : runs.others.get(lang)!;
      writeBook(
        {
          chapters: executed.filter((r) => r.notebook).map((r) => ({ name: r.name, notebook: r.notebook! })),
          teaching: teachingPages(inputs, lang),
          figures: shown.figures,
          figureNumbers,
          figureFiles,
          verification,
          claims,
          lang,
          languages: o.bookLangs,
          reconstruction: data.reconstruction,
        },
        stage,
      );
    }
    await closeRenderer();
    writeSiteIndex(stage, o.bookLangs);
    await printBooks(stage, o, log);
    const shipped = !o.data && !o.limesurvey;
    const mismatches = shipped
      ? verification.filter((v) => v.status === "mismatch" || v.status === "claim fails").map((v) => v.id)
      : [];
    return { figures: exported.ids, staticRendered: exported.staticRendered, mismatches, results };
  } catch (e) {
    await closeRenderer().catch(() => undefined);
    throw e;
  }
}

/** `verification.{json,md,html}`, and `disclosure.json` for data under disclosure control. */
function writeVerification(
  o: ReportOptions,
  data: RunData,
  verification: Verification[],
  claims: ClaimEvidence[],
  stage: string,
  log: (s: string) => void,
): void {
  const asShipped = { reconstruction: data.reconstruction };
  writeFileAtomic(join(stage, "verification.json"), verificationJson(verification, claims, asShipped));
  writeFileAtomic(join(stage, "verification.md"), verificationMarkdown(verification, o.lang, claims, asShipped));
  writeFileAtomic(join(stage, "verification.html"), verificationHtml(verification, o.lang, claims, asShipped));
  const k = minCellOf(data.table);
  if (k > 0) {
    const suppressed = suppressedCells(data.table, o.lang, k);
    writeFileAtomic(join(stage, "disclosure.json"), stableJson({ minCell: k, suppressed }));
    log(
      `disclosure control: ${suppressed.length} cells with fewer than ${k} respondents suppressed in ${new Set(suppressed.map((c) => c.figure)).size} figures (list: disclosure.json)`,
    );
  } else if (isOwnData(data.table)) {
    writeFileAtomic(join(stage, "disclosure.json"), stableJson({ minCell: o.minCell, suppressed: [] }));
    log(`disclosure control: off (--min-cell ${o.minCell}): no count is suppressed; zeros are not small cells`);
  }
}

/** The cells the figures suppress for disclosure control. */
function suppressedCells(table: ColumnTable, lang: Lang, k: number): SuppressedCell[] {
  return figures.flatMap(
    (f) => suppressSmallCells(f.numbers(table, { lang, minCell: 0 }), { k, figure: f.id }).suppressed,
  );
}

/** The teaching pages of a language (`teaching/<name>.<lang>.md` of the notebooks folder), as the run read them. */
function teachingPages(inputs: RunInputs, lang: Lang): TeachingPage[] {
  const suffix = `.${lang}.md`;
  return [...inputs.notebooks]
    .filter(([rel]) => /^teaching\/[^/]+$/.test(rel) && rel.endsWith(suffix))
    .map(([rel, f]) => ({ name: rel.slice("teaching/".length, -suffix.length), markdown: f.bytes.toString("utf8") }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
        { cacheDir: join(o.out, ".cache", "pdf"), force: o.force, onNote: log },
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
