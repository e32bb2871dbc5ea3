import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadClaims } from "../../src/data/claims-file.js";
import { paths } from "../../src/paths.js";
import { loadIdentified } from "../../src/stats/identified/identified-file.js";
import { identifiedMarkdown } from "../../src/verify/identified-markdown.js";

const set = loadIdentified();
const md = identifiedMarkdown(set, loadClaims());
const doc = readFileSync(join(paths.root, "data", "ASSUMPTIONS.md"), "utf8");
const row = (id: string) => md.claims.split("\n").find((l) => l.startsWith(`| \`${id}\` `)) ?? "";

describe("data/ASSUMPTIONS.md's tables of the identified set", () => {
  it("shows the claims and orders exactly as identified.json has them", () => {
    assert.ok(doc.includes(md.claims), `rewrite the claims table of ASSUMPTIONS.md:\n${md.claims}`);
    assert.ok(doc.includes(md.orders), `rewrite the orders table of ASSUMPTIONS.md:\n${md.orders}`);
  });

  it("has a row for every claim and every order, and counts the verdicts", () => {
    const rows = md.claims.split("\n").filter((l) => l.startsWith("| `"));
    assert.equal(rows.length, Object.keys(set.claims).length);
    assert.equal(md.orders.split("\n").filter((l) => l.startsWith("| `")).length, Object.keys(set.orders).length);
    const n = (v: string) => Object.values(set.claims).filter((c) => c.verdict === v).length;
    assert.ok(
      md.claims.includes(`${rows.length} claims: ${n("robust")} robust, ${n("depends")} depends, ${n("fails")} fails.`),
    );
    assert.doesNotMatch(md.claims, /< 1e-300/);
  });

  it("says of Anhang 2 that the groups differ and large is below medium, micro/small above medium not, and what they need", () => {
    const r = row("anh2-large-least-willing-inside");
    assert.match(r, /\| depends \| differ robust; large–microSmall depends; large–medium robust \|/);
    assert.match(r, /differ only with shared-base \(p ≥ 0\.42\), repair-49-2 \(p ≥ 0\.10\)/);
    assert.match(row("anh3-microsmall-most-willing-outside"), /differ only with kapitel2-limits \(p ≥ 0\.067\)/);
    assert.match(row("abb5-inside-more-than-outside"), /\| robust \| {2}\| {2}\| also without each \|$/);
  });

  it("names the reading that changes a verdict, and marks an attained end", () => {
    assert.match(row("abb4-large-vs-microsmall-cultural-distance"), /\| literal-70: fails \|/);
    assert.match(row("abb3-tech-distance-by-size"), /\| broad-medium-tech: differ fails \|/);
    assert.match(row("abb9-informal-by-size"), /\| ≤ 2\.2e-31 – 1\.0 /);
    assert.match(row("abb9-informal-microsmall-vs-larger"), /\| 1\.2e-38 – 1\.0 \|/);
  });
});
