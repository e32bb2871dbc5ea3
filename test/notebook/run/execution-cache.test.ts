import { strict as assert } from "node:assert";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { paths } from "../../../src/paths.js";
import { readVerified } from "../../../src/node/verified-file.js";
import {
  cacheKey,
  cachedNotebookPath,
  runNotebooksCached,
  type CachedRunOptions,
} from "../../../src/notebook/run/execution-cache.js";
import { moduleClosure, moduleHash } from "../../../src/node/module-hash.js";
import { sha256 } from "../../../src/node/hash.js";
import { pruneCache } from "../../../src/node/cache-folder.js";
import { cachedRenderer } from "../../../src/render/render-cache.js";
import { parseNotebook, writeNotebook, type CodeCell, type Notebook } from "../../../src/notebook/format/nbformat.js";
import type { NotebookResult, RunNotebooksOptions } from "../../../src/notebook/run/runner.js";
import type { Renderer } from "../../../src/render/render-static.js";
import { liveKernelCount } from "../../../src/notebook/kernel/kernel-process.js";
import { DEFAULT_MAX_CELL_OUTPUT_BYTES } from "../../../src/notebook/kernel/output-collector.js";

const fixtures = join(paths.root, "test", "fixtures", "notebooks");

describe("cacheKey", () => {
  const base = {
    notebookText: '{"cells":[]}',
    dataBytes: Buffer.from("id,funded\nR001,1\n"),
    parameters: { lang: "de", data: "" },
    moduleHash: "m1",
  };

  it("is the same for the same contents, whatever the order of the parameters", () => {
    assert.equal(cacheKey(base), cacheKey({ ...base, parameters: { data: "", lang: "de" } }));
    assert.match(cacheKey(base), /^[0-9a-f]{64}$/);
  });

  it("changes with the notebook text, the data bytes, a parameter and the module hash", () => {
    const keys = [
      cacheKey(base),
      cacheKey({ ...base, notebookText: '{"cells": []}' }),
      cacheKey({ ...base, dataBytes: Buffer.from("id,funded\nR001,2\n") }),
      cacheKey({ ...base, parameters: { lang: "en", data: "" } }),
      cacheKey({ ...base, moduleHash: "m2" }),
      cacheKey({ ...base, extra: { path: "notebooks/b.ipynb" } }),
    ];
    assert.equal(new Set(keys).size, keys.length);
  });

  it("takes the data as bytes or as their hash", () => {
    const { dataBytes, ...rest } = base;
    assert.equal(cacheKey({ ...rest, dataHash: sha256(dataBytes) }), cacheKey(base));
  });

  it("refuses a key without the data", () => {
    const { dataBytes: _, ...rest } = base;
    assert.throws(() => cacheKey(rest), /dataBytes or dataHash/);
  });
});

describe("moduleHash", () => {
  let root: string;
  const write = (rel: string, text: string) => {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "interspin-modhash-"));
    write("dist/src/index.js", 'export * from "./a.js";\nexport const lazy = () => import("./b.js");\n');
    write("dist/src/index.d.ts", 'export * from "./a.js";\nimport type { T } from "./types.js";\n');
    write("dist/src/a.js", "export const a = 1;\n");
    write("dist/src/b.js", 'import "./shared/c.js";\n');
    write("dist/src/shared/c.js", "");
    write("dist/src/types.d.ts", "export type T = 1;\n");
    write("dist/src/cli/report.js", 'import "../index.js";\n');
    write("package-lock.json", "{}\n");
    write("data/codebook.json", "{}\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const hash = () => moduleHash({ root, entries: [join(root, "dist/src/index.js")] });

  it("follows static, dynamic and type-only relative imports from the entry, not other files", () => {
    const rel = moduleClosure([join(root, "dist/src/index.js")]).map((f) => f.slice(root.length + 1));
    assert.deepEqual(rel, [
      "dist/src/a.js",
      "dist/src/b.js",
      "dist/src/index.d.ts",
      "dist/src/index.js",
      "dist/src/shared/c.js",
      "dist/src/types.d.ts",
    ]);
  });

  it("changes when a reachable file, the lock file or a data file changes, not when an unreachable one does", () => {
    const h0 = hash();
    assert.equal(hash(), h0, "stable");
    write("dist/src/cli/report.js", 'import "../index.js";\n// edited\n');
    assert.equal(hash(), h0, "the report command is not imported by notebooks");
    write("dist/src/types.d.ts", "export type T = 2;\n");
    const h1 = hash();
    assert.notEqual(h1, h0, "a declaration cells are type-checked against");
    write("package-lock.json", '{"v":2}\n');
    const h2 = hash();
    assert.notEqual(h2, h1);
    write("data/codebook.json", '{"v":2}\n');
    assert.notEqual(hash(), h2);
  });

  it("covers the project's package entry and runner", () => {
    const files = moduleClosure([
      join(paths.root, "dist/src/index.js"),
      join(paths.root, "dist/src/notebook/run/runner.js"),
    ]).map((f) => f.slice(paths.root.length + 1));
    assert.ok(
      files.includes("dist/src/data/load.js") &&
        files.includes("dist/src/notebook/format/parameters.js") &&
        files.includes("dist/src/figures/common/types.d.ts"),
    );
    assert.ok(!files.some((f) => f.startsWith("dist/src/cli/") || f.startsWith("dist/test/")));
  });
});

/** A stand-in for runNotebooks that records what it was asked to run and stamps each run. */
function fakeRunner(fail: string[] = []) {
  const calls: string[][] = [];
  let runs = 0;
  const execute = async (notebooks: string[], o: RunNotebooksOptions): Promise<NotebookResult[]> => {
    calls.push(notebooks.map((p) => basename(p, ".ipynb")));
    return Promise.all(
      notebooks.map(async (path) => {
        const name = basename(path, ".ipynb");
        const nb = parseNotebook(readFileSync(path, "utf8"), path);
        const stamp = `run ${++runs} ${JSON.stringify(o.parameters ?? {})}`;
        const display = {
          output_type: "display_data" as const,
          data: { "text/plain": "x", "application/json": { z: 1, a: 2 } },
          metadata: {},
        };
        const cells = nb.cells.map((c) =>
          c.cell_type === "code"
            ? {
                ...c,
                execution_count: 1,
                outputs: [{ output_type: "stream" as const, name: "stdout" as const, text: stamp }, display],
              }
            : c,
        );
        const notebook: Notebook = { ...nb, cells };
        const outPath = join(o.outDir!, "notebooks", `${name}.ipynb`);
        await writeNotebook(outPath, notebook);
        const failed = fail.includes(name);
        return {
          path,
          name,
          status: failed ? ("error" as const) : ("ok" as const),
          outPath,
          notebook,
          durationMs: 5,
          ...(failed
            ? { failure: { cellIndex: 1, cellNumber: 2, kind: "error" as const, ename: "Error", evalue: "boom" } }
            : {}),
        };
      }),
    );
  };
  return { calls, execute };
}

const stamp = (nb: Notebook | undefined) =>
  ((nb?.cells.find((c) => c.cell_type === "code") as CodeCell | undefined)?.outputs[0] as { text: string } | undefined)
    ?.text;

describe("runNotebooksCached", () => {
  let dir: string, notebooks: string[], data: string, cacheDir: string, out: string;
  const options = (extra: Partial<CachedRunOptions> = {}): CachedRunOptions => ({
    outDir: out,
    cacheDir,
    dataFile: data,
    moduleHash: "m1",
    parameters: { lang: "de" },
    ...extra,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "interspin-cache-"));
    mkdirSync(join(dir, "nb"));
    notebooks = ["hello", "parameters"].map((n) => {
      cpSync(join(fixtures, `${n}.ipynb`), join(dir, "nb", `${n}.ipynb`));
      return join(dir, "nb", `${n}.ipynb`);
    });
    data = join(dir, "survey.csv");
    writeFileSync(data, "id,funded\nR001,1\n");
    cacheDir = join(dir, "out", ".cache", "notebooks");
    out = join(dir, "stage");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("runs every notebook the first time and stores the executed copies", async () => {
    const fake = fakeRunner();
    const r = await runNotebooksCached(notebooks, options({ execute: fake.execute }));
    assert.deepEqual(fake.calls, [["hello", "parameters"]]);
    assert.deepEqual(
      r.map((x) => [x.name, x.status, x.cached]),
      [
        ["hello", "ok", false],
        ["parameters", "ok", false],
      ],
    );
    assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith(".ipynb")).length, 2);
  });

  it("answers a hit with the stored notebook, without running anything, and writes it byte for byte as the run did", async () => {
    const first = await runNotebooksCached(notebooks, options({ execute: fakeRunner().execute }));
    const written = first.map((x) => readFileSync(x.outPath!, "utf8"));
    rmSync(out, { recursive: true, force: true });
    const never = async (): Promise<NotebookResult[]> => {
      throw new Error("nothing should run");
    };
    const second = await runNotebooksCached(notebooks, options({ execute: never }));
    assert.deepEqual(
      second.map((x) => [x.name, x.status, x.cached]),
      [
        ["hello", "ok", true],
        ["parameters", "ok", true],
      ],
    );
    assert.equal(
      JSON.stringify(second.map((x) => x.notebook)),
      JSON.stringify(first.map((x) => x.notebook)),
      "the same notebook, keys in the same order",
    );
    assert.deepEqual(
      second.map((x) => readFileSync(x.outPath!, "utf8")),
      written,
    );
  });

  it("re-runs only the notebook whose text changed", async () => {
    await runNotebooksCached(notebooks, options({ execute: fakeRunner().execute }));
    const nb = JSON.parse(readFileSync(notebooks[0]!, "utf8"));
    nb.cells[0].source.push("\nEdited.");
    writeFileSync(notebooks[0]!, JSON.stringify(nb, null, 1));
    const fake = fakeRunner();
    const r = await runNotebooksCached(notebooks, options({ execute: fake.execute }));
    assert.deepEqual(fake.calls, [["hello"]]);
    assert.deepEqual(
      r.map((x) => x.cached),
      [false, true],
    );
  });

  it("re-runs everything when the data bytes, a parameter or the module hash change", async () => {
    await runNotebooksCached(notebooks, options({ execute: fakeRunner().execute }));
    writeFileSync(data, "id,funded\nR001,2\n");
    const afterData = fakeRunner();
    await runNotebooksCached(notebooks, options({ execute: afterData.execute }));
    assert.deepEqual(afterData.calls, [["hello", "parameters"]], "data bytes");
    const afterParam = fakeRunner();
    const r = await runNotebooksCached(notebooks, options({ execute: afterParam.execute, parameters: { lang: "en" } }));
    assert.deepEqual(afterParam.calls, [["hello", "parameters"]], "parameter");
    assert.match(stamp(r[0]!.notebook)!, /"lang":"en"/);
    const afterModule = fakeRunner();
    await runNotebooksCached(notebooks, options({ execute: afterModule.execute, moduleHash: "m2" }));
    assert.deepEqual(afterModule.calls, [["hello", "parameters"]], "module hash");
  });

  it("re-runs when what prepare makes of the notebook changes", async () => {
    const prepare =
      (tag: string) =>
      (nb: Notebook): Notebook => ({ ...nb, metadata: { ...nb.metadata, tag } });
    await runNotebooksCached(notebooks, options({ execute: fakeRunner().execute, prepare: prepare("a") }));
    const same = fakeRunner();
    await runNotebooksCached(notebooks, options({ execute: same.execute, prepare: prepare("a") }));
    assert.deepEqual(same.calls, []);
    const other = fakeRunner();
    await runNotebooksCached(notebooks, options({ execute: other.execute, prepare: prepare("b") }));
    assert.deepEqual(other.calls, [["hello", "parameters"]]);
  });

  it("re-runs when the output cap changes from the default (outputs cut elsewhere), not for the default itself", async () => {
    await runNotebooksCached(notebooks, options({ execute: fakeRunner().execute }));
    const atDefault = fakeRunner();
    await runNotebooksCached(
      notebooks,
      options({ execute: atDefault.execute, maxCellOutputBytes: DEFAULT_MAX_CELL_OUTPUT_BYTES }),
    );
    assert.deepEqual(atDefault.calls, []);
    const raised = fakeRunner();
    await runNotebooksCached(notebooks, options({ execute: raised.execute, maxCellOutputBytes: 50 * 2 ** 20 }));
    assert.deepEqual(raised.calls, [["hello", "parameters"]]);
  });

  it("ignores timestamps: touching the inputs is not a change", async () => {
    await runNotebooksCached(notebooks, options({ execute: fakeRunner().execute }));
    const later = new Date(Date.now() + 3_600_000);
    for (const f of [...notebooks, data]) utimesSync(f, later, later);
    const fake = fakeRunner();
    await runNotebooksCached(notebooks, options({ execute: fake.execute }));
    assert.deepEqual(fake.calls, []);
  });

  it("re-runs every notebook with force, and stores the new results", async () => {
    await runNotebooksCached(notebooks, options({ execute: fakeRunner().execute }));
    const forced = fakeRunner();
    const r = await runNotebooksCached(notebooks, options({ execute: forced.execute, force: true }));
    assert.deepEqual(forced.calls, [["hello", "parameters"]]);
    assert.deepEqual(
      r.map((x) => x.cached),
      [false, false],
    );
    const again = await runNotebooksCached(notebooks, options({ execute: fakeRunner().execute }));
    assert.deepEqual(
      again.map((x) => stamp(x.notebook)),
      r.map((x) => stamp(x.notebook)),
      "the forced run's results are the stored ones",
    );
  });

  it("does not store a failed run", async () => {
    const failing = fakeRunner(["parameters"]);
    const r = await runNotebooksCached(notebooks, options({ execute: failing.execute }));
    assert.deepEqual(
      r.map((x) => x.status),
      ["ok", "error"],
    );
    const next = fakeRunner();
    const r2 = await runNotebooksCached(notebooks, options({ execute: next.execute }));
    assert.deepEqual(next.calls, [["parameters"]]);
    assert.deepEqual(
      r2.map((x) => x.cached),
      [true, false],
    );
  });

  it("treats a damaged entry as a miss and replaces it", async () => {
    const r = await runNotebooksCached(notebooks, options({ execute: fakeRunner().execute }));
    const entries = readdirSync(cacheDir).map((f) => join(cacheDir, f));
    for (const f of entries) writeFileSync(f, "{ not json");
    const fake = fakeRunner();
    await runNotebooksCached(notebooks, options({ execute: fake.execute }));
    assert.deepEqual(fake.calls, [["hello", "parameters"]]);
    for (const f of entries) {
      const stored = readVerified(f);
      assert.ok(stored.status === "ok" && parseNotebook(stored.bytes.toString("utf8"), f).cells.length > 0);
    }
    assert.equal(r.length, 2);
  });

  it("discards, with a note, a stored notebook whose bytes were edited (a number changed) and runs it again", async () => {
    await runNotebooksCached(notebooks, options({ execute: fakeRunner().execute }));
    const [entry] = readdirSync(cacheDir)
      .map((f) => join(cacheDir, f))
      .filter((f) => readFileSync(f, "utf8").includes("hello from tslab"));
    // Still a valid notebook of the same length, a number changed: only its recorded hash tells.
    writeFileSync(entry!, readFileSync(entry!, "utf8").replace(/run \d /g, "run 9 "));
    const notes: string[] = [];
    const fake = fakeRunner();
    const r = await runNotebooksCached(notebooks, options({ execute: fake.execute, onNote: (l) => notes.push(l) }));
    assert.deepEqual(fake.calls, [["hello"]]);
    assert.deepEqual(
      r.map((x) => x.cached),
      [false, true],
    );
    assert.deepEqual(notes, [
      "the stored result of hello.ipynb did not match its recorded hash: discarded, running it again",
    ]);
    assert.equal(readVerified(entry!).status, "ok", "stored again");
  });

  it("refuses two notebooks with the same name, like runNotebooks", async () => {
    mkdirSync(join(dir, "other"));
    cpSync(notebooks[0]!, join(dir, "other", "hello.ipynb"));
    await assert.rejects(
      runNotebooksCached(
        [notebooks[0]!, join(dir, "other", "hello.ipynb")],
        options({ execute: fakeRunner().execute }),
      ),
      { name: "DuplicateNotebookNameError" },
    );
  });

  it("keeps the most recently used entries when pruning", () => {
    mkdirSync(cacheDir, { recursive: true });
    ["a", "b", "c"].forEach((k, i) => {
      writeFileSync(cachedNotebookPath(cacheDir, k), "{}");
      utimesSync(cachedNotebookPath(cacheDir, k), new Date(1e12 + i * 1000), new Date(1e12 + i * 1000));
    });
    assert.equal(pruneCache(cacheDir, 2), 1);
    assert.deepEqual(readdirSync(cacheDir).sort(), ["b.ipynb", "c.ipynb"]);
  });
});

describe("runNotebooksCached with real tslab kernels", function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "interspin-cache-real-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("executes hello.ipynb once; the second call starts no kernel and returns the same notebook", async () => {
    let executions = 0;
    const { runNotebooks } = await import("../../../src/notebook/run/runner.js");
    const execute = (n: string[], o: RunNotebooksOptions) => {
      executions++;
      return runNotebooks(n, o);
    };
    const o = { outDir: join(dir, "stage"), cacheDir: join(dir, ".cache"), dataFile: paths.survey, execute };
    const first = await runNotebooksCached([join(fixtures, "hello.ipynb")], o);
    assert.equal(first[0]!.status, "ok");
    const second = await runNotebooksCached([join(fixtures, "hello.ipynb")], o);
    assert.equal(executions, 1, "a hit starts no execution");
    assert.equal(liveKernelCount(), 0);
    assert.deepEqual(second[0]!.notebook, first[0]!.notebook);
    assert.equal(second[0]!.cached, true);
  });
});

describe("cachedRenderer", () => {
  let dir: string;
  const hashes = { plotlyHash: "p", rendererHash: "r" };
  /** A renderer that counts browser starts and renderings. */
  function fakeBrowser() {
    const count = { starts: 0, renders: 0, closes: 0 };
    const start = async (): Promise<Renderer> => {
      count.starts++;
      return {
        render: async (file) => {
          count.renders++;
          return { svg: `<svg>${readFileSync(file, "utf8")}</svg>`, png: Buffer.from([count.renders]) };
        },
        close: async () => {
          count.closes++;
        },
      };
    };
    return { count, start };
  }
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "interspin-render-cache-"));
    writeFileSync(join(dir, "a.html"), "A");
    writeFileSync(join(dir, "b.html"), "B");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("starts one browser on the first miss and none when every page is stored", async () => {
    const cacheDir = join(dir, "cache");
    const cold = fakeBrowser();
    const r1 = cachedRenderer({ cacheDir, start: cold.start, hashes })!;
    const a = await r1.render(join(dir, "a.html"), 800, 500);
    await r1.render(join(dir, "b.html"), 800, 500);
    await r1.close();
    assert.deepEqual(cold.count, { starts: 1, renders: 2, closes: 1 });
    const warm = fakeBrowser();
    const r2 = cachedRenderer({ cacheDir, start: warm.start, hashes })!;
    assert.deepEqual(await r2.render(join(dir, "a.html"), 800, 500), a);
    await r2.render(join(dir, "b.html"), 800, 500);
    await r2.close();
    assert.deepEqual(warm.count, { starts: 0, renders: 0, closes: 0 });
    assert.deepEqual(r2.stats(), { hits: 2, misses: 0, started: false });
  });

  it("renders again when the page, its size, plotly.js or the renderer changed, or with force", async () => {
    const cacheDir = join(dir, "cache");
    const first = cachedRenderer({ cacheDir, start: fakeBrowser().start, hashes })!;
    await first.render(join(dir, "a.html"), 800, 500);
    const misses = async (o: { size?: number; hashes?: typeof hashes; force?: boolean; edit?: boolean }) => {
      if (o.edit) writeFileSync(join(dir, "a.html"), "A2");
      const r = cachedRenderer({
        cacheDir,
        start: fakeBrowser().start,
        hashes: o.hashes ?? hashes,
        force: o.force ?? false,
      })!;
      await r.render(join(dir, "a.html"), o.size ?? 800, 500);
      return r.stats().misses;
    };
    assert.equal(await misses({ size: 640 }), 1);
    assert.equal(await misses({ hashes: { plotlyHash: "p2", rendererHash: "r" } }), 1);
    assert.equal(await misses({ hashes: { plotlyHash: "p", rendererHash: "r2" } }), 1);
    assert.equal(await misses({ force: true }), 1);
    assert.equal(await misses({}), 0);
    assert.equal(await misses({ edit: true }), 1);
    assert.ok(existsSync(cacheDir));
  });

  it("discards, with a note, a stored picture swapped for another figure's, and renders it again", async () => {
    const cacheDir = join(dir, "cache");
    const first = cachedRenderer({ cacheDir, start: fakeBrowser().start, hashes })!;
    const a = await first.render(join(dir, "a.html"), 800, 500);
    await first.render(join(dir, "b.html"), 800, 500);
    await first.close();
    const pngs = readdirSync(cacheDir).filter((f) => f.endsWith(".png"));
    assert.equal(pngs.length, 2);
    // The bytes of b's picture, with b's own header, put where a's was.
    const [pa, pb] = pngs.map((f) => join(cacheDir, f));
    const aFile = readFileSync(pa!).includes(a.png) ? pa! : pb!;
    const bFile = aFile === pa ? pb! : pa!;
    const swapped = Buffer.concat([readFileSync(aFile).subarray(0, 88), readFileSync(bFile).subarray(88)]);
    writeFileSync(aFile, swapped);
    const notes: string[] = [];
    const again = fakeBrowser();
    const r = cachedRenderer({ cacheDir, start: again.start, hashes, onNote: (l) => notes.push(l) })!;
    const rendered = await r.render(join(dir, "a.html"), 800, 500);
    await r.close();
    assert.equal(again.count.renders, 1);
    assert.equal(rendered.svg, a.svg);
    assert.deepEqual(notes, [
      "the stored rendering of a.html did not match its recorded hash: discarded, rendering it again",
    ]);
  });
});
