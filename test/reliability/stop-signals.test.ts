import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { SPAWN_CELL } from "../notebook/kernel/spawn-cell.js";
import {
  leftoverProcesses,
  MARKER,
  newMarker,
  processesWithMarker,
  projectNotebookFolder,
  startProcess,
  tempFolder,
  treeDigest,
  writePreviousOutput,
  writeTinyNotebook,
} from "./helpers.js";

/** Starts `npm run report -- …args` as a person would. */
const startNpmReport = (args: string[], env: Record<string, string>): ReturnType<typeof startProcess> =>
  startProcess("npm", ["run", "-s", "report", "--", ...args], env);

/** Whether one of the processes is a `sleep` a cell started (so the cell has run). */
const cellChildrenRun = (pids: number[]): boolean =>
  pids.some((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, "utf8").startsWith("sleep\0");
    } catch {
      return false;
    }
  });

describe("stop signals: SIGINT, SIGTERM and SIGHUP to npm run report stop the whole run", function () {
  this.timeout(180_000);
  let notebooks: string;
  before(() => {
    notebooks = projectNotebookFolder();
    // A cell that starts processes every way it can, then a long computation.
    writeTinyNotebook(notebooks, "01-spawns", [
      SPAWN_CELL,
      "const end = Date.now() + 60000; while (Date.now() < end) {}",
    ]);
  });

  for (const sig of ["SIGTERM", "SIGHUP", "SIGINT"] as const) {
    it(`${sig}: kernels, the processes its cells started and the report process end within 2 s; nothing published, the previous output kept`, async () => {
      const out = join(tempFolder("interspin-stop-"), "output");
      const previous = writePreviousOutput(out);
      const marker = newMarker();
      const run = startNpmReport(["--out", out, "--no-static", "--force", "--notebooks", notebooks], {
        [MARKER]: marker,
      });
      // the report process, the kernel and the cell's three processes that carry the environment (one clears it)
      const running = (): number[] => processesWithMarker(marker).filter((p) => p !== run.pid);
      for (const end = Date.now() + 120_000; !(cellChildrenRun(running()) && running().length >= 5); ) {
        assert.ok(Date.now() < end, `the cell's processes did not start: ${running().length} of 5 running`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const sent = Date.now();
      process.kill(run.pid, sig);
      const left = await leftoverProcesses(marker, 2000);
      const tookMs = Date.now() - sent;
      assert.deepEqual(left, [], `processes still alive ${tookMs} ms after ${sig}`);
      const ended = await run.done;
      // npm re-raises SIGINT and SIGTERM after its child ended (exit 128 + n); SIGHUP kills npm at once.
      assert.ok(
        ended.signal === sig || ended.code === 128 + constants.signals[sig],
        `npm ended by ${ended.signal ?? ended.code}`,
      );
      if (sig !== "SIGHUP")
        assert.match(
          ended.stderr,
          new RegExp(`^stopped by ${sig}: nothing was published, the previous output is unchanged$`, "m"),
        );
      assert.doesNotMatch(ended.stdout, /written to/, "nothing was published");
      assert.equal(treeDigest(out, { hidden: true }), previous, "the output folder changed");
      // Nothing publishes later either: no process was left to do it.
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(treeDigest(out, { hidden: true }), previous, "the output folder changed after the stop");
    });
  }
});
