import { strict as assert } from "node:assert";
import { loadCodebook, type Label } from "../../src/data/codebook.js";
import { figures } from "../../src/figures/index.js";
import { sampleFigure } from "../../src/figures/sample-composition.js";
import { surveyTable } from "../helpers/rows.js";

const cb = loadCodebook();
const table = surveyTable();

/** Every label pair of the codebook (scales, groupings, variables, figures, texts). */
function labels(): Label[] {
  const out: Label[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.de === "string" && typeof o.en === "string") out.push(o as unknown as Label);
      else Object.values(o).forEach(walk);
    }
  };
  walk(cb);
  return out;
}

const words = (s: string): string[] => s.split(/[^\p{L}]+/u).filter((w) => w.length >= 5);

/** Words (5 letters or more) used by the labels of one language and by none of the other. */
function ownWords(lang: "de" | "en"): string[] {
  const other = new Set(labels().flatMap((l) => words(l[lang === "de" ? "en" : "de"]).map((w) => w.toLowerCase())));
  return [...new Set(labels().flatMap((l) => words(l[lang])))].filter((w) => !other.has(w.toLowerCase()));
}

/** Keys under which a Plotly figure holds text people read. */
const SHOWN = new Set(["text", "name", "x", "y", "customdata", "hovertemplate", "ticktext", "title"]);

/** All strings a figure shows: titles, trace names, category labels, annotations, hover texts. */
function strings(v: unknown, out: string[] = [], shown = false): string[] {
  if (typeof v === "string") {
    if (shown) out.push(v);
  } else if (Array.isArray(v)) v.forEach((x) => strings(x, out, shown));
  else if (v && typeof v === "object")
    Object.entries(v as object).forEach(([k, x]) => strings(x, out, shown || SHOWN.has(k)));
  return out;
}

const germanOnly = ownWords("de");
const englishOnly = ownWords("en");

describe("languages: no label of one language in a figure of the other", () => {
  it("finds language-specific words in the codebook to check against", () => {
    assert.ok(germanOnly.includes("Großunternehmen") && englishOnly.includes("enterprises"));
  });
  for (const f of [
    ...figures,
    { id: "sample", build: (t: typeof table, o: { lang: "de" | "en" }) => sampleFigure(t, o) },
  ]) {
    it(`${f.id}: English figure has no German word of the codebook, German figure no English one`, () => {
      const en = strings(f.build(table, { lang: "en" })).join(" \u0000 ");
      const de = strings(f.build(table, { lang: "de" })).join(" \u0000 ");
      const wordIn = (text: string, w: string) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, "u").test(text);
      assert.deepEqual(
        germanOnly.filter((w) => wordIn(en, w)),
        [],
        "German in the English figure",
      );
      assert.deepEqual(
        englishOnly.filter((w) => wordIn(de, w)),
        [],
        "English in the German figure",
      );
    });
  }
});
