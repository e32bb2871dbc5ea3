import { strict as assert } from "node:assert";
import { execFile, execFileSync } from "node:child_process";
import { readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { paths } from "../../src/paths.js";
import { surveyCsv, validRows, writeBigSurvey } from "../helpers/survey-fixture.js";
import { projectCopy, runReport, tempFolder, treeDigest, writePreviousOutput, type CliRun } from "./helpers.js";

const bad = "test/fixtures/bad";
const badCli = "test/fixtures/bad-cli";
const export_ = "test/fixtures/limesurvey/export.csv";

/** Every file of test/fixtures/bad/ with what its message must say. */
const corpus: Record<string, RegExp> = {
  "empty.csv": /empty file \(0 bytes\)/,
  "blank-lines.csv": /empty file \(no text, only blank lines\)/,
  "header-only.csv": /no respondents: the file has a header but no data rows/,
  "semicolon.csv": /delimiter looks like ';', expected ','/,
  "tab.csv": /delimiter looks like a tab, expected ','/,
  "latin1.csv": /:3: not valid UTF-8: byte 0xFC .*Latin-1/,
  "utf16le-bom.csv": /encoded as UTF-16 LE .*expected UTF-8/,
  "utf16be-bom.csv": /encoded as UTF-16 BE .*expected UTF-8/,
  "utf16le-no-bom.csv": /looks like UTF-16 LE without a byte-order mark/,
  "xlsx-renamed.csv": /ZIP archive \(an \.xlsx workbook\?\)/,
  "unclosed-quote.csv": /:3: a quoted cell opened on this line is never closed/,
  "quote-in-cell.csv": /:3: a '"' inside unquoted cell 1/,
  "ragged.csv": /:3 \(row 2\): row has 51 cells, the header has 52/,
  "three-problems.csv":
    /3 problems[\s\S]*unknown code 7[\s\S]*duplicate respondent id "R001"[\s\S]*=HYPERLINK.*looks like a spreadsheet formula/,
  "unknown-code.csv": /:3 \(row 2\), column "funded": unknown code 7 for funded/,
  "likert-out-of-range.csv": /column "regularExchange": 6 is outside the likert5 scale 1–5/,
  "non-integer.csv": /"2\.0" is not an integer code/,
  "empty-cell.csv": /column "actorGroup": empty cell/,
  "missing-code-not-allowed.csv": /missing code -8 .* is not allowed for actorGroup/,
  "duplicate-id.csv": /:4 \(row 3\), column "id": duplicate respondent id "R002" \(first in row 2\)/,
  "empty-id.csv": /column "id": empty respondent id/,
  "formula.csv": /"@SUM\(A1\)" looks like a spreadsheet formula/,
  "missing-column.csv": /missing column "funded"/,
  "unknown-column.csv": /unknown column "fundd" .*did you mean "funded"\?/,
  "duplicate-column.csv": /column "funded" appears more than once \(columns 4 and 53\)/,
};

/** The further cases: command-line arguments and what the message must say. */
const cases: [string, string[], RegExp][] = [
  [
    "a =HYPERLINK formula as id and =1+1 as code",
    ["--data", `${badCli}/hyperlink.csv`],
    /hyperlink\.csv: .*2 problems[\s\S]*"=HYPERLINK\(.*looks like a spreadsheet formula, not a respondent id[\s\S]*"=1\+1" looks like a spreadsheet formula/,
  ],
  [
    "a byte-order mark with one unknown code",
    ["--data", `${badCli}/bom-unknown-code.csv`],
    /bom-unknown-code\.csv: .*1 problem\n.*:3 \(row 2\), column "sizeClass": 9 is outside the sizeClass scale/,
  ],
  [
    "an extra column",
    ["--data", `${badCli}/extra-column.csv`],
    /extra-column\.csv: [\s\S]*column "kommentar": unknown column "kommentar"/,
  ],
  ["a missing file", ["--data", "data/nope.csv"], /^error: data\/nope\.csv: file not found$/m],
  [
    "a folder instead of a file",
    ["--data", "test/fixtures"],
    /^error: test\/fixtures: is a folder, expected a CSV file$/m,
  ],
  [
    "a LimeSurvey mapping naming a column the export lacks",
    ["--limesurvey", export_, "--mapping", `${badCli}/mapping-wrong-column.json`],
    /mapping-wrong-column\.json: LimeSurvey mapping does not fit[\s\S]*mapping key "variables\.funded\.column": column "G01Q30" is not in the export/,
  ],
  [
    "a LimeSurvey mapping whose answer codes do not fit the export",
    ["--limesurvey", export_, "--mapping", `${badCli}/mapping-wrong-answers.json`],
    /export\.csv:2 \(row 1\), column "G01Q03": answer "Y" is not mapped \(mapping key "variables\.funded\.answers" knows "J", "N"/,
  ],
  [
    "a LimeSurvey mapping that is not JSON",
    ["--limesurvey", export_, "--mapping", `${badCli}/mapping-not-json.json`],
    /mapping-not-json\.json: .*cannot read mapping/,
  ],
  [
    "a bad survey file given as LimeSurvey export",
    ["--limesurvey", `${bad}/latin1.csv`, "--mapping", "test/fixtures/limesurvey/mapping.json"],
    /latin1\.csv:3: not valid UTF-8/,
  ],
];

/** Runs the command into an output folder holding a previous output; returns the run and whether the folder is unchanged. */
async function refuse(args: string[]): Promise<CliRun & { unchanged: boolean }> {
  const out = join(tempFolder("interspin-bad-"), "output");
  const before = writePreviousOutput(out);
  const r = await runReport([...args, "--out", out, "--no-static"], { timeoutMs: 120_000 });
  return { ...r, unchanged: treeDigest(out, { hidden: true }) === before };
}

/** Exit 1, one `error:` line first, no stack trace, nothing on stdout, output untouched. */
function assertRefused(r: CliRun & { unchanged: boolean }, expected: RegExp, what: string): void {
  assert.equal(r.code, 1, `${what}: exit code (stderr: ${r.stderr})`);
  assert.match(r.stderr, /^error: \S/, `${what}: the message starts with "error: "`);
  assert.equal(r.stderr.split("\n").filter((l) => /^error:/.test(l)).length, 1, `${what}: one error line`);
  assert.match(r.stderr, expected, `${what}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /^\s+at \S|node:internal|\w+Error: /m, `${what}: no stack trace or error class name`);
  assert.equal(r.stdout, "", `${what}: nothing on stdout`);
  assert.ok(r.unchanged, `${what}: the output folder changed`);
}

/** Runs `jobs` with at most `n` at a time, in order of the results. */
async function limited<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

describe("bad input through npm run report: a clear message, exit 1, no stack trace, output untouched", function () {
  this.timeout(240_000);

  it("has a case for every file of the bad-file corpus", () => {
    assert.deepEqual(
      readdirSync(join(paths.root, bad))
        .filter((f) => f.endsWith(".csv"))
        .sort(),
      Object.keys(corpus).sort(),
    );
  });

  it("refuses every file of test/fixtures/bad/", async () => {
    const files = Object.keys(corpus);
    const runs = await limited(
      4,
      files.map((f) => () => refuse(["--data", `${bad}/${f}`])),
    );
    runs.forEach((r, i) =>
      assertRefused(
        r,
        new RegExp(`^error: ${bad}/${files[i]!.replace(/\./g, "\\.")}(?=[:\\s])[\\s\\S]*${corpus[files[i]!]!.source}`),
        files[i]!,
      ),
    );
  });

  for (const [what, args, expected] of cases) {
    it(`refuses ${what}`, async () => assertRefused(await refuse(args), expected, what));
  }

  it("refuses a 50 MB survey with one bad cell in its last row, naming that line", async () => {
    const dir = tempFolder("interspin-bad-big-");
    const file = join(dir, "big.csv");
    const { rows } = writeBigSurvey(file, loadCodebook(), {
      lastRow: (id) => ({ ...validRows(loadCodebook(), 1)[0]!, id, funded: 7 }),
    });
    assertRefused(
      await refuse(["--data", file]),
      new RegExp(`big\\.csv:${rows + 2} \\(row ${rows + 1}\\), column "funded": unknown code 7`),
      "50 MB file",
    );
  });

  it("answers a wrong option with exit 2 and leaves the output untouched", async () => {
    for (const args of [["--lang", "fr"], ["--data"], ["--limesurvey", export_], ["--bogus"]]) {
      const r = await refuse(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, /^error: .+\n\(see --help\)\n$/);
      assert.ok(r.unchanged, args.join(" "));
    }
  });

  it("shows control characters from a data cell as escapes, never raw (terminal escape injection)", async () => {
    const out = tempFolder("interspin-bad-esc-");
    const cb = loadCodebook();
    const rows = validRows(cb, 3);
    rows[1]!.funded = "\u001b]0;pwned\u0007\u001b[2J7";
    writeFileSync(join(out, "esc.csv"), surveyCsv(cb, rows));
    const r = await refuse(["--data", join(out, "esc.csv")]);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f]/, "raw control characters on stderr");
  });

  it("refuses a FIFO, a device and a file above the size limit at once, without reading them", async () => {
    const dir = tempFolder("interspin-bad-kind-");
    const fifo = join(dir, "survey.fifo");
    execFileSync("mkfifo", [fifo]);
    const big = join(dir, "big.csv");
    writeFileSync(big, "");
    truncateSync(big, 3 * 2 ** 20);
    const runs: [string[], RegExp][] = [
      [["--data", fifo], /^error: \S*survey\.fifo: is a named pipe \(FIFO\), expected a regular file$/m],
      [["--data", "/dev/zero"], /^error: \/dev\/zero: is a device, expected a regular file$/m],
      [
        ["--limesurvey", "/dev/zero", "--mapping", "test/fixtures/limesurvey/mapping.json"],
        /^error: \/dev\/zero: is a device, expected a regular file$/m,
      ],
      [
        ["--limesurvey", export_, "--mapping", fifo],
        /^error: \S*survey\.fifo: is a named pipe \(FIFO\), expected a regular file$/m,
      ],
      [
        ["--data", big, "--max-input-size", "2"],
        /^error: \S*big\.csv: 3 MB, more than the limit of 2 MB \(raise it with --max-input-size MB\)$/m,
      ],
    ];
    for (const [args, expected] of runs) {
      const started = Date.now();
      assertRefused(await refuse(args), expected, args.join(" "));
      assert.ok(Date.now() - started < 30_000, `${args.join(" ")}: refused at once`);
    }
  });

  it("refuses numbers out of range with exit 2: --timeout above 24 h, --jobs 0, --max-cell-output 0, an empty --out", async () => {
    const cases: [string[], RegExp][] = [
      [["--timeout", "99999999999"], /^error: --timeout needs a whole number from 1 to 86400, got "99999999999"$/m],
      [["--timeout", "86401"], /^error: --timeout needs a whole number from 1 to 86400/m],
      [["--jobs", "0"], /^error: --jobs needs a whole number from 1 to 256, got "0"$/m],
      [["--max-cell-output", "0"], /^error: --max-cell-output needs a whole number from 1 to 1024/m],
      [["--max-input-size", "-3"], /^error: --max-input-size needs a whole number from 1 to 100000, got "-3"$/m],
    ];
    for (const [args, expected] of cases) {
      const r = await refuse(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, expected);
      assert.ok(r.unchanged, args.join(" "));
    }
    const empty = await runReport(["--out", "", "--no-static"]);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /^error: --out needs a folder name, got an empty text \(an unset shell variable\?\)$/m);
  });

  it("refuses a survey with more respondents than organisations were invited, naming both numbers, before anything runs", async () => {
    const dir = tempFolder("interspin-bad-invited-");
    const cb = loadCodebook();
    writeFileSync(join(dir, "many.csv"), surveyCsv(cb, validRows(cb, 2000)));
    assertRefused(
      await refuse(["--data", join(dir, "many.csv")]),
      /^error: \S*many\.csv: 2000 respondents, but data\/study\.json \("invited"\) says 1323 organisations were invited: a response rate above 100 % is impossible; check the file or "invited"$/m,
      "2000 rows",
    );
  });

  it("runs valid data that leave a base empty (no funded organisation) to the end: every share of that base is 'not computable', none is NaN", async () => {
    const dir = tempFolder("interspin-empty-base-");
    const cb = loadCodebook();
    writeFileSync(
      join(dir, "unfunded.csv"),
      surveyCsv(
        cb,
        validRows(cb, 60).map((r) => ({ ...r, funded: 2 })),
      ),
    );
    const out = join(dir, "output");
    const r = await runReport(["--data", join(dir, "unfunded.csv"), "--out", out, "--no-static", "--chapters", "01"], {
      timeoutMs: 240_000,
    });
    assert.equal(r.code, 0, r.stderr.slice(-2000));
    const verification = JSON.parse(readFileSync(join(out, "verification.json"), "utf8")) as {
      entries: Array<{ id: string; status: string; note: string }>;
    };
    const funded = verification.entries.filter((v) => /funded=\[1\]/.test(v.note));
    assert.ok(
      funded.length > 0 && funded.every((v) => v.status === "not computable"),
      JSON.stringify(funded.slice(0, 3)),
    );
    assert.doesNotMatch(readFileSync(join(out, "verification.md"), "utf8"), /\bNaN\b/);
  });

  it("refuses a broken codebook or study file with one line naming the file and the key, before anything runs", async () => {
    const root = projectCopy();
    const cbFile = join(root, "data", "codebook.json");
    const studyFile = join(root, "data", "study.json");
    const original = { codebook: readFileSync(cbFile, "utf8"), study: readFileSync(studyFile, "utf8") };
    const cases: [string, () => void, RegExp][] = [
      [
        "no scales",
        () => writeFileSync(cbFile, JSON.stringify({ ...JSON.parse(original.codebook), scales: undefined })),
        /^error: data\/codebook\.json: key "scales" is missing \(expected an object of value scales\)( \(and \d+ more problems?\))?$/m,
      ],
      [
        "no missing codes",
        () => writeFileSync(cbFile, JSON.stringify({ ...JSON.parse(original.codebook), missing: undefined })),
        /^error: data\/codebook\.json: key "missing" is missing \(expected an array of missing codes\)$/m,
      ],
      [
        "study: invited not a number",
        () => writeFileSync(studyFile, JSON.stringify({ ...JSON.parse(original.study), invited: "many" })),
        /^error: data\/study\.json: key "invited" must be a whole number ≥ 1, got "many"$/m,
      ],
    ];
    for (const [what, breakIt, expected] of cases) {
      writeFileSync(cbFile, original.codebook);
      writeFileSync(studyFile, original.study);
      breakIt();
      const out = join(tempFolder("interspin-bad-cb-"), "output");
      const before = writePreviousOutput(out);
      const r = await new Promise<CliRun>((resolve) =>
        execFile(
          process.execPath,
          [join(root, "dist", "src", "cli", "report.js"), "--out", out, "--no-static"],
          { cwd: root },
          (e, stdout, stderr) =>
            resolve({ code: e ? ((e as { code?: number }).code ?? null) : 0, signal: null, stdout, stderr }),
        ),
      );
      assertRefused({ ...r, unchanged: treeDigest(out, { hidden: true }) === before }, expected, what);
      assert.doesNotMatch(r.stderr, /\[\d\d-/, `${what}: no notebook ran`);
    }
  });

  it("names an --out that is a file", async () => {
    const dir = tempFolder("interspin-bad-out-");
    writeFileSync(join(dir, "afile"), "");
    const r = await runReport(["--out", join(dir, "afile"), "--no-static"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: --out .*afile is a file, expected a folder$/m);
  });
});
