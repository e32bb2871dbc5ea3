import { strict as assert } from "node:assert";
import { copyFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { paths } from "../../src/paths.js";
import { runNotebooks, type NotebookResult } from "../../src/notebook/run/runner.js";
import type { CodeCell } from "../../src/notebook/format/nbformat.js";
import { projectNotebookFolder, runReport, tempFolder, writeTinyNotebook } from "./helpers.js";

/**
 * Notebooks that change their process beyond their own variables, each in a way a new kernel
 * session cannot see or undo (the cases that once changed the published numbers of the chapters
 * after them).
 */
const LEAKERS: Record<string, string[]> = {
  // Two labels of the codebook object the module caches per process, swapped.
  "00-leak-codebook": [
    `import "interspin-notebooks";
import { loadCodebook } from "../dist/src/data/codebook.js";
const values = loadCodebook().scales.likert5!.values;
const first = values[0]!.label;
values[0]!.label = values[4]!.label;
values[4]!.label = first;`,
  ],
  // Every number shown 7 points higher.
  "00-leak-tofixed": [
    `const toFixed = Number.prototype.toFixed;
Number.prototype.toFixed = function (this: number, digits?: number): string {
  return toFixed.call(this + 7, digits);
};`,
  ],
  // A global replaced (not added): Math.round rounds everything to 0.
  "00-leak-global": [
    `(globalThis as Record<string, unknown>).Math = Object.assign(Object.create(Math), { round: () => 0 });`,
  ],
  // The session counter pinned, and the survey table given a disclosure policy that the next notebook would inherit.
  "00-leak-session": [
    `import { survey } from "interspin-notebooks";
import { requireMinCell } from "../dist/src/data/disclosure-policy.js";
Object.defineProperty(globalThis, Symbol.for("interspin.kernelSession"), { get: () => 0, set: () => {}, configurable: false });
requireMinCell(survey(), 50);`,
  ],
  // A server that keeps listening, unref'd so nothing waits for it; its port noted outside the notebooks folder.
  "00-leak-server": [
    `import { createServer } from "node:net";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
const server = createServer((socket) => socket.end("leak")).listen(0, "127.0.0.1", () => {
  writeFileSync(join(tmpdir(), \`interspin-leak-\${basename(process.cwd())}\`), String((server.address() as { port: number }).port));
});
server.unref();
await new Promise((r) => setTimeout(r, 200));`,
  ],
  // Handlers for exit and for errors nobody caught.
  "00-leak-handlers": [
    `process.on("exit", () => {});
process.on("uncaughtException", () => {});`,
  ],
};

/** Prints what each leaker changes, as one JSON line. */
const PROBE = [
  `import { survey } from "interspin-notebooks";
import { loadCodebook } from "../dist/src/data/codebook.js";
import { minCellOf } from "../dist/src/data/disclosure-policy.js";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
// Whether the leaking server still answers.
const served = await new Promise<number>((done) => {
  let port = 0;
  try {
    port = Number(readFileSync(join(tmpdir(), \`interspin-leak-\${basename(process.cwd())}\`), "utf8"));
  } catch {
    return done(0);
  }
  const socket = connect(port, "127.0.0.1");
  socket.on("data", () => { socket.destroy(); done(1); });
  socket.on("error", () => done(0));
  setTimeout(() => { socket.destroy(); done(0); }, 2000);
});
console.log(JSON.stringify({
  label: loadCodebook().scales.likert5!.values[0]!.label.de,
  toFixed: (24.4).toFixed(1),
  round: Math.round(2.4),
  session: Object.getOwnPropertyDescriptor(globalThis, Symbol.for("interspin.kernelSession"))?.configurable ?? "none",
  minCell: minCellOf(survey()),
  served,
  exit: process.listenerCount("exit"),
  uncaught: process.listenerCount("uncaughtException"),
}));`,
];

const stdoutOf = (r: NotebookResult): string => {
  assert.equal(r.status, "ok", `${r.name}: ${r.failure?.evalue ?? r.error?.message}`);
  return (r.notebook!.cells.filter((c) => c.cell_type === "code") as CodeCell[])
    .flatMap((c) => c.outputs)
    .map((o) => (o.output_type === "stream" ? o.text : ""))
    .join("")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .join("");
};

describe("isolation: no notebook changes another's published output", function () {
  this.timeout(600_000);
  let dir: string;
  after(() => rmSync(join(tmpdir(), `interspin-leak-${basename(dir)}`), { force: true }));
  before(() => {
    dir = projectNotebookFolder();
    for (const [name, cells] of Object.entries(LEAKERS)) writeTinyNotebook(dir, name, cells);
    copyFileSync(join(paths.notebooks, "03-partnerwahl.ipynb"), join(dir, "03-partnerwahl.ipynb"));
    writeTinyNotebook(dir, "99-probe", PROBE);
  });

  it("the probe sees each leak when the notebooks share a kernel (--reuse-kernels), so it can tell", async () => {
    const names = [...Object.keys(LEAKERS), "99-probe"];
    const alone = await runNotebooks([join(dir, "99-probe.ipynb")], { outDir: tempFolder("interspin-probe-") });
    const shared = await runNotebooks(
      names.map((n) => join(dir, `${n}.ipynb`)),
      { concurrency: 1, reuseKernels: true, outDir: tempFolder("interspin-probe-") },
    );
    const fresh = JSON.parse(stdoutOf(alone[0]!)) as Record<string, unknown>;
    const after = JSON.parse(stdoutOf(shared.at(-1)!)) as Record<string, unknown>;
    assert.equal(fresh.label, "Trifft voll zu");
    assert.equal(fresh.toFixed, "24.4");
    assert.equal(fresh.round, 2);
    assert.equal(fresh.minCell, 0);
    assert.equal(fresh.served, 0);
    // What a new session cannot see reaches the next notebook in a reused kernel.
    assert.deepEqual(
      after,
      {
        ...fresh,
        served: 1,
        label: "Trifft gar nicht zu",
        toFixed: "31.4",
        round: 0,
        session: false,
        minCell: 50,
        exit: (fresh.exit as number) + 1,
        uncaught: (fresh.uncaught as number) + 1,
      },
      shared.map((r) => `${r.name}: ${r.kernel?.reused ? "reused" : `new (${r.kernel?.newBecause})`}`).join("; "),
    );
  });

  it("npm run report: chapter 03 and the probe publish the same bytes after the six leaking notebooks as alone", async () => {
    const common = ["--notebooks", dir, "--jobs", "1", "--book-langs", "de", "--no-static"];
    const withLeakers = tempFolder("interspin-isolation-");
    const alone = tempFolder("interspin-isolation-");
    const a = await runReport([...common, "--out", join(withLeakers, "out")], { timeoutMs: 540_000 });
    assert.equal(a.code, 0, a.stderr);
    const b = await runReport([...common, "--chapters", "03,99", "--out", join(alone, "out")], { timeoutMs: 300_000 });
    assert.equal(b.code, 0, b.stderr);
    for (const file of ["notebooks/03-partnerwahl.ipynb", "notebooks/99-probe.ipynb", "figures/abb-03.csv"])
      assert.equal(
        readFileSync(join(withLeakers, "out", file), "utf8"),
        readFileSync(join(alone, "out", file), "utf8"),
        `${file} is the same after the leaking notebooks`,
      );
    const notebook = readFileSync(join(withLeakers, "out", "notebooks", "03-partnerwahl.ipynb"), "utf8");
    assert.match(notebook, /Trifft voll zu/);
    assert.match(notebook, /24,4/, "abb-03's label as the report prints it");
  });
});
