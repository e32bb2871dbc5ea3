/**
 * `npm run report`: the main job. Exit codes: 0 done, 1 a notebook failed, a published number
 * did not reproduce, or the output folder or an input was refused, 2 bad command line,
 * 128 + n stopped by signal n (SIGINT 130, SIGTERM 143, SIGHUP 129).
 */
import { runCli } from "./run-cli.js";
import { paths } from "../paths.js";
import { parseReportOptions, REPORT_HELP } from "../report/report-options.js";
import { buildReport, storedCellNumber } from "../report/build-report.js";
import { shownFolder } from "../output/output-folder.js";
import { terminalLine } from "../util/terminal-text.js";

runCli(
  REPORT_HELP,
  async (args) => {
    const options = parseReportOptions(args);
    const started = Date.now();
    const result = await buildReport(options);
    const out = shownFolder(options.out);
    for (const f of result.failed) {
      const where = f.failure
        ? `cell ${storedCellNumber(f)} (counting all cells): ${f.failure.ename}: ${terminalLine(f.failure.evalue.split("\n")[0] ?? "", 300)}`
        : terminalLine((f.error?.message ?? "failed").split(`${paths.root}/`).join("").split("\n")[0]!, 300);
      process.stderr.write(`error: notebook ${terminalLine(f.name, 80)} failed at ${where}\n`);
    }
    for (const id of result.mismatches)
      process.stderr.write(`error: published number ${id} is not reproduced (see ${out}/verification.md)\n`);
    if (result.failedRunDir) {
      process.stderr.write(
        `${out}/ was left as it was; the executed notebooks of this run are in ${shownFolder(result.failedRunDir)}/notebooks/\n`,
      );
      process.exitCode = 1;
      return;
    }
    const ok = result.notebooks.length - result.failed.length;
    const done =
      result.unchangedSince === undefined
        ? `written to ${out}/`
        : `in ${out}/ up to date (run ${result.unchangedSince})`;
    process.stdout.write(
      `${ok}/${result.notebooks.length} notebooks, ${result.figures.length} figures${result.staticRendered ? " (with SVG/PNG)" : ""}, verification and book ${done} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    if (result.failed.length || result.mismatches.length) process.exitCode = 1;
  },
  ": nothing was published, the previous output is unchanged",
);
