import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { syntheticSurvey } from "../../src/data/synthetic.js";
import { surveyCsv } from "../../src/data/reconstruct.js";
import { loadCodebook } from "../../src/data/codebook.js";
import { compareGroups, EXACT_MAX_N } from "../../src/stats/compare-groups.js";
import { runReport, tempFolder } from "./helpers.js";

describe("scale: surveys larger than the study's", function () {
  this.timeout(600_000);

  it(`compares more than two groups exactly up to ${EXACT_MAX_N} respondents, above by Pearson's chi-square test, saying so`, () => {
    const groups = (scale: number) => [
      { k: 30 * scale, n: 100 * scale },
      { k: 40 * scale, n: 100 * scale },
      { k: 50 * scale, n: 100 * scale },
    ];
    const small = compareGroups(groups(30), "freeman-halton");
    assert.equal(small.test, "freeman-halton");
    assert.equal(small.warning, null);
    const large = compareGroups(groups(400), "freeman-halton");
    assert.equal(large.test, "chi-square");
    assert.equal(large.df, 2);
    assert.ok(large.p < 1e-100, `p = ${large.p}`);
    assert.equal(
      large.warning,
      "120000 respondents, more than 10000: the exact Freeman–Halton test was replaced by Pearson's chi-square test (asymptotic)",
    );
    // Two groups keep Fisher's exact test at any size.
    assert.equal(compareGroups(groups(400).slice(0, 2), "exact-or-chi-square").test, "chi-square");
    assert.equal(compareGroups(groups(400).slice(0, 2), "fisher").test, "fisher");
  });

  it("runs the report on 20 000 respondents with the study's facts in a study.json beside the data", async () => {
    const dir = tempFolder("interspin-scale-");
    const data = join(dir, "survey.csv");
    const n = 20_000;
    writeFileSync(
      data,
      surveyCsv(syntheticSurvey(n, { seed: 3 }).objects() as Record<string, number | string>[], loadCodebook()),
    );
    const out = join(dir, "out");
    const args = ["--data", data, "--chapters", "02", "--book-langs", "de", "--no-static", "--jobs", "1", "--out", out];
    const refused = await runReport(args, { timeoutMs: 300_000 });
    assert.equal(refused.code, 1, "without the study's facts, more respondents than invited are refused");
    assert.match(refused.stderr, /20000 respondents, but data\/study\.json \("invited"\) says 1323 organisations/);
    writeFileSync(join(dir, "study.json"), `${JSON.stringify({ invited: 50_000, clusters: 40 })}\n`);
    const r = await runReport(args, { timeoutMs: 540_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /study facts from \S*study\.json: 50000 organisations invited, 40 clusters/);
    const verification = JSON.parse(readFileSync(join(out, "verification.json"), "utf8")) as {
      entries: { id: string; k?: number; n?: number }[];
    };
    const rate = verification.entries.find((v) => v.id === "sample-response-rate");
    assert.deepEqual([rate?.k, rate?.n], [n, 50_000], "the response rate is out of the study's invited organisations");
    const notebook = readFileSync(join(out, "notebooks", "02-methodisches-vorgehen.ipynb"), "utf8");
    assert.match(notebook, /\b50000\b/, "the chapter shows the study's invited organisations");
  });
});
