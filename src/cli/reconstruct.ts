/**
 * `npm run data:reconstruct`: writes data/survey.csv from data/assumptions.json and the codebook.
 */
import { relative } from "node:path";
import { paths, resolveUserPath } from "../paths.js";
import { reconstructSurvey, surveyCsv, loadAssumptions } from "../data/reconstruct.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { runCli, CliUsageError, EXIT_CODES_HELP, refuseExisting } from "./run-cli.js";
import { loadSolver } from "../ilp/solver.js";
import { loadCodebook } from "../data/codebook.js";
import { recomputeJoints } from "../data/independence.js";

const HELP = `Usage: npm run data:reconstruct -- [--out FILE [--force]] [--assumptions FILE] [--joints]

Rebuilds the respondent-level reconstruction of the InterSpiN survey from
data/assumptions.json (every choice the report leaves open) and data/codebook.json.

  --out FILE          where to write the survey CSV (default: data/survey.csv); an
                      existing file is not overwritten
  --force             overwrite --out if it exists
  --assumptions FILE  the assumptions file (default: data/assumptions.json)
  --joints            first recompute the joint table of every pair of items in the
                      assumptions file: the table closest to independence with the items'
                      counts and the bounds the report's text requires (HiGHS), written
                      back into the assumptions file
  --help              show this text

${EXIT_CODES_HELP}`;

runCli(HELP, async (args) => {
  let out = paths.survey;
  let assumptions = paths.assumptions;
  let joints = false;
  let force = false;
  let given = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (!v) throw new CliUsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--out") {
      out = resolveUserPath(value());
      given = true;
    } else if (a === "--force") force = true;
    else if (a === "--assumptions") assumptions = resolveUserPath(value());
    else if (a === "--joints") joints = true;
    else throw new CliUsageError(`unknown option "${a}"`);
  }
  if (given) refuseExisting(out, force);
  if (joints) {
    const a = loadAssumptions(assumptions);
    const solver = await loadSolver();
    const distance = recomputeJoints(solver, a, loadCodebook());
    writeFileAtomic(assumptions, `${JSON.stringify(a, null, 1)}\n`);
    console.log(
      `wrote ${relative(process.cwd(), assumptions) || assumptions}: ${a.pairs?.length ?? 0} pairs, ${distance.toFixed(2)} respondents from independence in all`,
    );
  }
  const rows = reconstructSurvey(loadAssumptions(assumptions));
  writeFileAtomic(out, surveyCsv(rows));
  console.log(`wrote ${relative(process.cwd(), out) || out}: ${rows.length} respondents`);
});
