/**
 * A mapping written from the survey structure and the codebook (`npm run mapping:init`): each
 * codebook variable placed on the export column that fits it best — by how alike the texts
 * are (question, subquestion, the grid's topics and actor groups), and by the answer scale
 * (as many options as the codebook's scale, in the direction of its labels) — with its answer
 * table, the texts beside the codes and the match's confidence in a comment, and every
 * variable it could not place marked with an empty column for the user to fill in.
 */
import type { Codebook, Label, Scale, Variable } from "../codebook.js";
import { columnAnswers, exportColumns, NO_WORDS, OTHER_WORDS, YES_WORDS, type StructureColumn } from "./columns.js";
import { similarity } from "./similar.js";
import { textIn, type SurveyStructure, type Texts } from "./structure.js";
import type { OrderedMapping, OrderedVariable } from "./mapping-json.js";
import { flattenHtml } from "./text.js";

/** How alike texts must be for an answer option to take a label's code by its text. */
const SAME = 0.8;
/** Below this a column is not taken at all: the variable is left for the user to place. */
const PLACE_FROM = 0.5;
/** Below this a match is marked for checking. */
export const CHECK_BELOW = 0.75;

/** One variable's place, or why it has none. */
export interface Placement {
  variable: string;
  column: StructureColumn | undefined;
  /** 0–1: how sure the match is. */
  confidence: number;
  /** Answer code → codebook code (for answer variables). */
  answers?: Array<[string, number]>;
  /** How the answers were matched: by their texts, or by their order. */
  answersBy?: "text" | "order" | "fixed";
  kind: "answers" | "employees" | "unplaced";
}

/** The mapping and, per variable, how it was placed. */
export interface InitResult {
  mapping: OrderedMapping;
  placements: Placement[];
}

const best = (a: Label | Texts | undefined, b: Texts | undefined, languages: readonly string[]): number => {
  if (!a || !b) return 0;
  let s = 0;
  for (const l of languages) {
    const x = (a as Texts)[l];
    const y = b[l];
    if (x && y) s = Math.max(s, similarity(x, y));
  }
  return s;
};

const sq = (c: StructureColumn, scale: 0 | 1) => (scale === 0 ? c.sub : c.sub2);

/** Answer code → codebook code for a column and a scale, by texts where they match, else by order. */
function answerTable(
  c: StructureColumn,
  scale: Scale,
  languages: readonly string[],
): { table: Array<[string, number]>; fit: number; by: "text" | "order" | "fixed" } | undefined {
  const t = c.question.type;
  const labelOf = (v: Scale["values"][number]) => v.label as Texts;
  if (t === "Y") {
    const yes = scale.values.find((v) => Object.values(labelOf(v)).some((x) => YES_WORDS.has(x)));
    const no = scale.values.find((v) => Object.values(labelOf(v)).some((x) => NO_WORDS.has(x)));
    if (!yes || !no || scale.values.length !== 2) return undefined;
    return {
      table: [
        ["Y", yes.code],
        ["N", no.code],
      ],
      fit: 1,
      by: "fixed",
    };
  }
  const options = columnAnswers(c).map((a) => ({ code: a.code, text: a.text }));
  if ((t === "L" || t === "!") && c.question.other) options.push({ code: "-oth-", text: OTHER_WORDS as Texts });
  if (!options.length) return undefined;
  const byText = options.map((o) => {
    let top = { code: NaN, score: 0 };
    for (const v of scale.values) {
      const s = best(labelOf(v), o.text, languages);
      if (s > top.score) top = { code: v.code, score: s };
    }
    return top;
  });
  const codes = byText.map((b) => b.code);
  if (byText.every((b) => b.score >= SAME) && new Set(codes).size === codes.length)
    return {
      table: options.map((o, i) => [o.code, codes[i]!]),
      fit: byText.reduce((s, b) => s + b.score, 0) / byText.length,
      by: "text",
    };
  if (options.length !== scale.values.length) return undefined;
  return { table: options.map((o, i) => [o.code, scale.values[i]!.code]), fit: 0.5, by: "order" };
}

/** The candidate columns of a variable with how well each fits. */
function candidates(
  v: Variable,
  cb: Codebook,
  cols: readonly StructureColumn[],
  langs: readonly string[],
): Placement[] {
  const scale = v.scale ? cb.scales[v.scale] : undefined;
  if (!scale) return [];
  const out: Placement[] = [];
  const grid = v.grid ? cb.grids[v.grid.question] : Object.values(cb.grids).find((g) => g.items?.includes(v.name));
  for (const c of cols) {
    const t = c.question.type;
    if (scale.values.some((x) => x.employees)) {
      if (t === "N" && c.part === "answer")
        out.push({
          variable: v.name,
          column: c,
          confidence: best(v.question, c.question.text, langs),
          kind: "employees",
        });
      continue;
    }
    if (v.scale === "mention") {
      const box = t === "M" || t === "P" || (t === ":" && c.question.attributes.multiflexible_checkbox === "1");
      if (!box || c.part !== "answer") continue;
      let score: number;
      if (v.grid && grid?.topics) {
        const topic = grid.topics.find((x) => x.key === v.grid!.topic)!;
        const group = cb.scales.actorGroup?.values.find((x) => x.key === v.grid!.group);
        score =
          (best(grid.question, c.question.text, langs) +
            best(topic.label, sq(c, 0)?.text, langs) +
            best(group?.label, sq(c, 1)?.text, langs)) /
          3;
      } else {
        const q = grid ? best(grid.question, c.question.text, langs) : 1;
        score = (q + Math.max(best(v.short, c.sub?.text, langs), best(v.question, c.sub?.text, langs))) / 2;
      }
      const ticked: Array<[string, number]> = t === ":" ? [["1", 1]] : [["Y", 1]];
      out.push({
        variable: v.name,
        column: c,
        confidence: score,
        answers: ticked,
        answersBy: "fixed",
        kind: "answers",
      });
      continue;
    }
    if (c.part !== "answer" || !["L", "!", "O", "Y", "5", "F", "H", "A", "B"].includes(t)) continue;
    const text = c.sub
      ? Math.max(best(v.question, c.sub.text, langs), best(v.short, c.sub.text, langs))
      : best(v.question, c.question.text, langs);
    const answers = answerTable(c, scale, langs);
    if (!answers) continue;
    out.push({
      variable: v.name,
      column: c,
      confidence: 0.6 * text + 0.4 * answers.fit,
      answers: answers.table,
      answersBy: answers.by,
      kind: "answers",
    });
  }
  return out;
}

/**
 * Places every codebook variable on the structure's columns.
 * O(variables × columns).
 * @param s - the survey structure.
 * @param cb - the codebook.
 * @param file - the structure file's name, for the description.
 * @example initMapping(structure, cb, "interspin-wave2.lss").placements.filter((p) => p.kind === "unplaced").length // => 0
 */
export function initMapping(s: SurveyStructure, cb: Codebook, file: string): InitResult {
  const langs = s.languages;
  const cols = exportColumns(s);
  const vars = cb.variables.filter((v) => v.type !== "id");
  const all = vars.flatMap((v) => candidates(v, cb, cols, langs));
  const order = new Map(vars.map((v, i) => [v.name, i]));
  const colOrder = new Map(cols.map((c, i) => [c, i]));
  all.sort(
    (a, b) =>
      b.confidence - a.confidence ||
      order.get(a.variable)! - order.get(b.variable)! ||
      colOrder.get(a.column!)! - colOrder.get(b.column!)!,
  );
  const placed = new Map<string, Placement>();
  const used = new Set<StructureColumn>();
  for (const p of all) {
    if (placed.has(p.variable) || used.has(p.column!) || p.confidence < PLACE_FROM) continue;
    placed.set(p.variable, p);
    used.add(p.column!);
  }
  const placements = vars
    .filter((v) => placed.has(v.name) || !v.optionalColumn)
    .map(
      (v): Placement => placed.get(v.name) ?? { variable: v.name, column: undefined, confidence: 0, kind: "unplaced" },
    );
  return { mapping: buildMapping(placements, s, cb, file), placements };
}

/** Answer codes of LimeSurvey's other versions for the same options: 4 and later name them AO01 …, 3.x A1 …. */
function otherVersion(code: string): string | undefined {
  const ao = /^AO(\d\d)$/.exec(code);
  if (ao) return `A${Number(ao[1])}`;
  const a = /^A(\d{1,2})$/.exec(code);
  return a ? `AO${a[1]!.padStart(2, "0")}` : undefined;
}

/** The table with LimeSurvey's other-version codes after the survey's own, "-oth-" last. */
function withAliases(table: Array<[string, number]>): Array<[string, number]> {
  const own = table.filter(([k]) => k !== "-oth-");
  const aliases = own.flatMap(([k, v]) => {
    const o = otherVersion(k);
    return o && !own.some(([x]) => x === o) ? [[o, v] as [string, number]] : [];
  });
  return [...own, ...aliases, ...table.filter(([k]) => k === "-oth-")];
}

function comment(
  p: Placement,
  s: SurveyStructure,
  cb: Codebook,
  set: { name: string; first: boolean } | undefined,
  firstOfQuestion: boolean,
): string {
  const c = p.column!;
  const q = c.question;
  const text = (t: Texts | undefined) => `„${flattenHtml(textIn(t ?? {}, s.languages))}“`;
  const question = firstOfQuestion ? `${q.code} ${text(q.text)}` : q.code;
  const where = c.sub
    ? `${question}, ${[c.sub, c.sub2]
        .filter((x) => x)
        .map((x) => text(x!.text))
        .join(" × ")}`
    : question;
  const sure = p.confidence >= 0.9 ? "sure" : p.confidence >= CHECK_BELOW ? "likely" : "CHECK: unsure";
  const head = `${sure} (${p.confidence.toFixed(2)}): ${where}`;
  if (p.kind === "employees") return `${head}; a number of employees, read as the EU size class`;
  if (!p.answers || p.answersBy === "fixed") return head;
  if (set && !set.first) return `${head}; answers as "${set.name}" above`;
  const v = cb.variables.find((x) => x.name === p.variable)!;
  const scale = cb.scales[v.scale!]!;
  const pairs = p.answers.map(([code, value]) => {
    const a = columnAnswers(c).find((x) => x.code === code);
    const label = scale.values.find((x) => x.code === value)?.label as Texts | undefined;
    return `${code}${a ? ` ${text(a.text)}` : code === "-oth-" ? ` ${text(OTHER_WORDS as Texts)}` : ""} → ${value}${label ? ` ${text(label)}` : ""}`;
  });
  return `${head}; ${p.answersBy === "order" ? "CHECK: answers matched by their order, not their texts: " : ""}${pairs.join(", ")}`;
}

/** Named answer sets, as the example mapping has them. */
const SET_NAMES: Record<string, string> = { M: "ticked", P: "ticked", ":": "checkbox", Y: "yesNo" };
/** Answers of boxes and yes/no beyond the ticked code: "" not ticked, and the digits of LimeSurvey's "Convert Y to" / "Convert N to" (1, 2 or 0). */
const BOX_EXTRA: Record<string, Array<[string, number]>> = {
  ticked: [
    ["", 0],
    ["1", 1],
    ["2", 0],
    ["0", 0],
  ],
  checkbox: [
    ["", 0],
    ["0", 0],
  ],
};

function buildMapping(placements: Placement[], s: SurveyStructure, cb: Codebook, file: string): OrderedMapping {
  const sets = new Map<string, Array<[string, number]>>();
  const uses = new Map<string, number>();
  const keyOf = (p: Placement) => JSON.stringify(p.answers);
  for (const p of placements) if (p.answers) uses.set(keyOf(p), (uses.get(keyOf(p)) ?? 0) + 1);
  const variables: Array<[string, OrderedVariable]> = [];
  const questions = new Set<string>();
  const first = (p: Placement): boolean => {
    const code = p.column!.question.code;
    const is = !questions.has(code);
    questions.add(code);
    return is;
  };
  for (const p of placements) {
    const v = cb.variables.find((x) => x.name === p.variable)!;
    if (p.kind === "unplaced") {
      variables.push([
        p.variable,
        {
          column: "",
          answers: [],
          comment: `NOT PLACED: no column of ${file} fits ${p.variable} (${textIn(v.question as Texts, s.languages)}); name its column and answers, or give { "constant": -9 } if the survey did not ask it`,
        },
      ]);
      continue;
    }
    const c = p.column!;
    if (p.kind === "employees") {
      variables.push([
        p.variable,
        { column: c.code, employees: true, comment: comment(p, s, cb, undefined, first(p)) },
      ]);
      continue;
    }
    const named = SET_NAMES[c.question.type] ?? ((uses.get(keyOf(p)) ?? 0) > 1 ? v.scale : undefined);
    const table = withAliases([...p.answers!, ...(BOX_EXTRA[named ?? ""] ?? [])]);
    let answers: string | Array<[string, number]> = table;
    let set: { name: string; first: boolean } | undefined;
    if (named && (!sets.has(named) || JSON.stringify(sets.get(named)) === JSON.stringify(table))) {
      set = { name: named, first: !sets.has(named) };
      sets.set(named, table);
      answers = named;
    }
    variables.push([p.variable, { column: c.code, answers, comment: comment(p, s, cb, set, first(p)) }]);
  }
  const title = textIn(s.title, s.languages);
  return {
    description: `Mapping of the LimeSurvey survey ${title ? `„${title}“ ` : ""}(${file}) to data/codebook.json, written by npm run mapping:init from the survey structure. Each variable's comment gives the question and answer texts beside the codes and how sure the match is; check those marked CHECK, and fill in those marked NOT PLACED. Answer codes are listed as this survey names them and as LimeSurvey's other versions name the same options (AO01 … from 4, A1 … in 3.x); boxes also read the digits of LimeSurvey's "Convert Y to" / "Convert N to". Format: see the comment at the top of src/data/import-limesurvey.ts.`,
    answerSets: [...sets],
    variables,
  };
}
