import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeStaleTemp } from "../../src/node/stale-temp.js";

describe("removeStaleTemp: what killed runs left in the temporary folder", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "stale-temp-test-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("removes entries of processes that are gone, keeps those of live ones and other names", () => {
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!; // a process that has ended
    const names = [
      `interspin-kernel-${gone}-abc123`,
      `interspin-chromium-${gone}-x`,
      `interspin-kernel-${process.pid}-mine`,
      `interspin-kernel-${process.ppid}-parent`,
      "other-tool-123-x",
    ];
    for (const n of names) mkdirSync(join(dir, n));
    writeFileSync(join(dir, names[0]!, "kernel-connection.json"), '{"key": "secret"}');
    assert.deepEqual(removeStaleTemp(dir).sort(), [names[1], names[0]].sort());
    assert.deepEqual(readdirSync(dir).sort(), [names[2], names[3], names[4]].sort());
  });

  it("removes entries named without a process id (earlier versions) once they are an hour old", () => {
    for (const n of ["interspin-failed-run-AbC123", "interspin-kernel-XyZ789"]) mkdirSync(join(dir, n));
    const old = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(join(dir, "interspin-failed-run-AbC123"), old, old);
    assert.deepEqual(removeStaleTemp(dir), ["interspin-failed-run-AbC123"]);
    assert.deepEqual(readdirSync(dir), ["interspin-kernel-XyZ789"]);
  });
});
