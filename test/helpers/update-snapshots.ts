/**
 * `npm run snapshots:update`: rewrites the output snapshots under test/snapshots/ on purpose,
 * after a change to a figure or a notebook was checked. The figure snapshots come from the
 * builders on data/survey.csv; the notebook snapshots from executing every chapter notebook
 * (as `npm run report --no-static` does) in a temporary folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSurvey } from "../../src/data/load.js";
import { paths } from "../../src/paths.js";
import { buildReport, ReportError, storedCellNumber } from "../../src/report/build-report.js";
import { figureSnapshots, notebookSnapshots, writeSnapshots, type SnapshotUpdate } from "./snapshot.js";
import { parseReportOptions } from "../../src/report/report-options.js";
import { CliUsageError, runCli } from "../../src/cli/run-cli.js";

const HELP = `Usage: npm run snapshots:update -- [--figures-only]

Rewrites the output snapshots the tests compare with (test/snapshots/):
  figures/<id>.json    every figure's Plotly spec (sorted keys, 6 significant digits)
  figures/<id>.csv     the numbers behind every figure
  notebooks/<name>.txt the text outputs of every executed chapter notebook

Run it only after checking that a change to a figure or notebook is intended, and
commit the snapshots with the change, so reviewers see the difference.

  --figures-only   rewrite the figure snapshots only (no notebook is executed)
  --help           show this text
`;

function summary(kind: string, u: SnapshotUpdate): string {
  const list = (label: string, names: string[]): string => (names.length ? `\n  ${label}: ${names.join(", ")}` : "");
  return `${kind}: ${u.changed.length} changed, ${u.added.length} added, ${u.removed.length} removed, ${u.unchanged} unchanged${list("changed", u.changed)}${list("added", u.added)}${list("removed", u.removed)}\n`;
}

runCli(HELP, async (args) => {
  const unknown = args.filter((a) => a !== "--figures-only");
  if (unknown.length) throw new CliUsageError(`unknown option "${unknown[0]}"`);
  process.stdout.write(
    summary("figure snapshots", writeSnapshots(figureSnapshots(loadSurvey(paths.survey)), ["figures"])),
  );
  if (args.includes("--figures-only")) return;
  const out = mkdtempSync(join(tmpdir(), "interspin-snapshots-"));
  try {
    const result = await buildReport(parseReportOptions(["--out", out, "--no-static"]), () => {}, { progress: false });
    if (result.failed.length) {
      const names = result.failed.map(
        (f) =>
          `${f.name}${f.failure ? ` (cell ${storedCellNumber(f)}: ${f.failure.ename}: ${f.failure.evalue.split("\n")[0]})` : ""}`,
      );
      throw new ReportError(`notebook snapshots not written: ${names.join("; ")} failed`);
    }
    process.stdout.write(
      summary("notebook snapshots", writeSnapshots(notebookSnapshots(join(out, "notebooks")), ["notebooks"])),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
