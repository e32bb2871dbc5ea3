/**
 * `npm run mapping:init`: writes a mapping from a LimeSurvey survey's structure to the
 * codebook, so that no mapping is written by hand (see src/data/limesurvey/init-mapping.ts).
 */
import { relative } from "node:path";
import { loadCodebook } from "../data/codebook.js";
import { loadSurveyStructure } from "../data/limesurvey/read-structure.js";
import { CHECK_BELOW, initMapping } from "../data/limesurvey/init-mapping.js";
import { mappingJson } from "../data/limesurvey/mapping-json.js";
import { resolveUserPath } from "../paths.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { CliUsageError, EXIT_CODES_HELP, refuseExisting, runCli } from "./run-cli.js";

const HELP = `Usage: npm run mapping:init -- --structure FILE [--out FILE] [--force]

Writes a mapping from a LimeSurvey survey to the codebook (data/codebook.json): every
codebook variable on the export column that fits it best, by the texts of questions,
subquestions and answer options and by the answer scale (its length and direction), with
its answer table. Each entry's comment shows the texts beside the codes and how sure the
match is; entries marked CHECK want a look, entries marked NOT PLACED a column.

  --structure FILE   the survey's structure: .lss (LimeSurvey: the survey's Export menu →
                     "Survey structure (.lss)"), a survey archive .lsa, or the
                     tab-separated .txt
  --out FILE         where to write the mapping (default: mapping.json); an existing file
                     is not overwritten
  --force            overwrite --out if it exists
  --help             show this text

Then: npm run report -- --limesurvey export.csv --mapping mapping.json --structure FILE

${EXIT_CODES_HELP}`;

runCli(HELP, (args) => {
  let structure: string | undefined;
  let out = resolveUserPath("mapping.json");
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new CliUsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--structure") structure = resolveUserPath(value());
    else if (a === "--out") out = resolveUserPath(value());
    else if (a === "--force") force = true;
    else throw new CliUsageError(a.startsWith("-") ? `unknown option "${a}"` : `unexpected argument "${a}"`);
  }
  if (!structure) throw new CliUsageError("--structure FILE is needed: the survey's .lss, .lsa or tab-separated .txt");
  const shown = relative(process.cwd(), out) || out;
  refuseExisting(out, force);
  const s = loadSurveyStructure(structure);
  const name = structure.split(/[\\/]/).at(-1)!;
  const r = initMapping(s, loadCodebook(), name);
  writeFileAtomic(out, mappingJson(r.mapping));
  const placed = r.placements.filter((p) => p.kind !== "unplaced");
  const check = placed.filter((p) => p.confidence < CHECK_BELOW || p.answersBy === "order");
  const unplaced = r.placements.filter((p) => p.kind === "unplaced");
  console.log(
    `wrote ${shown}: ${placed.length} variable${placed.length === 1 ? "" : "s"} placed${check.length ? ` (${check.length} marked CHECK: ${check.map((p) => p.variable).join(", ")})` : ""}, ${unplaced.length} not placed${unplaced.length ? `: ${unplaced.map((p) => p.variable).join(", ")}` : ""}`,
  );
});
