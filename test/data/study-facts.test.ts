import { strict as assert } from "node:assert";
import { checkRespondents, parseStudy, StudyError } from "../../src/data/study-facts.js";

describe("study facts", () => {
  it("parses a study file and names a missing or wrong key", () => {
    assert.deepEqual(parseStudy('{"invited": 1323, "clusters": 15}', "s.json"), { invited: 1323, clusters: 15 });
    assert.throws(
      () => parseStudy('{"clusters": 15}', "s.json"),
      (e: unknown) =>
        e instanceof StudyError && e.message === 's.json: key "invited" is missing (expected a whole number ≥ 1)',
    );
    assert.throws(
      () => parseStudy('{"invited": "many", "clusters": 15}', "s.json"),
      /^StudyError: s\.json: key "invited" must be a whole number ≥ 1, got "many"$/,
    );
    assert.throws(() => parseStudy("[1]", "s.json"), /expected a JSON object/);
    assert.throws(() => parseStudy("{", "s.json"), /^StudyError: s\.json: not valid JSON/);
  });

  it("refuses more respondents than organisations invited, naming both numbers", () => {
    const study = { invited: 1323, clusters: 15 };
    assert.doesNotThrow(() => checkRespondents(1323, study, { survey: "s.csv", study: "study.json" }));
    assert.throws(
      () => checkRespondents(1324, study, { survey: "s.csv", study: "study.json" }),
      (e: unknown) =>
        e instanceof StudyError &&
        /^s\.csv: 1324 respondents, but study\.json \("invited"\) says 1323 organisations were invited/.test(e.message),
    );
  });
});
