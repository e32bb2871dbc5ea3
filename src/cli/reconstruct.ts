/**
 * `npm run data:reconstruct`: writes data/survey.csv from data/assumptions.json and the codebook.
 */
import { relative } from "node:path";
import { paths, resolveUserPath } from "../paths.js";
import { reconstructSurvey, surveyCsv, loadAssumptions } from "../data/reconstruct.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { runCli, CliUsageError } from "./run-cli.js";

const HELP = `Usage: npm run data:reconstruct -- [--out FILE] [--assumptions FILE]

Rebuilds the respondent-level reconstruction of the InterSpiN survey from
data/assumptions.json (every choice the report leaves open) and data/codebook.json.

  --out FILE          where to write the survey CSV (default: data/survey.csv)
  --assumptions FILE  the assumptions file (default: data/assumptions.json)
  --help              show this text
`;

runCli(HELP, (args) => {
  let out = paths.survey;
  let assumptions = paths.assumptions;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (!v) throw new CliUsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--out") out = resolveUserPath(value());
    else if (a === "--assumptions") assumptions = resolveUserPath(value());
    else throw new CliUsageError(`unknown option "${a}"`);
  }
  const rows = reconstructSurvey(loadAssumptions(assumptions));
  writeFileAtomic(out, surveyCsv(rows));
  console.log(`wrote ${relative(process.cwd(), out) || out}: ${rows.length} respondents`);
});
