import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../src/paths.js";
import { tempFolder } from "../reliability/helpers.js";

/** A project of one source file, with this project's run-built.mjs and its node_modules. */
function miniProject(): { root: string; run(): string; write(text: string, mtime?: Date): void } {
  const root = tempFolder("interspin-run-built-");
  mkdirSync(join(root, "scripts"));
  mkdirSync(join(root, "src"));
  copyFileSync(join(paths.root, "scripts", "run-built.mjs"), join(root, "scripts", "run-built.mjs"));
  symlinkSync(join(paths.root, "node_modules"), join(root, "node_modules"));
  writeFileSync(join(root, "package.json"), '{ "type": "module" }\n');
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        rootDir: ".",
        outDir: "dist",
        incremental: true,
        tsBuildInfoFile: "dist/.tsbuildinfo",
        types: ["node"],
      },
      include: ["src/**/*.ts"],
    }),
  );
  const main = join(root, "src", "main.ts");
  return {
    root,
    run: () =>
      execFileSync(process.execPath, ["scripts/run-built.mjs", "dist/src/main.js"], { cwd: root, encoding: "utf8" }),
    write(text, mtime) {
      writeFileSync(main, `process.stdout.write(${JSON.stringify(text)});\n`);
      if (mtime) utimesSync(main, mtime, mtime);
    },
  };
}

describe("scripts/run-built.mjs decides by content, not by time", function () {
  this.timeout(300_000);

  it("rebuilds a source with an old modification time, and after a clock set back; skips the build when nothing changed", () => {
    const p = miniProject();
    p.write("v1");
    assert.equal(p.run(), "v1");
    const info = join(p.root, "dist", ".tsbuildinfo");
    const built = statSync(info).mtimeMs;
    assert.equal(p.run(), "v1");
    assert.equal(statSync(info).mtimeMs, built, "nothing changed: tsc -b did not run");
    // As cp -p, tar x, rsync -a or unzip leave a file: changed, but older than the build.
    p.write("v2", new Date("2001-01-01T00:00:00Z"));
    assert.equal(p.run(), "v2");
    // A build made while the clock was ahead: its build info is newer than any edit now.
    const future = new Date(Date.now() + 86_400_000);
    utimesSync(info, future, future);
    p.write("v3");
    assert.equal(p.run(), "v3");
    assert.match(readFileSync(join(p.root, "dist", ".build-inputs.json"), "utf8"), /"src\/main\.ts"/);
  });
});
