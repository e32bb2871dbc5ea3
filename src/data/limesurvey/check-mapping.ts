/**
 * A mapping checked against the survey structure, where an export alone cannot tell: an
 * answer option the mapping does not cover, codes of another survey (or LimeSurvey version),
 * a multiple-choice box whose "Y" is not mapped, and a scale whose codes run against its
 * texts — "Trifft voll zu" read as 5 when the codebook's 5 is "Trifft gar nicht zu" — shown
 * side by side.
 */
import type { Codebook } from "../codebook.js";
import type { SurveyProblem } from "../errors.js";
import type { ResolvedMapping, ResolvedVariable } from "../limesurvey-mapping.js";
import { columnAnswers, type StructureColumn } from "./columns.js";
import { shown } from "./show.js";
import { similarity } from "./similar.js";
import { textIn, type SurveyStructure } from "./structure.js";

/** How alike an answer text and a codebook label must be to count as the same (see `similar.ts`). */
export const SAME_TEXT = 0.8;

interface Pair {
  answer: string;
  text: string;
  code: number;
  label: string;
  best: { code: number; label: string; score: number };
  mappedScore: number;
}

/** Each mapped answer code with its text and the codebook label it is mapped to, and the label its text matches best. */
function pairs(r: ResolvedVariable, c: StructureColumn, cb: Codebook, languages: readonly string[]): Pair[] {
  const scale = r.variable.scale ? cb.scales[r.variable.scale] : undefined;
  if (!scale) return [];
  const langs = languages.filter((l) => scale.values.some((v) => (v.label as Record<string, string>)[l]));
  if (!langs.length) return [];
  const out: Pair[] = [];
  for (const a of columnAnswers(c)) {
    const code = r.answers?.get(a.code);
    if (code === undefined) continue;
    const score = (label: Record<string, string>) =>
      Math.max(...langs.map((l) => (a.text[l] !== undefined && label[l] ? similarity(a.text[l]!, label[l]!) : 0)));
    let best = { code: NaN, label: "", score: -1 };
    let mappedScore = 0;
    for (const v of scale.values) {
      const label = v.label as Record<string, string>;
      const sc = score(label);
      if (sc > best.score) best = { code: v.code, label: textIn(label, langs), score: sc };
      if (v.code === code) mappedScore = sc;
    }
    const mapped = scale.values.find((v) => v.code === code);
    out.push({
      answer: a.code,
      text: textIn(a.text, langs),
      code,
      label: mapped ? textIn(mapped.label as Record<string, string>, langs) : "",
      best,
      mappedScore,
    });
  }
  return out;
}

/**
 * The problems of a mapping that the survey structure reveals.
 * @param m - the resolved mapping.
 * @param columns - the structure's column behind each export column (from `exportView`).
 * @param s - the structure (for its languages).
 * @param cb - the codebook.
 * @param options - the mapping's file name, variables exempt (`--allow`).
 * @example structureProblems(m, view.columns, structure, cb, { file: "m.json", allow: [] }).length // => 0
 */
export function structureProblems(
  m: ResolvedMapping,
  columns: ReadonlyArray<StructureColumn | undefined>,
  s: SurveyStructure,
  cb: Codebook,
  options: { file: string; allow: readonly string[] },
): SurveyProblem[] {
  const out: SurveyProblem[] = [];
  const seen = new Set<string>();
  const add = (r: ResolvedVariable, expected: string, message: string): void => {
    out.push({
      kind: "mapping",
      file: options.file,
      row: 0,
      line: 0,
      column: r.column ?? "",
      value: r.variable.name,
      expected,
      message: `column "${r.column}" (${r.variable.name}): ${message}; if this is right, accept it with --allow ${r.variable.name}`,
    });
  };
  for (const r of m.variables) {
    const c = columns[r.index];
    if (!c || !r.answers || c.part !== "answer" || options.allow.includes(r.variable.name)) continue;
    const q = c.question;
    const once = `${q.code}\u0000${JSON.stringify([...r.answers])}`;
    if (seen.has(once)) continue;
    seen.add(once);
    if (q.type === "M" || q.type === "P") {
      if (!r.answers.has("Y"))
        add(
          r,
          'a code for "Y"',
          `${q.code} is a multiple-choice question: LimeSurvey writes "Y" for a ticked box, which the mapping key "${r.key}.answers" does not map`,
        );
      continue;
    }
    const options_ = columnAnswers(c);
    if (!options_.length) continue;
    const codes = options_.map((a) => a.code);
    if ((q.type === "L" || q.type === "!") && q.other) codes.push("-oth-");
    const describe = (code: string) => {
      const a = options_.find((x) => x.code === code);
      return a ? `${code} ${shown(textIn(a.text, s.languages), 40)}` : code;
    };
    if (!codes.some((x) => r.answers!.has(x))) {
      add(
        r,
        `codes of ${q.code}`,
        `none of the codes the mapping knows (${[...r.answers.keys()].slice(0, 6).join(", ")}) is an answer option of ${q.code} (${codes.slice(0, 6).map(describe).join(", ")}): the wrong column, or codes of another survey`,
      );
      continue;
    }
    const unmapped = codes.filter((x) => !r.answers!.has(x) && !m.missingValues.has(x));
    if (unmapped.length)
      add(
        r,
        `every answer option of ${q.code}`,
        `answer option${unmapped.length === 1 ? "" : "s"} ${unmapped.map(describe).join(", ")} of ${q.code} ${unmapped.length === 1 ? "is" : "are"} not in the mapping key "${r.key}.answers"`,
      );
    const ps = pairs(r, c, cb, s.languages);
    const against = ps.filter(
      (p) => p.best.score >= SAME_TEXT && p.best.code !== p.code && p.best.score - p.mappedScore > 0.15,
    );
    if (against.length)
      add(
        r,
        "codes in the order of their texts",
        `the mapping runs against the answer texts of ${q.code}: ${ps
          .map((p) => `${p.answer} ${shown(p.text, 30)} → ${p.code} ${shown(p.label, 30)}`)
          .join(", ")}`,
      );
  }
  return out;
}
