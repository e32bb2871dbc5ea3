/**
 * What an exercise of the seminar notebooks is, and what checking an answer gives: the types
 * every seminar's exercise list shares (`exercises-s2.ts`, `exercises-s3.ts`, `exercises.ts`).
 */
import type { ColumnTable } from "arquero";
import type { Label } from "../data/codebook.js";

/** One exercise: its question and how to compute its answer from the data. */
export interface Exercise {
  id: string;
  question: Label;
  /** The right answer on this table: a number (compared within `tolerance`) or yes/no. */
  solve(table: ColumnTable): number | boolean;
  tolerance: number;
  hint: Label;
}

/** The outcome of a check. */
export interface CheckResult {
  id: string;
  correct: boolean;
  answered: boolean;
  message: string;
}
