/**
 * Which columns a respondent was shown, decided by the survey structure: a group's and a
 * question's relevance equation, a subquestion's own relevance, and the `array_filter` /
 * `array_filter_exclude` attributes (a subquestion shown only when the same-coded subquestion
 * of another question was ticked). This is what tells, in an export of LimeSurvey before 6,
 * a box that was never shown from one that was shown and left unticked.
 */
import type { StructureColumn } from "./columns.js";
import { evaluateRelevance, parseRelevance, type Relevance, type VariableValue } from "./relevance.js";
import type { StructureQuestion, SurveyStructure } from "./structure.js";

/** For one respondent: the export columns not shown, and the questions whose relevance could not be decided, with why. */
export interface ShownResult {
  hidden: Set<number>;
  undecided: Map<string, string>;
}

interface Part {
  question: StructureQuestion;
  relevance: Relevance[];
  /** Per subquestion code: its own relevance, and an array filter (question code, exclude). */
  subs: Map<string, { relevance: Relevance; filter?: { question: string; exclude: boolean } }>;
}

/**
 * Decides "shown" for every respondent of an export read with a structure.
 */
export class ShownColumns {
  private readonly parts: Part[];
  /** Export column index of each ExpressionScript name (`G01Q03`, `G05Q01_SQ001`). */
  private readonly index = new Map<string, number>();
  private readonly byQid = new Map<string, StructureQuestion>();
  private readonly columnsOf = new Map<StructureQuestion, number[]>();

  constructor(
    private readonly structure: SurveyStructure,
    columns: ReadonlyArray<StructureColumn | undefined>,
  ) {
    const groupRelevance = new Map(structure.groups.map((g) => [g.gid, parseRelevance(g.relevance)]));
    columns.forEach((c, i) => {
      if (!c) return;
      this.index.set(c.name, i);
      this.columnsOf.set(c.question, [...(this.columnsOf.get(c.question) ?? []), i]);
    });
    for (const q of structure.questions) this.byQid.set(q.qid, q);
    this.parts = structure.questions.map((q) => {
      const filter = q.attributes.array_filter || q.attributes.array_filter_exclude;
      const exclude = !q.attributes.array_filter && !!q.attributes.array_filter_exclude;
      return {
        question: q,
        relevance: [groupRelevance.get(q.gid) ?? { kind: "always" }, parseRelevance(q.relevance)],
        subs: new Map(
          q.subquestions.map((s) => [
            s.code,
            { relevance: parseRelevance(s.relevance), filter: filter ? { question: filter, exclude } : undefined },
          ]),
        ),
      };
    });
  }

  /** The questions whose relevance uses what this import cannot evaluate, with the reason, before any respondent is read. */
  unsupported(): Map<string, string> {
    const out = new Map<string, string>();
    for (const p of this.parts)
      for (const r of [...p.relevance, ...[...p.subs.values()].map((s) => s.relevance)])
        if (r.kind === "unsupported" && !out.has(p.question.code))
          out.set(p.question.code, `relevance ${JSON.stringify(r.source)}: ${r.reason}`);
    return out;
  }

  /**
   * The columns one respondent was not shown.
   * @param cells - the respondent's cells (answer codes), by export column.
   * @param isNull - whether a cell is NULL (LimeSurvey 6: not shown).
   */
  decide(cells: readonly string[], isNull: (i: number) => boolean): ShownResult {
    const hidden = new Set<number>();
    const undecided = new Map<string, string>();
    const shownQuestion = new Map<string, boolean>();
    const lookup = (name: string): VariableValue | undefined => {
      const resolved = this.resolve(name);
      if (resolved === undefined) return undefined;
      const i = this.index.get(resolved);
      if (i === undefined) {
        const q = this.structure.questions.find((x) => x.code === resolved.split("_")[0]);
        // a question without a column of its own (e.g. a multiple-choice question named whole) counts its ticked boxes
        if (q && this.columnsOf.has(q)) {
          const values = this.columnsOf
            .get(q)!
            .filter((k) => !hidden.has(k) && !isNull(k))
            .map((k) => cells[k] ?? "");
          return { value: values.find((v) => v !== "") ?? "", shown: shownQuestion.get(q.code) ?? true };
        }
        return undefined;
      }
      return { value: isNull(i) ? "" : (cells[i] ?? ""), shown: !hidden.has(i) && !isNull(i) };
    };
    for (const p of this.parts) {
      const own = this.columnsOf.get(p.question) ?? [];
      let shown = true;
      for (const r of p.relevance) {
        const v = evaluateRelevance(r, lookup);
        if (typeof v === "object") {
          undecided.set(
            p.question.code,
            `relevance ${JSON.stringify(r.kind === "always" ? "1" : r.source)}: ${v.reason}`,
          );
          break;
        }
        if (!v) {
          shown = false;
          break;
        }
      }
      shownQuestion.set(p.question.code, shown);
      if (!shown) {
        for (const i of own) hidden.add(i);
        continue;
      }
      for (const [code, sub] of p.subs) {
        const v = evaluateRelevance(sub.relevance, lookup);
        let subShown = v === true;
        if (typeof v === "object")
          undecided.set(
            p.question.code,
            `relevance of ${code} ${JSON.stringify(sub.relevance.kind === "always" ? "1" : sub.relevance.source)}: ${v.reason}`,
          );
        if (subShown && sub.filter) {
          const f = lookup(`${sub.filter.question}_${code}`);
          const ticked = f?.shown === true && f.value !== "" && f.value !== "N";
          subShown = sub.filter.exclude ? !ticked : ticked;
        }
        if (!subShown && typeof v !== "object")
          for (const i of own) {
            const name = this.nameAt(i);
            if (name === `${p.question.code}_${code}` || name?.startsWith(`${p.question.code}_${code}_`)) hidden.add(i);
          }
      }
    }
    return { hidden, undecided };
  }

  private readonly names = new Map<number, string>();
  private nameAt(i: number): string | undefined {
    if (!this.names.size) for (const [n, k] of this.index) this.names.set(k, n);
    return this.names.get(i);
  }

  /** An SGQA code (`123456X12X34SQ001`) as its ExpressionScript name; other names unchanged. */
  private resolve(name: string): string | undefined {
    const m = /^\d+X\d+X(\d+)(.*)$/.exec(name);
    if (!m) return name;
    for (let k = m[1]!.length; k > 0; k--) {
      const q = this.byQid.get(m[1]!.slice(0, k));
      if (q) {
        const rest = m[1]!.slice(k) + m[2]!;
        return rest ? `${q.code}_${rest}` : q.code;
      }
    }
    return undefined;
  }
}
