import { strict as assert } from "node:assert";
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempFolder } from "./helpers.js";
import { claimOutputFolder } from "../../src/output/output-folder.js";
import { recoverOutput } from "../../src/output/publish.js";

const CONTENDERS = 8;
const TRIALS = 200;

interface Outcome {
  trial: number;
  held: boolean;
  overlap: boolean;
  error?: string;
}

/** The id of a process that has ended (a stale lock's holder). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

describe("the output folder's lock under 8 processes at once", function () {
  this.timeout(300_000);
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) c.kill("SIGKILL");
  });

  it(`is held by one process at a time in ${TRIALS} trials: new folder, no lock, a stale lock (pid alone, with start time, empty)`, async () => {
    const racer = new URL("./lock-racer.js", import.meta.url).pathname;
    const pending = new Map<ChildProcess, (o: Outcome) => void>();
    for (let i = 0; i < CONTENDERS; i++) {
      const child = fork(racer, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
      children.push(child);
      await new Promise<void>((ready) => child.once("message", () => ready()));
      child.on("message", (o: Outcome) => pending.get(child)?.(o));
    }
    const dead = deadPid();
    const base = tempFolder("interspin-lock-race-");
    const stale = [
      "",
      `${dead}\n`,
      `${JSON.stringify({ pid: dead, start: "1" })}\n`,
      `${JSON.stringify({ pid: process.pid, start: "0" })}\n`,
    ];
    const kinds = new Map<string, number>();
    let out = "";
    for (let trial = 0; trial < TRIALS; trial++) {
      // Every tenth trial a new folder (the contenders mark it at once), else the same one.
      if (trial % 10 === 0) out = join(base, `out-${trial}`);
      const kind = trial % 10 === 0 ? "new folder" : trial % 2 ? `stale lock ${trial % 4}` : "no lock";
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (kind.startsWith("stale")) writeFileSync(join(out, ".interspin", "lock"), stale[(trial >> 1) % 4]!);
      const at = Date.now() + 30;
      const outcomes = await Promise.all(
        children.map(
          (child) =>
            new Promise<Outcome>((done) => {
              pending.set(child, done);
              child.send({ trial, out, at });
            }),
        ),
      );
      const errors = outcomes.filter((o) => o.error).map((o) => o.error);
      assert.deepEqual(errors, [], `trial ${trial} (${kind}): errors`);
      assert.equal(outcomes.filter((o) => o.overlap).length, 0, `trial ${trial} (${kind}): two held the lock at once`);
      assert.ok(
        outcomes.some((o) => o.held),
        `trial ${trial} (${kind}): someone took the lock`,
      );
      const left = readdirSync(join(out, ".interspin")).filter((n) => n !== "output-folder.json");
      assert.deepEqual(left, [], `trial ${trial} (${kind}): the lock and its temporary files are gone after release`);
    }
    assert.deepEqual([...kinds.keys()].sort(), ["new folder", "no lock", "stale lock 1", "stale lock 3"]);
  });
});

describe("start-up clean-up of an output folder", () => {
  it("removes a staging folder, link swap or temporary file only when its process is dead", () => {
    const out = join(tempFolder("interspin-recover-"), "out");
    const release = claimOutputFolder(out);
    try {
      const dead = deadPid();
      const live = process.ppid;
      const control = join(out, ".interspin");
      for (const name of [`staging-${dead}`, `staging-${live}`, `inputs-${dead}`, `inputs-${live}`])
        mkdirSync(join(control, name));
      for (const name of [`.lock.${dead}.abc123.new`, `.lock.${live}.abc123.new`])
        writeFileSync(join(control, name), "");
      recoverOutput(out);
      assert.deepEqual(
        readdirSync(control)
          .filter((n) => n !== "output-folder.json" && n !== "lock")
          .sort(),
        [`.lock.${live}.abc123.new`, `inputs-${live}`, `staging-${live}`],
      );
    } finally {
      release();
    }
  });
});
