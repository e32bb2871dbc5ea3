import { strict as assert } from "node:assert";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadCodebook, variable } from "../../src/data/codebook.js";
import { cellRule, checkCell, looksLikeFormula, parseCode } from "../../src/data/cell-rules.js";
import { CsvFormatError, SurveyValidationError, type SurveyProblem } from "../../src/data/errors.js";
import { checkSurveyFile, loadSurvey, surveyFromRows } from "../../src/data/load.js";
import { paths } from "../../src/paths.js";
import { validRows } from "../helpers/survey-fixture.js";

const cb = loadCodebook();
const badDir = join(paths.root, "test", "fixtures", "bad");
const bad = (f: string) => join(badDir, f);
/** The problems as `line|row|column|value|kind` strings, easy to compare. */
const brief = (ps: SurveyProblem[]) => ps.map((p) => `${p.line}|${p.row}|${p.column}|${p.value}|${p.kind}`);

function validationError(file: string): SurveyValidationError {
  try {
    loadSurvey(bad(file), { cache: false });
  } catch (e) {
    if (e instanceof SurveyValidationError) return e;
    throw e;
  }
  throw new Error(`${file} loaded without error`);
}

function formatError(file: string): CsvFormatError {
  try {
    loadSurvey(bad(file), { cache: false });
  } catch (e) {
    if (e instanceof CsvFormatError) return e;
    throw e;
  }
  throw new Error(`${file} loaded without error`);
}

describe("survey files that cannot be read as CSV", () => {
  const cases: Array<[string, CsvFormatError["reason"], number, RegExp]> = [
    ["empty.csv", "empty", 0, /^test\/fixtures\/bad\/empty\.csv: empty file \(0 bytes\)/],
    ["blank-lines.csv", "empty", 0, /empty file \(no text, only blank lines\)/],
    ["semicolon.csv", "delimiter", 1, /semicolon\.csv:1: delimiter looks like ';', expected ','/],
    ["tab.csv", "delimiter", 1, /tab\.csv:1: delimiter looks like a tab, expected ','/],
    [
      "latin1.csv",
      "encoding",
      3,
      /latin1\.csv:3: not valid UTF-8: byte 0xFC .* looks like Latin-1 \(ISO-8859-1\) or Windows-1252, where this reads "Müller,/,
    ],
    [
      "utf16le-bom.csv",
      "encoding",
      0,
      /file is encoded as UTF-16 LE \(it starts with a UTF-16 LE byte-order mark\), expected UTF-8/,
    ],
    ["utf16be-bom.csv", "encoding", 0, /file is encoded as UTF-16 BE/],
    ["utf16le-no-bom.csv", "encoding", 0, /looks like UTF-16 LE without a byte-order mark/],
    ["xlsx-renamed.csv", "encoding", 0, /file is a ZIP archive \(an \.xlsx workbook\?\), not CSV text/],
    ["unclosed-quote.csv", "quote", 3, /unclosed-quote\.csv:3: a quoted cell opened on this line is never closed/],
    ["quote-in-cell.csv", "quote", 3, /quote-in-cell\.csv:3: a '"' inside unquoted cell 1/],
  ];
  for (const [file, reason, line, message] of cases) {
    it(`refuses ${file} (${reason}, line ${line})`, () => {
      const e = formatError(file);
      assert.equal(e.reason, reason);
      assert.equal(e.line, line);
      assert.match(e.message, message);
    });
  }
});

describe("survey files that do not match the codebook", () => {
  const cases: Array<[string, string[], RegExp]> = [
    ["header-only.csv", ["1|0|||no-respondents"], /header-only\.csv:1 \(header\): no respondents/],
    ["ragged.csv", ["3|2||51|ragged-row"], /ragged\.csv:3 \(row 2\): row has 51 cells, the header has 52/],
    [
      "unknown-code.csv",
      ["3|2|funded|7|unknown-code"],
      /unknown-code\.csv:3 \(row 2\), column "funded": unknown code 7 for funded; expected one of 1, 2 \(yesNo\) or a missing code \(-9\)/,
    ],
    [
      "likert-out-of-range.csv",
      ["2|1|regularExchange|6|out-of-range", "4|3|shareInside|0|out-of-range"],
      /column "regularExchange": 6 is outside the likert5 scale 1–5/,
    ],
    [
      "non-integer.csv",
      ["2|1|regularExchange|2.0|not-integer", "3|2|shareInside|zwei|not-integer", "4|3|managementHub| 3|not-integer"],
      /"2\.0" is not an integer code \(write whole numbers without decimals\)[\s\S]*" 3" is not an integer code \(remove the spaces\)/,
    ],
    [
      "empty-cell.csv",
      ["3|2|actorGroup||empty-cell"],
      /column "actorGroup": empty cell; expected one of 1, 2, 3, 4, 5 \(actorGroup\)/,
    ],
    [
      "missing-code-not-allowed.csv",
      ["4|3|actorGroup|-8|unknown-code"],
      /missing code -8 \("nicht gefragt \(Filter\)"\) is not allowed for actorGroup/,
    ],
    [
      "duplicate-id.csv",
      ["4|3|id|R002|duplicate-id"],
      /duplicate-id\.csv:4 \(row 3\), column "id": duplicate respondent id "R002" \(first in row 2\)/,
    ],
    ["empty-id.csv", ["3|2|id||empty-id"], /empty-id\.csv:3 \(row 2\), column "id": empty respondent id/],
    [
      "formula.csv",
      ["2|1|id|@SUM(A1)|formula", "3|2|shareOutside|+A1|formula", "4|3|channel_events|-cmd|formula"],
      /"@SUM\(A1\)" looks like a spreadsheet formula, not a respondent id/,
    ],
    [
      "missing-column.csv",
      ["1|0|funded||missing-column"],
      /missing-column\.csv:1 \(header\), column "funded": missing column "funded"/,
    ],
    [
      "unknown-column.csv",
      ["1|0|fundd|fundd|unknown-column", "1|0|funded||missing-column"],
      /unknown column "fundd" \(not a codebook variable\); did you mean "funded"\?/,
    ],
    [
      "duplicate-column.csv",
      ["1|0|funded|funded|duplicate-column"],
      /column "funded" appears more than once \(columns 4 and 53\)/,
    ],
  ];
  for (const [file, problems, message] of cases) {
    it(`reports ${file} as ${problems.length} problem(s) with line, row, column and value`, () => {
      const e = validationError(file);
      assert.deepEqual(brief(e.problems), problems);
      assert.equal(e.total, problems.length);
      assert.match(e.message, message);
    });
  }

  it("has a test for every file in the corpus", () => {
    const tested = [
      "empty",
      "blank-lines",
      "semicolon",
      "tab",
      "latin1",
      "utf16le-bom",
      "utf16be-bom",
      "utf16le-no-bom",
      "xlsx-renamed",
      "unclosed-quote",
      "quote-in-cell",
      "three-problems",
    ];
    const covered = new Set([...tested.map((f) => `${f}.csv`), ...cases.map((c) => c[0])]);
    assert.deepEqual(
      readdirSync(badDir).filter((f) => f.endsWith(".csv") && !covered.has(f)),
      [],
    );
  });

  it("collects three different problems in one pass", () => {
    const e = validationError("three-problems.csv");
    assert.deepEqual(brief(e.problems), [
      "2|1|funded|7|unknown-code",
      "3|2|id|R001|duplicate-id",
      '4|3|techProximity|=HYPERLINK("http://example.org","Klick")|formula',
    ]);
    assert.match(e.message, /: 3 problems\n/);
    assert.deepEqual(e.problems[0]!.expected, "one of 1, 2 (yesNo) or a missing code (-9)");
  });

  it("lists the first 20 problems and counts the rest", () => {
    const rows = validRows(cb, 30).map((r) => ({ ...r, funded: 9, actorGroup: "x" }));
    assert.throws(
      () => surveyFromRows(rows, { maxProblems: 25 }),
      (e: SurveyValidationError) => {
        assert.equal(e.total, 60);
        assert.equal(e.problems.length, 25);
        assert.equal(e.message.split("\n").length, 1 + 20 + 1);
        assert.match(e.message, /<rows>: survey data do not match the codebook: 60 problems\n/);
        assert.match(e.message, /… and 40 more \(60 problems in total\)$/);
        return true;
      },
    );
  });

  it("returns the problems of a file without throwing from checkSurveyFile", () => {
    assert.deepEqual(brief(checkSurveyFile(bad("duplicate-id.csv"))), ["4|3|id|R002|duplicate-id"]);
  });
});

describe("cell rules", () => {
  it("treats =, @ and a sign before a non-digit as a formula, not a negative code", () => {
    assert.deepEqual(["=1+1", "@A1", "+x", "-cmd", "-9", "+1", "-", "=", "R001"].map(looksLikeFormula), [
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("parses only plain integers", () => {
    assert.deepEqual(["-9", "0", "12", "3.0", " 3", "", "-", "1e3", "١"].map(parseCode), [
      -9,
      0,
      12,
      NaN,
      NaN,
      NaN,
      NaN,
      NaN,
      NaN,
    ]);
  });

  it("accepts a variable's scale and missing codes and nothing else", () => {
    const rule = cellRule(cb, variable(cb, "priorNational"));
    assert.equal(rule.expected, "1–5 (likert5) or a missing code (-9, -8)");
    assert.deepEqual(
      ["1", "5", "-9", "-8"].map((c) => checkCell(cb, rule, c)),
      [1, 5, -9, -8],
    );
    assert.deepEqual(checkCell(cb, rule, "7"), {
      kind: "out-of-range",
      message: "7 is outside the likert5 scale 1–5; expected 1–5 (likert5) or a missing code (-9, -8)",
    });
    assert.deepEqual(checkCell(cb, rule, "-7"), {
      kind: "out-of-range",
      message: "-7 is outside the likert5 scale 1–5; expected 1–5 (likert5) or a missing code (-9, -8)",
    });
  });

  it("accepts any whole number ≥ 0 for a count variable", () => {
    const rule = cellRule(cb, {
      name: "employees",
      type: "count",
      question: { de: "", en: "" },
      figures: [],
      missing: [-9],
    });
    assert.deepEqual(
      ["0", "1200", "-9"].map((c) => checkCell(cb, rule, c)),
      [0, 1200, -9],
    );
    assert.equal((checkCell(cb, rule, "-1") as { kind: string }).kind, "unknown-code");
  });
});

describe("optional columns (codebook optionalColumn)", () => {
  it("reads a survey without the national proximity items: not asked (-8) outside the funded filter, no answer (-9) inside it", () => {
    const cb = loadCodebook();
    const optional = cb.variables.filter((v) => v.optionalColumn).map((v) => v.name);
    assert.deepEqual(optional, ["techProximityNational", "culturalProximityNational"]);
    const rows = validRows(cb, 6).map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !optional.includes(k))),
    );
    const t = surveyFromRows(rows);
    const funded = t.array("funded") as number[];
    for (const name of optional) {
      assert.deepEqual(
        t.array(name),
        funded.map((f) => (f === 1 ? -9 : -8)),
        name,
      );
    }
    assert.ok(funded.includes(1) && funded.some((f) => f !== 1));
  });
});
