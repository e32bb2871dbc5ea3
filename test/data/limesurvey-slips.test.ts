import { strict as assert } from "node:assert";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { formatProblem } from "../../src/data/errors.js";
import { readLimeSurvey } from "../../src/data/import-limesurvey.js";
import { loadLimeSurveyMapping, type LimeSurveyMapping } from "../../src/data/limesurvey-mapping.js";
import { paths } from "../../src/paths.js";
import { limeSurveyExport, refusalOf } from "../helpers/limesurvey-export.js";
import { RESPONDENTS } from "../helpers/limesurvey-respondents.js";

const cb = loadCodebook();
const example = join(paths.data, "limesurvey", "mapping.example.json");
const mapping = (): LimeSurveyMapping => loadLimeSurveyMapping(example);
const completed = RESPONDENTS.filter((r) => r.pages === 6);

const read = (m: LimeSurveyMapping, bytes = limeSurveyExport(cb, RESPONDENTS), allow: string[] = []) =>
  readLimeSurvey(bytes, { mapping: m, codebook: cb, file: "e.csv", allow });

describe("mapping slips caught", () => {
  it("refuses two variables on one column (two identical bars), and accepts them with --allow", () => {
    const m = mapping();
    m.variables.channel_events = { column: "G05Q01[SQ001]", answers: "ticked" };
    const e = refusalOf(() => read(m));
    assert.equal(e.problems.length, 1);
    assert.match(
      e.problems[0]!.message,
      /"variables\.channel_newsletter" and "variables\.channel_events" read the same column "G05Q01\[SQ001\]", so channel_newsletter and channel_events would come out identical; map each to its own column, or give --allow channel_events if this is meant/,
    );
    const r = read(m, undefined, ["channel_events"]);
    assert.deepEqual(r.table.array("channel_events"), r.table.array("channel_newsletter"));
  });

  it("says an export looks like another questionnaire's when most mapped columns are missing, and lists its columns", () => {
    const other = Buffer.from(
      '\uFEFF"id","submitdate","lastpage","startlanguage","seed","Q1","Q2[SQ001]","Q2[SQ002]"\r\n"1","2024-01-01 10:00:00","2","de","1","A1","Y",""\r\n\r\n',
    );
    const e = refusalOf(() => read(mapping(), other));
    // the 51 variables' columns are missing; id and submitdate are there
    assert.equal(Object.keys(mapping().variables).length, 51);
    assert.equal(e.problems.length, 1);
    assert.match(
      e.problems[0]!.message,
      /^51 of the 53 columns the mapping names are not in the export: it looks like the export of another questionnaire\. Its 8 columns are "id", "submitdate", "lastpage", "startlanguage", "seed", "Q1", "Q2\[SQ001\]", "Q2\[SQ002\]"; write a mapping for it with npm run mapping:init -- --structure survey\.lss/,
    );
  });

  it("summarises refusals per column: the first 3 rows, then how many more and which values", () => {
    const m = mapping();
    m.variables.actorGroup = { column: "G01Q01", answers: { AO02: 2, AO03: 3, AO04: 4, "-oth-": 5 } };
    const e = refusalOf(() => read(m));
    // six of the twenty are SMEs (AO01): three rows are listed, the other three counted
    const smes = completed.filter((r) => r.actor === "1").length;
    assert.equal(smes, 6);
    assert.equal(e.total, 6);
    const rows = RESPONDENTS.flatMap((r, i) => (r.actor === "1" && r.pages === 6 ? [i + 1] : []));
    assert.deepEqual(
      e.problems.map((p) => [p.row, p.value]),
      [...rows.slice(0, 3).map((row) => [row, "AO01"]), [0, ""]],
    );
    assert.equal(
      formatProblem(e.problems[3]!),
      'e.csv: column "G01Q01": 3 more rows with answers the mapping does not cover ("AO01" ×3)',
    );
  });

  it("shows a no-break space in an answer as \\u00a0, so it no longer looks like a plain space", () => {
    const bytes = Buffer.from(
      limeSurveyExport(cb, RESPONDENTS)
        .toString("utf8")
        .replace(/"Y","AO01"/, '"Y\u00a0","AO01"'),
      "utf8",
    );
    const e = refusalOf(() => read(mapping(), bytes));
    // a cell that is no answer code reads as a full answer first; then the cell itself
    assert.match(
      e.problems[0]!.message,
      /^the answers are texts, not answer codes \(e\.g\. "Y\\u00a0" in column G01Q03\)/,
    );
    assert.match(
      e.problems[1]!.message,
      /^answer "Y\\u00a0" is not mapped \(mapping key "variables\.funded\.answers" knows "Y", "N"/,
    );
  });
});
