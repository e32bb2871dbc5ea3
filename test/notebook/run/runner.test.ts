import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paths } from "../../../src/paths.js";
import { liveKernelCount } from "../../../src/notebook/kernel/kernel-process.js";
import { parseNotebook, type CodeCell, type Notebook } from "../../../src/notebook/format/nbformat.js";
import type { ProgressEvent } from "../../../src/notebook/run/progress.js";
import { runNotebook, runNotebooks } from "../../../src/notebook/run/runner.js";
import { liveTslabChildren } from "../kernel/kernel-processes.js";

const fixtures = join(paths.root, "test", "fixtures", "notebooks");
const fixture = (name: string) => join(fixtures, `${name}.ipynb`);
const code = (nb: Notebook, i: number) => nb.cells[i] as CodeCell;

describe("runNotebook (end to end, real tslab kernels)", function () {
  this.timeout(60_000);
  afterEach(() => {
    assert.deepEqual(liveTslabChildren(), [], "no kernel process is left behind");
    assert.equal(liveKernelCount(), 0);
  });

  it("executes hello.ipynb: the last expression, console.log, one display with several MIME types, show and showTable", async () => {
    const events: ProgressEvent[] = [];
    const run = await runNotebook(fixture("hello"), { onProgress: (e) => events.push(e) });
    assert.equal(run.status, "ok");
    assert.equal(run.failure, undefined);
    const nb = run.notebook;
    assert.equal(nb.cells[0]!.cell_type, "markdown");
    // tslab echoes a cell's last expression with console.log, so it arrives as stdout text, not execute_result.
    assert.deepEqual(code(nb, 1).outputs, [{ output_type: "stream", name: "stdout", text: "42\n" }]);
    assert.deepEqual(code(nb, 2).outputs, [{ output_type: "stream", name: "stdout", text: "hello from tslab\n" }]);
    assert.deepEqual(code(nb, 3).outputs, [
      {
        output_type: "display_data",
        data: { "text/plain": "forty-two", "text/html": "<b>42</b>", "application/json": { answer: 42 } },
        metadata: {},
      },
    ]);
    const [library, figure, table] = code(nb, 4).outputs;
    assert.equal(
      code(nb, 4).outputs.length,
      3,
      "plotly.js once, then show() and showTable() send one display each and echo nothing",
    );
    assert.equal(
      library!.output_type === "display_data" && library!.data["text/plain"],
      "plotly.js 4.1.1 (plotly.js-cartesian-dist-min) for the figures of this notebook, embedded for offline use",
    );
    assert.equal(
      figure!.output_type === "display_data" && Object.keys(figure!.data).join(" "),
      "application/vnd.plotly.v1+json text/html text/plain",
    );
    assert.equal(figure!.output_type === "display_data" && figure!.data["text/plain"], "Figure t-1: Test (N = 3)");
    assert.equal(
      table!.output_type === "display_data" && table!.data["text/plain"],
      "label     n\n--------  -\n<script>  1\n",
    );
    assert.deepEqual(
      [1, 2, 3, 4].map((i) => code(nb, i).execution_count),
      [1, 2, 3, 4],
    );
    assert.deepEqual(nb.metadata.kernelspec, { name: "tslab", display_name: "TypeScript", language: "typescript" });
    assert.equal((nb.metadata.language_info as { name: string }).name, "typescript");
    assert.deepEqual(
      nb.cells.map((c) => c.id),
      parseNotebook(readFileSync(fixture("hello"), "utf8"), fixture("hello")).cells.map((c) => c.id),
    );
    assert.deepEqual(
      events.map((e) => (e.type.startsWith("cell") ? `${e.type} ${(e as { cellNumber: number }).cellNumber}` : e.type)),
      [
        "start",
        "cell-start 2",
        "cell-done 2",
        "cell-start 3",
        "cell-done 3",
        "cell-start 4",
        "cell-done 4",
        "cell-start 5",
        "cell-done 5",
        "done",
      ],
    );
  });

  it("puts plotly.js into a cell's output with showPlotlyLibrary() imported from the package, as the README says", async () => {
    const run = await runNotebook(fixture("plotly-library"));
    assert.equal(run.status, "ok");
    const [library, ...rest] = code(run.notebook, 1).outputs;
    assert.deepEqual(rest, []);
    assert.equal(library?.output_type, "display_data");
    const out = library as { data: Record<string, string>; metadata: { interspin?: { kind: string } } };
    assert.equal(out.metadata.interspin?.kind, "plotly-library");
    assert.match(
      out.data["text/html"]!,
      /class="interspin-plotly-library" data-bundle="plotly\.js-cartesian-dist-min"/,
    );
    assert.match(out.data["text/plain"]!, /^plotly\.js \d+\.\d+\.\d+ \(plotly\.js-cartesian-dist-min\)/);
    assert.deepEqual(code(run.notebook, 2).outputs, [{ output_type: "stream", name: "stdout", text: "true\n" }]);
  });

  it("injects parameters after the parameters cell and records them", async () => {
    const run = await runNotebook(fixture("parameters"), { parameters: { lang: "en", year: 2022 } });
    assert.equal(run.status, "ok");
    assert.deepEqual(
      run.notebook.cells.map((c) => c.metadata.tags ?? []),
      [[], ["parameters"], ["injected-parameters"], []],
    );
    assert.deepEqual(code(run.notebook, 2).outputs, [], "the injected cell prints nothing");
    assert.deepEqual(code(run.notebook, 3).outputs, [{ output_type: "stream", name: "stdout", text: "en 2022\n" }]);
    assert.deepEqual(run.notebook.metadata.papermill, { parameters: { lang: "en", year: 2022 } });
  });

  it("stops a cell at its time limit with a timeout error naming the cell, and kills the kernel", async () => {
    // A kernel sets up tslab's compiler on the first cell it must type-check, within that cell's
    // time: one run with room for it stores the checks, so that 1 s below is the cells' own time.
    assert.equal((await runNotebook(fixture("slow"), { timeoutMs: 60_000 })).status, "ok");
    const started = Date.now();
    const run = await runNotebook(fixture("slow"), { timeoutMs: 1000 });
    assert.ok(Date.now() - started < 15_000);
    assert.equal(run.status, "error");
    assert.deepEqual(
      { ...run.failure, evalue: undefined },
      { cellIndex: 1, cellNumber: 2, kind: "timeout", ename: "CellTimeoutError", evalue: undefined },
    );
    assert.equal(run.failure!.evalue, "cell 2 did not finish within 1 s (raise the limit with --timeout SECONDS)");
    assert.deepEqual(code(run.notebook, 0).outputs, [{ output_type: "stream", name: "stdout", text: "start\n" }]);
    assert.deepEqual(
      code(run.notebook, 1).outputs.map((o) => o.output_type),
      ["error"],
    );
    assert.deepEqual([code(run.notebook, 2).execution_count, code(run.notebook, 2).outputs], [null, []]);
  });
});

describe("runNotebooks (end to end)", function () {
  this.timeout(60_000);
  let outDir: string;
  beforeEach(() => (outDir = mkdtempSync(join(tmpdir(), "run-notebooks-"))));
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it("runs failing notebooks in parallel, records nbformat errors at the right cell, and stops there", async () => {
    const results = await runNotebooks([fixture("compile-error"), fixture("runtime-error")], {
      concurrency: 2,
      outDir,
    });
    assert.deepEqual(liveTslabChildren(), [], "no kernel process is left behind");
    assert.deepEqual(
      results.map((r) => [r.name, r.status, r.failure?.cellNumber, r.failure?.kind, r.failure?.ename]),
      [
        ["compile-error", "error", 3, "error", "TypeScriptCompileError"],
        ["runtime-error", "error", 3, "error", "TypeError"],
      ],
    );
    assert.equal(results[0]!.failure!.evalue, "1:7 - Type 'string' is not assignable to type 'number'.");
    assert.equal(results[1]!.failure!.evalue, "bad value: 7");
    for (const r of results) {
      assert.equal(r.outPath, join(outDir, "notebooks", `${r.name}.ipynb`));
      const written = parseNotebook(readFileSync(r.outPath!, "utf8"), r.outPath!);
      const failed = code(written, 2);
      assert.deepEqual(
        failed.outputs.map((o) => o.output_type),
        ["stream", "error"],
        "stderr text, then the error output",
      );
      assert.deepEqual(
        [code(written, 3).execution_count, code(written, 3).outputs],
        [null, []],
        "later cells did not run",
      );
      assert.ok(!readFileSync(r.outPath!, "utf8").includes(paths.root), "no absolute project paths in outputs");
    }
    assert.deepEqual(code(parseNotebook(readFileSync(results[1]!.outPath!, "utf8"), "x"), 1).outputs, [
      { output_type: "stream", name: "stdout", text: "before\n" },
    ]);
  });

  it("reports a notebook that cannot be read without stopping the others", async () => {
    const results = await runNotebooks([join(fixtures, "missing.ipynb")], { outDir });
    assert.equal(results[0]!.status, "error");
    assert.match(String(results[0]!.error), /ENOENT/);
  });

  it("refuses two notebooks with the same name and a concurrency below 1", async () => {
    await assert.rejects(
      runNotebooks([fixture("hello"), join(fixtures, "..", "notebooks", "hello.ipynb")], { outDir }),
      /have the same name/,
    );
    await assert.rejects(runNotebooks([fixture("hello")], { outDir, concurrency: 0 }), RangeError);
  });
});
