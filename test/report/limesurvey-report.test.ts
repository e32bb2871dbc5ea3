import { strict as assert } from "node:assert";
import { ownText } from "../helpers/vendored.js";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { csvRecords } from "../../src/data/csv.js";
import { excelResave, limeSurveyExport, type ExportSettings, type SurveyDesign } from "../helpers/limesurvey-export.js";
import { noneFunded, RESPONDENTS, singleSizeGroup, type Respondent } from "../helpers/limesurvey-respondents.js";
import { runReport, tempFolder, treeDigest, type CliRun } from "../reliability/helpers.js";

const cb = loadCodebook();
const mapping = "data/limesurvey/mapping.example.json";
const dir = tempFolder("interspin-limesurvey-");

function exportFile(
  name: string,
  respondents: readonly Respondent[] = RESPONDENTS,
  settings: Partial<ExportSettings> = {},
  design: Partial<SurveyDesign> = {},
  transform = (b: Buffer) => b,
): string {
  const file = join(dir, name);
  writeFileSync(file, transform(limeSurveyExport(cb, respondents, settings, design)));
  return file;
}

/** One row of a figure's CSV by item (and group), as an object of its cells. */
function figureRow(out: string, id: string, item: string, group = "all"): Record<string, string> {
  const [header, ...rows] = [...csvRecords(readFileSync(join(out, "figures", `${id}.csv`), "utf8"), `${id}.csv`)].map(
    (r) => r.fields,
  );
  const row = rows.find((r) => r[header!.indexOf("item")] === item && r[header!.indexOf("group")] === group);
  assert.ok(row, `${id}: no row for ${item} / ${group}`);
  return Object.fromEntries(header!.map((h, i) => [h, row[i]!]));
}

function textFiles(out: string): string[] {
  const all: string[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) {
        if (f !== ".cache") walk(p);
      } else if (!f.endsWith(".js") && !f.endsWith(".png")) all.push(p);
    }
  };
  walk(out);
  return all;
}

async function report(args: string[]): Promise<CliRun> {
  return runReport([...args, "--no-static"], { timeoutMs: 300_000 });
}

function assertDone(r: CliRun, notebooks: string): void {
  assert.equal(
    r.code,
    0,
    r.stderr
      .split("\n")
      .filter((l) => /error|left as it was/.test(l))
      .join("\n") || r.stderr.slice(-2000),
  );
  assert.match(r.stdout, new RegExp(`^${notebooks} notebooks, 13 figures`));
}

describe("npm run report on LimeSurvey exports of a small survey (end to end)", function () {
  this.timeout(600_000);

  it("completes every notebook on 20 + 2 responses with an empty size group and a grid cell nobody ticked, with the numbers counted by hand", async () => {
    const out = join(dir, "out-6");
    const r = await report(["--limesurvey", exportFile("six.csv"), "--mapping", mapping, "--out", out]);
    assertDone(r, "12/12");
    assert.match(
      r.stderr,
      /LimeSurvey import: 22 responses; 20 used, 2 incomplete left out \(--include-incomplete keeps them\)/,
    );
    // respondents 1, 2, 4, 5, 10, 14 and 16 of the 20 completed ticked technological information to SMEs
    assert.deepEqual(
      ["count", "base", "percent"].map((k) => figureRow(out, "abb-06", "gave_tech_kmu")[k]),
      ["7", "20", "35"],
    );
    // nobody ticked "other information" to the management: 0 of 20, suppressed as a count below 5
    assert.deepEqual(
      ["count", "base", "suppressed"].map((k) => figureRow(out, "abb-06", "gave_other_management")[k]),
      ["", "20", "1"],
    );
    // no medium-sized organisation: n = 0 in Abbildung 3 and 9, said in the verification report
    assert.equal(figureRow(out, "abb-03", "techProximity", "medium").base, "0");
    assert.equal(figureRow(out, "abb-09", "channel_newsletter", "medium").base, "0");
    const verification = JSON.parse(readFileSync(join(out, "verification.json"), "utf8")) as {
      entries: Array<{ id: string; status: string; note: string }>;
    };
    const medium = verification.entries.find((v) => v.id === "abb4-medium-top2")!;
    assert.deepEqual(
      [medium.status, medium.note],
      ["not computable", "n = 0: no respondent in the base of culturalProximity in [1,2] | funded=[1], size3=medium"],
    );
    assert.match(
      readFileSync(join(out, "data", "import-summary.txt"), "utf8"),
      /gave_tech_kmu +G04Q01\[SQ001_SQ001\] +valid 20 +no answer +0 +not asked +0 +codes 0×13 1×7/,
    );
    for (const f of textFiles(out)) {
      const text = ownText(f, readFileSync(f, "utf8"));
      assert.doesNotMatch(text, /\bNaN\b/, `${f}: ${/.{0,160}\bNaN\b.{0,80}/.exec(text)?.[0]}`);
    }
  });

  for (const [name, respondents, check] of [
    [
      "one size group only",
      singleSizeGroup(),
      (out: string) => assert.equal(figureRow(out, "abb-03", "techProximity", "large").base, "0"),
    ],
    [
      "no funded organisation",
      noneFunded(),
      (out: string) => assert.equal(figureRow(out, "abb-01", "priorNational").base, "0"),
    ],
  ] as const) {
    it(`completes every notebook on a survey with ${name}`, async () => {
      const out = join(dir, `out-${name.replace(/\W/g, "")}`);
      // What these check is in the German book's figures; the English book is checked on six.csv above.
      const r = await report([
        "--limesurvey",
        exportFile(`${name.replace(/\W/g, "")}.csv`, respondents),
        "--mapping",
        mapping,
        "--out",
        out,
        "--book-langs",
        "de",
      ]);
      assertDone(r, "12/12");
      check(out);
    });
  }

  it("keeps incomplete responses with --include-incomplete: a LimeSurvey 6 export leaves their unseen boxes out of the base", async () => {
    const out = join(dir, "out-6-incomplete");
    const r = await report([
      "--limesurvey",
      exportFile("six.csv"),
      "--mapping",
      mapping,
      "--out",
      out,
      "--include-incomplete",
      "--chapters",
      "01",
      "--book-langs",
      "de",
    ]);
    assertDone(r, "1/1");
    assert.match(r.stderr, /22 responses; 22 used, 2 of them incomplete \(kept by --include-incomplete\)/);
    assert.deepEqual(
      ["count", "base"].map((k) => figureRow(out, "abb-06", "gave_tech_kmu")[k]),
      ["7", "20"],
    );
  });

  it("reads a LimeSurvey 3.x export (A1 codes, ';', ExpressionScript headings); kept incomplete responses count as not ticked, as the summary warns", async () => {
    const out = join(dir, "out-3");
    const file = exportFile(
      "three.csv",
      RESPONDENTS,
      { nulls: "quoted", separator: ";", expressionCodes: true },
      { answerCodes: "A1" },
    );
    const r = await report([
      "--limesurvey",
      file,
      "--mapping",
      mapping,
      "--out",
      out,
      "--include-incomplete",
      "--chapters",
      "01",
      "--book-langs",
      "de",
    ]);
    assertDone(r, "1/1");
    assert.match(r.stderr, /read as: semicolon-separated, UTF-8, headings ExpressionScript codes/);
    assert.match(r.stderr, /note: this export has no unquoted empty cell, as LimeSurvey before 6 writes it/);
    assert.deepEqual(
      ["count", "base"].map((k) => figureRow(out, "abb-06", "gave_tech_kmu")[k]),
      ["7", "22"],
    );
  });

  it("reads a German Excel re-save with --encoding windows-1252", async () => {
    const out = join(dir, "out-excel");
    const file = exportFile("excel.csv", RESPONDENTS, {}, {}, excelResave);
    const refused = await report([
      "--limesurvey",
      file,
      "--mapping",
      mapping,
      "--out",
      out,
      "--chapters",
      "01",
      "--book-langs",
      "de",
    ]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /excel\.csv:\d+: not valid UTF-8: .*give --encoding windows-1252/);
    assert.equal(existsSync(out), false);
    const r = await report([
      "--limesurvey",
      file,
      "--mapping",
      mapping,
      "--out",
      out,
      "--chapters",
      "01",
      "--encoding",
      "windows-1252",
      "--book-langs",
      "de",
    ]);
    assertDone(r, "1/1");
    assert.equal(figureRow(out, "abb-06", "gave_tech_kmu").percent, "35");
  });

  const refusals: Array<[string, () => string[], RegExp]> = [
    [
      "Full question text headings",
      () => ["--limesurvey", exportFile("full.csv", RESPONDENTS, { headings: "full" }), "--mapping", mapping],
      /the headings are question texts, not question codes .*export again with Headings → Export questions as: “Question code”/,
    ],
    [
      "Full answers",
      () => ["--limesurvey", exportFile("long.csv", RESPONDENTS, { answers: "long" }), "--mapping", mapping],
      /the answers are texts, not answer codes .*export again with Responses → Export responses as: “Answer codes”/,
    ],
    [
      "unticked boxes mapped as missing",
      () => {
        const m = JSON.parse(readFileSync(mapping, "utf8")) as { answerSets: Record<string, unknown> };
        m.answerSets.checkbox = { 0: 0, 1: 1 };
        const file = join(dir, "old-mapping.json");
        writeFileSync(file, JSON.stringify(m));
        return ["--limesurvey", exportFile("six.csv"), "--mapping", file];
      },
      /every cell of grid "gave" .* is 100 %: .*an unticked box is probably mapped as missing/,
    ],
  ];
  for (const [name, args, message] of refusals) {
    it(`stops with exit 1 and the setting to choose for ${name}, leaving the output folder as it was`, async () => {
      const out = join(dir, "kept");
      const before = existsSync(out) ? treeDigest(out) : "";
      const r = await report([...args(), "--out", out]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
      assert.equal(existsSync(out) ? treeDigest(out) : "", before);
    });
  }

  it("refuses the import options without a LimeSurvey export (exit 2)", async () => {
    const r = await runReport(["--include-incomplete", "--encoding", "latin1"]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /--include-incomplete, --encoding only apply to a LimeSurvey export \(--limesurvey FILE --mapping FILE\)/,
    );
  });
});
