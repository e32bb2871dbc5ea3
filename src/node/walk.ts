/**
 * The project's one walk over a folder: every file below it, depth first, names sorted at each
 * level, links not followed (a link is listed as a file) unless asked to follow them.
 */
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";

/** Options of {@link filesBelow}. */
export interface WalkOptions {
  /** Include names starting with "." (caches, editor and atomic-write leftovers); default false. */
  dots?: boolean;
  /** Follow links: a link to a folder is walked (each real folder once), a link to nothing left out; default false. */
  follow?: boolean;
}

/**
 * Every file below `dir` as an absolute path (`dir` itself is followed when it is a link; a file
 * given as `dir` is its own list; a missing path gives none).
 * @example filesBelow("data/published").map((f) => basename(f)) // => ["README.md", "claims.json", "identified.json", "numbers.json"]
 */
export function filesBelow(dir: string, options: WalkOptions = {}, seen = new Set<string>()): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [dir];
  if (options.follow) {
    const real = realpathSync(dir);
    if (seen.has(real)) return [];
    seen.add(real);
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => options.dots || !e.name.startsWith("."))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const p = join(dir, e.name);
      if (options.follow && e.isSymbolicLink()) return existsSync(p) ? filesBelow(p, options, seen) : [];
      return e.isDirectory() ? filesBelow(p, options, seen) : [p];
    });
}

/**
 * Every file below `dir`, relative to it with "/" separators (see {@link filesBelow}).
 * @example relativeFilesBelow("output/.interspin/current", { dots: true })[0] // => "figures/abb-01.csv"
 */
export function relativeFilesBelow(dir: string, options: WalkOptions = {}): string[] {
  return filesBelow(dir, options).map((f) =>
    f
      .slice(dir.length + 1)
      .split("\\")
      .join("/"),
  );
}
