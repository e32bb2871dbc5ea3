import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { loadAssumptions, reconstructSurvey, surveyCsv, ReconstructionError, type Assumptions } from "../../src/data/reconstruct.js";
import { loadCodebook } from "../../src/data/codebook.js";
import { paths } from "../../src/paths.js";

const cb = loadCodebook();
const clone = (a: Assumptions): Assumptions => JSON.parse(JSON.stringify(a));

describe("reconstruction of the survey microdata", () => {
  it("is what data/survey.csv holds, byte for byte", () => {
    assert.equal(surveyCsv(), readFileSync(paths.survey, "utf8"));
  });

  it("gives byte-identical output on every run", () => {
    assert.equal(surveyCsv(reconstructSurvey()), surveyCsv(reconstructSurvey()));
  });

  it("has 158 respondents with the codebook's columns in order and ids R001…R158", () => {
    const rows = reconstructSurvey();
    assert.equal(rows.length, 158);
    assert.deepEqual(Object.keys(rows[0]!).sort(), cb.variables.map((v) => v.name).sort());
    assert.equal(rows[0]!.id, "R001");
    assert.equal(rows[157]!.id, "R158");
    assert.equal(surveyCsv().split("\n")[0], cb.variables.map((v) => v.name).join(","));
  });

  it("marks items outside their filter as not asked (-8): only funded organisations answer Abbildung 1", () => {
    for (const r of reconstructSurvey()) {
      if (r.funded === 1) assert.ok((r.priorNational as number) >= 1);
      else assert.equal(r.priorNational, -8);
    }
  });

  it("gives every item of assumptions.json a reason", () => {
    for (const item of loadAssumptions().items) assert.ok(item.reason.length > 40, item.variables.join(","));
  });

  it("stops with a message naming the item and group when counts do not add up", () => {
    const a = clone(loadAssumptions());
    a.items[0]!.groups[0]!.counts[0]! += 1;
    assert.throws(() => reconstructSurvey(a), (e: Error) => e instanceof ReconstructionError && /item priorNational, group funded in \[1\]: counts add up to 46 answers \+ 0 skipped, but the group has 45 respondents/.test(e.message));
  });

  it("stops when the strata do not add up to the respondents", () => {
    const a = clone(loadAssumptions());
    a.strata[0]!.n += 1;
    assert.throws(() => reconstructSurvey(a), /strata add up to 159 respondents, expected 158/);
  });

  it("stops when a codebook variable has no assumption, or an assumption names an unknown variable", () => {
    const a = clone(loadAssumptions());
    a.items = a.items.filter((i) => !i.variables.includes("managementHub"));
    assert.throws(() => reconstructSurvey(a), /codebook variable "managementHub" has no assumption/);
    const b = clone(loadAssumptions());
    b.items[0]!.variables = ["nonsense"];
    assert.throws(() => reconstructSurvey(b), /variable "nonsense", which is not in the codebook/);
  });
});
