/**
 * data/published/identified.json: the identified set as computed by `npm run data:identified`,
 * with a hash of everything it was computed from (numbers.json, claims.json and the model's
 * source files), so that a report never shows ranges of inputs that have changed since.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { paths } from "../../paths.js";
import { stableJson } from "../../util/stable-json.js";
import type { IdentifiedSet } from "./identified-set.js";

/** The file's place. */
export const identifiedFile = join(paths.published, "identified.json");

/** What the file holds: the set and the hash of its inputs. */
export interface IdentifiedFile extends IdentifiedSet {
  about: string;
  inputs: string;
}

/** Raised when identified.json is missing, unreadable or computed from other inputs. */
export class IdentifiedSetError extends Error {
  override name = "IdentifiedSetError";
}

const MODEL_DIRS = [join(paths.root, "src", "stats", "identified"), join(paths.root, "src", "ilp")];

/**
 * SHA-256 of numbers.json, claims.json and the model's source files, in a fixed order.
 * @example identifiedInputsHash().length // => 64
 */
export function identifiedInputsHash(): string {
  const h = createHash("sha256");
  const files = [
    join(paths.published, "numbers.json"),
    join(paths.published, "claims.json"),
    ...MODEL_DIRS.flatMap((d) =>
      existsSync(d)
        ? readdirSync(d)
            .filter((f) => f.endsWith(".ts"))
            .sort()
            .map((f) => join(d, f))
        : [],
    ),
  ];
  for (const f of files) h.update(f.slice(paths.root.length)).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex");
}

/** The file's text for a computed set (stable key order, LF). */
export function identifiedJson(set: IdentifiedSet): string {
  const about =
    "Every claim of the report over every dataset consistent with what it prints (npm run data:identified; see data/ASSUMPTIONS.md, 'The identified set'). claims: the tests of claims.json; orders: the verbal orders of numbers.json judged on the printed numbers alone.";
  return stableJson({ about, inputs: identifiedInputsHash(), ...set });
}

/**
 * Reads identified.json and checks that it was computed from the present inputs.
 * @throws IdentifiedSetError naming the file and what to run
 */
export function loadIdentified(file: string = identifiedFile): IdentifiedFile {
  const name = relative(paths.root, file) || file;
  let raw: IdentifiedFile;
  try {
    raw = JSON.parse(readFileSync(file, "utf8")) as IdentifiedFile;
  } catch (e) {
    throw new IdentifiedSetError(
      `${name}: cannot read the identified set (${(e as Error).message}); run npm run data:identified`,
    );
  }
  if (raw.inputs !== identifiedInputsHash())
    throw new IdentifiedSetError(
      `${name} was computed from other versions of numbers.json, claims.json or the model; run npm run data:identified`,
    );
  return raw;
}
