import { strict as assert } from "node:assert";
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkInstalled, dependencyHash, loadedPackages } from "../../src/node/dependency-hash.js";
import { tempFolder } from "../reliability/helpers.js";

/** A project depending on `a` (which depends on `b`) and on danfojs-node, installed as the lock says. */
function project(): string {
  const root = tempFolder("interspin-deps-");
  writeFileSync(join(root, "package.json"), JSON.stringify({ dependencies: { a: "1.0.0", "danfojs-node": "1.2.0" } }));
  const packages: Record<string, { version?: string; dependencies?: Record<string, string>; dev?: boolean }> = {
    "": {},
    "node_modules/a": { version: "1.0.0", dependencies: { b: "^2" } },
    "node_modules/b": { version: "2.1.0" },
    "node_modules/danfojs-node": { version: "1.2.0" },
    "node_modules/@types/node": { version: "20.19.8", dev: true },
  };
  writeFileSync(join(root, "package-lock.json"), JSON.stringify({ packages }));
  for (const [at, { version }] of Object.entries(packages).filter(([k]) => k)) {
    mkdirSync(join(root, at), { recursive: true });
    writeFileSync(join(root, at, "package.json"), JSON.stringify({ version }));
    writeFileSync(join(root, at, "index.js"), `module.exports = "${at}";\n`);
  }
  return root;
}

describe("dependencyHash and checkInstalled: the installed packages a run loads", () => {
  it("are those reachable from the dependencies, with @types/node and without danfo.js", () => {
    assert.deepEqual(
      loadedPackages(project()).map((p) => `${p.path}@${p.version}`),
      ["node_modules/@types/node@20.19.8", "node_modules/a@1.0.0", "node_modules/b@2.1.0"],
    );
  });

  it("hash changes when a file of a loaded package changes, even when its modification time is set back", () => {
    const root = project();
    const cache = join(root, ".cache", "dependencies.json");
    const before = dependencyHash(root, cache, { again: true });
    assert.equal(dependencyHash(root, cache, { again: true }), before, "the same files give the same hash");
    const file = join(root, "node_modules", "b", "index.js");
    writeFileSync(file, 'module.exports = "patched";\n');
    const old = new Date("2001-01-01T00:00:00Z");
    utimesSync(file, old, old);
    const after = dependencyHash(root, cache, { again: true });
    assert.notEqual(after, before);
    writeFileSync(join(root, "node_modules", "danfojs-node", "index.js"), "changed\n");
    assert.equal(dependencyHash(root, cache, { again: true }), after, "a package the run does not load");
  });

  it("checkInstalled names a package whose installed version is not the lock file's", () => {
    const root = project();
    checkInstalled(root);
    writeFileSync(join(root, "node_modules", "b", "package.json"), JSON.stringify({ version: "2.0.9" }));
    assert.throws(
      () => checkInstalled(root),
      /^DependencyError: node_modules does not match package-lock\.json \(b is 2\.0\.9, the lock file says 2\.1\.0\): run npm ci$/,
    );
  });
});
