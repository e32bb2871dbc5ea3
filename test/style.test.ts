/**
 * The code style holds: Biome's formatter and linter (`biome.json`) find nothing to change in
 * `src/`, `test/` and `scripts/`. `npm run format` rewrites the files; `npm run lint` lists the problems.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { paths } from "../src/paths.js";

describe("code style", () => {
  it("is formatted and passes the linter (biome check)", () => {
    const biome = join(paths.root, "node_modules", "@biomejs", "biome", "bin", "biome");
    const r = spawnSync(
      process.execPath,
      [biome, "check", "--error-on-warnings", "--colors=off", "--max-diagnostics=20"],
      {
        cwd: paths.root,
        encoding: "utf8",
      },
    );
    assert.equal(r.status, 0, `biome check found problems (npm run format fixes formatting):\n${r.stdout}${r.stderr}`);
  });
});
