import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { LimeSurveyMappingError } from "../../src/data/errors.js";
import { readLimeSurvey } from "../../src/data/import-limesurvey.js";
import type { LimeSurveyMapping } from "../../src/data/limesurvey-mapping.js";
import { loadSurveyStructure } from "../../src/data/limesurvey/read-structure.js";
import { initMapping } from "../../src/data/limesurvey/init-mapping.js";
import { mappingJson } from "../../src/data/limesurvey/mapping-json.js";
import type { SurveyStructure } from "../../src/data/limesurvey/structure.js";
import { paths } from "../../src/paths.js";
import { limeSurveyExport } from "../helpers/limesurvey-export.js";
import { expectedRows } from "../helpers/limesurvey-expected.js";
import { RESPONDENTS } from "../helpers/limesurvey-respondents.js";

const cb = loadCodebook();
const shipped = join(paths.data, "limesurvey", "interspin-wave2.lss");
const example = join(paths.data, "limesurvey", "mapping.example.json");
const cli = join(paths.root, "dist", "src", "cli", "mapping-init.js");
const init = (s: SurveyStructure) =>
  JSON.parse(mappingJson(initMapping(s, cb, "survey.lss").mapping)) as LimeSurveyMapping;

describe("npm run mapping:init", () => {
  it("writes the example mapping's content exactly from the shipped .lss", () => {
    const written = mappingJson(initMapping(loadSurveyStructure(shipped), cb, "interspin-wave2.lss").mapping);
    assert.equal(written, readFileSync(example, "utf8"));
  });

  it("places every codebook variable of this questionnaire with certainty, and the mapping imports an export to the table worked out by hand", () => {
    const r = initMapping(loadSurveyStructure(shipped), cb, "interspin-wave2.lss");
    assert.equal(
      r.placements.length,
      cb.variables.length - 1 - 2,
      "all but the id and the two optional national proximity items",
    );
    assert.ok(r.placements.every((p) => p.kind !== "unplaced" && p.confidence >= 0.99));
    const t = readLimeSurvey(limeSurveyExport(cb, RESPONDENTS), {
      mapping: init(loadSurveyStructure(shipped)),
      codebook: cb,
    });
    assert.deepEqual(t.table.objects(), expectedRows(cb, RESPONDENTS));
  });

  it("follows the answer texts, not their order: a scale built from 'Trifft gar nicht zu' (AO01) up maps AO01 to 5", () => {
    const s = loadSurveyStructure(shipped);
    const g03 = s.questions.find((q) => q.code === "G03Q01")!;
    g03.answers = g03.answers.map((a, i, all) => ({ ...a, text: all[all.length - 1 - i]!.text }));
    const m = init(s);
    const set = m.variables.regularExchange as { answers: Record<string, number> };
    assert.deepEqual(set.answers, { AO01: 5, AO02: 4, AO03: 3, AO04: 2, AO05: 1, A1: 5, A2: 4, A3: 3, A4: 2, A5: 1 });
    assert.equal((m.variables.priorNational as { answers: string }).answers, "likert5");
  });

  it("reads an English-only structure with LimeSurvey 3.x codes (A1 …) as well", () => {
    const s = loadSurveyStructure(shipped);
    s.languages = ["en"];
    for (const q of s.questions) {
      q.text = { en: q.text.en! };
      q.answers = q.answers.map((a) => ({ ...a, code: a.code.replace(/^AO0/, "A"), text: { en: a.text.en! } }));
      q.subquestions = q.subquestions.map((x) => ({ ...x, text: { en: x.text.en! } }));
    }
    const m = init(s);
    assert.deepEqual(m.answerSets!.likert5, {
      A1: 1,
      A2: 2,
      A3: 3,
      A4: 4,
      A5: 5,
      AO01: 1,
      AO02: 2,
      AO03: 3,
      AO04: 4,
      AO05: 5,
    });
    assert.equal((m.variables.gave_contacts_research as { column: string }).column, "G04Q01[SQ003_SQ003]");
    assert.equal((m.variables.got_other_kmu as { column: string }).column, "G04Q02[SQ004_SQ001]");
  });

  it("marks what it could not place with an empty column, which the import names", () => {
    const s = loadSurveyStructure(shipped);
    s.questions = s.questions.filter((q) => q.code !== "G05Q01");
    const r = initMapping(s, cb, "survey.lss");
    const unplaced = r.placements.filter((p) => p.kind === "unplaced").map((p) => p.variable);
    assert.deepEqual(unplaced, cb.grids.channel!.items);
    const m = JSON.parse(mappingJson(r.mapping)) as LimeSurveyMapping;
    assert.match(
      (m.variables.channel_newsletter as { comment: string }).comment,
      /^NOT PLACED: no column of survey\.lss fits channel_newsletter \(Newsletter\)/,
    );
    try {
      readLimeSurvey(limeSurveyExport(cb, RESPONDENTS), { mapping: m, codebook: cb });
      assert.fail("imported");
    } catch (e) {
      assert.ok(e instanceof LimeSurveyMappingError);
      assert.match(
        e.problems[0]!.message,
        /mapping key "variables\.channel_newsletter\.column": has no column yet \(mapping:init could not place it\)/,
      );
    }
  });

  it("writes the file, never overwrites one unless --force, and has --help", () => {
    const dir = mkdtempSync(join(tmpdir(), "mapping-init-"));
    try {
      const out = join(dir, "mapping.json");
      const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: "utf8" });
      const first = run("--structure", shipped);
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stdout, "wrote mapping.json: 51 variables placed, 0 not placed\n");
      assert.equal(readFileSync(out, "utf8"), readFileSync(example, "utf8"));
      writeFileSync(out, "mine");
      const again = run("--structure", shipped, "--out", out);
      assert.equal(again.status, 2);
      assert.match(
        again.stderr,
        /mapping\.json exists and is left as it is: give another --out, or --force to overwrite it/,
      );
      assert.equal(readFileSync(out, "utf8"), "mine");
      assert.equal(run("--structure", shipped, "--out", out, "--force").status, 0);
      assert.equal(readFileSync(out, "utf8"), readFileSync(example, "utf8"));
      assert.match(run("--help").stdout, /^Usage: npm run mapping:init -- --structure FILE \[--out FILE\] \[--force\]/);
      assert.match(run().stderr, /--structure FILE is needed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
