import { strict as assert } from "node:assert";
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { paths } from "../../src/paths.js";
import {
  MARKER,
  newMarker,
  processesWithMarker,
  projectNotebookFolder,
  reportCli,
  runReport,
  tempFolder,
  treeDigest,
  writeTinyNotebook,
  type CliRun,
} from "./helpers.js";

/** The files of a person's study folder, which the report must never touch. */
const userFiles: Record<string, string> = {
  "notes.txt": "my notes\n",
  "drafts/chapter-1.md": "draft\n",
  "data/raw-interviews.csv": "id,text\n1,confidential\n",
  "notebooks/my-analysis.ipynb": '{"cells": []}\n',
  "figures/my-figure.png": "not really a png\n",
};

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
}

/** Exit 1 with one `error:` line matching `expected`, no stack trace, nothing published. */
function assertRefused(r: CliRun, expected: RegExp, what: string): void {
  assert.equal(r.code, 1, `${what}: exit code (${r.stderr})`);
  assert.equal(
    r.stderr.split("\n").filter((l) => l.startsWith("error:")).length,
    1,
    `${what}: one error line: ${r.stderr}`,
  );
  assert.match(r.stderr, expected, what);
  assert.doesNotMatch(r.stderr, /^\s+at \S/m, `${what}: no stack trace`);
  assert.equal(r.stdout, "", `${what}: nothing written`);
}

describe("the output folder belongs to the tool: it never deletes or overwrites a file it did not write", function () {
  this.timeout(240_000);
  let notebooks: string;
  let args: (out: string, ...more: string[]) => string[];
  before(() => {
    notebooks = projectNotebookFolder();
    writeTinyNotebook(notebooks, "01-quick", ['console.log("one");']);
    writeTinyNotebook(notebooks, "02-quick", ['console.log("two");']);
    args = (out, ...more) => ["--out", out, "--no-static", "--notebooks", notebooks, ...more];
  });

  it("refuses a folder holding a person's files, naming the folder and what is in it; every file stays", async () => {
    const study = join(tempFolder("interspin-owned-"), "study");
    writeFiles(study, userFiles);
    const before = treeDigest(study, { hidden: true });
    const r = await runReport(args(study));
    assertRefused(
      r,
      /^error: --out \S*study holds files this tool did not write \(data\/, drafts\/, figures\/, notebooks\/, … \(5 entries\)\); choose a new or empty folder$/m,
      "study folder",
    );
    assert.equal(treeDigest(study, { hidden: true }), before);
  });

  it("refuses an output folder that holds the input survey (--data study/data/my-survey.csv --out study)", async () => {
    const study = join(tempFolder("interspin-owned-"), "study");
    mkdirSync(join(study, "data"), { recursive: true });
    cpSync(paths.survey, join(study, "data", "my-survey.csv"));
    const before = treeDigest(study, { hidden: true });
    const r = await runReport(args(study, "--data", join(study, "data", "my-survey.csv")));
    assertRefused(
      r,
      /^error: --out \S*study: refused because it contains the input file \S*my-survey\.csv; choose a new or empty folder for the report$/m,
      "input inside --out",
    );
    assert.equal(treeDigest(study, { hidden: true }), before);
  });

  it("refuses the project folder (--out .), its data/, notebooks/ and src/, the notebooks read, a folder holding the mapping, the home folder and /", async () => {
    const mappingDir = tempFolder("interspin-owned-map-");
    cpSync("test/fixtures/limesurvey/mapping.json", join(mappingDir, "mapping.json"));
    const cases: [string[], RegExp][] = [
      [args("."), /--out \.: refused because it is the project folder or contains it/],
      [args(paths.root), /refused because it is the project folder or contains it/],
      [args(join(paths.root, "..")), /refused because it is the project folder or contains it/],
      [args("data"), /--out data: refused because it is inside the project's data\/ folder/],
      [args("notebooks"), /--out notebooks: refused because it is inside the project's notebooks\/ folder/],
      [args("src/out"), /--out src\/out: refused because it is inside the project's src\/ folder/],
      [args(notebooks), /refused because it contains the notebooks folder/],
      [
        args(
          mappingDir,
          "--limesurvey",
          "test/fixtures/limesurvey/export.csv",
          "--mapping",
          join(mappingDir, "mapping.json"),
        ),
        /refused because it contains the input file \S*mapping\.json/,
      ],
      [args(homedir()), /refused because it is the home folder or contains it/],
      [args("/"), /--out \/: refused because it is the root folder/],
    ];
    const before = treeDigest(paths.data, { hidden: true });
    for (const [a, expected] of cases) assertRefused(await runReport(a), expected, a.join(" "));
    assert.equal(treeDigest(paths.data, { hidden: true }), before, "data/ changed");
    for (const dir of [paths.root, paths.data, paths.notebooks, homedir(), "/"])
      assert.equal(existsSync(join(dir, ".interspin")), false, `a marker was written into ${dir}`);
  });

  it("refuses the unmarked output of an earlier version, saying what it is", async () => {
    const out = join(tempFolder("interspin-owned-"), "output");
    writeFiles(out, { ".cache/notebooks/0a.ipynb": "{}\n", "figures/abb-01.json": "{}\n", "verification.md": "old\n" });
    const before = treeDigest(out, { hidden: true });
    assertRefused(
      await runReport(args(out)),
      /holds files this tool did not write \(.*\); it looks like the output of an earlier version of this tool, which did not mark its folders: delete it or move it away once$/m,
      "earlier output",
    );
    assert.equal(treeDigest(out, { hidden: true }), before);
  });

  it("keeps a person's files beside and inside its products, refuses to replace a product someone changed", async () => {
    const out = join(tempFolder("interspin-owned-"), "output");
    assert.equal((await runReport(args(out))).code, 0);
    writeFiles(out, { "notes.txt": "mine\n", "figures/my-figure.png": "mine too\n" });
    const second = await runReport(args(out));
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /^kept files this tool did not write inside its products: figures\/my-figure\.png$/m);
    assert.equal(readFileSync(join(out, "notes.txt"), "utf8"), "mine\n");
    assert.equal(readFileSync(join(out, "figures", "my-figure.png"), "utf8"), "mine too\n");
    writeFileSync(join(out, "verification.md"), "my edits\n");
    const before = treeDigest(out, { hidden: true });
    const third = await runReport(args(out));
    assertRefused(
      third,
      /^error: \S*verification\.md was changed after this tool wrote it; move it away \(or delete it\) and run again, the report never overwrites a changed file$/m,
      "changed product",
    );
    assert.equal(treeDigest(out, { hidden: true }), before);
    assert.equal(readFileSync(join(out, "verification.md"), "utf8"), "my edits\n");
  });

  it("keeps products of an earlier run that this run does not write, says which are stale; --clean drops them but never a person's file", async () => {
    const out = join(tempFolder("interspin-owned-"), "output");
    assert.equal((await runReport(args(out))).code, 0);
    const earlier = readFileSync(join(out, "notebooks", "02-quick.ipynb"), "utf8");
    writeFiles(out, { "site/my-page.html": "<p>mine</p>\n" });
    const partial = await runReport(args(out, "--chapters", "01"));
    assert.equal(partial.code, 0, partial.stderr);
    assert.match(
      partial.stderr,
      /^kept from an earlier run, not written by this one \(stale; --clean drops them\): notebooks\/02-quick\.ipynb, site\/de\/02-quick\.html, site\/en\/02-quick\.html$/m,
    );
    assert.equal(readFileSync(join(out, "notebooks", "02-quick.ipynb"), "utf8"), earlier);
    const clean = await runReport(args(out, "--chapters", "01", "--clean"));
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal(existsSync(join(out, "notebooks", "02-quick.ipynb")), false);
    assert.equal(existsSync(join(out, "site", "de", "02-quick.html")), false);
    assert.equal(existsSync(join(out, "site", "en", "02-quick.html")), false);
    assert.equal(readFileSync(join(out, "site", "my-page.html"), "utf8"), "<p>mine</p>\n");
  });

  it("keeps a private folder's mode and owner", async () => {
    const out = join(tempFolder("interspin-owned-"), "private");
    mkdirSync(out, { mode: 0o700 });
    chmodSync(out, 0o700);
    const before = statSync(out);
    for (let i = 0; i < 2; i++) assert.equal((await runReport(args(out))).code, 0);
    const after = statSync(out);
    assert.equal((after.mode & 0o777).toString(8), "700");
    assert.deepEqual(
      [after.uid, after.gid, after.ino],
      [before.uid, before.gid, before.ino],
      "the same folder, owner and group",
    );
  });

  it("writes into a link to a folder on another file system and keeps the link", async function () {
    const other = "/dev/shm";
    if (!existsSync(other) || statSync(other).dev === statSync(tmpdir()).dev) this.skip();
    const target = tempFolder("interspin-owned-", other);
    const link = join(tempFolder("interspin-owned-"), "output");
    symlinkSync(target, link);
    for (let i = 0; i < 2; i++) {
      const r = await runReport(args(link));
      assert.equal(r.code, 0, r.stderr);
    }
    assert.ok(lstatSync(link).isSymbolicLink(), "the link was replaced");
    assert.equal(readlinkSync(link), target);
    assert.ok(existsSync(join(target, "notebooks", "01-quick.ipynb")), "the products are in the linked folder");
  });

  it("writes into a mount point (a Docker volume) twice", async function () {
    const mount = tempFolder("interspin-owned-mnt-");
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64m", "tmpfs", mount], { stdio: "ignore" });
    } catch {
      this.skip(); // mounting needs privileges this machine does not give
    }
    try {
      for (let i = 0; i < 2; i++) {
        const r = await runReport(args(mount));
        assert.equal(r.code, 0, r.stderr);
      }
      assert.ok(readFileSync("/proc/self/mountinfo", "utf8").includes(` ${mount} `), "still a mount point");
      assert.ok(existsSync(join(mount, "verification.json")));
    } finally {
      execFileSync("umount", [mount]);
    }
  });

  it("names the path whose write failed in a read-only output folder, new or written before; nothing changes", async function () {
    const mount = tempFolder("interspin-owned-ro-");
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64m", "tmpfs", mount], { stdio: "ignore" });
    } catch {
      this.skip(); // mounting needs privileges this machine does not give
    }
    try {
      const fresh = join(mount, "new");
      mkdirSync(fresh);
      const written = join(mount, "written");
      assert.equal((await runReport(args(written, "--chapters", "01"))).code, 0);
      execFileSync("mount", ["-o", "remount,ro", mount]);
      for (const [out, first] of [
        [fresh, "\\.interspin"],
        [written, "\\.interspin/[^)\\s]+"],
      ] as const) {
        const before = treeDigest(out, { hidden: true });
        const r = await runReport(args(out, "--chapters", "01"));
        assertRefused(
          r,
          new RegExp(
            `^error: --out \\S*${out.split("/").pop()} cannot be written: the file system is read-only \\(EROFS writing \\S*${out.split("/").pop()}/${first}\\); choose another folder or change its permissions$`,
            "m",
          ),
          `read-only ${out}`,
        );
        assert.equal(treeDigest(out, { hidden: true }), before);
      }
    } finally {
      execFileSync("umount", [mount]);
    }
  });

  it("lets one run at a time write a folder", async () => {
    const slow = projectNotebookFolder();
    writeTinyNotebook(slow, "01-slow", ["const end = Date.now() + 8000; while (Date.now() < end) {}"]);
    const out = join(tempFolder("interspin-owned-"), "output");
    const marker = newMarker();
    const first = spawn(process.execPath, [reportCli, "--out", out, "--no-static", "--notebooks", slow], {
      cwd: paths.root,
      env: { ...process.env, [MARKER]: marker },
      stdio: "ignore",
    });
    const firstDone = new Promise<number | null>((r) => first.once("exit", (code) => r(code)));
    for (const end = Date.now() + 60_000; processesWithMarker(marker).length < 2; ) {
      assert.ok(Date.now() < end, "the first run did not start a kernel");
      await new Promise((r) => setTimeout(r, 100));
    }
    const second = await runReport(args(out));
    assertRefused(
      second,
      new RegExp(
        `^error: --out \\S*output is being written by another run \\(process ${first.pid}\\); wait for it to end or choose another folder$`,
        "m",
      ),
      "second run",
    );
    assert.equal(await firstDone, 0);
    rmSync(slow, { recursive: true, force: true });
  });
});
