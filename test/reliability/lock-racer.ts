/**
 * One contender of the lock race (lock-race.test.ts), started with `fork`: for each message
 * `{ trial, out, at }` it waits until the clock reaches `at` (so that every contender starts at
 * once), tries to claim the output folder `out` once, and while it holds the lock creates the
 * file `<out>/.interspin/holder` exclusively (failing when another contender holds the lock at the same
 * time); it answers `{ trial, held, overlap, error }`.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { claimOutputFolder } from "../../src/output/output-folder.js";

interface Go {
  trial: number;
  out: string;
  at: number;
}

process.on("message", (go: Go) => {
  while (Date.now() < go.at) {
    // spin: all contenders start within a millisecond
  }
  let held = false;
  let overlap = false;
  let error: string | undefined;
  try {
    const release = claimOutputFolder(go.out);
    held = true;
    const mark = join(go.out, ".interspin", "holder");
    try {
      writeFileSync(mark, String(process.pid), { flag: "wx" });
      const until = Date.now() + Math.floor(Math.random() * 3);
      while (Date.now() < until) {
        // hold the lock a moment
      }
      rmSync(mark);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      overlap = true;
    } finally {
      release();
    }
  } catch (e) {
    if (!/being written by another run/.test((e as Error).message)) error = (e as Error).message;
  }
  process.send!({ trial: go.trial, held, overlap, error });
});
process.send!({ ready: true });
