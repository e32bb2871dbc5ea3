import { strict as assert } from "node:assert";
import { join } from "node:path";
import { paths } from "../../../src/paths.js";
import { NotebookFormatError } from "../../../src/notebook/format/errors.js";
import {
  cellId,
  notebookKey,
  parseNotebook,
  serializeNotebook,
  splitLines,
  stripOutputs,
  type Notebook,
} from "../../../src/notebook/format/nbformat.js";

const raw = (cells: object[], minor = 4) => JSON.stringify({ nbformat: 4, nbformat_minor: minor, metadata: {}, cells });
const fixture = join(paths.root, "test", "fixtures", "notebooks", "x.ipynb");

describe("nbformat", () => {
  it("derives cell ids from the project-relative path and the index, the same on every read", () => {
    const text = raw([
      { cell_type: "markdown", source: "# A" },
      { cell_type: "code", source: "1", outputs: [] },
    ]);
    const a = parseNotebook(text, fixture);
    const b = parseNotebook(text, fixture);
    assert.deepEqual(
      a.cells.map((c) => c.id),
      b.cells.map((c) => c.id),
    );
    assert.equal(a.cells[0]!.id, cellId("test/fixtures/notebooks/x.ipynb", 0));
    assert.match(a.cells[1]!.id, /^[0-9a-f]{8}$/);
    assert.notEqual(a.cells[0]!.id, a.cells[1]!.id);
    assert.notEqual(parseNotebook(text, join(paths.root, "y.ipynb")).cells[0]!.id, a.cells[0]!.id);
  });

  it("keeps existing ids, replaces duplicates and upgrades to nbformat 4.5", () => {
    const nb = parseNotebook(
      raw([
        { cell_type: "raw", id: "keep-me", source: "" },
        { cell_type: "raw", id: "keep-me", source: "" },
      ]),
      fixture,
    );
    assert.equal(nb.cells[0]!.id, "keep-me");
    assert.equal(nb.cells[1]!.id, cellId(notebookKey(fixture), 1));
    assert.equal(nb.nbformat_minor, 5);
  });

  it("uses the file name as key for notebooks outside the project", () => {
    assert.equal(notebookKey("/somewhere/else/report.ipynb"), "report.ipynb");
    assert.equal(notebookKey(join(paths.root, "notebooks", "a.ipynb")), "notebooks/a.ipynb");
  });

  it("joins multi-line sources and output texts on read", () => {
    const nb = parseNotebook(
      raw([
        {
          cell_type: "code",
          source: ["a\n", "b"],
          outputs: [{ output_type: "stream", name: "stdout", text: ["1\n", "2\n"] }],
        },
      ]),
      fixture,
    );
    const cell = nb.cells[0]!;
    assert.equal(cell.source, "a\nb");
    assert.equal(
      cell.cell_type === "code" && cell.outputs[0]!.output_type === "stream" && cell.outputs[0]!.text,
      "1\n2\n",
    );
  });

  it("strips outputs and execution counts but keeps sources and markdown", () => {
    const nb = parseNotebook(
      raw([
        { cell_type: "markdown", source: "# T" },
        {
          cell_type: "code",
          execution_count: 3,
          source: "x",
          outputs: [{ output_type: "stream", name: "stdout", text: "1" }],
        },
      ]),
      fixture,
    );
    const stripped = stripOutputs(nb);
    assert.deepEqual(
      stripped.cells.map((c) => [
        c.cell_type,
        c.source,
        c.cell_type === "code" ? [c.execution_count, c.outputs.length] : null,
      ]),
      [
        ["markdown", "# T", null],
        ["code", "x", [null, 0]],
      ],
    );
    assert.equal(nb.cells[1]!.cell_type === "code" && nb.cells[1]!.outputs.length, 1, "the input is not changed");
  });

  it("serialises like Jupyter: sorted keys, 1-space indent, lines as lists, JSON MIME data as objects, final newline", () => {
    const nb: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { z: 1, a: 2 },
      cells: [
        {
          id: "c1",
          cell_type: "code",
          metadata: {},
          source: "a\nb",
          execution_count: 1,
          outputs: [
            {
              output_type: "display_data",
              metadata: {},
              data: { "text/plain": "x\ny", "application/vnd.plotly.v1+json": { data: [] } },
            },
          ],
        },
      ],
    };
    const text = serializeNotebook(nb);
    assert.ok(
      text.startsWith('{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 1,\n   "id": "c1",'),
    );
    assert.ok(text.endsWith('\n "metadata": {\n  "a": 2,\n  "z": 1\n },\n "nbformat": 4,\n "nbformat_minor": 5\n}\n'));
    const json = JSON.parse(text);
    assert.deepEqual(json.cells[0].source, ["a\n", "b"]);
    assert.deepEqual(json.cells[0].outputs[0].data, {
      "application/vnd.plotly.v1+json": { data: [] },
      "text/plain": ["x\n", "y"],
    });
    assert.deepEqual(parseNotebook(text, fixture), nb, "parse(serialize(nb)) gives nb back");
    assert.equal(serializeNotebook(parseNotebook(text, fixture)), text, "serialising is stable");
  });

  it("splits text into lines that keep their newline", () => {
    assert.deepEqual(splitLines("a\nb"), ["a\n", "b"]);
    assert.deepEqual(splitLines("a\n\n"), ["a\n", "\n"]);
    assert.deepEqual(splitLines(""), []);
  });

  it("names the file and the problem for files that are not notebooks", () => {
    assert.throws(
      () => parseNotebook("{", "bad.ipynb"),
      (e: unknown) => e instanceof NotebookFormatError && /^bad\.ipynb: .*not JSON/.test(e.message),
    );
    assert.throws(
      () => parseNotebook(JSON.stringify({ nbformat: 3, cells: [] }), "old.ipynb"),
      /nbformat is 3, expected 4/,
    );
    assert.throws(
      () => parseNotebook(raw([{ cell_type: "python", source: "" }]), "c.ipynb"),
      /cell 1: cell_type "python"/,
    );
    assert.throws(
      () => parseNotebook(raw([{ cell_type: "code", source: "", outputs: [{ output_type: "x" }] }]), "c.ipynb"),
      /cell 1, output 1: output_type "x" is unknown/,
    );
  });
});
