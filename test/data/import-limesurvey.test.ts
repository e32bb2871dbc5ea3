import { strict as assert } from "node:assert";
import { refusalOf } from "../helpers/limesurvey-export.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { SurveyValidationError, type SurveyProblem } from "../../src/data/errors.js";
import { importLimeSurvey, readLimeSurvey } from "../../src/data/import-limesurvey.js";
import { loadLimeSurveyMapping, resolveMapping, type LimeSurveyMapping } from "../../src/data/limesurvey-mapping.js";
import { loadSurvey } from "../../src/data/load.js";
import { paths } from "../../src/paths.js";
import { fileHash } from "../helpers/survey-fixture.js";

const cb = loadCodebook();
const dir = join(paths.root, "test", "fixtures", "limesurvey");
const exportFile = join(dir, "export.csv");
const mappingFile = join(dir, "mapping.json");
const exportText = readFileSync(exportFile, "utf8");
const mapping = (): LimeSurveyMapping => loadLimeSurveyMapping(mappingFile);

const messages = (ps: SurveyProblem[]) => ps.map((p) => p.message);

describe("importLimeSurvey", () => {
  it("gives the same table as the equivalent survey CSV, dropping the incomplete response", () => {
    const imported = importLimeSurvey(exportFile, { mapping: mappingFile, codebook: cb });
    const expected = loadSurvey(join(dir, "survey.csv"), { codebook: cb });
    assert.deepEqual(imported.table.columnNames(), expected.columnNames());
    assert.deepEqual(imported.table.objects(), expected.objects());
    assert.deepEqual([imported.responses, imported.droppedIncomplete], [5, 1]);
    assert.deepEqual(imported.table.array("id"), ["R001", "R002", "R004", "R012"]);
  });

  it("keeps incomplete responses when asked to", () => {
    const r = importLimeSurvey(exportFile, { mapping: mappingFile, keepIncomplete: true });
    assert.deepEqual(r.table.array("id"), ["R001", "R002", "R003", "R004", "R012"]);
    assert.equal(r.droppedIncomplete, 0);
  });

  it("maps 'other', employee counts, 'N/A' and questions hidden by a filter", () => {
    const t = importLimeSurvey(exportFile, { mapping: mappingFile }).table;
    // R002: -oth-, 8 employees, funded N so the G02 block was not shown, shareInside N/A
    // R004: funded Y, priorNational N/A (asked, no answer), employees empty
    // R012: 120.0000000000 employees, funded empty so the G02 block was not shown
    assert.deepEqual(t.array("actorGroup"), [3, 5, 1, 4]);
    assert.deepEqual(t.array("sizeClass"), [4, 1, -9, 3]);
    assert.deepEqual(t.array("funded"), [1, 2, 1, -9]);
    assert.deepEqual(t.array("priorNational"), [1, -8, -9, -8]);
    assert.deepEqual(t.array("shareInside"), [1, -9, 4, 2]);
    assert.deepEqual(t.array("gave_tech_kmu"), [0, 1, -9, 1]);
    assert.deepEqual(t.array("channel_newsletter"), [0, 1, 1, 1]);
  });

  it("leaves the export and the mapping unchanged", () => {
    const before = [fileHash(exportFile), fileHash(mappingFile)];
    importLimeSurvey(exportFile, { mapping: mappingFile });
    assert.deepEqual([fileHash(exportFile), fileHash(mappingFile)], before);
  });

  it("names row, line, column, value and mapping key of an answer the mapping does not know", () => {
    const text = exportText.replace('"1001","A3"', '"1001","A9"').replace('"A5","A1","A2"', '"A5","A6","A2"');
    const e = refusalOf(() => readLimeSurvey(Buffer.from(text), { mapping: mapping(), file: "export.csv" }));
    assert.deepEqual(
      e.problems.map((p) => `${p.line}|${p.row}|${p.column}|${p.value}|${p.kind}`),
      ["2|1|G01Q01|A9|unmapped-answer", "2|1|G03Q01[SQ002]|A6|unmapped-answer"],
    );
    assert.match(
      e.message,
      /export\.csv:2 \(row 1\), column "G01Q01": answer "A9" is not mapped \(mapping key "variables\.actorGroup\.answers" knows "A1", "A2", "A3", "A4", "-oth-"; missing values: "", "N\/A"\)/,
    );
  });

  it("refuses an employee count that is not a whole number", () => {
    const text = exportText.replace('"de","1001","A3","","250"', '"de","1001","A3","","ca. 20"');
    const e = refusalOf(() => readLimeSurvey(Buffer.from(text), { mapping: mapping(), file: "export.csv" }));
    assert.deepEqual(messages(e.problems), [
      '"ca. 20" is not a whole number of employees (mapping key "variables.sizeClass")',
    ]);
  });

  it("validates the mapped data like a survey file", () => {
    const text = exportText.replace('"4","2020-01-15', '"2","2020-01-15');
    assert.throws(
      () => readLimeSurvey(Buffer.from(text), { mapping: mapping(), file: "export.csv" }),
      (e: SurveyValidationError) =>
        e instanceof SurveyValidationError &&
        /export\.csv:6 \(row 4\), column "id": duplicate respondent id "R002" \(first in row 2\)/.test(e.message),
    );
  });
});

describe("a wrong LimeSurvey mapping", () => {
  const header = exportText
    .replace(/^\uFEFF/, "")
    .split("\r\n")[0]!
    .split(",")
    .map((c) => c.slice(1, -1));
  const resolve = (m: LimeSurveyMapping) => resolveMapping(m, cb, header, { mapping: "m.json", export: "e.csv" });

  it("names an unknown codebook variable, a column absent from the export and an unmapped variable", () => {
    const m = mapping();
    m.variables.fundd = m.variables.funded!;
    delete m.variables.funded;
    m.variables.techProximity = { column: "G02Q01[SQ009]", answers: "likert5" };
    const e = refusalOf(() => resolve(m));
    assert.deepEqual(messages(e.problems), [
      'mapping key "variables.techProximity.column": column "G02Q01[SQ009]" is not in the export e.csv; columns starting with "G02": G02Q01[SQ001], G02Q01[SQ002], G02Q01[SQ003], G02Q01[SQ004]',
      'mapping key "variables.fundd": no codebook variable "fundd"',
      'mapping key "variables.funded": codebook variable "funded" is not mapped (map it, or give { "constant": -9 } if the survey did not ask it)',
    ]);
    assert.match(
      e.message,
      /^m\.json: LimeSurvey mapping does not fit: 3 problems\n {2}- m\.json: mapping key "variables\.techProximity\.column"/,
    );
  });

  it("names an undefined answer set, a code the codebook does not allow and an unknown key", () => {
    const m = mapping();
    m.variables.shareInside = { column: "G03Q01[SQ002]", answers: "likert7" };
    m.variables.actorGroup = { column: "G01Q01", answers: { A1: 1, A2: 9 } };
    (m as unknown as Record<string, unknown>).missings = {};
    assert.deepEqual(messages(refusalOf(() => resolve(m)).problems), [
      'mapping key "missings": unknown key',
      'mapping key "variables.actorGroup.answers["A2"]": code 9 is not allowed for actorGroup; expected one of 1, 2, 3, 4, 5 (actorGroup) or a missing code (-9)',
      'mapping key "variables.shareInside.answers": answer set "likert7" is not defined in "answerSets"',
    ]);
  });

  it("names a missing submitdate column unless completion is not checked", () => {
    const m = { ...mapping(), completed: "submitted" };
    assert.deepEqual(messages(refusalOf(() => resolve(m)).problems), [
      'mapping key "completed": column "submitted" is not in the export e.csv',
    ]);
    assert.equal(resolve({ ...m, completed: null }).completedIndex, undefined);
  });

  it("accepts the example mapping shipped in data/limesurvey", () => {
    const example = loadLimeSurveyMapping(join(paths.data, "limesurvey", "mapping.example.json"));
    const columns = [
      "id",
      "submitdate",
      ...Object.values(example.variables).map((v) => ("column" in v ? v.column : "")),
    ];
    const resolved = resolveMapping(example, cb, columns, { mapping: "mapping.example.json", export: "columns" });
    // every codebook variable but the id and the optional columns (the national proximity items)
    assert.equal(resolved.variables.length, cb.variables.filter((v) => v.type !== "id" && !v.optionalColumn).length);
  });
});
