import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paths } from "../../src/paths.js";

const run = (command: string, args: string[], cwd = paths.root) =>
  spawnSync(process.execPath, [join(paths.root, "dist", "src", `${command}.js`), ...args], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
  });

// Every command: the modules of src/cli/ but its shared frame and signal handling, and the bench.
const commands = [
  ...readdirSync(join(paths.root, "src", "cli"))
    .filter((f) => f.endsWith(".ts") && !["run-cli.ts", "stop-signals.ts"].includes(f))
    .map((f) => `cli/${f.replace(/\.ts$/, "")}`),
  "bench/main",
].sort();

describe("the commands of src/cli/", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "interspin-commands-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("include every command the package's scripts start, and run-notebooks", () => {
    const scripts = Object.values(
      (JSON.parse(readFileSync(join(paths.root, "package.json"), "utf8")) as { scripts: Record<string, string> })
        .scripts,
    );
    const started = scripts.flatMap((s) => [...s.matchAll(/dist\/src\/([\w/-]+)\.js/g)].map((m) => m[1]!));
    assert.deepEqual([...new Set([...started, "cli/run-notebooks"])].sort(), commands);
  });

  for (const command of commands)
    it(`${command} --help: its usage and its exit codes, exit 0, nothing written`, () => {
      const r = run(command, ["--help"], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^Usage: /);
      assert.match(r.stdout, /\nExit codes: 0 [\s\S]*; 2 wrong usage;\s128 \+ n stopped by\ssignal n/);
      assert.equal(r.stderr, "");
      assert.deepEqual(readdirSync(dir), []);
    });

  for (const command of ["cli/identified", "cli/reconstruct", "cli/mapping-init", "bench/main"])
    it(`${command} --out FILE leaves an existing file as it is (exit 2) and names --force`, () => {
      const mine = join(dir, "mine.json");
      writeFileSync(mine, "my own notes\n");
      const args = command === "cli/mapping-init" ? ["--structure", "any.lss", "--out", mine] : ["--out", mine];
      const r = run(command, args, dir);
      assert.equal(r.status, 2);
      assert.match(
        r.stderr,
        /^(error|bench): mine\.json exists and is left as it is: give another --out, or --force to overwrite it[ \n]\(see --help\)\n$/,
      );
      assert.equal(readFileSync(mine, "utf8"), "my own notes\n");
    });

  it("reconstruct --out writes a new file, byte for byte data/survey.csv, and with --force over an existing one", () => {
    const out = join(dir, "survey.csv");
    const first = run("cli/reconstruct", ["--out", out], dir);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, "wrote survey.csv: 158 respondents\n");
    assert.deepEqual(readFileSync(out), readFileSync(paths.survey));
    writeFileSync(out, "old");
    const again = run("cli/reconstruct", ["--out", out, "--force"], dir);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(readFileSync(out), readFileSync(paths.survey));
  });

  it("link-self refuses arguments (exit 2) and keeps the link to the project", () => {
    const r = run("cli/link-self", ["--out", "x"], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'error: link-self takes no arguments, got "--out"\n(see --help)\n');
    const again = run("cli/link-self", [], dir);
    assert.equal(again.status, 0, again.stderr);
  });
});
