import { strict as assert } from "node:assert";
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CheckStore, checkKey } from "../../../src/notebook/in-kernel/check-store.js";
import {
  checkedConverters,
  defaultTypeRoots,
  mentionsRelativePath,
  type TslabConverter,
  type WatchLike,
} from "../../../src/notebook/in-kernel/checked-converter.js";
import {
  type CompilerInputs,
  fileSha256,
  inputsUnchanged,
  lookupGuards,
  type ProgramLike,
  recordInputs,
} from "../../../src/notebook/in-kernel/compiler-inputs.js";
import { CHECK_LOG_ENV, KERNEL_CACHE_ENV } from "../../../src/notebook/in-kernel/kernel-compiler.js";
import type { CodeCell, ErrorOutput } from "../../../src/notebook/format/nbformat.js";
import { runNotebook } from "../../../src/notebook/run/runner.js";
import { paths } from "../../../src/paths.js";
import { liveTslabChildren } from "../kernel/kernel-processes.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "checked-cells-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A program as TypeScript reports it: files, resolutions with their failed lookups, no missing files. */
function fakeProgram(files: string[], failed: string[] = [], affecting: string[] = []): ProgramLike {
  const resolutions = {
    forEach: (cb: (r: object) => void) => cb({ failedLookupLocations: failed, affectingLocations: affecting }),
  };
  return {
    getSourceFiles: () => files.map((fileName) => ({ fileName, resolvedModules: resolutions })),
    getResolvedTypeReferenceDirectives: () => ({ forEach: () => undefined }),
    getMissingFilePaths: () => [],
  };
}

describe("compiler inputs", () => {
  it("records every file with its hash, leaves the in-memory ones out, and refuses a file it cannot read", () => {
    writeFileSync(join(dir, "a.d.ts"), "export declare const a: number;\n");
    const inputs = recordInputs(
      fakeProgram([join(dir, "a.d.ts"), join(dir, "__tslab__.ts")]),
      new Set([join(dir, "__tslab__.ts")]),
    );
    assert.deepEqual(
      inputs?.files.map(([p, sha]) => [p, sha]),
      [[join(dir, "a.d.ts"), fileSha256(join(dir, "a.d.ts"))]],
    );
    assert.equal(recordInputs(fakeProgram([join(dir, "in-memory.ts")]), new Set()), undefined);
  });

  it("guards a failed lookup by its folder's time, or by the first missing folder on its way", () => {
    mkdirSync(join(dir, "node_modules"));
    const guards = lookupGuards([
      join(dir, "node_modules", "x.d.ts"),
      join(dir, "node_modules", "y", "index.d.ts"),
      join(dir, "node_modules", "y", "z", "package.json"),
    ]);
    assert.deepEqual(
      guards.dirs.map(([p]) => p),
      [join(dir, "node_modules")],
    );
    assert.deepEqual(guards.absent, [join(dir, "node_modules", "y")]);
  });

  it("sees a changed declaration file, a package appearing where a lookup failed, and a new file in a watched folder", () => {
    const decl = join(dir, "a.d.ts");
    writeFileSync(decl, "export declare const a: number;\n");
    mkdirSync(join(dir, "node_modules"));
    const record = () =>
      recordInputs(
        fakeProgram([decl], [join(dir, "node_modules", "x.d.ts"), join(dir, "node_modules", "y", "index.d.ts")]),
        new Set(),
      )!;
    assert.equal(inputsUnchanged(record()), true);

    let inputs = record();
    writeFileSync(decl, "export declare const a: string;\n");
    utimesSync(decl, new Date(), new Date(Date.now() + 5000));
    assert.equal(inputsUnchanged(inputs), false, "changed content");

    inputs = record();
    utimesSync(decl, new Date(), new Date(Date.now() + 10_000));
    assert.equal(inputsUnchanged(inputs), true, "a touch of the same content");

    inputs = record();
    mkdirSync(join(dir, "node_modules", "y"));
    assert.equal(inputsUnchanged(inputs), false, "a package where a lookup failed");

    inputs = record();
    writeFileSync(join(dir, "node_modules", "x.d.ts"), "");
    utimesSync(join(dir, "node_modules"), new Date(), new Date(Date.now() + 20_000));
    assert.equal(inputsUnchanged(inputs), false, "a file where a lookup failed");
  });
});

describe("CheckStore", () => {
  const inputsOf = (file: string): CompilerInputs => recordInputs(fakeProgram([file]), new Set())!;

  it("gives back what was stored under a key while the inputs are unchanged, and nothing after they changed", () => {
    const decl = join(dir, "a.d.ts");
    writeFileSync(decl, "export declare const a: number;\n");
    const store = new CheckStore(join(dir, "checks"));
    const key = checkKey(["compiler", "", "const b: number = a;"]);
    const result = { output: "exports.b = exports.a;", declOutput: "declare const b: number;\n", diagnostics: [] };
    assert.deepEqual(store.lookup(key), { outcome: "miss" });
    assert.equal(store.save(key, inputsOf(decl), result), true);
    assert.deepEqual(new CheckStore(join(dir, "checks")).lookup(key), { result, outcome: "hit" });
    writeFileSync(decl, "export declare const a: string;\n");
    utimesSync(decl, new Date(), new Date(Date.now() + 5000));
    assert.deepEqual(new CheckStore(join(dir, "checks")).lookup(key), { outcome: "changed" });
  });

  it("treats an unreadable entry as absent and a folder it cannot write as no store", () => {
    const decl = join(dir, "a.d.ts");
    writeFileSync(decl, "");
    const store = new CheckStore(join(dir, "checks"));
    const key = checkKey(["k"]);
    store.save(key, inputsOf(decl), { diagnostics: [] });
    writeFileSync(join(dir, "checks", "cells", `${key}.json`), "{ not json");
    assert.deepEqual(store.lookup(key), { outcome: "damaged" });
    assert.deepEqual(store.lookup(key), { outcome: "miss" }, "the damaged entry was removed");
    writeFileSync(join(dir, "blocker"), "");
    assert.equal(new CheckStore(join(dir, "blocker", "checks")).save(key, inputsOf(decl), { diagnostics: [] }), false);
  });

  it("discards an entry whose code was edited, and one put under another key's name, so the cell is checked again", () => {
    const decl = join(dir, "a.d.ts");
    writeFileSync(decl, "");
    const store = new CheckStore(join(dir, "checks"));
    const [a, b] = [checkKey(["a"]), checkKey(["b"])];
    store.save(a, inputsOf(decl), { output: "exports.x = 1;", diagnostics: [] });
    store.save(b, inputsOf(decl), { output: "exports.x = 2;", diagnostics: [] });
    const fileOf = (key: string) => join(dir, "checks", "cells", `${key}.json`);
    const bytes = readFileSync(fileOf(a), "latin1");
    assert.ok(bytes.includes("exports.x = 1;"));
    writeFileSync(fileOf(a), bytes.replace("exports.x = 1;", "exports.x = 9;"), "latin1");
    assert.deepEqual(new CheckStore(join(dir, "checks")).lookup(a), { outcome: "damaged" });
    copyFileSync(fileOf(b), fileOf(a));
    assert.deepEqual(new CheckStore(join(dir, "checks")).lookup(a), { outcome: "damaged" });
    assert.deepEqual(new CheckStore(join(dir, "checks")).lookup(b).result?.output, "exports.x = 2;");
    // A set of inputs edited: every cell that used it is checked again.
    const set = join(dir, "checks", "inputs", readdirSync(join(dir, "checks", "inputs"))[0]!);
    writeFileSync(set, readFileSync(set, "latin1").replace(decl, join(dir, "other.d.ts")), "latin1");
    assert.deepEqual(new CheckStore(join(dir, "checks")).lookup(b), { outcome: "changed" });
  });

  it("keys every part: the cell, the earlier declarations, the compiler", () => {
    const keys = new Set([
      checkKey(["ts 5.0.4", "", "1"]),
      checkKey(["ts 5.0.4", "", "2"]),
      checkKey(["ts 5.0.4", "declare const a: number;", "1"]),
      checkKey(["ts 5.0.5", "", "1"]),
    ]);
    assert.equal(keys.size, 4);
  });
});

describe("checkedConverters", () => {
  /** A converter that counts what it was asked, over a program of one declaration file. */
  function fakeTslab(decl: string) {
    const made: string[] = [];
    const program = fakeProgram([decl, join(dir, "__tslab__.ts"), join(dir, "__prev__.d.ts")]);
    const watch: WatchLike = { getProgram: () => ({ getProgram: () => program }) };
    const create = () => {
      made.push("converter");
      return {
        convert: (prev: string, src: string) => {
          made.push(`convert ${src}`);
          return src.includes("bad")
            ? {
                diagnostics: [
                  { start: { line: 0, character: 6 }, messageText: `${readFileSync(decl, "utf8").trim()} is not bad` },
                ],
              }
            : { output: `/* ${src} */`, declOutput: prev, diagnostics: [] };
        },
        inspect: () => "info",
        complete: () => [],
        addModule: () => [],
        close: () => made.push("close"),
      } as unknown as TslabConverter;
    };
    return { made, create, watch };
  }

  it("converts a cell checked before without making tslab's converter, with the same result and errors", () => {
    const decl = join(dir, "lib.d.ts");
    writeFileSync(decl, "v1");
    const log: string[] = [];
    const tslab = fakeTslab(decl);
    const options = {
      store: new CheckStore(join(dir, "checks")),
      fixed: ["compiler"],
      cwd: dir,
      nodeModules: [],
      lastWatch: () => tslab.watch,
      log: (outcome: string) => log.push(outcome),
    };
    const first = checkedConverters(tslab.create, options)({ isJS: false });
    const ok1 = first.convert("", "const a = 1;");
    const bad1 = first.convert("", "const bad = 1;");
    assert.deepEqual(tslab.made, ["converter", "convert const a = 1;", "convert const bad = 1;"]);

    tslab.made.length = 0;
    const second = checkedConverters(tslab.create, options)({ isJS: false });
    assert.deepEqual([second.convert("", "const a = 1;"), second.convert("", "const bad = 1;")], [ok1, bad1]);
    second.close();
    assert.deepEqual(tslab.made, [], "no converter made, none closed");
    assert.deepEqual(log, ["miss", "miss", "hit", "hit"]);

    writeFileSync(decl, "v2");
    utimesSync(decl, new Date(), new Date(Date.now() + 5000));
    const third = checkedConverters(tslab.create, options)({ isJS: false });
    assert.match(
      String((third.convert("", "const bad = 1;").diagnostics[0] as { messageText: string }).messageText),
      /^v2/,
    );
    assert.equal(log.at(-1), "changed");
  });

  it("checks every cell afresh after a cell defined a module in memory", () => {
    const decl = join(dir, "lib.d.ts");
    writeFileSync(decl, "v1");
    const tslab = fakeTslab(decl);
    const options = {
      store: new CheckStore(join(dir, "checks")),
      fixed: [],
      cwd: dir,
      nodeModules: [],
      lastWatch: () => tslab.watch,
    };
    checkedConverters(tslab.create, options)().convert("", "const a = 1;");
    const conv = checkedConverters(tslab.create, options)();
    conv.addModule("mod", "export const m = 1;");
    conv.convert("", "const a = 1;");
    assert.deepEqual(tslab.made.slice(-2), ["converter", "convert const a = 1;"]);
  });
});

describe("checks reused from another folder", () => {
  /** A converter over a program of one declaration file, whose cell imports `pkg` (a lookup in the folder's node_modules fails). */
  function tslabIn(folder: string, decl: string, declOutput = "declare const a: number;\n") {
    const made: string[] = [];
    const failed = [join(folder, "node_modules", "pkg.d.ts")];
    const program = fakeProgram([decl, join(folder, "__tslab__.ts"), join(folder, "__prev__.d.ts")], failed);
    const watch: WatchLike = { getProgram: () => ({ getProgram: () => program }) };
    const create = () =>
      ({
        convert: (_prev: string, src: string) => {
          made.push(src);
          return { output: `/* ${src} */`, declOutput, diagnostics: [] };
        },
        close: () => undefined,
      }) as unknown as TslabConverter;
    return { made, create, watch };
  }
  const convertIn = (folder: string, tslab: ReturnType<typeof tslabIn>, src: string, log: string[]) =>
    checkedConverters(tslab.create, {
      store: new CheckStore(join(dir, "checks")),
      fixed: ["compiler"],
      cwd: folder,
      nodeModules: [join(dir, "node_modules")],
      lastWatch: () => tslab.watch,
      log: (outcome) => log.push(outcome),
    })().convert("", src);

  it("reuses a check made in a folder that sees the same node_modules, and checks the lookups in the new folder", () => {
    const decl = join(dir, "lib.d.ts");
    writeFileSync(decl, "v1");
    const [a, b, c] = ["a", "b", "c"].map((f) => join(dir, f));
    for (const f of [a!, b!, c!]) mkdirSync(f);
    const log: string[] = [];
    const first = tslabIn(a!, decl);
    convertIn(a!, first, 'import { x } from "pkg";', log);
    const second = tslabIn(b!, decl);
    assert.deepEqual(convertIn(b!, second, 'import { x } from "pkg";', log), {
      output: '/* import { x } from "pkg"; */',
      declOutput: "declare const a: number;\n",
      diagnostics: [],
    });
    assert.deepEqual(second.made, [], "no converter in the second folder");
    mkdirSync(join(c!, "node_modules"));
    convertIn(c!, tslabIn(c!, decl), 'import { x } from "pkg";', log);
    assert.deepEqual(log, ["miss", "hit", "changed"], "a package folder inside the third folder could hold pkg");
  });

  it("checks afresh in another folder a cell with a relative path, and one whose declarations name a relative path", () => {
    const decl = join(dir, "lib.d.ts");
    writeFileSync(decl, "v1");
    const [a, b] = ["a", "b"].map((f) => join(dir, f));
    for (const f of [a!, b!]) mkdirSync(f);
    const log: string[] = [];
    convertIn(a!, tslabIn(a!, decl), 'import { h } from "./helper";', log);
    convertIn(b!, tslabIn(b!, decl), 'import { h } from "./helper";', log);
    const relative = 'declare const t: import("../dist/src/x").T;\n';
    convertIn(a!, tslabIn(a!, decl, relative), "const t = make();", log);
    convertIn(b!, tslabIn(b!, decl, relative), "const t = make();", log);
    convertIn(a!, tslabIn(a!, decl, relative), "const t = make();", log);
    assert.deepEqual(log, ["miss", "miss", "miss", "miss", "hit"]);
    assert.equal(mentionsRelativePath('const s = "./data.csv";'), true);
    assert.equal(mentionsRelativePath('import * as aq from "arquero";'), false);
  });
});

describe("defaultTypeRoots", () => {
  it("lists every node_modules/@types from a folder up, as TypeScript finds them", () => {
    assert.deepEqual(defaultTypeRoots(paths.notebooks), [join(paths.root, "node_modules", "@types")]);
  });
});

describe("notebooks in fresh kernels with stored checks (end to end)", function () {
  this.timeout(180_000);
  const saved: Record<string, string | undefined> = {};
  const env = { [KERNEL_CACHE_ENV]: "", [CHECK_LOG_ENV]: "" };
  beforeEach(() => {
    env[KERNEL_CACHE_ENV] = join(dir, "cache");
    env[CHECK_LOG_ENV] = join(dir, "checks.log");
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    assert.deepEqual(liveTslabChildren(), []);
  });

  function writeNotebook(): string {
    const cell = (source: string, id: string) => ({
      cell_type: "code",
      execution_count: null,
      id,
      metadata: {},
      outputs: [],
      source,
    });
    const nb = {
      cells: [
        cell('import { scale } from "./helper";', "a"),
        cell("const twice: number = scale(21);\ntwice", "b"),
        cell('const n: number = scale("x");', "c"),
      ],
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const file = join(dir, "error.ipynb");
    writeFileSync(file, JSON.stringify(nb));
    writeFileSync(join(dir, "helper.js"), "exports.scale = (x) => x * 2;\n");
    writeFileSync(join(dir, "helper.d.ts"), "export declare function scale(x: number): number;\n");
    return file;
  }
  it("reuses the checks of a notebook copied to another folder of the project", async () => {
    const cell = (source: string, id: string) => ({
      cell_type: "code",
      execution_count: null,
      id,
      metadata: {},
      outputs: [],
      source,
    });
    const nb = JSON.stringify({
      cells: [
        cell('import * as aq from "arquero";\nconst t = aq.table({ a: [1, 2, 3] });', "a"),
        cell("t.numRows()", "b"),
      ],
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    });
    const folders = [0, 1].map(() => mkdtempSync(join(paths.root, ".tmp-checks-")));
    try {
      const runs = [];
      for (const folder of folders) {
        writeFileSync(join(folder, "copied.ipynb"), nb);
        runs.push(await runNotebook(join(folder, "copied.ipynb")));
      }
      assert.deepEqual(
        runs.map((r) => (r.notebook.cells[1] as CodeCell).outputs),
        [0, 1].map(() => [{ output_type: "stream", name: "stdout", text: "3\n" }]),
      );
      assert.deepEqual(log(), ["miss", "miss", "hit", "hit"]);
    } finally {
      for (const f of folders) rmSync(f, { recursive: true, force: true });
    }
  });

  const errorOf = (cell: CodeCell) => cell.outputs.find((o): o is ErrorOutput => o.output_type === "error");
  const log = () =>
    readFileSync(env[CHECK_LOG_ENV]!, "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(" ")[0]);

  it("reports the same error at the same position on every run, checked once, and again after the declaration it uses changed", async () => {
    const file = writeNotebook();
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const run = await runNotebook(file);
      assert.equal(run.status, "error");
      runs.push(run);
      appendFileSync(env[CHECK_LOG_ENV]!, "-- run\n");
    }
    const [first, second] = runs.map((r) => r.notebook.cells as CodeCell[]);
    assert.deepEqual(
      [errorOf(first![2]!)?.ename, errorOf(first![2]!)?.evalue],
      ["TypeScriptCompileError", "1:25 - Argument of type 'string' is not assignable to parameter of type 'number'."],
    );
    assert.deepEqual(second![2]!.outputs, first![2]!.outputs, "the same error output, message and position");
    assert.deepEqual(second![1]!.outputs, [{ output_type: "stream", name: "stdout", text: "42\n" }]);
    assert.deepEqual(log(), ["miss", "miss", "miss", "--", "hit", "hit", "hit", "--"]);

    writeFileSync(join(dir, "helper.d.ts"), "export declare function scale(x: boolean): number;\n");
    utimesSync(join(dir, "helper.d.ts"), new Date(), new Date(Date.now() + 5000));
    const third = await runNotebook(file);
    assert.equal(third.failure?.cellNumber, 2, "the declaration now refuses scale(21)");
    assert.equal(
      third.failure?.evalue,
      "1:29 - Argument of type 'number' is not assignable to parameter of type 'boolean'.",
    );
    assert.deepEqual(log().slice(-2), ["changed", "changed"], "both cells that read the declaration are checked again");
  });
});
