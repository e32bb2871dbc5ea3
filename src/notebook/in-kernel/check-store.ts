/**
 * The stored results of cells' type checks, beside the compiler's code cache
 * (`<kernel cache>/checks/`). A cell's result is kept under a key of everything the cell alone
 * decides (its source, the earlier cells' declarations, the compiler and tslab, the options, the
 * kernel's folder and type roots) with the inputs its check read from disk (compiler-inputs.ts);
 * the inputs are kept once for all cells that share them. A result is reused only while its inputs
 * are unchanged on disk. Entries are written atomically with the SHA-256 of their bytes and checked
 * on every read (node/verified-file.ts), and each names its own key: an entry edited, cut short or
 * put under another's name is discarded and the cell checked again, so a stored check cannot change
 * what a notebook runs. The most recently used are kept. A folder that cannot be read or written
 * only costs the checks it would have saved.
 */
import { createHash } from "node:crypto";
import { rmSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { pruneCache } from "../../node/cache-folder.js";
import { readVerified, writeVerified } from "../../node/verified-file.js";
import { type CompilerInputs, inputsUnchanged } from "./compiler-inputs.js";

/** Bump when the stored format or what the key covers changes. */
export const CHECK_FORMAT = 2;

/** Most cell results kept (a chapter has about ten cells, two languages, several versions of each). */
export const MAX_CELL_ENTRIES = 4000;
/** Most input sets kept (one per set of imported modules and version of their declarations). */
export const MAX_INPUT_SETS = 64;

/** What a cell's check produced, as tslab's converter returns it (JSON-safe). */
export type StoredConversion = Record<string, unknown> & { diagnostics: unknown[] };

interface CellEntry {
  key: string;
  inputs: string;
  result: StoredConversion;
}

/**
 * The key of a cell's check: a SHA-256 over the parts, in order.
 * @example checkKey(["compiler", "", "const a = 1;"]).length // => 64
 */
export function checkKey(parts: readonly unknown[]): string {
  return createHash("sha256")
    .update(JSON.stringify([CHECK_FORMAT, ...parts]))
    .digest("hex");
}

/** How a lookup ended, for the log ("damaged": an entry that failed its hash or named another key, removed). */
export type CheckOutcome = "hit" | "miss" | "changed" | "damaged" | "not stored";

/** The store of one kernel: its folder, and the input sets it has read (they never change). */
export class CheckStore {
  private readonly sets = new Map<string, CompilerInputs>();
  private pruned = false;

  /** @param dir - the `checks` folder. */
  constructor(readonly dir: string) {}

  /**
   * The stored result of the check with this key, when its inputs are unchanged on disk.
   * @param folder - the kernel's folder, for inputs stored relative to it.
   * @returns the result (a fresh copy) and how the lookup ended.
   */
  lookup(key: string, folder = ""): { result?: StoredConversion; outcome: CheckOutcome } {
    const cellFile = join(this.dir, "cells", `${key}.json`);
    const entry = readEntry<CellEntry>(cellFile, (e) => e.key === key);
    if (entry === "missing") return { outcome: "miss" };
    if (entry === "damaged") return { outcome: "damaged" };
    const inputs = this.readSet(entry.inputs);
    if (!inputs || !inputsUnchanged(inputs, folder)) return { outcome: "changed" };
    touch(cellFile);
    touch(join(this.dir, "inputs", `${entry.inputs}.json`));
    return { result: entry.result, outcome: "hit" };
  }

  /**
   * Stores a check's result with its inputs. Never throws.
   * @returns whether it was written.
   */
  save(key: string, inputs: CompilerInputs, result: StoredConversion): boolean {
    const setJson = JSON.stringify(inputs);
    const setId = setIdOf(setJson);
    try {
      if (!this.sets.has(setId)) {
        writeVerified(join(this.dir, "inputs", `${setId}.json`), setJson);
        this.sets.set(setId, inputs);
      }
      writeVerified(
        join(this.dir, "cells", `${key}.json`),
        JSON.stringify({ key, inputs: setId, result } satisfies CellEntry),
      );
      // Once per kernel: listing thousands of entries after every cell would cost more than it keeps.
      if (!this.pruned) {
        this.pruned = true;
        pruneCache(join(this.dir, "cells"), MAX_CELL_ENTRIES);
        pruneCache(join(this.dir, "inputs"), MAX_INPUT_SETS);
      }
      return true;
    } catch {
      return false;
    }
  }

  private readSet(id: string): CompilerInputs | undefined {
    let set = this.sets.get(id);
    if (!set) {
      // A set's name is the hash of its text: one stored under another's name is damaged.
      const read = readEntry<CompilerInputs>(join(this.dir, "inputs", `${id}.json`), (_, text) => setIdOf(text) === id);
      if (typeof read === "string") return undefined;
      set = read;
      this.sets.set(id, set);
    }
    return set;
  }
}

// A hit refreshes the modification time, which decides what pruning forgets first.
function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Pruned meanwhile: the next check stores it again.
  }
}

function setIdOf(setJson: string): string {
  return createHash("sha256").update(setJson).digest("hex").slice(0, 32);
}

/** A verified entry parsed, "damaged" (then removed) when it fails its hash, its JSON or `belongs`. */
function readEntry<T>(file: string, belongs: (entry: T, text: string) => boolean): T | "missing" | "damaged" {
  const read = readVerified(file);
  if (read.status !== "ok") return read.status;
  const text = read.bytes.toString("utf8");
  try {
    const entry = JSON.parse(text) as T;
    if (belongs(entry, text)) return entry;
  } catch {
    // not JSON: damaged
  }
  try {
    rmSync(file, { force: true });
  } catch {
    // a folder that cannot be written only costs the check
  }
  return "damaged";
}
