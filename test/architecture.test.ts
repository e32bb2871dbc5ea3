/**
 * The house holds its layers (test/helpers/architecture.ts): no import loop in `src/`, no import
 * from a lower layer to a higher one, no Node built-in or Node-only package in the browser-safe
 * core; and the checks catch each of these when fed such an import.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { paths } from "../src/paths.js";
import { build } from "esbuild";
import { checkArchitecture, LAYERS, layerOf } from "./helpers/architecture.js";

const src = join(paths.root, "src");

function sources(dir = src): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) for (const [k, v] of sources(p)) out.set(k, v);
    else if (name.endsWith(".ts")) out.set(relative(src, p).split("\\").join("/"), readFileSync(p, "utf8"));
  }
  return out;
}

describe("architecture of src/", () => {
  const files = sources();
  const report = checkArchitecture(files);

  it("places every file in a layer", () => {
    assert.deepEqual(report.unplaced, []);
  });
  it("has no import loop", () => {
    assert.deepEqual(report.loops, []);
  });
  it("imports only from its own layer or lower ones", () => {
    assert.deepEqual(report.upward, []);
  });
  it("keeps Node out of the browser-safe core", () => {
    assert.deepEqual(report.nodeInCore, []);
  });
  it("bundles the notebook API for a browser: no Node built-in on its path (esbuild, platform browser)", async () => {
    const r = await build({
      entryPoints: [join(src, "api", "index.ts")],
      bundle: true,
      platform: "browser",
      format: "iife",
      write: false,
      logLevel: "silent",
    });
    assert.equal(r.errors.length, 0);
    const code = r.outputFiles[0]!.text;
    assert.doesNotMatch(code, /require\(["'](node:)?(fs|path|crypto|module|child_process)["']\)/);
  });
  it("has the notebook API in the core and the Node entry above it", () => {
    assert.ok(LAYERS[layerOf("api/index.ts")]!.core);
    assert.ok(!LAYERS[layerOf("index.ts")]!.core);
    assert.ok(layerOf("index.ts") > layerOf("api/index.ts"));
  });
});

describe("architecture checks", () => {
  it("find a loop, also through type-only imports", () => {
    const r = checkArchitecture(
      new Map([
        ["stats/a.ts", 'import { b } from "./b.js";'],
        ["stats/b.ts", 'import type { A } from "./a.js";'],
        ["stats/c.ts", 'import { a } from "./a.js";'],
      ]),
    );
    assert.deepEqual(r.loops, ["loop: stats/a.ts → stats/b.ts"]);
  });
  it("find an import from a lower layer to a higher one", () => {
    const r = checkArchitecture(
      new Map([
        ["data/load.ts", 'export { book } from "../book/book.js";'],
        ["book/book.ts", 'import { load } from "../data/load.js";'],
      ]),
    );
    assert.equal(r.upward.length, 1);
    assert.match(r.upward[0]!, /^data\/load\.ts \(data\) imports book\/book\.ts \(book\), a higher layer$/);
  });
  it("find node:fs, a bare built-in, a dynamic import and a Node-only package in the core", () => {
    const r = checkArchitecture(
      new Map([
        ["figures/a.ts", 'import { readFileSync } from "node:fs";'],
        ["analysis/b.ts", 'import * as path from "path";'],
        ["api/c.ts", 'const z = await import("zeromq");'],
        ["data/d.ts", 'import type { Browser } from "playwright-core";'],
        ["node/e.ts", 'import { readFileSync } from "node:fs";'],
      ]),
    );
    assert.deepEqual(
      r.nodeInCore.map((l) => l.split(" ")[0]),
      ["figures/a.ts", "analysis/b.ts", "api/c.ts", "data/d.ts"],
    );
  });
  it("find a file that no layer names", () => {
    assert.deepEqual(checkArchitecture(new Map([["misc/x.ts", ""]])).unplaced, ["misc/x.ts is in no layer"]);
  });
});
