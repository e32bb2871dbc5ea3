/**
 * The notebooks step of a report run: every chosen chapter notebook executed once per book
 * language (the run's language first; the others only when it succeeded), each in a new kernel
 * (the next ones started while notebooks run) or taken from the execution cache. Notebooks are
 * read from the bytes the run read at its start, and the kernels read the run's fixed inputs
 * (node/frozen-inputs.ts), never the files as they may be now.
 */
import { join, relative, sep } from "node:path";
import type { Lang } from "../data/codebook.js";
import { runNotebooksCached, type CachedNotebookResult } from "../notebook/run/execution-cache.js";
import { localizeNotebook } from "../notebook/format/localize.js";
import { KernelPool } from "../notebook/run/kernel-pool.js";
import { createProgressReporter } from "../notebook/run/progress.js";
import { FROZEN_INPUTS_ENV } from "../node/frozen-inputs.js";
import { sha256 } from "../node/hash.js";
import type { ReportOptions } from "./report-options.js";
import type { RunData } from "./report-data.js";
import type { RunInputs } from "./run-inputs.js";

/** The executed notebooks of a run. */
export interface ChapterRuns {
  /** The run's language; a failed notebook of another language is appended, named "<name> (<lang>)". */
  results: CachedNotebookResult[];
  /** The book's other languages (executed only when every notebook of the run's language succeeded). */
  others: Map<Lang, CachedNotebookResult[]>;
}

/** Where the step reads and writes. */
export interface NotebookPlaces {
  /** The staging folder: executed notebooks of the run's language go to `<stage>/notebooks/`, others to `<stage>/.book-<lang>/`. */
  stage: string;
  /** The folder of the run's fixed inputs, for the kernels. */
  frozen: string;
}

/**
 * Runs the chapter notebooks in every book language.
 * @param show.progress - false: no progress lines on the terminal.
 */
export async function runChapters(
  o: ReportOptions,
  notebooks: string[],
  data: RunData,
  inputs: RunInputs,
  places: NotebookPlaces,
  log: (s: string) => void,
  show: { progress?: boolean } = {},
): Promise<ChapterRuns> {
  const dataParam = o.data || o.limesurvey ? relative(o.notebooks, data.file).split(sep).join("/") : "";
  const dataHash = sha256(data.bytes);
  const progress = show.progress === false ? { update: () => {}, close: () => {} } : createProgressReporter();
  const read = (path: string): Uint8Array => {
    const kept = inputs.notebooks.get(relative(o.notebooks, path).split(sep).join("/"));
    if (!kept) throw new Error(`${path} was not among the notebooks read at the start of the run`);
    return kept.bytes;
  };
  // The book's languages share the spare kernels started ahead (with --reuse-kernels, the kept kernels).
  const pool = new KernelPool({ reuse: o.reuseKernels });
  const otherLangs = o.bookLangs.filter((l) => l !== o.lang);
  const runIn = (lang: Lang, outDir: string, followedBy: number): Promise<CachedNotebookResult[]> =>
    runNotebooksCached(notebooks, {
      cacheDir: join(o.out, ".cache", "notebooks"),
      force: o.force,
      dataFile: data.file,
      dataHash,
      outDir,
      timeoutMs: o.timeoutMs,
      maxCellOutputBytes: o.maxCellOutputBytes,
      maxNotebookOutputBytes: o.maxNotebookOutputBytes,
      parameters: { lang, data: dataParam, minCell: o.minCell },
      reuseKernels: o.reuseKernels,
      pool,
      followedBy,
      read,
      kernelEnv: { [FROZEN_INPUTS_ENV]: places.frozen },
      onNote: log,
      // The book's other languages name their runs, so the two runs of a chapter stay apart.
      onProgress: (e) => progress.update(lang === o.lang ? e : { ...e, notebook: `${e.notebook} (${lang})` }),
      prepare: (nb) => localizeNotebook(nb, lang),
      ...(o.jobs ? { concurrency: o.jobs } : {}),
    });
  let results: CachedNotebookResult[];
  const others = new Map<Lang, CachedNotebookResult[]>();
  try {
    results = await runIn(o.lang, places.stage, otherLangs.length ? notebooks.length : 0);
    if (!results.some((r) => r.status !== "ok"))
      for (const [i, lang] of otherLangs.entries())
        others.set(
          lang,
          await runIn(lang, join(places.stage, `.book-${lang}`), i < otherLangs.length - 1 ? notebooks.length : 0),
        );
  } finally {
    progress.close();
    await pool.close();
  }
  const otherFailed = [...others.values()].flat().filter((r) => r.status !== "ok");
  if (otherFailed.length)
    results = [...results, ...otherFailed.map((r) => ({ ...r, name: `${r.name} (${otherLangs.join(", ")})` }))];
  return { results, others };
}
