import { strict as assert } from "node:assert";
import { csvRecords, detectDelimiter, openCsv } from "../../src/data/csv.js";
import { decodeCsv } from "../../src/data/csv-encoding.js";

describe("the CSV reader's separators, quoting and encodings", () => {
  it("detects comma, semicolon and tab from the header, not from separators inside quoted cells", () => {
    assert.equal(detectDelimiter('"id";"a, b, c"\r\n', [",", ";", "\t"]), ";");
    assert.equal(detectDelimiter('"id"\t"a; b"\t"c"\r\n', [",", ";", "\t"]), "\t");
    assert.equal(detectDelimiter('"id","a;b;c;d"\r\n', [",", ";", "\t"]), ",");
    assert.equal(detectDelimiter("id\r\n", [",", ";"]), ",");
  });

  it('records which cells were quoted, so an unquoted empty cell differs from ""', () => {
    const [r] = [...csvRecords('"a",,"",b\r\n', "t.csv", { trackQuotes: true })];
    assert.deepEqual(r!.fields, ["a", "", "", "b"]);
    assert.deepEqual(r!.quoted, [true, false, true, false]);
  });

  it("opens a semicolon file only when the caller allows it, and says whether the header was quoted", () => {
    const bytes = Buffer.from('\uFEFF"id";"x"\r\n"1";\r\n\r\n', "utf8");
    assert.throws(() => openCsv(bytes, "s.csv"), /delimiter looks like ';', expected ','/);
    const doc = openCsv(bytes, "s.csv", { delimiters: [",", ";"], trackQuotes: true });
    assert.deepEqual([doc.delimiter, doc.headerQuoted, doc.header], [";", true, ["id", "x"]]);
    assert.deepEqual(
      [...doc.records].map((r) => [r.fields, r.quoted]),
      [
        [
          ["1", ""],
          [true, false],
        ],
      ],
    );
  });

  it("decodes Windows-1252 when named (€ at 0x80, ß, umlauts) and adds the caller's hint to the refusal otherwise", () => {
    const bytes = Buffer.from([0x47, 0x72, 0xf6, 0xdf, 0x65, 0x20, 0x80, 0x0a]);
    assert.equal(decodeCsv(bytes, "x.csv", { encoding: "windows-1252" }), "Größe €\n");
    assert.throws(
      () => decodeCsv(bytes, "x.csv", { hint: "give --encoding windows-1252" }),
      /:1: not valid UTF-8: byte 0xF6 at byte 2; .*Windows-1252.*; give --encoding windows-1252$/,
    );
    assert.throws(
      () => decodeCsv(Buffer.from("Größe\n", "utf8"), "x.csv", { encoding: "latin1" }),
      /file is UTF-8 \(its bytes beyond ASCII are valid UTF-8\), not latin1/,
    );
  });
});
