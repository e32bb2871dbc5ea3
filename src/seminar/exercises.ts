/**
 * Every seminar exercise (S1 to S3) by its id, and the checks the notebooks, the book and the
 * tests call: `checkAnswer(id, answer, table, lang)` is a pure function of its arguments.
 */
import type { ColumnTable } from "arquero";
import type { Lang } from "../data/codebook.js";
import { judge, letterOf, type CheckResult, type Exercise } from "./exercise.js";
import { s1Exercises } from "./exercises-s1.js";
import { s2Exercises } from "./exercises-s2.js";
import { s3Exercises } from "./exercises-s3.js";

export type { CheckResult, Exercise } from "./exercise.js";
export { s1Exercises, s2Exercises, s3Exercises };

/** Every seminar's exercises, S1 to S3, in order. */
export const exercises: readonly Exercise[] = [...s1Exercises, ...s2Exercises, ...s3Exercises];

/**
 * The exercise with this id.
 * @throws RangeError for an unknown id, listing the known ones.
 * @example exercise("s2-2").kind // => "number"
 */
export function exercise(id: string): Exercise {
  const ex = exercises.find((e) => e.id === id);
  if (!ex) throw new RangeError(`unknown exercise "${id}"; known: ${exercises.map((e) => e.id).join(", ")}`);
  return ex;
}

/**
 * The exercises of one seminar ("S1", "S2", "S3").
 * @example seminarExercises("S2").length // => 10
 */
export function seminarExercises(seminar: string): readonly Exercise[] {
  return exercises.filter((e) => e.id.startsWith(`${seminar.toLowerCase()}-`));
}

/**
 * Checks a student's answer to exercise `id` against the answer computed from `table`. The
 * answer may be typed as text (`"10,3 %"`, `"b"`, `"ja, p = 0,03"`), a number or a boolean.
 * @throws RangeError for an unknown exercise id.
 * @example checkAnswer("s1-4", "2", survey(), "de").correct // => true
 */
export function checkAnswer(id: string, answer: unknown, table: ColumnTable, lang: Lang = "de"): CheckResult {
  return judge(exercise(id), answer, table, lang);
}

/**
 * The question of exercise `id` in `lang`, with its choices (a, b, …) on lines of their own.
 * @throws RangeError for an unknown exercise id.
 * @example question("s2-3", "en").split("\n")[1] // => "a) SMEs/start-ups receive foreign contacts more often than they pass them on."
 */
export function question(id: string, lang: Lang = "de"): string {
  const ex = exercise(id);
  const options = ex.kind === "choice" ? ex.options.map((o, i) => `\n${letterOf(i)}) ${o[lang]}`).join("") : "";
  return `${ex.question[lang]}${options}`;
}
