import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../src/paths.js";
import { frozenInputs, FROZEN_INPUTS_ENV, writeFrozenInputs } from "../../src/node/frozen-inputs.js";
import { changedInputs, readRunInputs } from "../../src/report/run-inputs.js";
import { parseReportOptions } from "../../src/report/report-options.js";
import { checkOutputFolder } from "../../src/output/output-folder.js";
import { reportCli, tempFolder, treeDigest } from "./helpers.js";

describe("inputs fixed for the run", function () {
  this.timeout(600_000);

  it("a kernel reads the copies a run fixed, by any path to the file, and project files as they were", () => {
    const dir = tempFolder("interspin-frozen-");
    const data = join(dir, "mine.csv");
    writeFileSync(data, "as at the start\n");
    writeFrozenInputs(join(dir, "inputs"), {
      project: new Map([["data/study.json", new TextEncoder().encode('{"fixed": true}')]]),
      user: new Map([[data, new TextEncoder().encode("as at the start\n")]]),
    });
    writeFileSync(data, "changed meanwhile\n");
    const fixed = frozenInputs({ [FROZEN_INPUTS_ENV]: join(dir, "inputs") })!;
    assert.equal(new TextDecoder().decode(fixed.user(join(dir, ".", "mine.csv"))), "as at the start\n");
    assert.equal(new TextDecoder().decode(fixed.project("data/study.json")!), '{"fixed": true}');
    assert.equal(fixed.project("data/not-there.json"), null, "a data file the run did not have");
    assert.equal(fixed.user(join(dir, "other.csv")), undefined, "a file the run did not fix is read from disk");
    assert.equal(frozenInputs({}), undefined);
  });

  it("changedInputs names the data file edited and a notebook added after the start", () => {
    const dir = tempFolder("interspin-frozen-");
    const data = join(dir, "survey.csv");
    copyFileSync(paths.survey, data);
    const notebooks = join(dir, "notebooks");
    cpSync(paths.notebooks, notebooks, { recursive: true });
    const o = parseReportOptions(["--data", data, "--notebooks", notebooks]);
    const inputs = readRunInputs(o);
    assert.deepEqual(changedInputs(inputs, o), []);
    writeFileSync(data, `${readFileSync(data, "utf8")}\n`);
    writeFileSync(join(notebooks, "07-new.ipynb"), "{}");
    writeFileSync(join(notebooks, ".07-new.ipynb.swp"), "an editor's file, not an input");
    assert.deepEqual(changedInputs(inputs, o), [data, join(notebooks, "07-new.ipynb")]);
  });

  it("reads a linked teaching/ folder, once through a link cycle, and leaves out a named pipe; refuses --out inside the notebooks", () => {
    const dir = tempFolder("interspin-linked-");
    const notebooks = join(dir, "notebooks");
    mkdirSync(notebooks);
    copyFileSync(join(paths.notebooks, "01-einleitung.ipynb"), join(notebooks, "01-einleitung.ipynb"));
    const pages = join(dir, "pages");
    mkdirSync(pages);
    writeFileSync(join(pages, "S1-lehrkraefte.de.md"), "# Seite\n");
    symlinkSync(pages, join(notebooks, "teaching"));
    symlinkSync(notebooks, join(pages, "back"));
    execFileSync("mkfifo", [join(notebooks, "pipe")]);
    const inputs = readRunInputs(parseReportOptions(["--notebooks", notebooks]));
    assert.deepEqual([...inputs.notebooks.keys()], ["01-einleitung.ipynb", "teaching/S1-lehrkraefte.de.md"]);
    assert.throws(
      () => checkOutputFolder(join(notebooks, "output"), { folders: [notebooks] }),
      /--out \S+output: refused because it is inside the notebooks folder \S+notebooks; choose a new or empty folder/,
    );
  });

  it("npm run report refuses to publish when --data is replaced while it runs, naming the file; the output stays as it was", async () => {
    const dir = tempFolder("interspin-replaced-");
    const data = join(dir, "survey.csv");
    copyFileSync(paths.survey, data);
    const out = join(dir, "out");
    const args = ["--data", data, "--chapters", "01", "--book-langs", "de", "--jobs", "1", "--no-static", "--out", out];
    const child = spawn(process.execPath, [reportCli, ...args], { cwd: paths.root, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let replaced = false;
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      // While the first notebook runs: another survey, as a sync tool or an editor would leave it.
      if (!replaced && /\[01-einleitung\] cell/.test(stderr)) {
        replaced = true;
        writeFileSync(data, readFileSync(paths.survey, "utf8").replace(/\n$/, "\n\n"));
      }
    });
    const code = await new Promise<number | null>((r) => child.once("close", r));
    assert.ok(replaced, `the run reached its first cell:\n${stderr}`);
    assert.equal(code, 1, stderr);
    assert.match(
      stderr,
      /survey\.csv changed while the report ran \(the run used its bytes from its start\); nothing was published/,
    );
    assert.equal(existsSync(join(out, ".interspin", "current")), false, "nothing was published");
    assert.equal(treeDigest(out), treeDigest(tempFolder("interspin-empty-")), "no product in the output folder");
  });
});
