import { strict as assert } from "node:assert";
import { csvCell, formatCsv } from "../../src/util/csv-write.js";

/** The cells of one CSV line as a spreadsheet splits it by `separator`, honouring quotes. */
function split(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  return [...cells, cell];
}

describe("csvCell", () => {
  it("quotes a cell with a comma, semicolon, tab, quote or line break", () => {
    assert.equal(csvCell("a;b"), '"a;b"');
    assert.equal(csvCell("a\tb"), '"a\tb"');
    assert.equal(csvCell("a,b"), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell("plain text"), "plain text");
    assert.equal(csvCell(-3.5), "-3.5");
    assert.equal(csvCell("-3.5"), "-3.5", "a negative number stays a number");
  });

  it("leaves no cell starting like a formula, whatever separator a spreadsheet splits by", () => {
    const hostile = [
      "x;=1+1",
      "x\t=cmd|'/c calc'!A1",
      "x,@SUM(A1)",
      '=HYPERLINK("x")',
      "+1",
      "\t=1",
      "a;b,c\t-2+3",
      "x|=1+1",
      "x -2+3",
      "x:@SUM(A1)",
      "x/\uFF1D1+1",
      "x#+A1",
      "x.-1+1",
      "x'=1",
      "\uFF1D1+1",
    ];
    const text = formatCsv(
      ["v"],
      hostile.map((v) => ({ v })),
    );
    // every separator the import dialogs of Excel and LibreOffice offer, and a few an "Other" field may hold
    for (const separator of [",", ";", "\t", " ", "|", ":", "/", "#", ".", "'"])
      for (const line of text.trimEnd().split("\n").slice(1))
        for (const cell of split(line, separator))
          assert.doesNotMatch(
            cell,
            /^[=+@\t\r\uFF1D\uFF0B\uFF0D\uFF20]|^-(?!\d+(\.\d+)?$)/,
            `${JSON.stringify(line)} split by ${JSON.stringify(separator)}`,
          );
  });

  it("quotes only what needs it: labels, ranges, hyphenated words stay bare", () => {
    assert.equal(csvCell("Trifft voll zu"), "Trifft voll zu");
    assert.equal(csvCell("2019-2021"), "2019-2021");
    assert.equal(csvCell("Kleinst-/Kleinunternehmen"), "Kleinst-/Kleinunternehmen");
    // a defused formula is quoted too, so that not even an apostrophe as separator frees it
    assert.equal(csvCell("=1"), `"'=1"`);
    assert.equal(csvCell("-2+3"), `"'-2+3"`);
    assert.equal(csvCell("a|=1"), '"a|=1"');
    assert.equal(csvCell("a - b"), '"a - b"');
  });
});
