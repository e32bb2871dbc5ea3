/**
 * What a seminar exercise is and how an answer to it is judged. Three kinds: a number (with
 * hints that recognise the usual mistakes: the wrong sign, not rounded, a proportion for a
 * percentage, a count for a percentage, or a mistake the exercise names, such as the wrong
 * base), a choice between readings or sentences (a letter, with the reason why a reading is
 * wrong), and a yes/no that needs the number behind it (so it cannot be guessed in two tries).
 * Judging is a pure function of the exercise, the answer, the data and the language; this
 * module imports nothing else of the seminar, and every exercise file imports it.
 */
import type { ColumnTable } from "arquero";
import type { Label, Lang } from "../data/codebook.js";
import { minCellOf } from "../data/disclosure-policy.js";
import { decimal } from "../util/number-format.js";
import { parseAnswer, type ParsedAnswer } from "./answer.js";

/** A judgement an exercise asks for (the other exercises ask for a number). */
export type Judgement = "prediction" | "reading" | "sentence";

/** A wrong answer an exercise recognises, and what to tell a student who gave it. */
export interface Mistake {
  value: number;
  hint: Label;
}

interface ExerciseBase {
  id: string;
  /** The question (for a choice: its stem; the options are listed separately). */
  question: Label;
  /** The hint for a wrong answer the exercise does not recognise. */
  hint: Label;
  /** The reasoning with its values, shown with a right answer and in the answer key. */
  explain(table: ColumnTable, lang: Lang): string;
}

/** An exercise whose answer is a number. */
export interface NumberExercise extends ExerciseBase {
  kind: "number";
  /** "percent" (0–100), "points" (percentage points, may be negative) or "count". */
  unit: "percent" | "points" | "count";
  /** Decimals the question asks for: answers within half a unit of the last one are right (a count must be exact). */
  decimals: number;
  /** The right answer on these data, rounded to `decimals`; NaN when it cannot be computed. */
  solve(table: ColumnTable): number;
  /** Wrong answers with a hint of their own (e.g. the value on the wrong base). */
  mistakes?(table: ColumnTable): Mistake[];
  /** The hint for the right number with the wrong sign (default: a general one). */
  signHint?: Label;
}

/** An exercise whose answer is one of `options`, given as a letter a, b, c, … */
export interface ChoiceExercise extends ExerciseBase {
  kind: "choice";
  judgement: Judgement;
  /** The choices, in the order of their letters. */
  options: Label[];
  /** Why each choice is right or wrong (a hint for a wrong choice); defaults to `hint`. */
  feedback?: Label[];
  /** The index of the right choice on these data; NaN when it cannot be computed. */
  solve(table: ColumnTable): number;
}

/** An exercise answered yes or no together with the number that decides it (e.g. a p-value). */
export interface YesNoExercise extends ExerciseBase {
  kind: "yes-no";
  /** The number asked for beside yes/no, with its article ("den p-Wert"). */
  backing: Label;
  /** How the number decides yes or no ("signifikant heißt p < α = 0,05"). */
  rule: Label;
  /** The right yes/no and its number on these data (value NaN when it cannot be computed). */
  solve(table: ColumnTable): { yes: boolean; value: number };
}

/** A seminar exercise. */
export type Exercise = NumberExercise | ChoiceExercise | YesNoExercise;

/** The outcome of a check. */
export interface CheckResult {
  id: string;
  correct: boolean;
  answered: boolean;
  message: string;
}

/** The letter of choice `i` (0 → "a"). */
export const letterOf = (i: number): string => String.fromCharCode(97 + i);

/** Whether the exercise asks for a judgement (a prediction, a reading or a sentence). */
export const isJudgement = (e: Exercise): boolean => e.kind === "choice";

/** Texts of the checks in both languages. */
const T = {
  right: { de: "✓ richtig.", en: "✓ correct." },
  wrong: { de: "✗ noch nicht richtig. Tipp:", en: "✗ not right yet. Hint:" },
  none: {
    de: "noch keine Antwort (zwischen die beiden Backticks schreiben, z. B. `12,5`, `b` oder `ja, p = 0,03`).",
    en: "no answer yet (write it between the two backticks, e.g. `12.5`, `b` or `yes, p = 0.03`).",
  },
  predictionRight: { de: "✓ richtig – Ihre Vorhersage trifft zu.", en: "✓ correct – your prediction holds." },
  predictionWrong: {
    de: "✗ Ihre Vorhersage trifft auf diesen Daten nicht zu.",
    en: "✗ your prediction does not hold on these data.",
  },
  letter: {
    de: "Antworten Sie mit dem Buchstaben einer Antwort ({letters}), z. B. `b`.",
    en: "Answer with the letter of one choice ({letters}), e.g. `b`.",
  },
  noNumber: {
    de: "Ihre Antwort enthält keine Zahl, die sich lesen lässt. Schreiben Sie nur die Zahl, z. B. `12,5`.",
    en: "Your answer holds no number that can be read. Write just the number, e.g. `12.5`.",
  },
  bound: {
    de: "Gefragt ist der Wert selbst, keine Grenze wie „< 5“.",
    en: "The value itself is asked for, not a bound such as “< 5”.",
  },
  sign: {
    de: "Der Betrag stimmt, das Vorzeichen nicht: Prüfen Sie, was von was abgezogen wird.",
    en: "The size is right, the sign is not: check what is subtracted from what.",
  },
  proportion: {
    de: "Sie haben einen Anteil zwischen 0 und 1 angegeben; gefragt ist Prozent (mal 100).",
    en: "You gave a proportion between 0 and 1; the question asks for percent (times 100).",
  },
  countPercent: {
    de: "Gefragt ist eine Anzahl (von Befragten oder Unternehmen), kein Prozentwert.",
    en: "The question asks for a count (of respondents or firms), not a percentage.",
  },
  whole: { de: "Gefragt ist eine ganze Zahl (eine Anzahl).", en: "The question asks for a whole number (a count)." },
  rounding: {
    de: "Fast: Runden Sie auf {d}, wie in der Frage verlangt.",
    en: "Nearly: round to {d}, as the question asks.",
  },
  decimals: {
    de: ["eine ganze Zahl", "eine Nachkommastelle", "zwei Nachkommastellen", "drei Nachkommastellen"],
    en: ["a whole number", "one decimal", "two decimals", "three decimals"],
  },
  yesNo: {
    de: "Antworten Sie mit ja oder nein und {backing}, z. B. `ja, p = 0,03`.",
    en: "Answer yes or no together with {backing}, e.g. `yes, p = 0.03`.",
  },
  backing: {
    de: "Nennen Sie zum Ja oder Nein auch {backing} – ein Ja oder Nein allein ließe sich raten. Z. B. `nein, p = 0,2`.",
    en: "Give {backing} with your yes or no – a yes or no alone could be guessed. E.g. `no, p = 0.2`.",
  },
  backingBound: {
    de: "Nennen Sie {backing} selbst (z. B. `p = 0,2`), nicht nur, auf welcher Seite von 0,05 er liegt.",
    en: "Give {backing} itself (e.g. `p = 0.2`), not only on which side of 0.05 it lies.",
  },
  backingWrong: { de: "Ihre Zahl stimmt nicht. ", en: "Your number is not right. " },
  notComputable: {
    de: "auf diesen Daten nicht berechenbar: eine Basis ist leer (n = 0)",
    en: "not computable on these data: a base is empty (n = 0)",
  },
  suppressed: {
    de: " oder ein Wert wird unterdrückt (< {k} Befragte)",
    en: " or a value is suppressed (< {k} respondents)",
  },
};

const fill = (s: string, values: Record<string, string | number>): string =>
  s.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

/**
 * Judges an answer to `exercise` on `table` and says why, in `lang`.
 * @example judge(exercise, "10,3", survey(), "de").message // => "s2-2: ✓ richtig. 45,8 − 35,5 = 10,3 …"
 */
export function judge(exercise: Exercise, answer: unknown, table: ColumnTable, lang: Lang = "de"): CheckResult {
  const id = exercise.id;
  const parsed = parseAnswer(answer);
  const result = (correct: boolean, message: string): CheckResult => ({
    id,
    correct,
    answered: !parsed.empty,
    message: `${id}: ${message}`,
  });
  const solution = exercise.solve(table);
  const computable = typeof solution === "number" ? Number.isFinite(solution) : Number.isFinite(solution.value);
  if (!computable) {
    const k = minCellOf(table);
    return result(false, `— ${T.notComputable[lang]}${k ? fill(T.suppressed[lang], { k }) : ""}.`);
  }
  if (parsed.empty) return result(false, T.none[lang]);
  const wrong = (hint: string) => result(false, `${T.wrong[lang]} ${hint}`);
  const right = () => result(true, `${T.right[lang]} ${exercise.explain(table, lang)}`);
  switch (exercise.kind) {
    case "number":
      return judgeNumber(exercise, parsed, solution as number, table, lang, right, wrong);
    case "choice": {
      const letters = exercise.options.map((_, i) => letterOf(i));
      const chosen = parsed.letter === null ? -1 : letters.indexOf(parsed.letter);
      if (chosen < 0) return result(false, fill(T.letter[lang], { letters: letters.join(", ") }));
      if (exercise.judgement === "prediction") {
        const holds = chosen === solution;
        const head = holds ? T.predictionRight[lang] : T.predictionWrong[lang];
        return result(holds, `${head} ${exercise.explain(table, lang)}`);
      }
      return chosen === solution ? right() : wrong((exercise.feedback?.[chosen] ?? exercise.hint)[lang]);
    }
    case "yes-no": {
      const { yes, value } = solution as { yes: boolean; value: number };
      const backing = exercise.backing[lang];
      if (parsed.yesNo === null) return result(false, fill(T.yesNo[lang], { backing }));
      if (parsed.value === null) return result(false, fill(T.backing[lang], { backing }));
      if (parsed.bound === ">" || (parsed.bound === "<" && parsed.value > 0.001))
        return result(false, fill(T.backingBound[lang], { backing }));
      const valueRight = parsed.bound === "<" ? value < parsed.value : sameNumber(parsed.value, value);
      if (!valueRight) return wrong(`${T.backingWrong[lang]}${exercise.hint[lang]}`);
      return parsed.yesNo === yes ? right() : wrong(exercise.rule[lang]);
    }
  }
}

function judgeNumber(
  ex: NumberExercise,
  a: ParsedAnswer,
  r: number,
  table: ColumnTable,
  lang: Lang,
  right: () => CheckResult,
  wrong: (hint: string) => CheckResult,
): CheckResult {
  if (a.value === null) return wrong(T.noNumber[lang]);
  if (a.bound) return wrong(T.bound[lang]);
  const x = a.value;
  const tol = ex.unit === "count" ? 1e-9 : 0.5 * 10 ** -ex.decimals + 1e-9;
  const near = (v: number) => Math.abs(x - v) <= tol;
  if (ex.unit === "count" && a.percent) return wrong(T.countPercent[lang]);
  if (near(r)) return right();
  const mistake = ex.mistakes?.(table).find((m) => Number.isFinite(m.value) && near(m.value));
  if (mistake) return wrong(mistake.hint[lang]);
  if (r !== 0 && near(-r)) return wrong((ex.signHint ?? T.sign)[lang]);
  if (ex.unit !== "count" && Math.abs(r) >= 1 && Math.abs(100 * x - r) <= 100 * tol) return wrong(T.proportion[lang]);
  if (ex.unit === "count" && !Number.isInteger(x)) return wrong(T.whole[lang]);
  if (a.decimals !== null && a.decimals < ex.decimals) {
    const f = 10 ** a.decimals;
    if (Math.abs(Math.round(r * f) / f - x) < 1e-9)
      return wrong(fill(T.rounding[lang], { d: T.decimals[lang][ex.decimals] ?? `${ex.decimals}` }));
  }
  return wrong(ex.hint[lang]);
}

/** Whether `typed` is `exact` written with fewer digits: rounded to some significant digits or decimals, or within 5 %. */
function sameNumber(typed: number, exact: number): boolean {
  if (typed === 0) return exact === 0;
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 + 1e-9 * Math.abs(b);
  for (let d = 1; d <= 8; d++) {
    if (close(typed, Number(exact.toPrecision(d)))) return true;
    if (close(typed, Math.round(exact * 10 ** d) / 10 ** d)) return true;
  }
  return Math.abs(typed - exact) <= 0.05 * Math.abs(exact);
}

/**
 * A number as the answer key writes it: `decimals` decimals in `lang`, with a sign for percentage points.
 * @example answerText(-23.4, 1, "points", "de") // => "−23,4"
 */
export function answerText(x: number, decimals: number, unit: NumberExercise["unit"], lang: Lang): string {
  const s = decimal(x, decimals, lang);
  return unit === "points" && x > 0 ? `+${s}` : s.replace("-", "−");
}
