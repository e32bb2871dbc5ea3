import { strict as assert } from "node:assert";
import { loadPublished } from "../../src/data/published.js";
import { verifyPublished } from "../../src/verify/verify.js";
import { verificationMarkdown, verificationHtml } from "../../src/verify/verification-report.js";
import { surveyRows, surveyTable, count } from "../helpers/rows.js";

const table = surveyTable();
const published = loadPublished();
const rows = verifyPublished(table);

describe("verification of the published numbers", () => {
  it("covers every entry of data/published, in order", () => {
    assert.deepEqual(
      rows.map((r) => r.id),
      published.map((e) => e.id),
    );
  });

  it("leaves no mismatch and no failing claim on the shipped reconstruction", () => {
    assert.deepEqual(
      rows.filter((r) => r.status === "mismatch" || r.status === "claim fails").map((r) => r.id),
      [],
    );
  });

  it("calls only 49,2 % impossible under every reading, with the smallest base that gives it", () => {
    assert.deepEqual(
      rows.filter((r) => r.status === "impossible under every reading").map((r) => r.id),
      ["anh2-large-inside-top2"],
    );
    const large = rows.find((r) => r.id === "anh2-large-inside-top2")!;
    assert.match(large.note, /1…37/);
    assert.match(large.note, /n=59 \(29\/59\)/);
  });

  it("finds the grid values and 42,7 % attainable only under a named assumption", () => {
    const assumed = rows.filter((r) => r.status === "attainable only under an assumption");
    assert.deepEqual(assumed.map((r) => r.id).sort(), [
      "abb6-research-receive-tech",
      "abb7-large-share-tech",
      "abb8-newsletter",
    ]);
    const newsletter = assumed.find((r) => r.id === "abb8-newsletter")!;
    assert.equal(newsletter.n, 139);
    assert.match(newsletter.note, /42\.4 \(59\/139\)/);
    assert.deepEqual(newsletter.readings, ["other-n:abb8-newsletter"]);
    assert.deepEqual(assumed.find((r) => r.id === "abb6-research-receive-tech")!.readings, ["grid-per-cell-bases"]);
  });

  it("flags the shares reproduced only on a base other than the one the words name", () => {
    const reinterpreted = rows.filter((r) => r.status === "reproduced on a reinterpreted base");
    assert.deepEqual(reinterpreted.map((r) => r.id).sort(), [
      "sample-funded-share",
      "sample-kmu-share",
      "sample-large-share",
      "sample-micro-share",
    ]);
    const funded = reinterpreted.find((r) => r.id === "sample-funded-share")!;
    assert.equal(
      funded.k,
      count(surveyRows(), (r) => r.funded === 1),
    );
    assert.match(funded.note, /N=158/);
    assert.match(funded.note, /45\/158 = 28\.5 %/);
  });

  it("gives every verbal order its verdict on the printed numbers alone", () => {
    const orders = rows.filter((r) => r.kind === "order");
    assert.ok(orders.length > 20);
    assert.ok(orders.every((r) => r.identified && ["robust", "depends", "fails"].includes(r.identified.verdict)));
    assert.equal(
      rows.find((r) => r.id === "abb1-national-known-more-than-international")!.identified!.verdict,
      "robust",
    );
  });

  it("recomputes k and n from the rows", () => {
    const data = surveyRows();
    const inside = rows.find((r) => r.id === "abb5-inside-top2")!;
    assert.equal(
      inside.n,
      count(data, (r) => (r.shareInside as number) > 0),
    );
    assert.equal(
      inside.k,
      count(data, (r) => r.shareInside === 1 || r.shareInside === 2),
    );
    assert.equal(inside.status, "reproduced");
  });

  it("reports a mismatch when the data say otherwise, unless it is recorded as expected", () => {
    const flipped = table.derive({ priorNational: "d => d.priorNational === 1 ? 5 : d.priorNational" });
    const got = verifyPublished(flipped).find((r) => r.id === "abb1-national-top2")!;
    assert.equal(got.status, "mismatch");
    const expected = verifyPublished(flipped, published, undefined, [
      { id: "abb1-national-top2", reason: "test" },
    ]).find((r) => r.id === "abb1-national-top2")!;
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
