import { strict as assert } from "node:assert";
import { loadCodebook } from "../../src/data/codebook.js";
import { loadSurvey } from "../../src/data/load.js";
import { NoteKeyError, noteText } from "../../src/verify/note-text.js";
import { verifyPublished } from "../../src/verify/verify.js";
import { notePart } from "../../src/util/note.js";

const cb = loadCodebook();
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe("verification notes in words", () => {
  it("fills a part's placeholders, nested parts included, and joins parts with '; '", () => {
    const parts = [
      notePart("note_nNotPrinted", { n: 20, range: "1…28" }),
      notePart("note_otherN", {
        statedN: 139,
        nearest: notePart("note_either", { a: "42.4 (59/139)", b: "43.2 (60/139)" }),
        bases: "75, 82",
      }),
    ];
    assert.equal(
      noteText(parts, "en"),
      "N not printed; n=20 is within 1…28; not attainable at the stated N=139 (nearest 42.4 (59/139) or 43.2 (60/139)); attainable only if the base is another N: 75, 82",
    );
    assert.equal(
      noteText(parts, "de"),
      "N nicht gedruckt; n=20 liegt in 1…28; beim angegebenen N=139 nicht erreichbar (nächste Werte 42,4 (59/139) oder 43,2 (60/139)); erreichbar nur, wenn die Basis ein anderes N ist: 75, 82",
    );
  });

  it("names the missing codebook text of an unknown key", () => {
    assert.throws(
      () => noteText([notePart("note_nothing")], "de"),
      (e: Error) => e instanceof NoteKeyError && /ui\.note_nothing \(de\)/.test(e.message),
    );
  });

  it("has every note text in both languages with the same placeholders, but for the English prose of numbers.json the German refers to", () => {
    // The English shows numbers.json's own words (a base, a reason); the German names the field instead.
    const prose: Record<string, string[]> = { note_wordsNameBase: ["base", "reason"], note_written: ["field", "text"] };
    const keys = Object.keys(cb.ui).filter((k) => k.startsWith("note_"));
    assert.ok(keys.length > 15);
    for (const k of keys) {
      const { de, en } = cb.ui[k]!;
      assert.ok(de.trim() && en.trim(), k);
      const [d, e] = [placeholders(de), placeholders(en)];
      const differ = [...d.filter((p) => !e.includes(p)), ...e.filter((p) => !d.includes(p))].sort();
      assert.deepEqual(differ, prose[k] ?? [], `${k}: placeholders ${d.join(",")} (de) vs ${e.join(",")} (en)`);
    }
  });

  it("renders every note of the shipped verification in both languages, differently wherever it has words", () => {
    const rows = verifyPublished(loadSurvey()).filter((v) => v.noteParts?.length);
    assert.ok(rows.length > 40);
    for (const v of rows) {
      const [de, en] = [noteText(v.noteParts!, "de", cb), noteText(v.noteParts!, "en", cb)];
      assert.equal(en, v.note);
      assert.ok(!/\{\w+\}/.test(de + en), `${v.id}: a placeholder left unfilled`);
      assert.notEqual(de, en, `${v.id}: the German note is the English one`);
    }
  });
});
