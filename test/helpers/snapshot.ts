/**
 * Output snapshots, as nbval does for Python notebooks: every figure's Plotly spec and CSV and
 * every notebook's text outputs are kept under `test/snapshots/` in a normalised form (sorted
 * keys, numbers to 6 significant digits), so that a change to a figure shows up as a diff in
 * review. `npm run snapshots:update` rewrites them on purpose; the tests compare with them.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { ColumnTable } from "arquero";
import { figures } from "../../src/figures/index.js";
import { abb0607 } from "../../src/figures/abb-06-07-information-flows.js";
import type { FigureOptions } from "../../src/figures/common/types.js";
import type { Notebook, Output } from "../../src/notebook/format/nbformat.js";
import { paths } from "../../src/paths.js";
import { writeFileAtomic } from "../../src/node/atomic-write.js";
import { stableJson } from "../../src/util/stable-json.js";
import { figureCsv } from "../../src/render/figure-csv.js";

/** Where the snapshots live: `figures/<id>.json|csv` and `notebooks/<name>.txt`. */
export const snapshotRoot = join(paths.root, "test", "snapshots");

/** Significant digits kept for every number in a snapshot. */
export const SNAPSHOT_DIGITS = 6;

/** The command that rewrites the snapshots, named in every mismatch message. */
export const UPDATE_COMMAND = "npm run snapshots:update";

/**
 * Rounds to `digits` significant digits; -0 becomes 0 and non-finite numbers stay as they are.
 * @example roundSignificant(12.3456789) // => 12.3457
 */
export function roundSignificant(x: number, digits = SNAPSHOT_DIGITS): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  return Number(x.toPrecision(digits));
}

function roundDeep(value: unknown): unknown {
  if (typeof value === "number") return roundSignificant(value);
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  return value;
}

/**
 * A Plotly figure (or any JSON value) as snapshot text: sorted keys, 1-space indent, numbers to
 * 6 significant digits, non-finite numbers as null, final newline.
 * @example normaliseFigure({ b: 1 / 3, a: [2] }) // => '{\n "a": [\n  2\n ],\n "b": 0.333333\n}\n'
 */
export function normaliseFigure(figure: unknown): string {
  return stableJson(roundDeep(figure));
}

const text = (v: unknown): string => (Array.isArray(v) ? v.join("") : typeof v === "string" ? v : "");

/** The text one output shows: stream text, `text/plain`, or `ename: evalue` of an error. */
function outputText(o: Output): string {
  if (o.output_type === "stream") return text(o.text);
  if (o.output_type === "error") return `${o.ename}: ${o.evalue}\n`;
  const plain = text((o.data as Record<string, unknown>)["text/plain"]);
  return plain.endsWith("\n") || !plain ? plain : `${plain}\n`;
}

/**
 * The text outputs of an executed notebook, one block per code cell that has any, headed by
 * the cell's number (all cells of the executed notebook counted, from 1) and its kind of output.
 * @example notebookText("03-partnerwahl", nb).split("\n")[0] // => "# 03-partnerwahl: text outputs (npm run snapshots:update rewrites this file)"
 */
export function notebookText(name: string, nb: Notebook): string {
  const blocks = [`# ${name}: text outputs (${UPDATE_COMMAND} rewrites this file)\n`];
  nb.cells.forEach((c, i) => {
    if (c.cell_type !== "code" || !c.outputs.length) return;
    const parts = c.outputs.map((o) => `[${o.output_type === "stream" ? o.name : o.output_type}]\n${outputText(o)}`);
    blocks.push(`## cell ${i + 1}\n${parts.join("")}`);
  });
  return blocks.join("\n");
}

/**
 * The figure snapshots built from `table`: `figures/<id>.json` (normalised Plotly spec) and
 * `figures/<id>.csv` (the exported numbers), keyed by path relative to {@link snapshotRoot}.
 * @example figureSnapshots(survey()).size // => 28 (13 figures and the flows of Abbildung 6/7)
 */
export function figureSnapshots(table: ColumnTable, options: Partial<FigureOptions> = {}): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of [...figures, abb0607]) {
    out.set(`figures/${f.id}.json`, normaliseFigure(f.build(table, options)));
    out.set(`figures/${f.id}.csv`, figureCsv(f.numbers(table, options)));
  }
  return out;
}

/**
 * The notebook snapshots of an output folder's executed notebooks: `notebooks/<name>.txt`.
 * @param notebooksDir - e.g. `output/notebooks`.
 */
export function notebookSnapshots(notebooksDir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(notebooksDir)
    .filter((n) => n.endsWith(".ipynb"))
    .sort()) {
    const name = basename(f, ".ipynb");
    out.set(
      `notebooks/${name}.txt`,
      notebookText(name, JSON.parse(readFileSync(join(notebooksDir, f), "utf8")) as Notebook),
    );
  }
  return out;
}

/**
 * Where a mismatching result is written for review: `abb-01.json` → `abb-01-changed.json`.
 * @example changedPath("test/snapshots/figures/abb-01.json") // => "test/snapshots/figures/abb-01-changed.json"
 */
export function changedPath(file: string): string {
  const ext = extname(file);
  return `${file.slice(0, file.length - ext.length)}-changed${ext}`;
}

/** The outcome of comparing one result with its snapshot. */
export interface SnapshotCheck {
  /** Path relative to the snapshot root. */
  name: string;
  status: "same" | "changed" | "missing";
  /** For "changed" and "missing": what to look at and what to do, in one paragraph. */
  message?: string;
}

/** Line number and both lines where two texts first differ. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (s: string | undefined): string =>
    s === undefined ? "(end of file)" : JSON.stringify(s.length > 160 ? `${s.slice(0, 160)}…` : s);
  return `first difference at line ${i + 1}: snapshot ${show(a[i])}, now ${show(b[i])}`;
}

/**
 * Compares `actual` with the stored snapshot `name`. A mismatch writes the new result next to
 * the snapshot as `<name>-changed.<ext>` (for a diff); a match removes such a leftover file.
 * @param root - the snapshot folder (default {@link snapshotRoot}).
 * @example checkSnapshot("figures/abb-01.json", text).status // => "same"
 */
export function checkSnapshot(name: string, actual: string, root = snapshotRoot): SnapshotCheck {
  const file = join(root, name);
  const changed = changedPath(file);
  if (!existsSync(file))
    return { name, status: "missing", message: `no snapshot test/snapshots/${name}; create it with ${UPDATE_COMMAND}` };
  const expected = readFileSync(file, "utf8");
  if (expected === actual) {
    rmSync(changed, { force: true });
    return { name, status: "same" };
  }
  writeFileAtomic(changed, actual);
  const shown = changedPath(`test/snapshots/${name}`);
  return {
    name,
    status: "changed",
    message: `test/snapshots/${name} changed (${firstDifference(expected, actual)}); compare: diff test/snapshots/${name} ${shown}; if the change is intended, run ${UPDATE_COMMAND} and commit the snapshot`,
  };
}

/** What {@link writeSnapshots} did. */
export interface SnapshotUpdate {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
}

/**
 * Writes every snapshot in `wanted` (atomically) and removes snapshots of the same kind that
 * no longer have a result, plus every `-changed` file.
 * @param wanted - content by path relative to `root`.
 * @param kinds - the subfolders being rewritten (e.g. ["figures"]); others are left alone.
 */
export function writeSnapshots(wanted: Map<string, string>, kinds: string[], root = snapshotRoot): SnapshotUpdate {
  const result: SnapshotUpdate = { added: [], changed: [], removed: [], unchanged: 0 };
  for (const kind of kinds) {
    const dir = join(root, kind);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      const name = `${kind}/${f}`;
      if (/-changed\.[^.]+$/.test(f)) rmSync(join(dir, f), { force: true });
      else if (!wanted.has(name)) {
        rmSync(join(dir, f), { force: true });
        result.removed.push(name);
      }
    }
  }
  for (const [name, content] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) {
    const file = join(root, name);
    const old = existsSync(file) ? readFileSync(file, "utf8") : null;
    if (old === content) {
      result.unchanged++;
      continue;
    }
    writeFileAtomic(file, content);
    (old === null ? result.added : result.changed).push(name);
  }
  return result;
}
