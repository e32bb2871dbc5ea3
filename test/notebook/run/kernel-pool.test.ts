import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, watch, writeFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../../src/paths.js";
import { liveKernelCount } from "../../../src/notebook/kernel/kernel-process.js";
import { localizeNotebook } from "../../../src/notebook/format/localize.js";
import { serializeNotebook, type CodeCell, type Notebook, type Output } from "../../../src/notebook/format/nbformat.js";
import { runNotebooks, type NotebookResult } from "../../../src/notebook/run/runner.js";
import { changedSince, kernelBaseline, ResourceTracker } from "../../../src/notebook/in-kernel/session-reset.js";
import { FreshKernels, KernelPool } from "../../../src/notebook/run/kernel-pool.js";
import type { KernelClient } from "../../../src/notebook/kernel/kernel-client.js";
import { liveTslabChildren } from "../kernel/kernel-processes.js";

// Notebooks of code cells in a folder of the project, so that cells import the compiled module by a relative path.
function notebookFolder(): { dir: string; write(name: string, cells: string[]): string } {
  const dir = mkdtempSync(join(paths.root, ".tmp-kernel-reuse-"));
  return {
    dir,
    write(name, cells) {
      const file = join(dir, `${name}.ipynb`);
      const notebook = {
        cells: cells.map((source, i) => ({
          cell_type: "code",
          id: `${name}-${i}`,
          metadata: {},
          source,
          outputs: [],
          execution_count: null,
        })),
        metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
        nbformat: 4,
        nbformat_minor: 5,
      };
      writeFileSync(file, JSON.stringify(notebook));
      return file;
    },
  };
}

const FIGURE = `import { show } from "../dist/src/notebook/display/display.js";
show({ data: [{ type: "bar", x: ["a"], y: [1] }], layout: { meta: { id: "t-1", title: "Test", n: 3 } } });`;
// Each run in a line, with why it failed and why it got a new kernel: an assertion on statuses names the cause.
const described = (runs: (NotebookResult | undefined)[]) =>
  runs
    .map((r) => {
      const why = r!.failure ? `${r!.failure.ename}: ${r!.failure.evalue}` : (r!.error?.message ?? "");
      return `${r!.name} ${r!.status} reused=${r!.kernel?.reused} ${r!.kernel?.newBecause ?? ""} ${why}`;
    })
    .join("\n");
const cellsOf = (r: NotebookResult) => r.notebook!.cells as CodeCell[];
const texts = (outputs: Output[]) =>
  outputs.map((o) =>
    o.output_type === "stream"
      ? o.text
      : o.output_type === "error"
        ? `${o.ename}: ${o.evalue}`
        : o.output_type === "display_data"
          ? String(o.data["text/plain"])
          : o.output_type,
  );

describe("--reuse-kernels: one kernel for a worker's notebooks (real tslab kernels)", function () {
  this.timeout(120_000);
  let folder: ReturnType<typeof notebookFolder>;
  beforeEach(() => {
    folder = notebookFolder();
  });
  afterEach(() => {
    rmSync(folder.dir, { recursive: true, force: true });
    assert.deepEqual(liveTslabChildren(), [], "no kernel process is left behind");
    assert.equal(liveKernelCount(), 0);
  });

  it("runs the next notebook in the same kernel with nothing of the last: no variable, counts from 1, plotly.js and figure ids anew; after a failure a new kernel", async () => {
    const a = folder.write("a", ["const secret = 41;\nsecret + 1", FIGURE]);
    const b = folder.write("b", [FIGURE, "console.log(typeof globalThis)"]);
    const c = folder.write("c", ["secret"]);
    const d = folder.write("d", ["const secret = 1;\nsecret"]);
    const [ra, rb, rc, rd] = await runNotebooks([a, b, c, d], {
      concurrency: 1,
      outDir: join(folder.dir, "out"),
      reuseKernels: true,
    });
    assert.deepEqual(
      [ra, rb, rc, rd].map((r) => r!.status),
      ["ok", "ok", "error", "ok"],
      described([ra, rb, rc, rd]),
    );
    assert.deepEqual(
      [ra, rb, rc, rd].map((r) => r!.kernel!.reused),
      [false, true, true, false],
    );
    assert.equal(rb!.kernel!.pid, ra!.kernel!.pid);
    assert.equal(rc!.kernel!.pid, ra!.kernel!.pid);
    assert.notEqual(rd!.kernel!.pid, ra!.kernel!.pid, "the notebook after a failed one gets a new kernel");
    assert.deepEqual(
      cellsOf(rb!).map((cell) => cell.execution_count),
      [1, 2],
    );
    assert.deepEqual(texts(cellsOf(ra!)[0]!.outputs), ["42\n"]);
    // The second notebook's first figure carries plotly.js again and gets the id a fresh kernel gives.
    assert.deepEqual(texts(cellsOf(rb!)[0]!.outputs), texts(cellsOf(ra!)[1]!.outputs));
    assert.equal(cellsOf(rb!)[0]!.outputs.length, 2);
    assert.deepEqual(cellsOf(rb!)[0]!.outputs[1], cellsOf(ra!)[1]!.outputs[1]);
    assert.deepEqual(
      texts(cellsOf(rc!)[0]!.outputs).map((t) => t.split("\n")[0]),
      ["1:1 - Cannot find name 'secret'.", "TypeScriptCompileError: 1:1 - Cannot find name 'secret'."],
    );
    assert.deepEqual(texts(cellsOf(rd!)[0]!.outputs), ["1\n"]);
  });

  it("starts a new kernel after a notebook that left a timer or a process running, and its output never reaches the next notebook", async () => {
    const timer = folder.write("timer", ['setTimeout(() => console.log("late"), 1500);']);
    const after1 = folder.write("after1", ['await new Promise((r) => setTimeout(r, 2500));\nconsole.log("mine")']);
    const child = folder.write("child", [
      'import { spawn } from "node:child_process";\nspawn("sleep", ["30"], { detached: true, stdio: "ignore" }).unref();',
    ]);
    const after2 = folder.write("after2", ['console.log("mine")']);
    const [rt, r1, rc, r2] = await runNotebooks([timer, after1, child, after2], {
      concurrency: 1,
      outDir: join(folder.dir, "out"),
      reuseKernels: true,
    });
    assert.deepEqual(
      [rt, r1, rc, r2].map((r) => r!.status),
      ["ok", "ok", "ok", "ok"],
      described([rt, r1, rc, r2]),
    );
    assert.deepEqual(
      [rt, r1, rc, r2].map((r) => r!.kernel!.reused),
      [false, false, true, false],
    );
    assert.deepEqual(texts(cellsOf(r1!)[0]!.outputs), ["mine\n"]);
    assert.deepEqual(texts(cellsOf(r2!)[0]!.outputs), ["mine\n"]);
    assert.equal(new Set([rt, r1, r2].map((r) => r!.kernel!.pid)).size, 3);
  });

  it("starts a new kernel after an unref'd interval, a file watcher, or an unref'd timer still to fire after the notebook", async () => {
    const interval = folder.write("interval", ['setInterval(() => console.log("tick"), 100).unref();']);
    const after1 = folder.write("after1", ['await new Promise((r) => setTimeout(r, 500));\nconsole.log("mine")']);
    const watcher = folder.write("watcher", [
      'import { watch } from "node:fs";\nwatch(".", () => console.log("changed"));',
    ]);
    const after2 = folder.write("after2", [
      'import { writeFileSync } from "node:fs";\nwriteFileSync("probe.txt", "x");\nawait new Promise((r) => setTimeout(r, 300));\nconsole.log("mine")',
    ]);
    const late = folder.write("late", [
      "setTimeout(() => { (globalThis as Record<string, unknown>).late = 1; }, 1500).unref();",
    ]);
    const empty = folder.write("empty", []);
    const after3 = folder.write("after3", ["console.log(typeof (globalThis as Record<string, unknown>).late)"]);
    const runs = await runNotebooks([interval, after1, watcher, after2, late, empty, after3], {
      concurrency: 1,
      outDir: join(folder.dir, "out"),
      reuseKernels: true,
    });
    assert.deepEqual(
      runs.map((r) => `${r.name} ${r.status} ${r.kernel!.reused}`),
      [
        "interval ok false",
        "after1 ok false",
        "watcher ok true",
        "after2 ok false",
        "late ok true",
        "empty ok false",
        "after3 ok true",
      ],
    );
    assert.deepEqual(
      [runs[1], runs[3], runs[6]].map((r) => texts(cellsOf(r!)[0]!.outputs)),
      [["mine\n"], ["mine\n"], ["undefined\n"]],
    );
    assert.match(runs[1]!.kernel!.newBecause ?? "", /left Timeout ×1 running/);
    assert.match(runs[3]!.kernel!.newBecause ?? "", /left FSEVENTWRAP ×1 running/);
    assert.match(runs[5]!.kernel!.newBecause ?? "", /left Timeout ×1 running/);
  });

  it("gives the next notebook its own survey table: a disclosure policy one notebook set is not the next one's", async () => {
    const strict = folder.write("strict", [
      'import { requireMinCell, minCellOf, survey } from "interspin-notebooks";\nrequireMinCell(survey(), 50);\nconsole.log(minCellOf(survey()))',
    ]);
    const next = folder.write("next", [
      'import { minCellOf, survey } from "interspin-notebooks";\nconsole.log(minCellOf(survey()))',
    ]);
    const runs = await runNotebooks([strict, next], {
      concurrency: 1,
      outDir: join(folder.dir, "out"),
      reuseKernels: true,
    });
    assert.deepEqual(
      runs.map((r) => r.kernel!.reused),
      [false, true],
    );
    assert.deepEqual(
      runs.map((r) => texts(cellsOf(r)[cellsOf(r).length - 1]!.outputs)),
      [["50\n"], ["0\n"]],
    );
  });

  it("starts a new kernel after a notebook that added a global, changed the working folder or the environment", async () => {
    const global = folder.write("global", ["(globalThis as Record<string, unknown>).shared = 1;"]);
    const cwd = folder.write("cwd", ['process.chdir("..");']);
    const env = folder.write("env", ['process.env.INTERSPIN_TEST_SET = "1";']);
    const last = folder.write("last", [
      'console.log(typeof (globalThis as Record<string, unknown>).shared, process.cwd() === require("node:path").resolve("."), process.env.INTERSPIN_TEST_SET)',
    ]);
    const runs = await runNotebooks([global, cwd, env, last], {
      concurrency: 1,
      outDir: join(folder.dir, "out"),
      reuseKernels: true,
    });
    assert.deepEqual(
      runs.map((r) => `${r.status} ${r.kernel!.reused}`),
      ["ok false", "ok false", "ok false", "ok false"],
    );
    assert.equal(new Set(runs.map((r) => r.kernel!.pid)).size, 4);
    assert.deepEqual(texts(cellsOf(runs[3]!)[0]!.outputs), ["undefined true undefined\n"]);
  });

  it("goes on in the kernels of an earlier run when both share a pool, and stops them when the pool closes", async () => {
    const a = folder.write("a", ["1"]);
    const b = folder.write("b", ["2"]);
    const pool = new KernelPool({ reuse: true });
    try {
      const [first] = await runNotebooks([a], { concurrency: 1, outDir: join(folder.dir, "out1"), pool });
      assert.equal(liveKernelCount(), 1, "the pool keeps the kernel between runs");
      const [second] = await runNotebooks([b], { concurrency: 1, outDir: join(folder.dir, "out2"), pool });
      assert.deepEqual([first!.kernel!.reused, second!.kernel!.reused], [false, true]);
      assert.equal(second!.kernel!.pid, first!.kernel!.pid);
      assert.deepEqual(
        cellsOf(second!).map((cell) => cell.execution_count),
        [1],
      );
    } finally {
      await pool.close();
    }
    assert.equal(liveKernelCount(), 0);
  });

  it("by default, a new kernel for every notebook", async () => {
    const a = folder.write("a", ["1"]);
    const b = folder.write("b", ["2"]);
    const runs = await runNotebooks([a, b], { concurrency: 1, outDir: join(folder.dir, "out") });
    assert.deepEqual(
      runs.map((r) => r.kernel!.reused),
      [false, false],
    );
    assert.notEqual(runs[0]!.kernel!.pid, runs[1]!.kernel!.pid);
  });
});

describe("chapter notebooks in one kernel and in fresh kernels", function () {
  this.timeout(300_000);

  it("give byte-identical executed notebooks (03, 04, 06, S2 in turn in one kernel; S2 needs the full plotly.js)", async () => {
    const names = ["03-partnerwahl", "04-wissensdiffusion", "06-anhang", "S2-seminar-wissensdiffusion"];
    const notebooks = names.map((n) => join(paths.notebooks, `${n}.ipynb`));
    const dir = mkdtempSync(join(paths.root, ".tmp-kernel-reuse-"));
    try {
      const options = {
        concurrency: 1,
        parameters: { lang: "en", data: "", minCell: 5 },
        prepare: (nb: Notebook) => localizeNotebook(nb, "en"),
      };
      const reused = await runNotebooks(notebooks, { ...options, outDir: join(dir, "reused"), reuseKernels: true });
      const fresh = await runNotebooks(notebooks, { ...options, outDir: join(dir, "fresh") });
      assert.deepEqual(
        reused.map((r) => `${r.name} ${r.status} ${r.kernel!.reused}`),
        names.map((n, i) => `${n} ok ${i > 0}`),
      );
      assert.deepEqual(
        fresh.map((r) => r.status),
        names.map(() => "ok"),
      );
      for (const [i, name] of names.entries())
        assert.equal(serializeNotebook(reused[i]!.notebook!), serializeNotebook(fresh[i]!.notebook!), name);
      const libraries = reused.map(
        (r) =>
          r
            .notebook!.cells.flatMap((c) => (c.cell_type === "code" ? c.outputs : []))
            .filter(
              (o) =>
                o.output_type === "display_data" &&
                (o.metadata?.interspin as { kind?: string } | undefined)?.kind === "plotly-library",
            ).length,
      );
      assert.ok(
        libraries.every((n) => n >= 1),
        `every notebook carries plotly.js: ${libraries.join(", ")}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Kernels that only count: started in which folder, stopped or not. */
function fakeKernels(fail: (n: number) => boolean = () => false) {
  const started: { cwd: string; stopped: boolean; pid: number }[] = [];
  const start = async (cwd: string): Promise<KernelClient> => {
    const k = { cwd, stopped: false, pid: started.length + 1 };
    started.push(k);
    await new Promise((r) => setTimeout(r, 5));
    if (fail(k.pid)) throw new Error(`kernel ${k.pid} did not start`);
    return {
      pid: k.pid,
      get alive() {
        return !k.stopped;
      },
      shutdown: async () => void (k.stopped = true),
    } as unknown as KernelClient;
  };
  return { started, start };
}

describe("FreshKernels: a new kernel per notebook, the next one started ahead", () => {
  it("starts a spare for a notebook to come while the current one runs, and gives it to the next notebook", async () => {
    const fake = fakeKernels();
    const kernels = new FreshKernels(fake.start, 1);
    const a = await kernels.acquire("nb", 2);
    assert.equal(fake.started.length, 2, "the first notebook's kernel and one spare");
    await kernels.release(a.kernel, "nb", true);
    assert.ok(fake.started[0]!.stopped, "a kernel is stopped after its notebook");
    const b = await kernels.acquire("nb", 1);
    assert.equal(b.kernel.pid, 2, "the next notebook runs in the spare");
    assert.equal(b.reused, false);
    assert.equal(fake.started.length, 3, "and a new spare starts for the last notebook");
    await kernels.release(b.kernel, "nb", true);
    const c = await kernels.acquire("nb", 0);
    assert.equal(c.kernel.pid, 3);
    assert.equal(fake.started.length, 3, "no spare when no notebook is to come");
    await kernels.release(c.kernel, "nb", true);
    await kernels.close();
    assert.ok(fake.started.every((k) => k.stopped));
  });

  it("stops a spare of another folder, starts a failed spare again for its notebook, and stops spares on close", async () => {
    const fake = fakeKernels((pid) => pid === 2);
    const kernels = new FreshKernels(fake.start, 2);
    const a = await kernels.acquire("one", 1);
    await kernels.release(a.kernel, "one", true);
    const b = await kernels.acquire("one", 0);
    assert.equal(b.kernel.pid, 3, "the spare that failed to start is started again");
    await kernels.release(b.kernel, "one", true);
    const c = await kernels.acquire("one", 5);
    assert.equal(kernels.spareCount(), 2, "never more spares than asked for");
    const d = await kernels.acquire("two", 0);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(kernels.spareCount(), 0);
    assert.ok(
      fake.started.filter((k) => k.cwd === "one" && k.pid > 4).every((k) => k.stopped),
      "the spares for the other folder are stopped",
    );
    await Promise.all([kernels.release(c.kernel, "one", true), kernels.release(d.kernel, "two", true)]);
    await kernels.close();
    assert.ok(fake.started.every((k) => k.stopped || k.pid === 2));
  });
});

describe("changedSince", () => {
  it("names what a notebook left or changed, and nothing for a kernel as it began", () => {
    const base = { left: [], globals: new Set<string | symbol>(["console"]), cwd: "/p/notebooks", env: "[]" };
    assert.equal(changedSince(base, base), undefined);
    assert.equal(changedSince(base, { ...base, left: ["Timeout ×1"] }), "the last notebook left Timeout ×1 running");
    assert.equal(
      changedSince(base, { ...base, globals: new Set(["console", "a", "b"]) }),
      "the last notebook added 2 globals (a, b)",
    );
    assert.equal(changedSince(base, { ...base, cwd: "/p" }), "the last notebook changed the working folder to /p");
    assert.equal(
      changedSince(base, { ...base, env: '[["X","1"]]' }),
      "the last notebook changed the environment (process.env)",
    );
    assert.equal(changedSince(kernelBaseline()), undefined);
  });
});

describe("ResourceTracker", () => {
  it("sees an unref'd interval and a file watcher until they end, and no promise", async () => {
    const tracker = new ResourceTracker(() => false).enable();
    try {
      // The test runner makes timers of its own meanwhile: count by type.
      const count = (type: string) =>
        Number(
          tracker
            .since(before)
            .find((x) => x.startsWith(`${type} ×`))
            ?.split("×")[1] ?? 0,
        );
      const before = tracker.ids();
      const interval = setInterval(() => undefined, 1000).unref();
      const watcher = watch(".");
      await Promise.resolve();
      const timers = count("Timeout");
      assert.equal(count("FSEVENTWRAP"), 1);
      assert.ok(timers >= 1);
      assert.equal(count("PROMISE"), 0);
      clearInterval(interval);
      watcher.close();
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      assert.equal(count("FSEVENTWRAP"), 0);
      assert.equal(count("Timeout"), timers - 1);
    } finally {
      tracker.disable();
    }
  });

  it("leaves out file watchers that the compiler makes", () => {
    const tracker = new ResourceTracker(() => true).enable();
    try {
      const before = tracker.ids();
      const watcher = watch(".");
      assert.deepEqual(tracker.since(before), []);
      watcher.close();
    } finally {
      tracker.disable();
    }
  });
});
