import { strict as assert } from "node:assert";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { paths } from "../../src/paths.js";
import { parseReportOptions } from "../../src/report/report-options.js";
import { buildReport } from "../../src/report/build-report.js";
import { markOutputFolder } from "../../src/output/output-folder.js";
import { publish, stagingFolder } from "../../src/output/publish.js";
import { runKey, unchangedRun, type RunRecord } from "../../src/report/run-key.js";
import { seededOutputFolder } from "../helpers/shared-report.js";

describe("runKey: what a report run reads", () => {
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), "interspin-run-key-"));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it("is the same for runs that differ only in where they write, how many kernels they use and --force", () => {
    const base = runKey(parseReportOptions([]));
    assert.match(base, /^[0-9a-f]{64}$/);
    assert.equal(runKey(parseReportOptions(["--out", join(work, "elsewhere"), "--jobs", "1", "--force"])), base);
  });

  it("changes with every option that shapes the output", () => {
    const base = runKey(parseReportOptions([]));
    const keys = [
      ["--lang", "en"],
      ["--book-langs", "de"],
      ["--chapters", "03"],
      ["--no-static"],
      ["--small-base", "20"],
      ["--clean"],
    ].map((a) => runKey(parseReportOptions(a)));
    assert.equal(new Set([base, ...keys]).size, keys.length + 1);
  });

  it("changes when one byte of the data, of a notebook or of a teaching page changes, and with INTERSPIN_* variables", () => {
    const data = join(work, "survey.csv");
    cpSync(paths.survey, data);
    const notebooks = join(work, "notebooks");
    cpSync(paths.notebooks, notebooks, { recursive: true });
    const o = parseReportOptions(["--data", data, "--notebooks", notebooks]);
    const before = runKey(o);
    assert.equal(runKey(o), before, "the same inputs give the same key");
    writeFileSync(data, readFileSync(data, "utf8").replace(/\n$/, "\n\n"));
    const afterData = runKey(o);
    assert.notEqual(afterData, before);
    const nb = join(notebooks, "01-einleitung.ipynb");
    writeFileSync(nb, readFileSync(nb, "utf8").replace("Einleitung", "Einleitunq"));
    const afterNotebook = runKey(o);
    assert.notEqual(afterNotebook, afterData);
    const page = readdirSync(join(notebooks, "teaching")).find((f) => !f.startsWith("."))!;
    writeFileSync(join(notebooks, "teaching", page), `${readFileSync(join(notebooks, "teaching", page), "utf8")} `);
    const afterPage = runKey(o);
    assert.notEqual(afterPage, afterNotebook);
    writeFileSync(join(notebooks, ".editor-backup~"), "not read by a run");
    assert.equal(runKey(o), afterPage, "dot files are not inputs");
    assert.notEqual(runKey(o, { INTERSPIN_KERNEL_CACHE_DIR: "" }), afterPage);
  });
});

describe("unchangedRun: the last run's record, while its products are in place", () => {
  let out: string;
  const record = (key: string): RunRecord => ({
    key,
    notebooks: ["01-einleitung"],
    figures: ["abb-01"],
    staticRendered: false,
    mismatches: [],
    stale: [],
  });
  beforeEach(() => {
    out = join(mkdtempSync(join(tmpdir(), "interspin-unchanged-")), "output");
    markOutputFolder(out);
    const stage = stagingFolder(out);
    mkdirSync(join(stage, "figures"), { recursive: true });
    writeFileSync(join(stage, "figures", "abb-01.csv"), "a,b\n1,2\n");
    writeFileSync(join(stage, "verification.md"), "# ok\n");
    publish(out, stage, { record: () => ({ ...record("k1") }) });
  });
  afterEach(() => rmSync(dirname(out), { recursive: true, force: true }));

  it("gives the run number and the record for the same key, nothing for another key", () => {
    assert.deepEqual(unchangedRun(out, "k1"), { run: 1, record: record("k1"), carried: [] });
    assert.equal(unchangedRun(out, "k2"), undefined);
  });

  it("gives nothing when a product file is gone", () => {
    unlinkSync(join(out, "figures", "abb-01.csv"));
    assert.equal(unchangedRun(out, "k1"), undefined);
  });

  it("gives nothing when the link to a product is gone", () => {
    unlinkSync(join(out, "verification.md"));
    assert.equal(unchangedRun(out, "k1"), undefined);
  });

  it("gives nothing for a version written without a record", () => {
    const stage = stagingFolder(out);
    writeFileSync(join(stage, "verification.md"), "# ok\n");
    publish(out, stage);
    assert.equal(unchangedRun(out, "k1"), undefined);
  });
});

describe("npm run report with nothing changed", function () {
  this.timeout(240_000);
  let out: string;
  const args = () => ["--out", out, "--no-static", "--chapters", "01", "--book-langs", "de"];
  const versions = () =>
    readdirSync(join(out, ".interspin"))
      .filter((n) => /^v\d+$/.test(n))
      .sort();
  before(async () => {
    out = await seededOutputFolder("interspin-unchanged-run-");
    const first = await buildReport(parseReportOptions(args()), () => {}, { progress: false });
    assert.equal(first.unchangedSince, undefined);
  });
  after(() => {
    if (out) rmSync(dirname(out), { recursive: true, force: true });
  });

  it("runs and writes nothing, says so, and gives the last run's outcome", async () => {
    const manifest = join(out, ".interspin", "current", ".manifest.json");
    const before = {
      versions: versions(),
      manifest: readFileSync(manifest, "utf8"),
      mtime: statSync(manifest).mtimeMs,
    };
    const lines: string[] = [];
    const r = await buildReport(parseReportOptions(args()), (s) => lines.push(s), { progress: false });
    assert.equal(r.unchangedSince, Number(before.versions[0]!.slice(1)));
    assert.deepEqual(
      r.notebooks.map((n) => [n.name, n.status]),
      [["01-einleitung", "ok"]],
    );
    assert.equal(r.figures.length, 13);
    assert.deepEqual([r.failed, r.mismatches], [[], []]);
    assert.match(lines.join("\n"), /nothing changed since run 1 .*up to date \(--force runs everything again\)/);
    assert.deepEqual(versions(), before.versions);
    assert.equal(readFileSync(manifest, "utf8"), before.manifest);
    assert.equal(statSync(manifest).mtimeMs, before.mtime);
  });

  it("runs again when a product file was deleted, and writes it back", async () => {
    unlinkSync(join(out, "figures", "abb-01.csv"));
    const r = await buildReport(parseReportOptions(args()), () => {}, { progress: false });
    assert.equal(r.unchangedSince, undefined);
    assert.ok(existsSync(join(out, "figures", "abb-01.csv")));
    assert.equal(
      (await buildReport(parseReportOptions(args()), () => {}, { progress: false })).unchangedSince,
      Number(versions().pop()!.slice(1)),
    );
  });

  it("puts back a deleted link to a product (as every run does) and has nothing else to do", async () => {
    unlinkSync(join(out, "verification.md"));
    const r = await buildReport(parseReportOptions(args()), () => {}, { progress: false });
    assert.equal(r.unchangedSince, Number(versions().pop()!.slice(1)));
    assert.match(readFileSync(join(out, "verification.md"), "utf8"), /^# /);
  });

  it("says which files inside its products it did not write, and leaves them", async () => {
    writeFileSync(join(out, "figures", "my-notes.txt"), "mine\n");
    const lines: string[] = [];
    const r = await buildReport(parseReportOptions(args()), (s) => lines.push(s), { progress: false });
    assert.notEqual(r.unchangedSince, undefined);
    assert.ok(
      lines.includes("kept files this tool did not write inside its products: figures/my-notes.txt"),
      lines.join("\n"),
    );
    assert.equal(readFileSync(join(out, "figures", "my-notes.txt"), "utf8"), "mine\n");
  });

  it("runs again with --force and with another option", async () => {
    assert.equal(
      (await buildReport(parseReportOptions([...args(), "--force"]), () => {}, { progress: false })).unchangedSince,
      undefined,
    );
    assert.equal(
      (await buildReport(parseReportOptions([...args(), "--small-base", "20"]), () => {}, { progress: false }))
        .unchangedSince,
      undefined,
    );
  });

  it("still refuses a product that was changed after it was written", async () => {
    writeFileSync(join(out, "verification.md"), "# my notes\n");
    await assert.rejects(
      buildReport(parseReportOptions(args()), () => {}, { progress: false }),
      /verification\.md was changed after this tool wrote it/,
    );
  });
});
