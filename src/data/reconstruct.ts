/**
 * The reconstruction of the survey microdata: from the strata and count tables in
 * `data/assumptions.json` (every choice the report leaves open, with its reason) to one row per
 * respondent. The method is constructive and deterministic: no random search.
 */
import { readFileSync } from "node:fs";
import { loadCodebook, scaleOf, type Codebook, type Filter } from "./codebook.js";
import { paths } from "../paths.js";
import { formatCsv } from "../util/csv-write.js";

/** A group of respondents sharing funding status, size class and actor group. */
export interface Stratum { funded: number; sizeClass: number; actorGroup: number; n: number }
/** Counts for one group of respondents: per value code (scale order) and skipped (-9). */
export interface GroupCounts { filter: Filter; counts: number[]; missing: number }
/** The assumed answers to one item. */
export interface ItemAssumption { variables: string[]; groups: GroupCounts[]; reason: string; question?: string }
export interface Assumptions { respondents: number; strata: Stratum[]; items: ItemAssumption[] }
/** One reconstructed respondent: variable name to code (id as text). */
export type SurveyRow = Record<string, string | number>;

/** Raised when the assumptions do not add up; the message names the item, group and numbers. */
export class ReconstructionError extends Error {
  override name = "ReconstructionError";
}

/**
 * Reads the assumptions file.
 * @throws ReconstructionError when the file cannot be read or parsed.
 * @example loadAssumptions().respondents // => 158
 */
export function loadAssumptions(file: string = paths.assumptions): Assumptions {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Assumptions;
  } catch (e) {
    throw new ReconstructionError(`${file}: cannot read assumptions (${(e as Error).message})`);
  }
}

/** True when the row satisfies every clause of the filter. */
export function matches(row: SurveyRow, filter: Filter): boolean {
  return Object.entries(filter).every(([k, codes]) => codes.includes(row[k] as number));
}

function respondentRows(a: Assumptions): SurveyRow[] {
  const total = a.strata.reduce((s, x) => s + x.n, 0);
  if (total !== a.respondents) {
    throw new ReconstructionError(`strata add up to ${total} respondents, expected ${a.respondents}`);
  }
  const width = String(a.respondents).length;
  const rows: SurveyRow[] = [];
  for (const s of a.strata) {
    for (let i = 0; i < s.n; i++) {
      rows.push({ id: `R${String(rows.length + 1).padStart(width, "0")}`, funded: s.funded, sizeClass: s.sizeClass, actorGroup: s.actorGroup });
    }
  }
  return rows;
}

/** The sequence of codes a group's counts expand to, in scale order. */
function expand(codes: number[], counts: number[], where: string): number[] {
  if (counts.length !== codes.length) {
    throw new ReconstructionError(`${where}: ${counts.length} counts for a scale of ${codes.length} values (${codes.join(", ")})`);
  }
  return counts.flatMap((k, i) => {
    if (!Number.isInteger(k) || k < 0) throw new ReconstructionError(`${where}: count ${k} is not a whole number ≥ 0`);
    return Array<number>(k).fill(codes[i]!);
  });
}

function describe(filter: Filter): string {
  const parts = Object.entries(filter).map(([k, v]) => `${k} in [${v.join(",")}]`);
  return parts.length ? parts.join(" & ") : "all respondents";
}

/**
 * Allocates one item's answers to rows. Within a group, rows are taken in id order; the last
 * `missing` rows skip the item (-9); the others get the codes in scale order, rotated by
 * `offset` so that the items of one multiple-response question do not all fall on the same rows.
 */
function allocate(rows: SurveyRow[], name: string, item: ItemAssumption, codes: number[], askedIf: Filter, offset: number): void {
  const asked = rows.filter((r) => matches(r, askedIf));
  for (const r of rows) if (!matches(r, askedIf)) r[name] = -8;
  const seen = new Set<SurveyRow>();
  for (const g of item.groups) {
    const where = `item ${name}, group ${describe(g.filter)}`;
    const members = asked.filter((r) => matches(r, g.filter));
    const answers = expand(codes, g.counts, where);
    if (answers.length + g.missing !== members.length) {
      throw new ReconstructionError(`${where}: counts add up to ${answers.length} answers + ${g.missing} skipped, but the group has ${members.length} respondents`);
    }
    const answering = members.slice(0, answers.length);
    const start = answering.length ? Math.round(offset * answering.length) % answering.length : 0;
    answering.forEach((r, i) => { r[name] = answers[(i - start + answering.length) % answering.length]!; });
    for (const r of members.slice(answers.length)) r[name] = -9;
    for (const r of members) {
      if (seen.has(r)) throw new ReconstructionError(`${where}: respondent ${r.id} is in two groups of this item`);
      seen.add(r);
    }
  }
  const left = asked.find((r) => !seen.has(r));
  if (left) throw new ReconstructionError(`item ${name}: respondent ${left.id} is asked but in none of the item's groups`);
}

/**
 * Builds the respondent rows from the assumptions and the codebook.
 * @throws ReconstructionError when counts do not add up to the groups they describe, or when a
 * codebook variable has no assumption.
 * @example reconstructSurvey().length // => 158
 */
export function reconstructSurvey(a: Assumptions = loadAssumptions(), cb: Codebook = loadCodebook()): SurveyRow[] {
  const rows = respondentRows(a);
  const position = new Map<string, { index: number; size: number }>();
  const byQuestion = new Map<string, string[]>();
  for (const item of a.items) {
    if (!item.question) continue;
    const list = byQuestion.get(item.question) ?? [];
    list.push(...item.variables);
    byQuestion.set(item.question, list);
  }
  for (const list of byQuestion.values()) list.forEach((v, i) => position.set(v, { index: i, size: list.length }));
  for (const item of a.items) {
    for (const name of item.variables) {
      const v = cb.variables.find((x) => x.name === name);
      if (!v) throw new ReconstructionError(`assumptions name variable "${name}", which is not in the codebook`);
      const codes = scaleOf(cb, name).values.map((x) => x.code);
      const pos = position.get(name);
      allocate(rows, name, item, codes, v.askedIf ?? {}, pos ? pos.index / pos.size : 0);
    }
  }
  const unset = cb.variables.find((v) => rows[0]![v.name] === undefined);
  if (unset) throw new ReconstructionError(`codebook variable "${unset.name}" has no assumption in the assumptions file`);
  return rows;
}

/**
 * The reconstructed survey as CSV text: codebook column order, ids ascending, LF line ends.
 * @example surveyCsv().split("\n")[0].startsWith("id,actorGroup,sizeClass,funded") // => true
 */
export function surveyCsv(rows: SurveyRow[] = reconstructSurvey(), cb: Codebook = loadCodebook()): string {
  return formatCsv(cb.variables.map((v) => v.name), rows);
}
