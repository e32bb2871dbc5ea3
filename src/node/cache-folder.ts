/**
 * Cache folders (executed notebooks, renderings, PDFs) keep their most recently used entries.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Keeps the `maxEntries` most recently used entries of a cache folder (by modification time,
 * which a hit refreshes; time decides only what to forget, never what is valid).
 * @returns the number of entries removed.
 * @example pruneCache("output/.cache/notebooks", 64) // => 0
 */
export function pruneCache(cacheDir: string, maxEntries: number): number {
  let names: string[];
  try {
    names = readdirSync(cacheDir).filter((f) => !f.startsWith("."));
  } catch {
    return 0;
  }
  const byAge = names
    .map((f) => ({ f, t: statSync(join(cacheDir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t || a.f.localeCompare(b.f));
  const old = byAge.slice(maxEntries);
  for (const { f } of old) rmSync(join(cacheDir, f), { force: true });
  return old.length;
}
