/**
 * Whether the chosen chapters can compute their statistics on the data, checked before any
 * notebook runs: a survey can be valid row by row and still leave a base empty (no funded
 * organisation, no large enterprise), so that a chapter's share or test has nothing to divide
 * by. The computations the chapters make on whole bases are run here once; the first that
 * cannot be made gives one message naming the chapter and the statistic.
 */
import type { ColumnTable } from "arquero";
import type { Lang } from "../data/codebook.js";
import { seminarExercises } from "../seminar/exercises.js";
import { keyFindings } from "../api/chapter.js";
import { claimsEvidence } from "../verify/claim-evidence.js";
import { verifyPublished } from "../verify/verify.js";
import { InterspinError } from "../util/errors.js";

/** Raised when the data cannot give a chapter's statistics; one line naming the file, chapter and statistic. */
export class InfeasibleStatisticError extends InterspinError {
  override name = "InfeasibleStatisticError";
}

/** The computations of a chapter (by its name's prefix) that need non-empty bases. */
const CHECKS: { chapter: string; what: string; run: (t: ColumnTable, lang: Lang) => unknown }[] = [
  // Every run verifies the published numbers and the claims after the notebooks ("" matches every chapter).
  { chapter: "", what: "the verification of the published numbers", run: (t) => verifyPublished(t) },
  { chapter: "", what: "the evidence for the report's claims", run: (t) => claimsEvidence(t) },
  { chapter: "05", what: "the key findings of chapter 05", run: (t, lang) => keyFindings(t, lang) },
  ...["S1", "S2", "S3"].map((s) => ({
    chapter: s,
    what: `the answers of seminar ${s}'s exercises`,
    run: (t: ColumnTable) => seminarExercises(s).map((e) => e.solve(t)),
  })),
];

/**
 * Runs the base-dependent computations of the chosen chapters on `table`.
 * @param table - the validated survey.
 * @param chapters - names of the notebooks that will run (e.g. "05-schlussfolgerung").
 * @param file - how the data file is named in messages.
 * @throws InfeasibleStatisticError, e.g. `mine.csv: these data cannot give the key findings of
 * chapter 05: share of priorNational in [1,2] | funded=[1] is NaN; expected a finite number (is
 * its base empty?); check the data, or leave the chapter out with --chapters`.
 * @example checkFeasible(survey(), ["05-schlussfolgerung"], "data/survey.csv") // => undefined
 */
export function checkFeasible(table: ColumnTable, chapters: string[], file: string, lang: Lang = "de"): void {
  for (const c of CHECKS) {
    if (c.chapter && !chapters.some((name) => name.startsWith(c.chapter))) continue;
    try {
      c.run(table, lang);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      const advice = c.chapter
        ? "check the data, or leave the chapter out with --chapters"
        : "check the data (every run verifies the published numbers)";
      throw new InfeasibleStatisticError(
        `${file}: these data cannot give ${c.what}: ${e.message.split("\n")[0]}; ${advice}`,
      );
    }
  }
}
