import { strict as assert } from "node:assert";
import { loadPublished } from "../../src/data/published.js";
import { verifyPublished } from "../../src/report/verify.js";
import { verificationMarkdown, verificationHtml } from "../../src/report/verification-report.js";
import { surveyRows, surveyTable, count } from "../helpers/rows.js";

const table = surveyTable();
const published = loadPublished();
const rows = verifyPublished(table);

describe("verification of the published numbers", () => {
  it("covers every entry of data/published, in order", () => {
    assert.deepEqual(rows.map((r) => r.id), published.map((e) => e.id));
  });

  it("leaves no mismatch and no failing claim on the shipped reconstruction", () => {
    assert.deepEqual(rows.filter((r) => r.status === "mismatch" || r.status === "claim fails").map((r) => r.id), []);
  });

  it("lists exactly the numbers no count can produce as impossible as printed", () => {
    assert.deepEqual(rows.filter((r) => r.status === "impossible as printed").map((r) => r.id).sort(),
      ["abb6-research-receive-tech", "abb7-large-share-tech", "abb8-newsletter", "anh2-large-inside-top2"]);
    const newsletter = rows.find((r) => r.id === "abb8-newsletter")!;
    assert.equal(newsletter.n, 139);
    assert.match(newsletter.note, /42\.4 \(59\/139\)/);
  });

  it("recomputes k and n from the rows", () => {
    const data = surveyRows();
    const inside = rows.find((r) => r.id === "abb5-inside-top2")!;
    assert.equal(inside.n, count(data, (r) => (r.shareInside as number) > 0));
    assert.equal(inside.k, count(data, (r) => r.shareInside === 1 || r.shareInside === 2));
    assert.equal(inside.status, "reproduced");
  });

  it("reports a mismatch when the data say otherwise, unless it is recorded as expected", () => {
    const flipped = table.derive({ priorNational: "d => d.priorNational === 1 ? 5 : d.priorNational" });
    const got = verifyPublished(flipped).find((r) => r.id === "abb1-national-top2")!;
    assert.equal(got.status, "mismatch");
    const expected = verifyPublished(flipped, published, undefined, [{ id: "abb1-national-top2", reason: "test" }]).find((r) => r.id === "abb1-national-top2")!;
    assert.equal(expected.status, "expected mismatch");
    assert.equal(expected.note, "test");
  });

  it("writes Markdown and escaped HTML with one row per entry", () => {
    const md = verificationMarkdown(rows);
    assert.equal(md.split("\n").filter((l) => l.startsWith("| ")).length, rows.length + 1);
    assert.match(verificationMarkdown(rows, "de"), /^# Prüfung der veröffentlichten Zahlen/);
    const evil = [{ ...rows[0]!, quote: "<script>alert(1)</script>" }];
    assert.ok(!verificationHtml(evil).includes("<script>alert"));
  });
});
