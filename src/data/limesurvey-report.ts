/**
 * The import summary a user reads after `npm run report -- --limesurvey …`: how the export was
 * read, which responses were used, and per codebook variable its column, valid n, missing n
 * and the codes seen (also written to output/data/import-summary.txt).
 */
import { delimiterName } from "./csv.js";
import type { ExportFormat, LimeSurveyImport } from "./import-limesurvey.js";
import { formatSummary } from "./limesurvey-summary.js";

/** What the export says about "not shown": NULL cells seen, or none, or a file not quoted as LimeSurvey writes it; and what the structure decided. */
function nullLine(f: ExportFormat): string {
  const st = f.structure;
  if (st) {
    const nulls = f.nullCells ? `${f.nullCells} NULL cell${f.nullCells === 1 ? "" : "s"}; ` : "";
    const full = st.fullAnswers ? `; ${st.fullAnswers} full answers read as codes` : "";
    if (st.layout === "r-syntax")
      return `${nulls}LimeSurvey's R export with ${st.file}: multiple-choice boxes read back from 2/1 as ticked/not ticked, an empty box (not shown) as missing`;
    return `${nulls}not shown decided by the survey structure ${st.file} (relevance of ${st.evaluated} of ${st.conditional} question${st.conditional === 1 ? "" : "s"} with a condition evaluated)${full}`;
  }
  if (!f.nullsKept)
    return "empty cells cannot be told apart from not shown (the file is not quoted as LimeSurvey writes it)";
  if (f.nullCells === 0) return "no NULL cell: this export cannot tell not shown from not ticked";
  return `${f.nullCells} unquoted empty cell${f.nullCells === 1 ? "" : "s"} read as not shown (NULL)`;
}

/**
 * The summary as text, ending with a newline.
 * @example importReport(imported).split("\n")[0] // => "LimeSurvey import: 22 responses; 20 used, 2 incomplete left out (--include-incomplete keeps them)"
 */
export function importReport(imported: LimeSurveyImport): string {
  const { responses, droppedIncomplete: dropped, keptIncomplete: kept, format: f } = imported;
  const used = responses - dropped;
  const incomplete = dropped
    ? `, ${dropped} incomplete left out (--include-incomplete keeps them)`
    : kept
      ? `, ${kept} of them incomplete (kept by --include-incomplete)`
      : "";
  const lines = [
    `LimeSurvey import: ${responses} responses; ${used} used${incomplete}`,
    `read as: ${delimiterName(f.delimiter)}-separated, ${f.encoding === "utf-8" ? "UTF-8" : f.encoding}, headings ${f.headings}; ${nullLine(f)}`,
  ];
  if (kept && f.nullCells === 0)
    lines.push(
      "note: this export has no unquoted empty cell, as LimeSurvey before 6 writes it (questions not shown quoted like empty answers): unticked boxes on pages an incomplete response never reached count as not ticked",
    );
  for (const w of imported.warnings) lines.push(`warning: ${w.message}`);
  lines.push(
    "variable, column, valid n, missing n (no answer / not asked), codes seen (code×count):",
    ...formatSummary(imported.summary).map((l) => `  ${l}`),
  );
  return `${lines.join("\n")}\n`;
}
