/**
 * One word per verdict in every output: the verdict over every consistent dataset and the
 * verdict on the data at hand are worded only as the codebook's `ui` says, in chapter 5, the
 * figure pages, verification.md/html and the book of both languages; no other spelling of a
 * verdict (an old label, a synonym typed in code) appears anywhere.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCodebook, type Lang } from "../../src/data/codebook.js";
import { loadIdentified } from "../../src/stats/identified/identified-file.js";
import { sharedReport } from "../helpers/shared-report.js";

/** Spellings of verdicts that the codebook does not use (earlier labels and synonyms). */
const FOREIGN = [
  "widerlegt",
  "bei diesem N nicht",
  "holds in every consistent dataset",
  "fails in every consistent dataset",
  "gilt in jedem mit dem Bericht vereinbaren Datensatz",
  "in keinem mit dem Bericht vereinbaren Datensatz gestützt",
];

describe("verdict words in every output", function () {
  this.timeout(900_000);
  let out: string;
  before(async () => {
    out = await sharedReport();
  });
  const cb = loadCodebook();
  const codes = [...new Set(Object.values(loadIdentified().claims).map((c) => c.verdict))].sort();
  const word = (code: string, lang: Lang): string => cb.ui[`robust_${code}`]![lang];
  const read = (...parts: string[]): string => readFileSync(join(out, ...parts), "utf8");
  const pages = (lang: Lang): string[] =>
    readdirSync(join(out, "site", lang)).filter((f) => f.endsWith(".html") && f !== "assumptions.html");

  it("has a word in each language for each verdict, distinct from the others", () => {
    assert.deepEqual(codes, ["depends", "fails", "robust"]);
    for (const lang of ["de", "en"] as const)
      assert.equal(new Set(codes.map((c) => word(c, lang))).size, codes.length, lang);
  });

  it("writes the codebook's word for every verdict in chapter 5, verification.md and verification.html (German)", () => {
    const chapter = read("notebooks", "05-schlussfolgerung.ipynb");
    for (const text of [
      chapter,
      read("verification.md"),
      read("verification.html"),
      read("site", "de", "verification.html"),
    ])
      for (const code of codes) assert.ok(text.includes(word(code, "de")), `${word(code, "de")} (${code})`);
  });

  it("writes the English word for every verdict in the English book", () => {
    const text = read("site", "en", "verification.html") + read("site", "en", "05-schlussfolgerung.html");
    for (const code of codes) assert.ok(text.includes(word(code, "en")), `${word(code, "en")} (${code})`);
  });

  it("uses no other spelling of a verdict in any output", () => {
    const files = [
      "verification.md",
      "verification.html",
      "verification.json",
      join("notebooks", "05-schlussfolgerung.ipynb"),
      ...pages("de").map((f) => join("site", "de", f)),
      ...pages("en").map((f) => join("site", "en", f)),
    ];
    const found = files.flatMap((f) => FOREIGN.filter((w) => read(f).includes(w)).map((w) => `${f}: "${w}"`));
    assert.deepEqual(found, []);
  });

  it("says the verdict on these data as the codebook does, in the verification report and the figure pages", () => {
    const distinguishable = cb.ui["verdict_not distinguishable at this N"]!.de;
    const text =
      read("verification.md") +
      pages("de")
        .map((f) => read("site", "de", f))
        .join("");
    assert.ok(text.includes(distinguishable), distinguishable);
  });
});
