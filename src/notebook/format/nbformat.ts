import { readFile } from "node:fs/promises";
import { basename, isAbsolute, relative, resolve, sep } from "node:path";
import { paths } from "../../paths.js";
import { writeFileAtomic } from "../../node/atomic-write.js";
import { stableJson } from "../../util/stable-json.js";
import { NotebookFormatError } from "./errors.js";
import type { Cell, CodeCell, Notebook, Output } from "./nbformat-types.js";
import { sha256 } from "../../node/hash.js";

export * from "./nbformat-types.js";

/**
 * The stable name of a notebook used to derive cell ids: its path relative to the project
 * root with `/` separators, or its file name when it lies outside the project.
 * @example notebookKey(join(paths.root, "notebooks", "a.ipynb")) // => "notebooks/a.ipynb"
 */
export function notebookKey(path: string): string {
  const rel = relative(paths.root, resolve(path));
  if (rel.startsWith("..") || isAbsolute(rel)) return basename(path);
  return rel.split(sep).join("/");
}

/**
 * A deterministic cell id: the first 8 hex digits of sha256("<key>#<index>").
 * @example cellId("notebooks/a.ipynb", 0) // => the same 8 hex digits on every machine
 */
export function cellId(key: string, index: number | string): string {
  return sha256(`${key}#${index}`).slice(0, 8);
}

/**
 * Parses notebook JSON, joining multi-line strings and adding missing cell ids.
 * @param text - the file content.
 * @param file - the notebook's path (for messages and for ids).
 * @throws {NotebookFormatError} when the text is not an nbformat 4 notebook.
 * @example parseNotebook('{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[]}', "a.ipynb").cells // => []
 */
export function parseNotebook(text: string, file: string): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(file, `not JSON (${(e as Error).message})`);
  }
  const fail = (reason: string): never => {
    throw new NotebookFormatError(file, reason);
  };
  if (!isObject(raw)) return fail("the top level is not an object");
  if (raw.nbformat !== 4) return fail(`nbformat is ${JSON.stringify(raw.nbformat)}, expected 4`);
  if (!Array.isArray(raw.cells)) return fail("cells is not an array");
  const key = notebookKey(file);
  const seen = new Set<string>();
  const cells = raw.cells.map((c: unknown, i: number) => {
    const cell = parseCell(c, `cell ${i + 1}`, fail);
    if (!cell.id || seen.has(cell.id)) cell.id = cellId(key, i);
    seen.add(cell.id);
    return cell;
  });
  const minor = typeof raw.nbformat_minor === "number" ? raw.nbformat_minor : 0;
  return {
    nbformat: 4,
    nbformat_minor: Math.max(minor, 5),
    metadata: isObject(raw.metadata) ? raw.metadata : {},
    cells,
  };
}

/**
 * Reads and parses a notebook file.
 * @throws {NotebookFormatError} for unreadable content; fs errors (ENOENT) pass through.
 * @example (await readNotebook("notebooks/01-intro.ipynb")).nbformat // => 4
 */
export async function readNotebook(file: string): Promise<Notebook> {
  return parseNotebook(await readFile(file, "utf8"), file);
}

/**
 * Serialises a notebook the way Jupyter writes it: keys sorted, 1-space indent, multi-line
 * strings as lists of lines, a trailing newline.
 * @example serializeNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] })
 * // => '{\n "cells": [],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n'
 */
export function serializeNotebook(notebook: Notebook): string {
  const cells = notebook.cells.map((cell) => {
    const out: Record<string, unknown> = { ...cell, source: splitLines(cell.source) };
    if (cell.cell_type === "code") out.outputs = cell.outputs.map(outputToJson);
    return out;
  });
  return stableJson({ ...notebook, cells });
}

/**
 * A copy of the notebook without outputs and execution counts (what belongs in git).
 * @example stripOutputs(executed).cells.every((c) => c.cell_type !== "code" || c.outputs.length === 0) // => true
 */
export function stripOutputs(notebook: Notebook): Notebook {
  const cells = notebook.cells.map(
    (cell): Cell => (cell.cell_type === "code" ? { ...cell, execution_count: null, outputs: [] } : { ...cell }),
  );
  return { ...notebook, cells };
}

/**
 * Splits text into lines that keep their "\n", as nbformat stores multi-line strings.
 * @example splitLines("a\nb") // => ["a\n", "b"]
 */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Whether a MIME type carries JSON (stored as a JSON value, never split into lines).
 * @example isJsonMime("application/vnd.plotly.v1+json") // => true
 */
export function isJsonMime(mime: string): boolean {
  return /^application\/(.+\+)?json$/.test(mime);
}

function outputToJson(output: Output): Record<string, unknown> {
  if (output.output_type === "stream") return { ...output, text: splitLines(output.text) };
  if (output.output_type === "error") return { ...output };
  const data = Object.fromEntries(
    Object.entries(output.data).map(([mime, v]) => [
      mime,
      typeof v === "string" && !isJsonMime(mime) ? splitLines(v) : v,
    ]),
  );
  return { ...output, data };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function joinLines(v: unknown): unknown {
  return Array.isArray(v) && v.every((s) => typeof s === "string") ? v.join("") : v;
}

function parseCell(c: unknown, where: string, fail: (reason: string) => never): Cell {
  if (!isObject(c)) return fail(`${where} is not an object`);
  const source = joinLines(c.source ?? "");
  if (typeof source !== "string") return fail(`${where}: source is not a string or a list of strings`);
  const id = typeof c.id === "string" ? c.id : "";
  const metadata = isObject(c.metadata) ? c.metadata : {};
  if (c.cell_type === "markdown" || c.cell_type === "raw")
    return { ...c, id, cell_type: c.cell_type, metadata, source } as Cell;
  if (c.cell_type !== "code")
    return fail(`${where}: cell_type ${JSON.stringify(c.cell_type)} is not code, markdown or raw`);
  const outputs = Array.isArray(c.outputs)
    ? c.outputs.map((o, j) => parseOutput(o, `${where}, output ${j + 1}`, fail))
    : [];
  const count = typeof c.execution_count === "number" ? c.execution_count : null;
  const cell: CodeCell = { id, cell_type: "code", metadata, source, execution_count: count, outputs };
  return cell;
}

function parseOutput(o: unknown, where: string, fail: (reason: string) => never): Output {
  if (!isObject(o)) return fail(`${where} is not an object`);
  switch (o.output_type) {
    case "stream":
      return {
        ...o,
        output_type: "stream",
        name: o.name === "stderr" ? "stderr" : "stdout",
        text: String(joinLines(o.text) ?? ""),
      };
    case "display_data":
    case "execute_result": {
      const data = isObject(o.data)
        ? Object.fromEntries(Object.entries(o.data).map(([m, v]) => [m, isJsonMime(m) ? v : joinLines(v)]))
        : {};
      return { ...o, output_type: o.output_type, data, metadata: isObject(o.metadata) ? o.metadata : {} } as Output;
    }
    case "error":
      return {
        ...o,
        output_type: "error",
        ename: String(o.ename ?? ""),
        evalue: String(o.evalue ?? ""),
        traceback: Array.isArray(o.traceback) ? o.traceback.map(String) : [],
      };
    default:
      return fail(`${where}: output_type ${JSON.stringify(o.output_type)} is unknown`);
  }
}

/**
 * Writes a notebook atomically (temporary file in the same folder, then rename), creating
 * parent folders, so readers never see a half-written notebook.
 * @example await writeNotebook("output/notebooks/a.ipynb", notebook) // => undefined
 */
export async function writeNotebook(file: string, notebook: Notebook): Promise<void> {
  writeFileAtomic(file, serializeNotebook(notebook));
}
