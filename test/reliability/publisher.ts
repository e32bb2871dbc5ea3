/**
 * Publishes `count` versions into the output folder `out` (argv 2, 3), a pause of argv 4 ms
 * between two runs, as successive runs do:
 * each takes the lock, repairs (removing the versions before the current one), writes a version
 * whose every file holds its number, and publishes it. For readers.test.ts.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { claimOutputFolder } from "../../src/output/output-folder.js";
import { publish, recoverOutput, stagingFolder } from "../../src/output/publish.js";

const [out, count, pause] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4] ?? 25)];
const FILES = [
  "figures/abb-01.csv",
  "figures/abb-02.csv",
  "notebooks/01.ipynb",
  "site/de/index.html",
  "verification.md",
];
for (let run = 1; run <= count; run++) {
  const release = claimOutputFolder(out);
  try {
    recoverOutput(out);
    const stage = stagingFolder(out);
    for (const f of FILES) {
      mkdirSync(join(stage, f, ".."), { recursive: true });
      writeFileSync(join(stage, f), `version ${run}\n`.repeat(200));
    }
    publish(out, stage);
  } finally {
    release();
  }
  await new Promise((r) => setTimeout(r, pause));
}
