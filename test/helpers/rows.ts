/**
 * Independent access to the survey rows for tests: a plain parse of data/survey.csv (which
 * holds only ids and integer codes) and plain-loop counting, so that expected values in tests
 * never come from the module's own aggregation code.
 */
import { readFileSync } from "node:fs";
import * as aq from "arquero";
import { paths } from "../../src/paths.js";

export type Row = Record<string, number | string>;

/** The survey rows as plain objects. */
export function surveyRows(file: string = paths.survey): Row[] {
  const [header, ...lines] = readFileSync(file, "utf8").trim().split("\n");
  const names = header!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i]!, i === 0 ? v : Number(v)])));
}

/** The survey as an Arquero table, built from the plain rows. */
export function surveyTable(file?: string): aq.ColumnTable {
  return aq.from(surveyRows(file));
}

/** Counts rows satisfying `where`. */
export function count(rows: Row[], where: (r: Row) => boolean): number {
  return rows.reduce((s, r) => s + (where(r) ? 1 : 0), 0);
}

/** Size class code to the report's three groups. */
export function size3(r: Row): string | null {
  const s = r.sizeClass;
  return s === 1 || s === 2 ? "microSmall" : s === 3 ? "medium" : s === 4 ? "large" : null;
}
