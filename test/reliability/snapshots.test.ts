import { strict as assert } from "node:assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSurvey } from "../../src/data/load.js";
import { figureIds } from "../../src/figures/index.js";
import { FLOWS_ID } from "../../src/figures/abb-06-07-information-flows.js";
import type { Notebook } from "../../src/notebook/format/nbformat.js";
import {
  changedPath,
  checkSnapshot,
  figureSnapshots,
  normaliseFigure,
  notebookSnapshots,
  notebookText,
  roundSignificant,
  snapshotRoot,
  writeSnapshots,
} from "../helpers/snapshot.js";
import { sharedReportRun, tempFolder } from "./helpers.js";

/** Fails with every snapshot message at once, so one run shows all changed outputs. */
function assertSnapshots(results: Map<string, string>): void {
  const problems = [...results].map(([name, text]) => checkSnapshot(name, text)).filter((c) => c.status !== "same");
  assert.deepEqual(
    problems.map((p) => p.message),
    [],
    `${problems.length} snapshot(s) differ`,
  );
}

describe("output snapshots (nbval-style regression)", function () {
  this.timeout(300_000);

  it("every figure's Plotly spec and CSV equals its snapshot in test/snapshots/figures/", () => {
    const results = figureSnapshots(loadSurvey());
    assert.equal(results.size, 2 * (figureIds.length + 1)); // and the flows of Abbildung 6/7
    assert.ok(results.has(`figures/${FLOWS_ID}.json`) && results.has(`figures/${FLOWS_ID}.csv`));
    assertSnapshots(results);
  });

  it("every executed notebook's text outputs equal its snapshot in test/snapshots/notebooks/", async () => {
    const results = notebookSnapshots(join(await sharedReportRun(0), "notebooks"));
    assert.ok(results.size >= 6, "the six chapter notebooks at least");
    assertSnapshots(results);
  });
});

describe("snapshot files", () => {
  const fig = {
    layout: { width: 900, meta: { n: 45 } },
    data: [{ x: [1 / 3, 2 / 3, 0.1 + 0.2, -0, 123456789], name: "a" }],
  };

  it("sort keys and keep 6 significant digits, so float noise is no change", () => {
    assert.equal(roundSignificant(12.3456789), 12.3457);
    assert.equal(roundSignificant(0.1 + 0.2), 0.3);
    assert.equal(Object.is(roundSignificant(-0), 0), true);
    assert.equal(roundSignificant(123456789), 123457000);
    const text = normaliseFigure(fig);
    assert.ok(text.indexOf('"data"') < text.indexOf('"layout"'));
    assert.match(text, /0\.333333,/);
    assert.equal(
      normaliseFigure({ ...fig, data: [{ ...fig.data[0], x: [1 / 3 + 1e-12, 2 / 3, 0.3, 0, 123456789.4] }] }),
      text,
    );
  });

  it("hold a notebook's stream, text/plain and error outputs per cell, not HTML or Plotly JSON", () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { id: "a", cell_type: "markdown", metadata: {}, source: "# T" },
        {
          id: "b",
          cell_type: "code",
          metadata: {},
          source: "x",
          execution_count: 1,
          outputs: [
            { output_type: "stream", name: "stdout", text: "hello\n" },
            {
              output_type: "display_data",
              metadata: {},
              data: { "text/plain": "Figure abb-01", "text/html": "<div>", "application/vnd.plotly.v1+json": {} },
            },
          ],
        },
        { id: "c", cell_type: "code", metadata: {}, source: "y", execution_count: 2, outputs: [] },
        {
          id: "d",
          cell_type: "code",
          metadata: {},
          source: "z",
          execution_count: 3,
          outputs: [{ output_type: "error", ename: "TypeError", evalue: "bad", traceback: [] }],
        },
      ],
    } as unknown as Notebook;
    assert.equal(
      notebookText("nb", nb),
      "# nb: text outputs (npm run snapshots:update rewrites this file)\n\n## cell 2\n[stdout]\nhello\n[display_data]\nFigure abb-01\n\n## cell 4\n[error]\nTypeError: bad\n",
    );
  });

  it("on a change, write <name>-changed.<ext> beside the snapshot, name the first differing line and the update command", () => {
    const root = tempFolder("interspin-snap-");
    writeSnapshots(new Map([["figures/x.json", "a\nb\n"]]), ["figures"], root);
    const check = checkSnapshot("figures/x.json", "a\nc\n", root);
    assert.equal(check.status, "changed");
    assert.match(check.message!, /first difference at line 2: snapshot "b", now "c"/);
    assert.match(check.message!, /npm run snapshots:update/);
    assert.equal(readFileSync(changedPath(join(root, "figures/x.json")), "utf8"), "a\nc\n");
    assert.equal(checkSnapshot("figures/x.json", "a\nb\n", root).status, "same");
    assert.equal(existsSync(join(root, "figures/x-changed.json")), false, "a match removes the -changed file");
    assert.match(
      checkSnapshot("figures/y.json", "", root).message!,
      /no snapshot test\/snapshots\/figures\/y\.json; create it with npm run snapshots:update/,
    );
  });

  it("are rewritten by the update: added, changed, removed and -changed files cleared, other kinds left alone", () => {
    const root = tempFolder("interspin-snap-");
    writeSnapshots(
      new Map([
        ["figures/a.json", "1\n"],
        ["figures/b.json", "2\n"],
        ["notebooks/n.txt", "t\n"],
      ]),
      ["figures", "notebooks"],
      root,
    );
    writeFileSync(join(root, "figures/a-changed.json"), "9\n");
    const u = writeSnapshots(
      new Map([
        ["figures/a.json", "1\n"],
        ["figures/c.json", "3\n"],
        ["figures/b.json", "22\n"],
      ]),
      ["figures"],
      root,
    );
    assert.deepEqual(u, { added: ["figures/c.json"], changed: ["figures/b.json"], removed: [], unchanged: 1 });
    const v = writeSnapshots(new Map([["figures/a.json", "1\n"]]), ["figures"], root);
    assert.deepEqual(v.removed, ["figures/b.json", "figures/c.json"]);
    assert.equal(existsSync(join(root, "figures/a-changed.json")), false);
    assert.equal(readFileSync(join(root, "notebooks/n.txt"), "utf8"), "t\n");
  });

  it("live in test/snapshots/ with the documented layout", () => {
    assert.equal(snapshotRoot.endsWith(join("test", "snapshots")), true);
    for (const id of [...figureIds, FLOWS_ID])
      for (const ext of ["json", "csv"])
        assert.ok(existsSync(join(snapshotRoot, "figures", `${id}.${ext}`)), `${id}.${ext}`);
  });
});
