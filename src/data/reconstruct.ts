/**
 * The reconstruction of the survey microdata: from the strata and count tables in
 * `data/assumptions.json` (every choice the report leaves open, with its reason) to one row per
 * respondent. The method is constructive and deterministic: no random search. Within a group,
 * each item (or pair with a joint table) lays the members out in its own order (allocate.ts), so
 * that items are not associated by construction.
 */
import { loadCodebook, scaleOf, type Codebook, type Filter } from "./codebook.js";
import { PROJECT_FILES, readJsonFile } from "./source.js";
import { formatCsv } from "../util/csv-write.js";
import { jointTuples, splitGroup, StreamRegistry } from "./allocate.js";
import { InterspinError } from "../util/errors.js";

/** A group of respondents sharing funding status, size class and actor group. */
export interface Stratum {
  funded: number;
  sizeClass: number;
  actorGroup: number;
  n: number;
}
/** Counts for one group of respondents: per value code (scale order) and skipped (-9). */
export interface GroupCounts {
  filter: Filter;
  counts: number[];
  missing: number;
}
/**
 * The assumed answers to one item. Items of one `answerSet` (default: their `question`, else the
 * item alone) are skipped by the same respondents.
 */
export interface ItemAssumption {
  variables: string[];
  groups: GroupCounts[];
  reason: string;
  question?: string;
  answerSet?: string;
}
/** A pair group's joint counts: rows are the first item's codes, columns the second's (scale order). */
export interface JointCounts {
  filter: Filter;
  joint: number[][];
  missing: number;
  atLeast?: BlockBound[];
}
/** A lower bound on a block of a joint table that a statement of the report requires. */
export interface BlockBound {
  rows: number[];
  cols: number[];
  count: number;
  reason: string;
}
/**
 * Two items answered together with a stated joint table per group: closest to independence
 * (the principle), unless a bound of the report's text requires more in a block.
 */
export interface PairAssumption {
  variables: [string, string];
  groups: JointCounts[];
  reason: string;
}
export interface Assumptions {
  respondents: number;
  strata: Stratum[];
  items: ItemAssumption[];
  pairs?: PairAssumption[];
}
/** One reconstructed respondent: variable name to code (id as text). */
export type SurveyRow = Record<string, string | number>;

/** Raised when the assumptions do not add up; the message names the item, group and numbers. */
export class ReconstructionError extends InterspinError {
  override name = "ReconstructionError";
}

/**
 * Reads the assumptions file.
 * @throws ReconstructionError when the file cannot be read or parsed.
 * @example loadAssumptions().respondents // => 158
 */
export function loadAssumptions(file?: string): Assumptions {
  return readJsonFile(
    file,
    PROJECT_FILES.assumptions,
    (n, why) => new ReconstructionError(`${n}: cannot read assumptions (${why})`),
  ).value as Assumptions;
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
      rows.push({
        id: `R${String(rows.length + 1).padStart(width, "0")}`,
        funded: s.funded,
        sizeClass: s.sizeClass,
        actorGroup: s.actorGroup,
      });
    }
  }
  return rows;
}

/** The sequence of codes a group's counts expand to, in scale order. */
function expand(codes: number[], counts: number[], where: string): number[] {
  if (counts.length !== codes.length) {
    throw new ReconstructionError(
      `${where}: ${counts.length} counts for a scale of ${codes.length} values (${codes.join(", ")})`,
    );
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

interface Unit {
  names: string[];
  groups: Array<{ filter: Filter; missing: number; answers: number[][] }>;
  answerSet: string;
  where: string;
}

/** One item's or pair's answers per group, as code tuples in allocation order. */
function units(a: Assumptions, cb: Codebook): Unit[] {
  const paired = new Map<string, PairAssumption>();
  for (const p of a.pairs ?? []) for (const v of p.variables) paired.set(v, p);
  const out: Unit[] = [];
  const answerSetOf = (item: ItemAssumption, name: string) => item.answerSet ?? item.question ?? name;
  const itemOf = (name: string) => {
    const item = a.items.find((i) => i.variables.includes(name));
    if (!item) throw new ReconstructionError(`pair names variable "${name}", which has no item in the assumptions`);
    return item;
  };
  for (const item of a.items) {
    for (const name of item.variables) {
      if (!cb.variables.some((x) => x.name === name))
        throw new ReconstructionError(`assumptions name variable "${name}", which is not in the codebook`);
      if (paired.has(name)) continue;
      const codes = scaleOf(cb, name).values.map((x) => x.code);
      out.push({
        names: [name],
        answerSet: answerSetOf(item, name),
        where: `item ${name}`,
        groups: item.groups.map((g) => ({
          filter: g.filter,
          missing: g.missing,
          answers: expand(codes, g.counts, `item ${name}, group ${describe(g.filter)}`).map((c) => [c]),
        })),
      });
    }
  }
  for (const p of a.pairs ?? []) {
    const [x, y] = p.variables.map(itemOf) as [ItemAssumption, ItemAssumption];
    // a pair whose items name no answer set is skipped together, as one answer set of its own
    const own = `pair:${p.variables.join("+")}`;
    const sets = [x.answerSet ?? x.question ?? own, y.answerSet ?? y.question ?? own];
    if (sets[0] !== sets[1])
      throw new ReconstructionError(
        `pair ${p.variables.join(" × ")}: the items have different answer sets (${sets.join(", ")})`,
      );
    const [ca, cbCodes] = p.variables.map((v) => scaleOf(cb, v).values.map((c) => c.code)) as [number[], number[]];
    for (const g of p.groups) {
      const where = `pair ${p.variables.join(" × ")}, group ${describe(g.filter)}`;
      const sums = [
        g.joint.map((row) => row.reduce((t, k) => t + k, 0)),
        cbCodes.map((_, j) => g.joint.reduce((t, row) => t + (row[j] ?? 0), 0)),
      ];
      [x, y].forEach((item, i) => {
        const own = item.groups.find((h) => describe(h.filter) === describe(g.filter));
        if (!own || own.counts.join() !== sums[i]!.join() || own.missing !== g.missing) {
          throw new ReconstructionError(
            `${where}: the joint table's ${i ? "column" : "row"} sums ${sums[i]!.join("/")} (${g.missing} skipped) differ from item ${p.variables[i]}'s counts ${own ? `${own.counts.join("/")} (${own.missing} skipped)` : "(no such group)"}`,
          );
        }
      });
    }
    out.push({
      names: [...p.variables],
      answerSet: sets[0]!,
      where: `pair ${p.variables.join(" × ")}`,
      groups: p.groups.map((g) => ({
        filter: g.filter,
        missing: g.missing,
        answers: jointTuples(g.joint, ca, cbCodes),
      })),
    });
  }
  return out;
}

/** Gives one unit's answers to the rows of each group; respondents outside the filter get -8. */
function allocate(rows: SurveyRow[], unit: Unit, cb: Codebook, streams: StreamRegistry): void {
  const askedIf = cb.variables.find((v) => v.name === unit.names[0])!.askedIf ?? {};
  const asked = rows.filter((r) => matches(r, askedIf));
  for (const r of rows) if (!matches(r, askedIf)) for (const n of unit.names) r[n] = -8;
  const seen = new Set<SurveyRow>();
  const rowNumber = new Map(rows.map((r, i) => [r, i + 1]));
  for (const g of unit.groups) {
    const where = `${unit.where}, group ${describe(g.filter)}`;
    const members = asked.filter((r) => matches(r, g.filter));
    if (g.answers.length + g.missing !== members.length) {
      throw new ReconstructionError(
        `${where}: counts add up to ${g.answers.length} answers + ${g.missing} skipped, but the group has ${members.length} respondents`,
      );
    }
    const byNumber = new Map(members.map((r) => [rowNumber.get(r)!, r]));
    const split = splitGroup(
      [...byNumber.keys()],
      g.missing,
      streams.of(`answers:${unit.answerSet}`),
      streams.of(`codes:${unit.names.join("+")}`),
    );
    split.answer.forEach((num, i) =>
      unit.names.forEach((n, j) => {
        byNumber.get(num)![n] = g.answers[i]![j]!;
      }),
    );
    for (const num of split.skip) for (const n of unit.names) byNumber.get(num)![n] = -9;
    for (const r of members) {
      if (seen.has(r)) throw new ReconstructionError(`${where}: respondent ${r.id} is in two groups of this item`);
      seen.add(r);
    }
  }
  const left = asked.find((r) => !seen.has(r));
  if (left)
    throw new ReconstructionError(`${unit.where}: respondent ${left.id} is asked but in none of the item's groups`);
}

/**
 * Builds the respondent rows from the assumptions and the codebook.
 * @throws ReconstructionError when counts do not add up to the groups they describe, a pair's
 * items have different answer sets, or a codebook variable has no assumption.
 * @example reconstructSurvey().length // => 158
 */
export function reconstructSurvey(a: Assumptions = loadAssumptions(), cb: Codebook = loadCodebook()): SurveyRow[] {
  const rows = respondentRows(a);
  const streams = new StreamRegistry();
  for (const unit of units(a, cb)) allocate(rows, unit, cb, streams);
  const unset = cb.variables.find((v) => rows[0]![v.name] === undefined);
  if (unset)
    throw new ReconstructionError(`codebook variable "${unset.name}" has no assumption in the assumptions file`);
  return rows;
}

/**
 * The reconstructed survey as CSV text: codebook column order, ids ascending, LF line ends.
 * @example surveyCsv().split("\n")[0].startsWith("id,actorGroup,sizeClass,funded") // => true
 */
export function surveyCsv(rows: SurveyRow[] = reconstructSurvey(), cb: Codebook = loadCodebook()): string {
  return formatCsv(
    cb.variables.map((v) => v.name),
    rows,
  );
}
