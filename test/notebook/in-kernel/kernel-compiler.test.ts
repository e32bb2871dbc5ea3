import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { execFileSync } from "node:child_process";
import { paths } from "../../../src/paths.js";
import { kernelSpec } from "../../../src/cli/kernel-install.js";
import { codeCacheKey, requireWithCodeCache } from "../../../src/notebook/in-kernel/code-cache.js";
import {
  compilerTransform,
  LIBRARY_DOCS_ENV,
  JSDOC_SITE,
  KERNEL_CACHE_ENV,
  KERNEL_TYPES,
  kernelCacheDir,
  preloadArgs,
  withoutLibraryJsDoc,
} from "../../../src/notebook/in-kernel/kernel-compiler.js";
import { kernelCompiler } from "../../../src/notebook/in-kernel/lazy-compiler.js";
import { COMPILE_ERROR_NAME, withErrorOutput } from "../../../src/notebook/kernel/kernel-error.js";
import { startKernel, type KernelClient } from "../../../src/notebook/kernel/kernel-client.js";
import { liveTslabChildren } from "../kernel/kernel-processes.js";

const require = createRequire(import.meta.url);
/** tslab aborts requests that arrive within 200 ms of a failed cell. */
const TSLAB_ABORT_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Each load in a fresh process: within one process V8 reuses what it compiled and never reads the cache.
const codeCacheModule = new URL("../../../src/notebook/in-kernel/code-cache.js", import.meta.url).href;
function loadFresh(file: string, cacheDir: string | undefined): { hit: boolean; exports: unknown; saved: boolean } {
  const script = `import { requireWithCodeCache } from ${JSON.stringify(codeCacheModule)};
const m = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
console.log(JSON.stringify({ hit: m.hit, exports: m.exports, saved: m.save() }));`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as {
    hit: boolean;
    exports: unknown;
    saved: boolean;
  };
}

describe("requireWithCodeCache", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "code-cache-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const cacheFile = (file: string) => `${basename(file)}-${codeCacheKey(readFileSync(file, "utf8"))}.v8`;

  it("runs the file as require would and enters it in the require cache", () => {
    const file = join(dir, "m.cjs");
    writeFileSync(
      file,
      "exports.answer = (() => 6 * 7)(); exports.file = __filename; exports.dep = typeof require('node:path').join;",
    );
    const m = requireWithCodeCache(file, undefined);
    assert.deepEqual(m.exports, { answer: 42, file, dep: "function" });
    assert.equal(require(file), m.exports);
    assert.equal(m.save(), false, "no cache folder, nothing written");
    delete require.cache[file];
  });

  it("stores the bytecode under a key of the content and reuses it in the next process", () => {
    const file = join(dir, "m.cjs");
    writeFileSync(file, "module.exports = [1, 2, 3].map((x) => x * 2);");
    const cache = join(dir, "cache");
    assert.deepEqual(loadFresh(file, cache), { hit: false, exports: [2, 4, 6], saved: true });
    assert.deepEqual(readdirSync(cache), [cacheFile(file)]);
    assert.deepEqual(loadFresh(file, cache), { hit: true, exports: [2, 4, 6], saved: false });
  });

  it("never meets old bytecode after the content changed, even at the same length", () => {
    const file = join(dir, "m.cjs");
    const cache = join(dir, "cache");
    writeFileSync(file, "module.exports = 1;");
    loadFresh(file, cache);
    writeFileSync(file, "module.exports = 2;");
    assert.deepEqual(loadFresh(file, cache), { hit: false, exports: 2, saved: true });
    assert.deepEqual(readdirSync(cache), [cacheFile(file)], "the cache of the earlier content is gone");
  });

  it("compiles afresh from a corrupt cache file and replaces it", () => {
    const file = join(dir, "m.cjs");
    const cache = join(dir, "cache");
    writeFileSync(file, "module.exports = 'ok';");
    loadFresh(file, cache);
    writeFileSync(join(cache, cacheFile(file)), "not bytecode");
    assert.deepEqual(loadFresh(file, cache), { hit: false, exports: "ok", saved: true });
    assert.equal(loadFresh(file, cache).hit, true);
  });

  it("works without a cache when the folder cannot be created", () => {
    const file = join(dir, "m.cjs");
    writeFileSync(file, "module.exports = 'ok';");
    const blocker = join(dir, "a-file");
    writeFileSync(blocker, "");
    assert.deepEqual(loadFresh(file, join(blocker, "cache")), { hit: false, exports: "ok", saved: false });
    assert.deepEqual(readdirSync(dir).sort(), ["a-file", "m.cjs"], "nothing half-written is left");
  });

  it("keeps the caches of two variants of one file side by side", () => {
    const file = join(dir, "m.cjs");
    const cache = join(dir, "cache");
    writeFileSync(file, "module.exports = 'plain';");
    const script = (variant: string) => `import { requireWithCodeCache } from ${JSON.stringify(codeCacheModule)};
const m = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cache)}, (s) => s.replace("plain", ${JSON.stringify(variant || "plain")}), ${JSON.stringify(variant)});
console.log(JSON.stringify({ hit: m.hit, saved: m.save() }));`;
    const load = (variant: string) =>
      JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script(variant)], { encoding: "utf8" }));
    assert.deepEqual(
      [load(""), load("changed")],
      [
        { hit: false, saved: true },
        { hit: false, saved: true },
      ],
    );
    assert.deepEqual(
      readdirSync(cache)
        .map((f) => f.replace(/-[0-9a-f]{32}\./, "-KEY."))
        .sort(),
      ["m.cjs-KEY.v8", "m.cjs.changed-KEY.v8"],
    );
    assert.deepEqual(
      [load(""), load("changed")],
      [
        { hit: true, saved: false },
        { hit: true, saved: false },
      ],
    );
  });

  it("compiles the transformed source and keys the cache by it", () => {
    const file = join(dir, "m.cjs");
    writeFileSync(file, "module.exports = 'plain';");
    const m = requireWithCodeCache(file, undefined, (src) => src.replace("plain", "changed"));
    assert.equal(m.exports, "changed");
    delete require.cache[file];
  });

  it("passes on what the file throws and leaves no entry in the require cache", () => {
    const file = join(dir, "bad.cjs");
    writeFileSync(file, "throw new RangeError('broken module');");
    assert.throws(() => requireWithCodeCache(file, undefined), /broken module/);
    assert.equal(require.cache[file], undefined);
  });
});

describe("kernelCompiler (the compiler's stand-in)", () => {
  const calls: unknown[][] = [];
  let loads = 0;
  const fake = () => {
    loads++;
    return {
      createWatchCompilerHost: (...args: unknown[]) => {
        calls.push(args);
        return "host";
      },
      createWatchProgram: (host: unknown) => `program of ${String(host)}`,
      version: "5.0.4",
      sys: { useCaseSensitiveFileNames: false, newLine: "\n" },
      ScriptTarget: { ES2022: 9 },
    };
  };
  beforeEach(() => {
    calls.length = 0;
    loads = 0;
  });
  const stand = (onWatch?: (w: unknown) => void) =>
    kernelCompiler(fake, { version: "5.0.4", types: KERNEL_TYPES, onWatch });

  it("adds the kernel's types to options that name none and passes everything else on", () => {
    const ts = stand() as ReturnType<typeof fake>;
    assert.equal(ts.createWatchCompilerHost(["a.ts"], { skipLibCheck: true }, "sys"), "host");
    assert.deepEqual(calls[0], [["a.ts"], { skipLibCheck: true, types: ["node"] }, "sys"]);
    assert.equal(ts.ScriptTarget.ES2022, 9);
    assert.deepEqual(KERNEL_TYPES, ["node"]);
  });

  it("keeps explicit types and the tsconfig form as they are", () => {
    const ts = stand() as ReturnType<typeof fake>;
    ts.createWatchCompilerHost(["a.ts"], { types: ["mocha"] });
    ts.createWatchCompilerHost("tsconfig.json", {});
    assert.deepEqual(calls, [
      [["a.ts"], { types: ["mocha"] }],
      ["tsconfig.json", {}],
    ]);
  });

  it("reports every watch program", () => {
    const seen: unknown[] = [];
    const ts = stand((w) => seen.push(w)) as ReturnType<typeof fake>;
    assert.equal(ts.createWatchProgram("h"), "program of h");
    ts.createWatchProgram("g");
    assert.deepEqual(seen, ["program of h", "program of g"]);
  });

  it("answers what tslab's modules ask while they load without loading the compiler, and loads it once on first use", () => {
    const ts = stand() as Record<string, unknown> & ReturnType<typeof fake>;
    assert.equal(
      ts.__esModule,
      true,
      "TypeScript's __importStar then keeps the stand-in instead of copying every export",
    );
    assert.equal(ts.version, "5.0.4");
    ts.sys.useCaseSensitiveFileNames = true;
    assert.equal(loads, 0);
    assert.equal(ts.sys.newLine, "\n");
    assert.equal(loads, 1);
    assert.equal(ts.sys.useCaseSensitiveFileNames, true, "an assignment made before the load reaches the real sys");
    assert.equal(ts.ScriptTarget.ES2022, 9);
    assert.deepEqual(Object.keys(ts).sort(), [
      "ScriptTarget",
      "createWatchCompilerHost",
      "createWatchProgram",
      "sys",
      "version",
    ]);
    assert.equal(loads, 1);
  });
});

describe("withoutLibraryJsDoc", () => {
  const compilerFile = createRequire(join(paths.root, "node_modules", "tslab", "dist", "main.js")).resolve(
    "@tslab/typescript-for-tslab",
  );
  type SourceFile = { statements: { jsDoc?: unknown[] }[] };
  type Ts = { createSourceFile(name: string, text: string, target: number, setParents: boolean): SourceFile };

  it("finds the one place where tslab's compiler attaches documentation comments", () => {
    assert.equal(readFileSync(compilerFile, "utf8").split(JSDOC_SITE).length, 2);
  });

  it("skips documentation comments in declaration files under node_modules only", () => {
    const ts = requireWithCodeCache(compilerFile, undefined, withoutLibraryJsDoc).exports as Ts;
    delete require.cache[compilerFile];
    const text = "/** Says hello. */\nexport declare function hello(): void;\n";
    const docs = (name: string) => ts.createSourceFile(name, text, 9, true).statements[0]!.jsDoc?.length ?? 0;
    assert.deepEqual(
      [
        docs("/p/node_modules/@types/node/fs.d.ts"),
        docs("/p/dist/src/index.d.ts"),
        docs("/p/node_modules/x/index.ts"),
        docs("/p/notebooks/__tslab__.ts"),
      ],
      [0, 1, 1, 1],
    );
  });

  it("applies to the runner's kernels only: a kernel Jupyter starts (no variable) keeps library documentation for its tooltips", () => {
    assert.equal(compilerTransform({ [LIBRARY_DOCS_ENV]: "0" }), withoutLibraryJsDoc);
    assert.equal(compilerTransform({}), undefined);
    assert.equal(compilerTransform({ [LIBRARY_DOCS_ENV]: "1" }), undefined);
    assert.equal(
      (kernelSpec() as { env?: Record<string, string> }).env?.[LIBRARY_DOCS_ENV],
      undefined,
      "the kernelspec does not set it",
    );
  });
});

describe("kernelCacheDir", () => {
  it("is the project's .cache/kernel unless the environment names another folder or none", () => {
    assert.equal(kernelCacheDir({}), join(paths.root, ".cache", "kernel"));
    assert.equal(kernelCacheDir({ [KERNEL_CACHE_ENV]: "/elsewhere" }), "/elsewhere");
    assert.equal(kernelCacheDir({ [KERNEL_CACHE_ENV]: "" }), undefined);
  });
});

describe("a kernel started with the start-up preload (end to end)", function () {
  this.timeout(120_000);
  let cache: string;
  let kernel: KernelClient | undefined;
  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), "kernel-cache-"));
  });
  afterEach(async () => {
    await kernel?.shutdown();
    kernel = undefined;
    rmSync(cache, { recursive: true, force: true });
    assert.deepEqual(liveTslabChildren(), []);
  });
  const start = (dir: string) =>
    startKernel({ cwd: paths.notebooks, env: { ...process.env, [KERNEL_CACHE_ENV]: dir } });
  const stderr = (r: Awaited<ReturnType<KernelClient["execute"]>>) =>
    r.outputs.map((o) => (o.output_type === "stream" && o.name === "stderr" ? o.text : "")).join("");

  it("is started by the same command as the kernelspec's (with the orphan guard in front)", async () => {
    kernel = await start(cache);
    const cmdline = readFileSync(`/proc/${kernel.pid}/cmdline`, "utf8").split("\0").slice(0, -1);
    assert.deepEqual(cmdline.slice(0, 2), [process.execPath, "--import"]);
    assert.match(cmdline[2]!, /^data:text\/javascript,/);
    const spec = kernelSpec().argv;
    assert.deepEqual(cmdline.slice(3, -1), [...preloadArgs(), paths.tslabBin, "kernel", "--config-path"]);
    assert.deepEqual([cmdline[0], ...cmdline.slice(3, -1), "{connection_file}"], spec);
  });

  it("still reports a type error, with Node's globals and no others (mocha's describe is unknown)", async () => {
    kernel = await start(cache);
    const bad = await kernel.execute('const n: number = "text";');
    assert.equal(bad.status, "error");
    assert.match(stderr(bad), /Type 'string' is not assignable to type 'number'/);
    await sleep(TSLAB_ABORT_MS);
    const error = withErrorOutput(bad.outputs).at(-1)!;
    assert.deepEqual(error.output_type === "error" && [error.ename, error.evalue], [
      COMPILE_ERROR_NAME,
      "1:7 - Type 'string' is not assignable to type 'number'.",
    ]);
    const node = await kernel.execute(
      'const home: string | undefined = process.env.HOME; console.log(typeof setTimeout, Buffer.from("ab").length);',
    );
    assert.equal(node.status, "ok", stderr(node));
    assert.deepEqual(node.outputs, [{ output_type: "stream", name: "stdout", text: "function 2\n" }]);
    const mocha = await kernel.execute("describe;");
    assert.equal(mocha.status, "error");
    assert.match(stderr(mocha), /Cannot find name 'describe'/);
  });

  it("keeps running cells after a file appears where an import failed, and then finds that file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interspin-later-"));
    try {
      kernel = await startKernel({ cwd: dir, env: { ...process.env, [KERNEL_CACHE_ENV]: cache } });
      const missing = await kernel.execute('import { x } from "./later"; x');
      assert.equal(missing.status, "error");
      assert.match(stderr(missing), /Cannot find module '\.\/later'/);
      await sleep(TSLAB_ABORT_MS);
      writeFileSync(join(dir, "later.ts"), "export const x = 2;\n");
      writeFileSync(join(dir, "notes.txt"), "a second change in the same folder\n");
      await sleep(1500);
      const next = await kernel.execute("const b: number = 40; b");
      assert.equal(next.status, "ok", stderr(next));
      const found = await kernel.execute('import { x as y } from "./later"; b + y');
      assert.equal(found.status, "ok", stderr(found));
      assert.deepEqual(found.outputs, [{ output_type: "stream", name: "stdout", text: "42\n" }]);
    } finally {
      await kernel?.shutdown();
      kernel = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stores the compiler's code cache after its start and starts the next kernel from it without rewriting it", async () => {
    kernel = await start(cache);
    assert.equal((await kernel.execute("const a: number = 1;")).status, "ok");
    await kernel.shutdown();
    const files = readdirSync(cache).sort();
    assert.deepEqual(
      files.map((f) => f.replace(/-[0-9a-f]{32}\./, "-KEY.")),
      ["checks", "typescript.js.without-library-docs-KEY.v8"],
      "the code cache, beside the stored checks",
    );
    const before = statSync(join(cache, files[1]!));
    kernel = await start(cache);
    assert.equal((await kernel.execute("const b: number = 2;")).status, "ok");
    await kernel.shutdown();
    const after = statSync(join(cache, files[1]!));
    assert.deepEqual(
      [after.ino, after.mtimeMs],
      [before.ino, before.mtimeMs],
      "the second kernel used the cache (a rejected one is rewritten)",
    );
  });

  it("runs cells when the cache folder cannot be written", async () => {
    const blocker = join(cache, "a-file");
    writeFileSync(blocker, "");
    kernel = await start(join(blocker, "kernel"));
    const r = await kernel.execute("console.log(6 * 7);");
    assert.deepEqual(r.outputs, [{ output_type: "stream", name: "stdout", text: "42\n" }]);
  });
});
