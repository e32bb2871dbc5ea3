import { strict as assert } from "node:assert";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { importLimeSurvey, readLimeSurvey } from "../../src/data/import-limesurvey.js";
import { loadLimeSurveyMapping, type LimeSurveyMapping } from "../../src/data/limesurvey-mapping.js";
import { importReport } from "../../src/data/limesurvey-report.js";
import { loadSurveyStructure } from "../../src/data/limesurvey/read-structure.js";
import type { SurveyStructure } from "../../src/data/limesurvey/structure.js";
import { parseReportOptions } from "../../src/report/report-options.js";
import { paths } from "../../src/paths.js";
import { limeSurveyExport, type ExportSettings, type SurveyDesign, refusalOf } from "../helpers/limesurvey-export.js";
import { expectedRows } from "../helpers/limesurvey-expected.js";
import { RESPONDENTS } from "../helpers/limesurvey-respondents.js";

const cb = loadCodebook();
const example = join(paths.data, "limesurvey", "mapping.example.json");
const shipped = join(paths.data, "limesurvey", "interspin-wave2.lss");
/** LimeSurvey's web defaults: full question texts, full answers. */
const WEB_DEFAULTS: Partial<ExportSettings> = { headings: "full", answers: "long" };
const LS3: Partial<ExportSettings> = { nulls: "quoted" };
const completed = RESPONDENTS.filter((r) => r.pages === 6);

const structure = (): SurveyStructure => loadSurveyStructure(shipped);
/** The shipped structure with G05Q01 shown only to funded organisations. */
function channelsIfFunded(): SurveyStructure {
  const s = structure();
  s.questions.find((q) => q.code === "G05Q01")!.relevance = 'G01Q03.NAOK == "Y"';
  return s;
}

function read(
  settings: Partial<ExportSettings>,
  options: {
    design?: Partial<SurveyDesign>;
    structure?: SurveyStructure;
    mapping?: LimeSurveyMapping;
    allow?: string[];
  } = {},
) {
  return readLimeSurvey(limeSurveyExport(cb, RESPONDENTS, settings, options.design), {
    mapping: options.mapping ?? example,
    codebook: cb,
    file: "results-survey482913.csv",
    structure: options.structure ?? structure(),
    allow: options.allow,
  });
}

describe("a LimeSurvey export read with the survey structure (--structure)", () => {
  const expected = expectedRows(cb, RESPONDENTS);

  it("imports an export with LimeSurvey's web defaults (full question texts, full answers) to the table worked out by hand", () => {
    for (const settings of [WEB_DEFAULTS, { ...WEB_DEFAULTS, ...LS3 }, { ...WEB_DEFAULTS, separator: ";" as const }]) {
      const r = read(settings);
      assert.deepEqual(r.table.objects(), expected);
      assert.equal(r.format.headings, "full question text");
      assert.ok(r.format.structure!.fullAnswers > 0);
    }
  });

  it("imports the file through importLimeSurvey with the structure's path, as the report does", () => {
    const r = importLimeSurvey(join(paths.root, "test", "fixtures", "limesurvey", "export.csv"), {
      mapping: join(paths.root, "test", "fixtures", "limesurvey", "mapping.json"),
      codebook: cb,
    });
    assert.equal(r.format.structure, undefined);
    const withStructure = read({}, {});
    assert.equal(withStructure.format.structure!.file.endsWith("interspin-wave2.lss"), true);
  });

  it("reads every other export setting too, with the same table", () => {
    for (const settings of [
      {},
      LS3,
      { headings: "codetext" as const },
      { expressionCodes: true },
      { answers: "long" as const },
      { headings: "full" as const },
    ])
      assert.deepEqual(read(settings).table.objects(), expected, JSON.stringify(settings));
  });

  it("counts a conditional multiple-choice question in a LimeSurvey 3 export only among those who saw it: newsletter 9 of 9, not 9 of 20", () => {
    const r = read(LS3, { design: { channelsIfFunded: true }, structure: channelsIfFunded() });
    assert.deepEqual(r.table.objects(), expectedRows(cb, RESPONDENTS, { channelsIfFunded: true }));
    const newsletter = r.table.array("channel_newsletter") as number[];
    const funded = completed.filter((x) => x.funded === "Y");
    assert.deepEqual(
      [newsletter.filter((x) => x === 1).length, newsletter.filter((x) => x !== -9).length],
      [funded.filter((x) => x.channels[0] === "1").length, funded.length],
    );
    assert.deepEqual([newsletter.filter((x) => x === 1).length, newsletter.filter((x) => x !== -9).length], [9, 9]);
    assert.deepEqual(r.warnings, []);
    assert.match(
      importReport(r),
      /; not shown decided by the survey structure .*interspin-wave2\.lss \(relevance of 2 of 2 questions with a condition evaluated\)\n/,
    );
    // without the structure the same export gives 9 of 20 and a warning (test/data/limesurvey-warnings.test.ts)
  });

  it("warns, naming the equation, when a question's relevance is outside what the import evaluates, and counts those who ticked nothing", () => {
    const s = structure();
    s.questions.find((q) => q.code === "G05Q01")!.relevance = "regexMatch('/^Y$/', G01Q03.NAOK)";
    const r = read(LS3, { design: { channelsIfFunded: true }, structure: s });
    assert.deepEqual(
      r.warnings.map((w) => [w.kind, w.question, w.respondents, w.of]),
      [["relevance-not-evaluated", "G05Q01", 11, 20]],
    );
    assert.match(
      r.warnings[0]!.message,
      /^G05Q01: maybe not shown to everyone — its relevance "regexMatch\('\/\^Y\$\/', G01Q03\.NAOK\)": the function regexMatch\(\) is not evaluated; 11 of 20 respondents ticked nothing and count as "not ticked"$/,
    );
  });

  it("shows a scale whose codes run against its texts side by side, and accepts it with --allow", () => {
    const mapping = loadLimeSurveyMapping(example);
    mapping.answerSets!.reversed = { AO01: 5, AO02: 4, AO03: 3, AO04: 2, AO05: 1 };
    mapping.variables.techProximity = { column: "G02Q01[SQ003]", answers: "reversed" };
    const e = refusalOf(() => read({}, { mapping }));
    assert.equal(e.problems.length, 1);
    assert.equal(
      e.problems[0]!.message,
      'column "G02Q01[SQ003]" (techProximity): the mapping runs against the answer texts of G02Q01: AO01 "Trifft voll zu" → 5 "Trifft gar nicht zu", AO02 "Trifft eher zu" → 4 "Trifft weniger zu", AO03 "Teils/teils" → 3 "Teils/teils", AO04 "Trifft weniger zu" → 2 "Trifft eher zu", AO05 "Trifft gar nicht zu" → 1 "Trifft voll zu"; if this is right, accept it with --allow techProximity',
    );
    const r = read({}, { mapping, allow: ["techProximity"] });
    assert.deepEqual(
      r.table.array("techProximity"),
      expected.map((x) => (Number(x.techProximity) > 0 ? 6 - Number(x.techProximity) : x.techProximity)),
    );
  });

  it("names answer options the mapping does not cover and codes of another survey", () => {
    const mapping = loadLimeSurveyMapping(example);
    mapping.answerSets!.likert4 = { AO01: 1, AO02: 2, AO03: 3, AO04: 4 };
    mapping.variables.regularExchange = { column: "G03Q01[SQ001]", answers: "likert4" };
    mapping.variables.actorGroup = { column: "G01Q01", answers: { K1: 1, K2: 2 } };
    const e = refusalOf(() => read({}, { mapping }));
    assert.deepEqual(
      e.problems.map((p) => p.message.replace(/; if this is right.*$/, "")),
      [
        'column "G01Q01" (actorGroup): none of the codes the mapping knows (K1, K2) is an answer option of G01Q01 (AO01 "KMU/Start-ups", AO02 "Großunternehmen", AO03 "Forschungseinrichtungen/Universitäten", AO04 "Cluster-/Netzwerkmanagement", -oth-): the wrong column, or codes of another survey',
        'column "G03Q01[SQ001]" (regularExchange): answer option AO05 "Trifft gar nicht zu" of G03Q01 is not in the mapping key "variables.regularExchange.answers"',
      ],
    );
  });

  it("names the headings that match no question of the structure, invisible characters escaped (a no-break space alone still matches)", () => {
    const bytes = Buffer.from(
      limeSurveyExport(cb, RESPONDENTS, WEB_DEFAULTS)
        .toString("utf8")
        .replace(
          '"Welcher Akteursgruppe gehört Ihre Organisation an?"',
          '"Welcher\u00a0Akteursgruppe gehört Ihr Unternehmen an?"',
        ),
      "utf8",
    );
    const e = refusalOf(() =>
      readLimeSurvey(bytes, { mapping: example, codebook: cb, file: "e.csv", structure: structure() }),
    );
    assert.match(
      e.problems[0]!.message,
      /^1 heading of the export matches no question of the survey structure: "Welcher\\u00a0Akteursgruppe gehört Ihr Unternehmen an\?"; is it the structure of the survey this export came from\?$/,
    );
    assert.match(e.problems[1]!.message, /column "G01Q01" is not in the export/);
  });

  it("takes --structure on the command line, with --limesurvey only", () => {
    const o = parseReportOptions(["--limesurvey", "e.csv", "--mapping", "m.json", "--structure", "s.lss"]);
    assert.match(o.structure!, /s\.lss$/);
    assert.throws(() => parseReportOptions(["--structure", "s.lss"]), /--structure only apply to a LimeSurvey export/);
  });
});
