/**
 * The study's design facts (`data/study.json`: how many organisations were invited, from how
 * many clusters) and the checks that keep statistics possible: a survey cannot have more
 * respondents than organisations were invited, or the response rate would pass 100 % and its
 * interval could not be computed. Both are checked before any notebook runs.
 */
import { PROJECT_FILES, readFileText } from "./source.js";
import { InterspinError } from "../util/errors.js";

/** Facts of the survey design. */
export interface Study {
  invited: number;
  clusters: number;
}

/** Raised when the study file is broken or the data contradict it; one line, naming the file and key. */
export class StudyError extends InterspinError {
  override name = "StudyError";
}

/**
 * Parses and checks a study file's text.
 * @param text - the file's content.
 * @param file - how the file is named in messages.
 * @throws StudyError naming the file and the key, e.g. `data/study.json: key "invited" must be a whole number ≥ 1, got "many"`.
 * @example parseStudy('{"invited": 1323, "clusters": 15}', "study.json").invited // => 1323
 */
export function parseStudy(text: string, file: string): Study {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new StudyError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new StudyError(`${file}: expected a JSON object with "invited" and "clusters"`);
  const o = value as Record<string, unknown>;
  for (const key of ["invited", "clusters"]) {
    const v = o[key];
    if (v === undefined) throw new StudyError(`${file}: key "${key}" is missing (expected a whole number ≥ 1)`);
    if (!Number.isSafeInteger(v) || (v as number) < 1)
      throw new StudyError(`${file}: key "${key}" must be a whole number ≥ 1, got ${JSON.stringify(v).slice(0, 40)}`);
  }
  return o as unknown as Study;
}

/**
 * Reads and checks a study file (default: the project's data/study.json).
 * @throws StudyError naming the file and key when it is unreadable or broken.
 * @example loadStudy().invited // => 1323
 */
export function loadStudy(file?: string): Study {
  const { text, name } = readFileText(
    file,
    PROJECT_FILES.study,
    (n, why) => new StudyError(`${n}: cannot read (${why})`),
  );
  return parseStudy(text, name);
}

/**
 * Checks that a survey with `respondents` rows fits the study.
 * @param respondents - rows of the survey.
 * @param study - the facts.
 * @param files - how the survey and study files are named in messages.
 * @throws StudyError, e.g. `mine.csv: 2000 respondents, but data/study.json ("invited") says 1323 organisations were invited: a response rate above 100 % is impossible; check the file or "invited"`.
 * @example checkRespondents(158, { invited: 1323, clusters: 15 }, { survey: "s.csv", study: "study.json" }) // => undefined
 */
export function checkRespondents(respondents: number, study: Study, files: { survey: string; study: string }): void {
  if (respondents > study.invited) {
    throw new StudyError(
      `${files.survey}: ${respondents} respondents, but ${files.study} ("invited") says ${study.invited} organisations were invited: a response rate above 100 % is impossible; check the file or "invited"`,
    );
  }
}
