import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { paths } from "../../../src/paths.js";
import * as install from "../../../src/cli/kernel-install.js";
import * as run from "../../../src/cli/run-notebooks.js";
import { liveTslabChildren } from "../kernel/kernel-processes.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t), isTTY: false } },
  };
}

describe("run-notebooks CLI", function () {
  this.timeout(60_000);

  it("prints help and exits 0", async () => {
    const c = capture();
    assert.equal(await run.main(["--help"], c.io), 0);
    assert.equal(c.out.join(""), run.HELP);
    assert.match(run.HELP, /--timeout S[\s\S]*--jobs N[\s\S]*--out DIR/);
  });

  it("answers wrong usage with one line on stderr and exit code 2", async () => {
    for (const [args, line] of [
      [["--bogus"], "run-notebooks: unknown option '--bogus' (see --help)\n"],
      [
        ["--timeout", "soon"],
        "run-notebooks: --timeout must be a positive number of seconds, got 'soon' (see --help)\n",
      ],
      [["--jobs", "1.5"], "run-notebooks: --jobs must be a positive whole number, got '1.5' (see --help)\n"],
      [["--out"], "run-notebooks: option --out needs a value (see --help)\n"],
      [["no-such.ipynb"], "run-notebooks: notebook not found: no-such.ipynb (see --help)\n"],
    ] as const) {
      const c = capture();
      assert.equal(await run.main([...args], c.io), 2, args.join(" "));
      assert.deepEqual(c.err, [line]);
    }
  });

  it("exits 1 naming the notebook, the 1-based cell and the error when a cell fails", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "cli-"));
    try {
      const nb = join(paths.root, "test", "fixtures", "notebooks", "runtime-error.ipynb");
      const c = capture();
      assert.equal(await run.main(["--jobs", "1", "--timeout", "30", "--out", outDir, nb], c.io), 1);
      // Times vary; the lines do not.
      assert.deepEqual(
        c.err.map((l) => l.replace(/\d+\.\d s/, "T s")),
        [
          "[runtime-error] cell 2/4 (T s)\n",
          "[runtime-error] cell 3/4 (T s)\n",
          "[runtime-error] FAILED at cell 3/4 after T s\n",
          `run-notebooks: ${relative(process.cwd(), nb)}: cell 3 (1-based, counting all cells) failed: TypeError: bad value: 7\n`,
        ],
      );
      assert.ok(
        readFileSync(join(outDir, "notebooks", "runtime-error.ipynb"), "utf8").includes('"ename": "TypeError"'),
      );
      assert.deepEqual(liveTslabChildren(), []);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describe("kernel-install CLI", () => {
  it("writes a tslab kernelspec that starts the project's tslab by absolute paths, with this Node and the start-up preload", () => {
    const prefix = mkdtempSync(join(tmpdir(), "kernel-"));
    try {
      const c = capture();
      assert.equal(install.main(["--prefix", prefix], c.io), 0);
      const spec = JSON.parse(
        readFileSync(join(prefix, "share", "jupyter", "kernels", "tslab", "kernel.json"), "utf8"),
      );
      const preload = pathToFileURL(join(paths.root, "dist", "src", "notebook", "kernel-preload.js")).href;
      assert.deepEqual(spec, {
        argv: [process.execPath, "--import", preload, paths.tslabBin, "kernel", "--config-path", "{connection_file}"],
        display_name: "TypeScript",
        language: "typescript",
        metadata: { "interspin-notebooks": { project: paths.root } },
      });
      assert.ok(spec.argv[0].startsWith("/") && spec.argv[3].startsWith("/"));
      assert.ok(existsSync(fileURLToPath(preload)), "the preload the kernelspec names is built");
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });

  it("keeps a kernelspec of the same name that it did not write: exit 1, one line, the file unchanged; --replace keeps a copy", () => {
    const prefix = mkdtempSync(join(tmpdir(), "kernel-"));
    try {
      const dir = join(prefix, "share", "jupyter", "kernels", "tslab");
      mkdirSync(dir, { recursive: true });
      const foreign = JSON.stringify(
        {
          argv: ["/usr/local/bin/tslab", "kernel", "--config-path", "{connection_file}"],
          display_name: "TypeScript",
          language: "typescript",
        },
        null,
        1,
      );
      writeFileSync(join(dir, "kernel.json"), foreign);
      const c = capture();
      assert.equal(install.main(["--prefix", prefix], c.io), 1);
      assert.equal(readFileSync(join(dir, "kernel.json"), "utf8"), foreign);
      assert.equal(c.err.length, 1);
      assert.match(
        c.err[0]!,
        /^kernel-install: a kernelspec "tslab" not written by this project exists: .*kernel\.json \(starts \/usr\/local\/bin\/tslab kernel --config-path \{connection_file\}\); it was left as it is\. Give --replace/,
      );
      assert.equal(install.main(["--prefix", prefix, "--replace"], c.io), 0);
      assert.equal(readFileSync(join(dir, "kernel.json.replaced"), "utf8"), foreign);
      assert.deepEqual(JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8")).argv, install.kernelSpec().argv);
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });

  it("updates its own kernelspec (e.g. written from a project folder that has moved) and says when nothing changed", () => {
    const kernels = mkdtempSync(join(tmpdir(), "kernel-"));
    try {
      const seen: string[] = [];
      install.installKernelSpec(kernels, "/old/place/node_modules/.bin/tslab", { outcome: (o) => seen.push(o) });
      install.installKernelSpec(kernels, paths.tslabBin, { outcome: (o) => seen.push(o) });
      install.installKernelSpec(kernels, paths.tslabBin, { outcome: (o) => seen.push(o) });
      assert.deepEqual(seen, ["installed", "updated", "unchanged"]);
      assert.deepEqual(readdirSync(join(kernels, "tslab")), ["kernel.json"]);
    } finally {
      rmSync(kernels, { recursive: true, force: true });
    }
  });

  it("finds the per-user kernels folder like Jupyter does", () => {
    assert.equal(install.userKernelsDir({ JUPYTER_DATA_DIR: "/j" }, "linux", "/home/a"), "/j/kernels");
    assert.equal(install.userKernelsDir({}, "linux", "/home/a"), "/home/a/.local/share/jupyter/kernels");
    assert.equal(install.userKernelsDir({ XDG_DATA_HOME: "/x" }, "linux", "/home/a"), "/x/jupyter/kernels");
    assert.equal(install.userKernelsDir({}, "darwin", "/Users/a"), "/Users/a/Library/Jupyter/kernels");
  });

  it("answers wrong usage with one line and exit code 2", () => {
    const c = capture();
    assert.equal(install.main(["--user", "--prefix", "/tmp/x"], c.io), 2);
    assert.equal(install.main(["--frobnicate"], c.io), 2);
    assert.deepEqual(c.err, [
      "kernel-install: give either --user or --prefix, not both (see --help)\n",
      "kernel-install: unknown option or argument '--frobnicate' (see --help)\n",
    ]);
  });
});
