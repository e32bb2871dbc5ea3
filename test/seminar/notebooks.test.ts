import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../src/paths.js";
import { seminarExercises } from "../../src/seminar/exercises.js";
import { letterOf } from "../../src/seminar/exercise.js";

interface Cell {
  cell_type: string;
  source: string[];
  metadata: { interspin?: { en?: string } };
}
const load = (f: string) => (JSON.parse(readFileSync(join(paths.notebooks, f), "utf8")) as { cells: Cell[] }).cells;
const text = (c: Cell) => c.source.join("");
const files = readdirSync(paths.notebooks);
const notebookOf = (s: string, solutions: boolean) =>
  files.find((f) => f.startsWith(`${s}-seminar-`) && f.includes("loesungen") === solutions)!;

/** The German and English Markdown of a notebook, cell by cell. */
const markdown = (cells: Cell[]) =>
  cells.filter((c) => c.cell_type === "markdown").map((c) => ({ de: text(c), en: c.metadata.interspin?.en ?? "" }));

describe("seminar notebooks as stored", () => {
  for (const s of ["S1", "S2", "S3"]) {
    const tasks = load(notebookOf(s, false));
    const solutions = load(notebookOf(s, true));

    it(`${s}: every question and its choices stand in the text, in both languages, right above an answer cell that imports check itself`, () => {
      for (const e of seminarExercises(s)) {
        const i = tasks.findIndex((c) => c.cell_type === "markdown" && text(c).includes(e.question.de));
        assert.ok(i >= 0, `${e.id}: the German question is in the notebook`);
        const cell = tasks[i]!;
        assert.ok(cell.metadata.interspin?.en?.includes(e.question.en), `${e.id}: the English question`);
        if (e.kind === "choice")
          e.options.forEach((o, j) => {
            assert.ok(text(cell).includes(`**${letterOf(j)})** ${o.de}`), `${e.id} ${letterOf(j)}) de`);
            assert.ok(
              cell.metadata.interspin!.en!.includes(`**${letterOf(j)})** ${o.en}`),
              `${e.id} ${letterOf(j)}) en`,
            );
          });
        const answer = `import { check } from "interspin-notebooks";\ncheck("${e.id}", \`\`);`;
        assert.equal(text(tasks[i + 1]!), `${answer} // Ihre Antwort zwischen die Backticks`);
        assert.equal(tasks[i + 1]!.metadata.interspin?.en, `${answer} // your answer between the backticks`);
      }
    });

    it(`${s}: the solutions have the same text as the exercises (but the title), and an answer in every answer cell`, () => {
      const [a, b] = [markdown(tasks), markdown(solutions)];
      assert.deepEqual(a.slice(1), b.slice(1));
      assert.match(b[0]!.de, /— Lösungen/);
      assert.match(b[0]!.de, /Lösungsfassung für Lehrende/);
      for (const e of seminarExercises(s)) {
        const cell = solutions.find((c) => c.cell_type === "code" && text(c).includes(`check("${e.id}", `));
        assert.ok(cell, e.id);
        assert.match(text(cell), /^import \{ check \} from "interspin-notebooks";\n/);
        assert.doesNotMatch(text(cell), new RegExp(`check\\("${e.id}", \`\`\\)`), `${e.id} is answered`);
      }
    });

    it(`${s}: a German cell has no English verdict word, no „statistisch gesichert“ and no „gilt nie“`, () => {
      for (const { de } of markdown(tasks)) {
        const german = de.replace(/\*English:\*.*$/s, "").replace(/`[^`]*`/g, "");
        assert.doesNotMatch(german, /„(robust|depends|fails)“|\b(robust|depends|fails)\b/);
        assert.doesNotMatch(german, /statistisch gesichert|gilt nie/);
        assert.doesNotMatch(german, /den Anteil, die/);
      }
    });
  }

  it("S1, S2, S3 explain their statistics in boxes, at the students' level, in both languages", () => {
    const boxes: Record<string, string[]> = {
      S1: [
        "Anteil und Basis",
        "Konfidenzintervall – warum nach Wilson?",
        "gepaarter Vergleich (McNemar-Test)",
        "p-Wert und α",
      ],
      S2: ["exakter Test nach Fisher statt χ²", "p-Wert und α"],
      S3: ["Grenzen bei fehlenden Antworten", "Konfidenzintervall – warum nach Wilson?", "drei Urteile"],
    };
    for (const [s, titles] of Object.entries(boxes)) {
      const md = markdown(load(notebookOf(s, false)));
      for (const t of titles)
        assert.ok(
          md.some((c) => c.de.includes(`> **Kasten: ${t}.**`)),
          `${s}: ${t}`,
        );
      assert.equal(
        md.filter((c) => c.en.includes("> **Box: ")).length,
        md.filter((c) => c.de.includes("> **Kasten: ")).length,
        `${s}: every box in English too`,
      );
    }
    const s1 = markdown(load(notebookOf("S1", false)))
      .map((c) => c.de)
      .join("\n");
    assert.match(s1, /45 % bis 115 %/, "Wald for 4 of 5");
    assert.match(s1, /38 % bis 96 %/, "Wilson for 4 of 5");
  });

  it("results that rest on the reconstruction carry a note where they are used, naming the assumption", () => {
    const before = (s: string, id: string) => {
      const cells = load(notebookOf(s, false));
      const at = cells.findIndex((c) => c.cell_type === "markdown" && text(c).includes(`**${id} ·`));
      return cells
        .slice(0, at)
        .filter((c) => c.cell_type === "markdown")
        .map(text)
        .reverse();
    };
    const noteAbove = (s: string, id: string, assumption: RegExp) => {
      const note = before(s, id).find((t) => t.includes("> **Rekonstruktion:**"));
      assert.ok(note, `${s} ${id}: a reconstruction note above`);
      assert.match(note, assumption, `${s} ${id}`);
    };
    noteAbove("S2", "s2-5", /eigenen\* Akteursgruppe.*veröffentlicht der Bericht nicht.*„not stated“/s);
    noteAbove("S2", "s2-7", /eigenen Akteursgruppe auf, die der Bericht nicht veröffentlicht/);
    noteAbove("S1", "s1-2", /mittleren Unternehmen nennt der Bericht keine Zahlen/);
    noteAbove("S1", "s1-7", /Vierfeldertafel\), druckt er nicht/);
  });

  it("S3 states the GRIM criterion exactly: no 100·k/n rounds to the printed value", () => {
    const s3 = markdown(load(notebookOf("S3", false)));
    assert.ok(
      s3.some((c) =>
        c.de.includes("Rundet kein Wert 100·k/n auf den gedruckten Wert, kann er nicht aus n Antworten stammen."),
      ),
    );
    assert.ok(!s3.some((c) => c.de.includes("Liegt ein gedruckter Wert zwischen ihnen")));
  });
});
