/**
 * data/published/identified.json: the identified set as computed by `npm run data:identified`,
 * with a hash of everything it was computed from (numbers.json, claims.json and the model's
 * source files), so that a report never shows ranges of inputs that have changed since. The
 * hash is checked by the host's data source (`DataSource.checkIdentified`: in Node against the
 * files on disk, see node/identified-inputs.ts).
 */
import { dataSource, PROJECT_FILES, readJsonFile } from "../../data/source.js";
import type { IdentifiedSet } from "./identified-set.js";
import { InterspinError } from "../../util/errors.js";

/** What the file holds: the set and the hash of its inputs. */
export interface IdentifiedFile extends IdentifiedSet {
  about: string;
  inputs: string;
}

/** Raised when identified.json is missing, unreadable or computed from other inputs. */
export class IdentifiedSetError extends InterspinError {
  override name = "IdentifiedSetError";
}

/**
 * Reads identified.json and has the data source check that it was computed from the present inputs.
 * @param file - a user's identified set (default: the project's data/published/identified.json).
 * @throws IdentifiedSetError naming the file and what to run
 */
export function loadIdentified(file?: string): IdentifiedFile {
  const { value, name } = readJsonFile(
    file,
    PROJECT_FILES.identified,
    (n, why) => new IdentifiedSetError(`${n}: cannot read the identified set (${why}); run npm run data:identified`),
  );
  const raw = value as IdentifiedFile;
  const check = dataSource().checkIdentified;
  if (check && !check(raw.inputs))
    throw new IdentifiedSetError(
      `${name} was computed from other versions of numbers.json, claims.json or the model; run npm run data:identified`,
    );
  return raw;
}
