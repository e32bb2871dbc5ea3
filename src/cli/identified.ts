/**
 * `npm run data:identified`: computes the identified set of the report's claims and writes
 * data/published/identified.json.
 */
import { relative } from "node:path";
import { loadPublished } from "../data/published.js";
import { loadClaims } from "../data/claims-file.js";
import { computeIdentifiedSet } from "../stats/identified/identified-set.js";
import { identifiedFile, identifiedJson } from "../node/identified-inputs.js";
import { resolveUserPath } from "../paths.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { runCli, CliUsageError, EXIT_CODES_HELP, refuseExisting } from "./run-cli.js";

const HELP = `Usage: npm run data:identified -- [--out FILE [--force]] [--quiet]

Computes, for every test of data/published/claims.json and every verbal order of
data/published/numbers.json, the range of its p-value and share difference over every
dataset consistent with what the report prints, with the HiGHS integer solver, and
writes data/published/identified.json (several minutes).

  --out FILE   where to write (default: data/published/identified.json); an existing
               file is not overwritten
  --force      overwrite --out if it exists
  --quiet      no progress lines
  --help       show this text

${EXIT_CODES_HELP}`;

runCli(HELP, async (args) => {
  let out = identifiedFile;
  let quiet = false;
  let force = false;
  let given = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--out") {
      const v = args[++i];
      if (!v) throw new CliUsageError("--out needs a value");
      out = resolveUserPath(v);
      given = true;
    } else if (a === "--quiet") quiet = true;
    else if (a === "--force") force = true;
    else throw new CliUsageError(`unknown option "${a}"`);
  }
  if (given) refuseExisting(out, force);
  const set = await computeIdentifiedSet(loadPublished(), loadClaims(), {
    onProgress: quiet ? undefined : (m) => process.stderr.write(`${m}\n`),
  });
  writeFileAtomic(out, identifiedJson(set));
  console.log(
    `wrote ${relative(process.cwd(), out) || out}: ${Object.keys(set.claims).length} claims, ${Object.keys(set.orders).length} orders`,
  );
});
