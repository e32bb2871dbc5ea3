/**
 * data/published/identified.json: the identified set as computed by `npm run data:identified`,
 * with a hash of everything it was computed from (numbers.json, claims.json and the model's
 * source files), so that a report never shows ranges of inputs that have changed since. The
 * hash is checked by the host's data source (`DataSource.checkIdentified`: in Node against the
 * files on disk, see node/identified-inputs.ts), and the file against its own tables
 * (stats/identified-check.ts: each verdict and range recomputed from tableAtPMin/tableAtPMax).
 */
import { loadClaims } from "../../data/claims-file.js";
import { dataSource, PROJECT_FILES, readFileText } from "../../data/source.js";
import type { IdentifiedSet } from "./identified-set.js";
import { InterspinError } from "../../util/errors.js";
import { identifiedProblems } from "../identified-check.js";

/** What the file holds: the set and the hash of its inputs. */
export interface IdentifiedFile extends IdentifiedSet {
  about: string;
  inputs: string;
}

/** Raised when identified.json is missing, unreadable or computed from other inputs. */
export class IdentifiedSetError extends InterspinError {
  override name = "IdentifiedSetError";
}

/** The text of the last file that passed the check on its tables (the check tests 34 tables). */
let checkedText: string | null = null;

/**
 * Reads identified.json, has the data source check that it was computed from the present inputs,
 * and checks it against its own tables: each claim's p range, statistics, share differences and
 * verdict tested again on tableAtPMin and tableAtPMax, each order's verdict against its margin.
 * @param file - a user's identified set (default: the project's data/published/identified.json).
 * @throws IdentifiedSetError naming the file and what to run, or the claims whose ranges contradict their tables
 */
export function loadIdentified(file?: string): IdentifiedFile {
  const fail = (n: string, why: string) =>
    new IdentifiedSetError(`${n}: cannot read the identified set (${why}); run npm run data:identified`);
  const { text, name } = readFileText(file, PROJECT_FILES.identified, fail);
  let raw: IdentifiedFile;
  try {
    raw = JSON.parse(text) as IdentifiedFile;
  } catch (e) {
    throw fail(name, (e as Error).message);
  }
  const check = dataSource().checkIdentified;
  if (check && !check(raw.inputs))
    throw new IdentifiedSetError(
      `${name} was computed from other versions of numbers.json, claims.json or the model; run npm run data:identified`,
    );
  if (text !== checkedText) {
    const problems = identifiedProblems(raw, loadClaims());
    if (problems.length)
      throw new IdentifiedSetError(
        `${name} contradicts its own tables (${problems.length} problem${problems.length === 1 ? "" : "s"}): ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? "; …" : ""}; run npm run data:identified`,
      );
    checkedText = text;
  }
  return raw;
}
