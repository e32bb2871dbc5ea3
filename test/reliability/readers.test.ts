import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { claimOutputFolder } from "../../src/output/output-folder.js";
import { publish, recoverOutput, stagingFolder } from "../../src/output/publish.js";
import { tempFolder } from "./helpers.js";

const PUBLISHER = fileURLToPath(new URL("./publisher.js", import.meta.url));
/** The pause between two runs of the publisher, in milliseconds. */
const PAUSE_MS = 100;

/** Every file below `dir` with its text (relative paths). */
function readAll(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith(".")) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return files;
}

/** One run that publishes `files` (path → text) into `out`. */
function run(out: string, files: Record<string, string>): void {
  const release = claimOutputFolder(out);
  try {
    recoverOutput(out);
    const stage = stagingFolder(out);
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(stage, f, ".."), { recursive: true });
      writeFileSync(join(stage, f), text);
    }
    publish(out, stage);
  } finally {
    release();
  }
}

describe("readers never see a mix", function () {
  this.timeout(300_000);

  it("a reader that resolves output/current once reads one complete version while 60 runs publish", async () => {
    const out = join(tempFolder("interspin-readers-"), "out");
    run(out, { "verification.md": "version 0\n" });
    const publisher = spawn(process.execPath, [PUBLISHER, out, "60", String(PAUSE_MS)], { stdio: "inherit" });
    const done = new Promise<number | null>((r) => publisher.once("exit", r));
    let finished = false;
    void done.then(() => (finished = true));
    const problems: string[] = [];
    let copies = 0;
    while (!finished) {
      const began = Date.now();
      try {
        const version = realpathSync(join(out, "current"));
        const files = readAll(version);
        const seen = new Set([...files.values()].map((t) => t.split("\n")[0]));
        if (seen.size !== 1) problems.push(`a copy of ${relative(out, version)} mixed ${[...seen].join(", ")}`);
        copies++;
      } catch (e) {
        // The version is kept until the next run starts: a copy that took longer than the pause
        // between two runs (a loaded machine) may find it gone, a quicker one never.
        if (Date.now() - began < PAUSE_MS) problems.push((e as Error).message);
      }
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(await done, 0);
    assert.ok(copies > 20, `only ${copies} copies were made`);
    assert.deepEqual(problems.slice(0, 5), [], `${problems.length} of ${copies} copies failed`);
  });

  it("keeps the previous version until the next run starts, and carries a file saved into it into the current one", () => {
    const out = join(tempFolder("interspin-readers-"), "out");
    run(out, { "figures/abb-01.csv": "one\n" });
    const first = realpathSync(join(out, "current"));
    run(out, { "figures/abb-01.csv": "two\n" });
    assert.ok(existsSync(join(first, "figures", "abb-01.csv")), "the previous version is still there");
    assert.equal(readFileSync(join(first, "figures", "abb-01.csv"), "utf8"), "one\n");
    // A person saves a file through a path resolved before the switch: into the previous version.
    writeFileSync(join(first, "figures", "my-notes.txt"), "mine\n");
    run(out, { "figures/abb-01.csv": "three\n" });
    assert.equal(existsSync(first), false, "the next run removed the version before the previous one");
    assert.equal(readFileSync(join(out, "figures", "my-notes.txt"), "utf8"), "mine\n", "the file is in the products");
    assert.equal(readFileSync(join(out, "current", "figures", "abb-01.csv"), "utf8"), "three\n");
  });

  it("leaves a file of the person's called current alone and refuses to publish over it", () => {
    const out = join(tempFolder("interspin-readers-"), "out");
    run(out, { "verification.md": "one\n" });
    const link = join(out, "current");
    assert.match(relative(out, realpathSync(link)), /^\.interspin\/v1$/, "it leads to the version");
    unlinkSync(link);
    writeFileSync(link, "a note of mine\n");
    assert.throws(() => run(out, { "verification.md": "two\n" }), /current was not written by this tool/);
    assert.equal(readFileSync(link, "utf8"), "a note of mine\n");
  });
});
