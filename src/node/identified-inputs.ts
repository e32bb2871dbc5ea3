import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../paths.js";
import { stableJson } from "../util/stable-json.js";
import type { IdentifiedSet } from "../stats/identified/identified-set.js";
import { hasher } from "./hash.js";

/** The file's place. */
export const identifiedFile = join(paths.published, "identified.json");

const MODEL_DIRS = [join(paths.root, "src", "stats", "identified"), join(paths.root, "src", "ilp")];

/**
/**
 * SHA-256 of numbers.json, claims.json and the model's source files, in a fixed order (the
 * reader of the file, identified-file.ts, computes nothing and is left out).
 * @param readProject - how a project data file is read (default from disk; a report run passes the bytes it fixed).
 * @example identifiedInputsHash().length // => 64
 */
export function identifiedInputsHash(
  readProject: (name: string) => Uint8Array | null = (name) => readFileSync(join(paths.root, name)),
): string {
  const h = hasher();
  for (const name of ["data/published/numbers.json", "data/published/claims.json"])
    h.update(`/${name}`)
      .update("\0")
      .update(readProject(name) ?? "")
      .update("\0");
  const model = MODEL_DIRS.flatMap((d) =>
    existsSync(d)
      ? readdirSync(d)
          .filter((f) => f.endsWith(".ts") && f !== "identified-file.ts")
          .sort()
          .map((f) => join(d, f))
      : [],
  );
  for (const f of model) h.update(f.slice(paths.root.length)).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex");
}

/** The file's text for a computed set (stable key order, LF). */
export function identifiedJson(set: IdentifiedSet): string {
  const about =
    "Every claim of the report over every dataset consistent with what it prints (npm run data:identified; see data/ASSUMPTIONS.md, 'The identified set'). claims: the tests of claims.json; orders: the verbal orders of numbers.json judged on the printed numbers alone.";
  return stableJson({ about, inputs: identifiedInputsHash(), ...set });
}
