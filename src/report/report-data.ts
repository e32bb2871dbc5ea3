/**
 * The first step of a report run: the survey, from the bytes the run read at its start, loaded
 * and checked once — against the codebook, the study's facts and what the chosen chapters
 * compute — before anything runs. A LimeSurvey export is converted to a survey CSV here. The
 * table and what the later steps need to know about it are passed on; nothing reads the data
 * file again.
 */
import { basename, join } from "node:path";
import { existsSync } from "node:fs";
import type { ColumnTable } from "arquero";
import { readSurveyTable } from "../data/load.js";
import { importLimeSurvey } from "../data/import-limesurvey.js";
import { importReport } from "../data/limesurvey-report.js";
import { surveyCsv } from "../data/reconstruct.js";
import { loadCodebook } from "../data/codebook.js";
import { isReconstruction } from "../data/disclosure.js";
import { requireMinCell } from "../data/disclosure-policy.js";
import { checkRespondents, loadStudy } from "../data/study-facts.js";
import { paths } from "../paths.js";
import { sha256 } from "../node/hash.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { checkFeasible } from "./feasibility.js";
import type { ReportOptions } from "./report-options.js";
import type { RunInputs } from "./run-inputs.js";

/** The survey of a run and what the later steps need to know about it. */
export interface RunData {
  table: ColumnTable;
  /** The survey CSV the notebooks read: the data file, or the converted LimeSurvey export. */
  file: string;
  /** Its bytes (the data file's as read at the start, or the converted export's). */
  bytes: Uint8Array;
  /** Whether the survey CSV is the shipped reconstruction, byte for byte. */
  reconstruction: boolean;
  /** With `--limesurvey`: the converted survey CSV and the import's summary. */
  importCsv?: string;
  importSummary?: string;
}

/** Loads the chosen data from the run's inputs; a LimeSurvey export is converted to a survey CSV. */
function loadData(o: ReportOptions, inputs: RunInputs, log: (s: string) => void): RunData {
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
    const bytes = new TextEncoder().encode(csv);
    return {
      table: imported.table,
      file,
      bytes,
      reconstruction: isReconstruction(bytes),
      importCsv: csv,
      importSummary,
    };
  }
  const { path: file, bytes, shown } = inputs.data;
  const table = readSurveyTable(bytes, { file: shown });
  const reconstruction = isReconstruction(bytes);
  return { table: reconstruction ? table : requireMinCell(table, o.minCell), file, bytes, reconstruction };
}

/**
 * Everything checked about the data before anything runs: they fit the codebook and the
 * study's facts, and the chosen chapters can compute their statistics on them.
 * @throws DataFileError, SurveyValidationError, LimeSurveyMappingError, StudyError,
 * InfeasibleStatisticError naming the file and the problem.
 */
export function prepareData(
  o: ReportOptions,
  inputs: RunInputs,
  notebooks: string[],
  log: (s: string) => void,
): RunData {
  loadCodebook();
  const study = loadStudy(inputs.study?.path);
  if (inputs.study)
    log(`study facts from ${inputs.study.shown}: ${study.invited} organisations invited, ${study.clusters} clusters`);
  const data = loadData(o, inputs, log);
  const shown = inputs.data.shown;
  checkRespondents(data.table.numRows(), study, { survey: shown, study: inputs.study?.shown ?? "data/study.json" });
  // The shipped reconstruction is known to give every statistic (the tests run it).
  if (o.limesurvey || !data.reconstruction)
    checkFeasible(
      data.table,
      notebooks.map((nb) => basename(nb)),
      shown,
      o.lang,
    );
  return data;
}
