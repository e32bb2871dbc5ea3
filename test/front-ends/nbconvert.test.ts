import { strict as assert } from "node:assert";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { paths } from "../../src/paths.js";
import { installKernelSpec } from "../../src/cli/kernel-install.js";

const run = promisify(execFile);

/** Whether stock Jupyter's nbconvert is installed (CI installs Debian's packages). */
function hasJupyter(): boolean {
  try {
    execFileSync("jupyter", ["nbconvert", "--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("stock Jupyter: jupyter nbconvert --execute", function () {
  this.timeout(300_000);
  const required = process.env.INTERSPIN_REQUIRE_JUPYTER === "1";
  let jupyterPath: string;

  before(function () {
    if (!hasJupyter()) {
      if (required)
        throw new Error(
          "INTERSPIN_REQUIRE_JUPYTER=1 but `jupyter nbconvert` is not installed (apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)",
        );
      this.skip();
    }
    jupyterPath = mkdtempSync(join(tmpdir(), "interspin-jupyter-"));
    installKernelSpec(join(jupyterPath, "kernels"));
  });
  after(() => {
    if (jupyterPath) rmSync(jupyterPath, { recursive: true, force: true });
  });

  it("reports a cell's type error through the kernelspec (started with the start-up preload)", async () => {
    const out = mkdtempSync(join(tmpdir(), "interspin-nbconvert-"));
    try {
      const nb = join(paths.root, "test", "fixtures", "notebooks", "compile-error.ipynb");
      await run(
        "jupyter",
        [
          "nbconvert",
          "--to",
          "notebook",
          "--execute",
          "--allow-errors",
          nb,
          "--output-dir",
          out,
          "--ExecutePreprocessor.timeout=300",
        ],
        {
          cwd: paths.notebooks,
          env: { ...process.env, JUPYTER_PATH: jupyterPath },
        },
      );
      const cells = JSON.parse(readFileSync(join(out, "compile-error.ipynb"), "utf8")).cells as {
        outputs?: { name?: string; text?: string[] | string }[];
      }[];
      const stderr = (cells[2]!.outputs ?? [])
        .filter((o) => o.name === "stderr")
        .map((o) => [o.text].flat().join(""))
        .join("");
      assert.match(stderr, /^1:7 - Type 'string' is not assignable to type 'number'\./);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  for (const file of readdirSync(paths.notebooks)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()) {
    it(`executes ${file} with the tslab kernelspec, without error outputs`, async () => {
      const out = mkdtempSync(join(tmpdir(), "interspin-nbconvert-"));
      try {
        await run(
          "jupyter",
          [
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            join(paths.notebooks, file),
            "--output-dir",
            out,
            "--ExecutePreprocessor.timeout=300",
          ],
          {
            cwd: paths.notebooks,
            env: { ...process.env, JUPYTER_PATH: jupyterPath },
          },
        );
        const nb = JSON.parse(readFileSync(join(out, file), "utf8"));
        const outputs = nb.cells.flatMap((c: { outputs?: { output_type: string }[] }) => c.outputs ?? []);
        assert.equal(outputs.filter((o: { output_type: string }) => o.output_type === "error").length, 0);
        assert.ok(outputs.length > 0);
        // tslab's execute_reply carries no execution_count, so nbconvert leaves it null; the
        // project's own runner numbers the cells itself.
        const plots = outputs.filter(
          (o: { data?: Record<string, unknown> }) => o.data?.["application/vnd.plotly.v1+json"],
        );
        const figureCells = nb.cells.filter(
          (c: { cell_type: string; source: string[] | string }) =>
            c.cell_type === "code" &&
            /showFigure\(|sampleFigure\(|regroupedFigure\(|buildFlows\(/.test([c.source].flat().join("")),
        );
        assert.equal(plots.length, figureCells.length);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  }
});
