import { strict as assert } from "node:assert";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { loadCodebook } from "../../src/data/codebook.js";
import { csvRecords, parseCsv } from "../../src/data/csv.js";
import { type CsvFormatError, DataFileError, SurveyValidationError } from "../../src/data/errors.js";
import { clearSurveyCache, loadSurvey, readSurveyTable, surveyFromRows } from "../../src/data/load.js";
import { paths } from "../../src/paths.js";
import { fileHash, surveyCsv, tempDir, validRows, writeBigSurvey } from "../helpers/survey-fixture.js";

const cb = loadCodebook();
const names = cb.variables.map((v) => v.name);

describe("csv reader", () => {
  const fields = (text: string) => [...csvRecords(text, "t.csv")].map((r) => r.fields);
  const lines = (text: string) => [...csvRecords(text, "t.csv")].map((r) => r.line);

  it("reads quoted cells, doubled quotes, delimiters and line breaks inside quotes", () => {
    assert.deepEqual(fields('a,"b,c","say ""hi""","two\r\nlines"\n'), [["a", "b,c", 'say "hi"', "two\r\nlines"]]);
  });

  it("accepts CRLF, LF and lone CR line ends and counts lines across quoted line breaks", () => {
    assert.deepEqual(fields("a,b\r\n1,2\n3,4\r5,6"), [
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
    assert.deepEqual(lines('h\n"x\ny"\nz\n'), [1, 2, 4]);
  });

  it("keeps empty cells, including a trailing one, and skips blank lines", () => {
    assert.deepEqual(fields(',a,\n\n\r\n"",b\n'), [
      ["", "a", ""],
      ["", "b"],
    ]);
  });

  it("says on which line a quote was left open", () => {
    assert.throws(
      () => fields('id\nR001\n"R002\nR003\n'),
      (e: CsvFormatError) =>
        e.reason === "quote" &&
        e.line === 3 &&
        /t\.csv:3: a quoted cell opened on this line is never closed/.test(e.message),
    );
  });

  it("refuses text after a closing quote and a quote inside an unquoted cell", () => {
    assert.throws(() => fields('"ab"c,d\n'), /t\.csv:1: unexpected 'c' after the closing quote of cell 1/);
    assert.throws(() => fields('x\nab"c\n'), /t\.csv:2: a '"' inside unquoted cell 1/);
  });

  it("lists rows whose cell count differs from the header", () => {
    const t = parseCsv(Buffer.from("a,b,c\n1,2,3\n1,2\n1,2,3,4\n"));
    assert.deepEqual(t.ragged, [
      { row: 2, line: 3, cells: 2 },
      { row: 3, line: 4, cells: 4 },
    ]);
  });

  it("reads back any table of strings written as RFC 4180 CSV", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "ä", ",", '"', "\n", "\r", " ", "=", "-", "1") });
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => r.map(quote).join(",")).join("\r\n");
        assert.deepEqual(fields(text), rows);
      }),
      { seed: 20191231, numRuns: 300 },
    );
  });
});

describe("loadSurvey", () => {
  const rows = validRows(cb, 4);
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  before(() => {
    tmp = tempDir();
    file = join(tmp.dir, "survey.csv");
    writeFileSync(file, surveyCsv(cb, rows));
  });
  after(() => tmp.remove());

  it("returns one row per respondent, columns in codebook order, id as text and codes as numbers", () => {
    const t = loadSurvey(file, { codebook: cb });
    assert.equal(t.numRows(), 4);
    assert.deepEqual(t.columnNames(), names);
    assert.deepEqual(t.array("id"), ["R001", "R002", "R003", "R004"]);
    for (const n of names.slice(1))
      assert.deepEqual(
        t.array(n),
        rows.map((r) => r[n]),
        n,
      );
    assert.equal(typeof t.get("funded", 0), "number");
  });

  it("gives the same table from row objects, from CRLF text with a byte-order mark, and with columns reordered", () => {
    const expected = loadSurvey(file).objects();
    assert.deepEqual(surveyFromRows(rows).objects(), expected);
    assert.deepEqual(readSurveyTable(`\uFEFF${surveyCsv(cb, rows, "\r\n")}`).objects(), expected);
    const reversed = [...names].reverse();
    const text = [reversed.join(","), ...rows.map((r) => reversed.map((n) => r[n]).join(","))].join("\n");
    assert.deepEqual(readSurveyTable(text).objects(), expected);
  });

  it("parses identical content once per process and codebook", () => {
    clearSurveyCache();
    const a = loadSurvey(file);
    const copy = join(tmp.dir, "copy.csv");
    writeFileSync(copy, surveyCsv(cb, rows));
    assert.equal(loadSurvey(copy), a);
    assert.notEqual(loadSurvey(file, { cache: false }), a);
    assert.notEqual(loadSurvey(file, { codebook: structuredClone(cb) }), a);
  });

  it("leaves the input files unchanged, whether they load or fail", () => {
    const bad = join(paths.root, "test", "fixtures", "bad", "three-problems.csv");
    const before = [fileHash(file), fileHash(bad)];
    loadSurvey(file, { cache: false });
    assert.throws(() => loadSurvey(bad), SurveyValidationError);
    assert.deepEqual([fileHash(file), fileHash(bad)], before);
  });

  it("names a file that does not exist", () => {
    assert.throws(
      () => loadSurvey(join(paths.root, "data", "nope.csv")),
      (e: DataFileError) => e instanceof DataFileError && e.message === "data/nope.csv: file not found",
    );
  });

  it("loads the project's survey file when it is there", function () {
    if (!existsSync(paths.survey)) this.skip();
    const t = loadSurvey();
    assert.deepEqual(t.columnNames(), names);
    assert.ok(t.numRows() > 0);
  });
});

describe("loadSurvey on a 50 MB file", function () {
  this.timeout(60_000);
  let tmp: ReturnType<typeof tempDir>;
  before(() => (tmp = tempDir()));
  after(() => tmp.remove());

  /** Writes a survey of at least 50 MB whose cells come from `cell` (by row template and column). */
  function bigSurvey(
    name: string,
    cell: (r: Record<string, string | number>, n: string) => string | number,
  ): { file: string; rows: number } {
    const file = join(tmp.dir, name);
    return { file, ...writeBigSurvey(file, cb, { cell }) };
  }

  it("loads every respondent with bounded memory", () => {
    const { file, rows } = bigSurvey("big.csv", (r, n) => r[n]!);
    const heap = process.memoryUsage().heapUsed;
    const t = loadSurvey(file, { cache: false });
    assert.equal(t.numRows(), rows);
    assert.equal(t.get("id", rows - 1), `R${String(rows).padStart(7, "0")}`);
    assert.ok(process.memoryUsage().heapUsed - heap < 1.5e9, "heap grew by more than 1.5 GB");
  });

  it("fails cleanly when every cell is wrong, keeping only the first problems", () => {
    const { file, rows } = bigSurvey("big-bad.csv", () => "x");
    assert.throws(
      () => loadSurvey(file, { maxProblems: 100 }),
      (e: SurveyValidationError) =>
        e.problems.length === 100 &&
        e.total === rows * (names.length - 1) &&
        e.message.includes(`and ${e.total - 20} more`),
    );
  });
});
