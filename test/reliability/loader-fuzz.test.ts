import { strict as assert } from "node:assert";
import fc from "fast-check";
import { loadCodebook } from "../../src/data/codebook.js";
import { CsvFormatError, SurveyValidationError } from "../../src/data/errors.js";
import { readSurveyTable } from "../../src/data/load.js";
import { surveyCsv, validRows, type SurveyRow } from "../helpers/survey-fixture.js";

const cb = loadCodebook();
const names = cb.variables.map((v) => v.name);
const templates = validRows(cb, 40);
const FILE = "fuzz.csv";
/** Fixed seed and bounded runs: the same cases on every machine, a few seconds in all. */
const settings = (numRuns: number) => ({ seed: 20210222, numRuns });

/** Loads bytes; returns the table or the error, failing on any error that is not a data error. */
function load(bytes: Uint8Array | string): { rows: number } | CsvFormatError | SurveyValidationError {
  try {
    return { rows: readSurveyTable(bytes, { file: FILE, cache: false }).numRows() };
  } catch (e) {
    if (e instanceof CsvFormatError || e instanceof SurveyValidationError) return e;
    throw new Error(`not a data error: ${(e as Error).stack ?? String(e)}`);
  }
}

/** The error names the file and only lines the input has. */
function assertActionable(e: CsvFormatError | SurveyValidationError, text: Uint8Array | string): void {
  const lines = Buffer.from(text)
    .toString("latin1")
    .split(/\r\n|\r|\n/).length;
  assert.ok(e.message.startsWith(`${FILE}:`) || e.message.startsWith(`${FILE} `), e.message);
  assert.doesNotMatch(e.message, /undefined|NaN|\[object /, e.message);
  if (e instanceof CsvFormatError) assert.ok(e.line >= 0 && e.line <= lines, `line ${e.line} of ${lines}`);
  else
    for (const p of e.problems)
      assert.ok(p.line >= 1 && p.line <= lines && p.message.length > 0, `${p.line} of ${lines}: ${p.message}`);
}

/** Cell texts that no variable accepts (ids excepted). */
const invalidCell = fc.constantFrom(
  "",
  "x",
  "=1",
  '=HYPERLINK("http://example.org","x")',
  "@SUM(A1)",
  "+1",
  " 1",
  "1.0",
  "-7",
  "zwei",
  "１",
);

const valid = csv(templates.slice(0, 5));
/** Text pieces that damage CSV: delimiters, quotes, line ends, NUL, BOM, bytes of other encodings. */
const piece = fc.constantFrom(
  ",",
  ";",
  "\t",
  '"',
  '""',
  "\n",
  "\r\n",
  "\r",
  "\0",
  "\uFEFF",
  "=",
  "-",
  "9",
  "ü",
  "\u2028",
  "R001",
);
const edit = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.array(piece, { minLength: 1, maxLength: 4 }).map((a) => a.join("")),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("byte" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, edits: Edit[]): Uint8Array {
  let bytes = Buffer.from(text, "utf8");
  for (const e of edits) {
    const at = e.at % (bytes.length + 1);
    if (e.kind === "insert")
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(e.text, "utf8"), bytes.subarray(at)]);
    else if (e.kind === "delete") bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + e.length)]);
    else if (e.kind === "truncate") bytes = bytes.subarray(0, at);
    else if (at < bytes.length) bytes[at] = e.byte;
  }
  return bytes;
}

function csv(rows: SurveyRow[], order = names, eol = "\n", quote = false): string {
  const cell = (v: string | number): string => (quote ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [order.map(cell).join(","), ...rows.map((r) => order.map((n) => cell(r[n]!)).join(","))].join(eol) + eol;
}

describe("CSV loader and validator under generated input (fast-check, fixed seed)", function () {
  this.timeout(60_000);

  it("any bytes: a table or a data error naming the file and a real line, never a crash", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const r = load(bytes);
        if (r instanceof Error) assertActionable(r, bytes);
      }),
      settings(300),
    );
  });

  it("a valid survey damaged by random edits: a table or a data error naming the file and a real line", () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        const bytes = apply(valid, edits);
        const r = load(bytes);
        if (r instanceof Error) assertActionable(r, bytes);
        else assert.ok(r.rows >= 1 && r.rows <= 6);
      }),
      settings(400),
    );
  });

  it("valid rows in any column order, with LF or CRLF, quoted or not, with or without a BOM: loaded unchanged", () => {
    const arb = fc.record({
      picks: fc.uniqueArray(fc.integer({ min: 0, max: templates.length - 1 }), { minLength: 1, maxLength: 15 }),
      order: fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }),
      eol: fc.constantFrom("\n", "\r\n"),
      quote: fc.boolean(),
      bom: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ picks, order, eol, quote, bom }) => {
        const rows = picks.map((i) => templates[i]!);
        const t = readSurveyTable((bom ? "\uFEFF" : "") + csv(rows, order, eol, quote), { file: FILE, cache: false });
        assert.deepEqual(t.columnNames(), names);
        assert.deepEqual(t.objects(), rows);
      }),
      settings(150),
    );
  });

  it("one damaged cell anywhere: exactly one problem, at that row, line and column", () => {
    const arb = fc.record({
      row: fc.integer({ min: 0, max: 4 }),
      column: fc.integer({ min: 1, max: names.length - 1 }),
      cell: invalidCell,
      eol: fc.constantFrom("\n", "\r\n"),
    });
    fc.assert(
      fc.property(arb, ({ row, column, cell, eol }) => {
        const rows = structuredClone(templates.slice(0, 5));
        rows[row]![names[column]!] = cell;
        const text = csv(rows, names, eol, true);
        const r = load(text);
        assert.ok(r instanceof SurveyValidationError, `accepted ${JSON.stringify(cell)} for ${names[column]}`);
        assert.deepEqual(
          r.problems.map((p) => [p.row, p.line, p.column]),
          [[row + 1, row + 2, names[column]]],
        );
        assertActionable(r, text);
      }),
      settings(200),
    );
  });

  it("a repeated id anywhere: exactly one duplicate-id problem naming both rows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), (a, b) => {
        fc.pre(a !== b);
        const rows = structuredClone(templates.slice(0, 5));
        rows[b]!.id = rows[a]!.id!;
        const r = load(surveyCsv(cb, rows));
        assert.ok(r instanceof SurveyValidationError);
        assert.deepEqual(
          r.problems.map((p) => [p.kind, p.row]),
          [["duplicate-id", Math.max(a, b) + 1]],
        );
        assert.match(r.problems[0]!.message, new RegExp(`first in row ${Math.min(a, b) + 1}\\)`));
      }),
      settings(50),
    );
  });
});
