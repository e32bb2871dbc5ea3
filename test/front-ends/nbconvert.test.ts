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

const chapters = readdirSync(paths.notebooks)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();
const compileError = join(paths.root, "test", "fixtures", "notebooks", "compile-error.ipynb");

describe("stock Jupyter: jupyter nbconvert --execute", function () {
  this.timeout(900_000);
  const required = process.env.INTERSPIN_REQUIRE_JUPYTER === "1";
  let jupyterPath: string;
  let out: string;
  let failure = "";

  // One nbconvert process executes every notebook, each in its own kernel started through the
  // kernelspec (one Python start instead of thirteen); --allow-errors keeps it going past a
  // failing cell, so that every notebook's outputs are there for its own test below.
  before(async function () {
    if (!hasJupyter()) {
      if (required)
        throw new Error(
          "INTERSPIN_REQUIRE_JUPYTER=1 but `jupyter nbconvert` is not installed (apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)",
        );
      this.skip();
    }
    jupyterPath = mkdtempSync(join(tmpdir(), "interspin-jupyter-"));
    installKernelSpec(join(jupyterPath, "kernels"));
    out = mkdtempSync(join(tmpdir(), "interspin-nbconvert-"));
    try {
      await run(
        "jupyter",
        [
          "nbconvert",
          "--to",
          "notebook",
          "--execute",
          "--allow-errors",
          compileError,
          ...chapters.map((f) => join(paths.notebooks, f)),
          "--output-dir",
          out,
          "--ExecutePreprocessor.timeout=300",
        ],
        {
          cwd: paths.notebooks,
          env: { ...process.env, JUPYTER_PATH: jupyterPath },
          maxBuffer: 64 * 2 ** 20,
        },
      );
    } catch (e) {
      failure = String((e as { stderr?: string }).stderr ?? e).slice(-4000);
    }
  });
  after(() => {
    for (const d of [jupyterPath, out]) if (d) rmSync(d, { recursive: true, force: true });
  });
  const executed = (file: string) => {
    try {
      return JSON.parse(readFileSync(join(out, file), "utf8"));
    } catch {
      throw new Error(`nbconvert wrote no ${file}: ${failure}`);
    }
  };

  it("reports a cell's type error through the kernelspec (started with the start-up preload)", () => {
    const cells = executed("compile-error.ipynb").cells as {
      outputs?: { name?: string; text?: string[] | string }[];
    }[];
    const stderr = (cells[2]!.outputs ?? [])
      .filter((o) => o.name === "stderr")
      .map((o) => [o.text].flat().join(""))
      .join("");
    assert.match(stderr, /^1:7 - Type 'string' is not assignable to type 'number'\./);
  });

  for (const file of chapters) {
    it(`executes ${file} with the tslab kernelspec, without error outputs`, () => {
      const nb = executed(file);
      const outputs = nb.cells.flatMap((c: { outputs?: { output_type: string }[] }) => c.outputs ?? []);
      assert.deepEqual(
        outputs
          .filter((o: { output_type: string }) => o.output_type === "error")
          .map((o: { ename?: string; evalue?: string }) => `${o.ename}: ${o.evalue}`),
        [],
      );
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
    });
  }
});
