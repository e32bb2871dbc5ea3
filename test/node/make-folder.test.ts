import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../../src/node/atomic-write.js";
import { makeFolder } from "../../src/node/make-folder.js";

describe("failed writes name their path and cause", () => {
  let mount: string;
  let mounted = false;
  beforeEach(function () {
    mount = mkdtempSync(join(tmpdir(), "interspin-make-folder-"));
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mount], { stdio: "ignore" });
      mounted = true;
    } catch {
      this.skip(); // mounting needs privileges this machine does not give
    }
  });
  afterEach(() => {
    if (mounted) execFileSync("umount", [mount]);
    mounted = false;
    rmSync(mount, { recursive: true, force: true });
  });

  it("makeFolder on a read-only file system: EROFS and the first folder it could not make, not ENOENT", () => {
    execFileSync("mount", ["-o", "remount,ro", mount]);
    assert.throws(
      () => makeFolder(join(mount, "a", "b")),
      (e: NodeJS.ErrnoException) => e.code === "EROFS" && e.path === join(mount, "a"),
    );
    assert.throws(
      () => writeFileAtomic(join(mount, "x", "f.csv"), "1\n"),
      (e: NodeJS.ErrnoException) => e.code === "EROFS" && e.path === join(mount, "x"),
    );
  });

  it("writeFileAtomic on a full disk: ENOSPC naming the file, no temporary left", () => {
    makeFolder(join(mount, "figures"));
    const file = join(mount, "figures", "abb-01.csv");
    assert.throws(
      () => writeFileAtomic(file, new Uint8Array(1 << 20)),
      (e: NodeJS.ErrnoException) => e.code === "ENOSPC" && e.message.endsWith(file) && e.path === file,
    );
    assert.deepEqual(readdirSync(join(mount, "figures")), []);
    assert.equal(existsSync(file), false);
  });
});
