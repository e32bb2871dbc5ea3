/**
 * The report's published numbers and checkable claims (`data/published/numbers.json`), typed
 * and validated. Field meanings and claim types are documented in data/published/README.md.
 */
import { PROJECT_FILES, readJsonFile } from "./source.js";
import { InterspinError } from "../util/errors.js";

/** What an entry states: a share, a count, a base size, or an order between shares. */
export type PublishedKind = "percentage" | "count" | "n" | "order";
/** Who is in a share: variable → codes, or a grouping (`size3`) → group key. */
export type Subgroup = Record<string, number[] | string>;

/**
 * One share: respondents in `subgroup` with a valid answer on `variable` choosing `categories`.
 * With `and`, a joint share: the base also needs valid answers on each further variable, and
 * the counted respondents also chose its codes.
 */
export interface ShareSpec {
  variable: string;
  categories: number[];
  subgroup?: Subgroup;
  and?: Record<string, number[]>;
}
/** share(left) > share(right), by at least `margin` percentage points when given ("deutlich"). */
export interface GreaterStatement {
  type: "greater";
  left: ShareSpec;
  right: ShareSpec;
  margin?: number;
}
/** share(target) is strictly above ("max") or below ("min") every one of `others`, by `margin` points when given ("mit Abstand"). */
export interface ExtremeStatement {
  type: "max" | "min";
  target: ShareSpec;
  others: ShareSpec[];
  margin?: number;
}
/** `category` is the strictly most frequent of `codes` for `variable` in `subgroup`. */
export interface ModeStatement {
  type: "mode";
  variable: string;
  category: number;
  codes: number[];
  subgroup?: Subgroup;
}
/** More than half of the share's base ("die meisten"). */
export interface MajorityStatement {
  type: "majority";
  share: ShareSpec;
}
/** The two shares print differently at `decimals` and lie at most `maxGap` points apart ("weichen leicht ab"). */
export interface DiffersStatement {
  type: "differs";
  left: ShareSpec;
  right: ShareSpec;
  decimals: number;
  maxGap: number;
}
/** Two items' distributions: in every part (a list of codes), the shares differ by at most `tolerance` points ("keine ausgeprägten Unterschiede"). */
export interface CloseStatement {
  type: "close";
  left: Omit<ShareSpec, "categories">;
  right: Omit<ShareSpec, "categories">;
  parts: number[][];
  tolerance: number;
}
/** A verbal statement of the report that code can check against aggregated shares. */
export type Statement =
  | GreaterStatement
  | ExtremeStatement
  | ModeStatement
  | MajorityStatement
  | DiffersStatement
  | CloseStatement;
/** Statement types that are strict comparisons between shares (the identified set's orders). */
export const ORDER_TYPES: ReadonlySet<Statement["type"]> = new Set(["greater", "max", "min", "mode"]);

/** One number or claim of the report. */
export interface PublishedEntry {
  id: string;
  chapter: string;
  figure: string;
  quote: string;
  kind: PublishedKind;
  base: string;
  value?: number;
  decimals?: number;
  qualifier?: string;
  statedN?: number;
  statedCount?: number;
  nRange?: [number, number];
  nRangeReason?: string;
  /** The base the quote's words name ("of all respondents": 158) where the share is read on another one. */
  textN?: number;
  textNReason?: string;
  variable?: string;
  categories?: number[];
  subgroup?: Subgroup;
  baseId?: string;
  partition?: string[];
  claim?: Statement;
  reading?: "explicit" | "interpretive";
  note?: string;
}

/**
 * Raised for a malformed entry of numbers.json; names the file, the entry (index and id)
 * and the field. `index` is -1 when the file as a whole is unreadable.
 * @example new PublishedEntryError("numbers.json", 3, "abb1-n", "value", "must be a number, got \"45\"").message
 * // => 'numbers.json: entry 3 "abb1-n", field "value": must be a number, got "45"'
 */
export class PublishedEntryError extends InterspinError {
  override name = "PublishedEntryError";
  constructor(
    readonly file: string,
    readonly index: number,
    readonly entryId: string,
    readonly field: string,
    detail: string,
  ) {
    const where =
      index < 0 ? "" : ` entry ${index} ${entryId ? `"${entryId}"` : "(no id)"}${field ? `, field "${field}"` : ""}`;
    super(`${file}:${where && `${where}:`} ${detail}`);
  }
}

const KINDS: readonly PublishedKind[] = ["percentage", "count", "n", "order"];
const FIELDS = new Set([
  "id",
  "chapter",
  "figure",
  "quote",
  "kind",
  "base",
  "value",
  "decimals",
  "qualifier",
  "statedN",
  "statedCount",
  "nRange",
  "nRangeReason",
  "textN",
  "textNReason",
  "variable",
  "categories",
  "subgroup",
  "baseId",
  "partition",
  "claim",
  "reading",
  "note",
]);
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FIGURE = /^(abb-0[1-9]|anh-0[1-4]|sample)$/;

type Obj = Record<string, unknown>;
type Fail = (field: string, detail: string) => never;

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number): v is number => Number.isInteger(v) && (v as number) >= min;

function text(o: Obj, field: string, fail: Fail, required: boolean): string | undefined {
  const v = o[field];
  if (v === undefined && !required) return undefined;
  if (typeof v !== "string" || !v.trim()) fail(field, `must be a non-empty string, got ${show(v)}`);
  return v as string;
}

function codes(v: unknown, field: string, fail: Fail): number[] {
  if (!Array.isArray(v) || !v.length || !v.every((c) => Number.isInteger(c)))
    fail(field, `must be a non-empty array of whole codes, e.g. [1, 2], got ${show(v)}`);
  return v as number[];
}

function subgroup(v: unknown, field: string, fail: Fail): Subgroup {
  if (!isObj(v)) fail(field, `must be an object such as {"funded": [1], "size3": "large"}, got ${show(v)}`);
  for (const [k, c] of Object.entries(v)) if (typeof c !== "string") codes(c, `${field}.${k}`, fail);
  return v as Subgroup;
}

function share(v: unknown, field: string, fail: Fail, withCategories = true): ShareSpec {
  if (!isObj(v)) fail(field, `must be a share {variable, categories, subgroup?, and?}, got ${show(v)}`);
  if (typeof v.variable !== "string" || !v.variable)
    fail(`${field}.variable`, `must name a codebook variable, got ${show(v.variable)}`);
  if (withCategories) codes(v.categories, `${field}.categories`, fail);
  if (v.subgroup !== undefined) subgroup(v.subgroup, `${field}.subgroup`, fail);
  if (v.and !== undefined) {
    if (!isObj(v.and) || !Object.keys(v.and).length)
      fail(
        `${field}.and`,
        `must map further variables to codes, e.g. {"culturalProximity": [2, 3]}, got ${show(v.and)}`,
      );
    for (const [k, c] of Object.entries(v.and)) codes(c, `${field}.and.${k}`, fail);
  }
  return v as unknown as ShareSpec;
}

function points(v: unknown, field: string, fail: Fail): void {
  if (typeof v !== "number" || !(v >= 0 && v <= 100))
    fail(field, `must be percentage points from 0 to 100, got ${show(v)}`);
}

function claim(v: unknown, fail: Fail): Statement {
  if (!isObj(v)) fail("claim", `an order entry needs a claim object, got ${show(v)}`);
  if (v.margin !== undefined) {
    if (v.type !== "greater" && v.type !== "max" && v.type !== "min")
      fail("claim.margin", `only "greater", "max" and "min" claims take a margin, this one is ${show(v.type)}`);
    points(v.margin, "claim.margin", fail);
  }
  switch (v.type) {
    case "greater":
      share(v.left, "claim.left", fail);
      share(v.right, "claim.right", fail);
      break;
    case "max":
    case "min":
      share(v.target, "claim.target", fail);
      if (!Array.isArray(v.others) || !v.others.length)
        fail("claim.others", `must be a non-empty array of shares, got ${show(v.others)}`);
      v.others.forEach((o, i) => share(o, `claim.others[${i}]`, fail));
      break;
    case "majority":
      share(v.share, "claim.share", fail);
      break;
    case "differs":
      share(v.left, "claim.left", fail);
      share(v.right, "claim.right", fail);
      if (!Number.isInteger(v.decimals) || (v.decimals as number) < 0)
        fail("claim.decimals", `must be the decimals the shares are compared at, got ${show(v.decimals)}`);
      points(v.maxGap, "claim.maxGap", fail);
      break;
    case "close":
      share(v.left, "claim.left", fail, false);
      share(v.right, "claim.right", fail, false);
      if (!Array.isArray(v.parts) || !v.parts.length)
        fail(
          "claim.parts",
          `must list the parts of the scale compared, e.g. [[1, 2], [3], [4, 5]], got ${show(v.parts)}`,
        );
      (v.parts as unknown[]).forEach((p, i) => codes(p, `claim.parts[${i}]`, fail));
      points(v.tolerance, "claim.tolerance", fail);
      break;
    case "mode":
      if (typeof v.variable !== "string" || !v.variable)
        fail("claim.variable", `must name a codebook variable, got ${show(v.variable)}`);
      if (!codes(v.codes, "claim.codes", fail).includes(v.category as number))
        fail("claim.category", `must be one of claim.codes ${show(v.codes)}, got ${show(v.category)}`);
      if (v.subgroup !== undefined) subgroup(v.subgroup, "claim.subgroup", fail);
      break;
    default:
      fail(
        "claim.type",
        `must be "greater", "max", "min", "mode", "majority", "differs" or "close", got ${show(v.type)}`,
      );
  }
  return v as unknown as Statement;
}

function numbers(o: Obj, kind: PublishedKind, fail: Fail): void {
  if (kind === "order") {
    for (const f of ["value", "decimals", "statedN", "statedCount"])
      if (o[f] !== undefined) fail(f, "an order entry states no number; put the comparison in claim");
    claim(o.claim, fail);
    return;
  }
  if (o.claim !== undefined) fail("claim", `only order entries have a claim, this one is a ${kind}`);
  if (typeof o.value !== "number" || !Number.isFinite(o.value))
    fail("value", `must be a number as printed, e.g. 55.6, got ${show(o.value)}`);
  if (!Number.isInteger(o.decimals) || (o.decimals as number) < -2 || (o.decimals as number) > 6)
    fail("decimals", `must be the decimals as printed (55.6 → 1, 80 → 0, "die Hälfte" → -1), got ${show(o.decimals)}`);
  const scaled = (o.value as number) * 10 ** (o.decimals as number);
  if (Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.max(1, Math.abs(scaled)))
    fail("value", `${o.value} has more decimals than decimals=${o.decimals}`);
  if (o.statedN !== undefined && !isInt(o.statedN, 1))
    fail("statedN", `must be a whole number >= 1, got ${show(o.statedN)}`);
  if (o.statedCount !== undefined && !isInt(o.statedCount, 0))
    fail("statedCount", `must be a whole number >= 0, got ${show(o.statedCount)}`);
  if (kind !== "percentage") return;
  if ((o.value as number) < 0 || (o.value as number) > 100)
    fail("value", `a percentage must be from 0 to 100, got ${o.value}`);
  if ((o.statedN === undefined) === (o.nRange === undefined))
    fail("nRange", "a percentage needs exactly one of statedN (the report gives N) or nRange (it does not)");
  if (o.variable !== undefined && o.categories === undefined)
    fail("categories", `the codes of ${o.variable} that are counted, e.g. [1, 2]`);
}

function base(o: Obj, fail: Fail): void {
  if (o.nRange !== undefined) {
    const r = o.nRange;
    if (!Array.isArray(r) || r.length !== 2 || !isInt(r[0], 1) || !isInt(r[1], 1) || r[0] > r[1])
      fail("nRange", `must be [min, max] whole numbers with 1 <= min <= max, got ${show(r)}`);
    text(o, "nRangeReason", fail, true);
  } else if (o.nRangeReason !== undefined) fail("nRangeReason", "explains nRange, which this entry lacks");
  if (o.textN !== undefined) {
    if (!isInt(o.textN, 1)) fail("textN", `must be a whole number >= 1, got ${show(o.textN)}`);
    text(o, "textNReason", fail, true);
  } else if (o.textNReason !== undefined) fail("textNReason", "explains textN, which this entry lacks");
  if (o.categories !== undefined) codes(o.categories, "categories", fail);
  if (o.subgroup !== undefined) subgroup(o.subgroup, "subgroup", fail);
  if (o.partition !== undefined) {
    if (o.kind !== "n") fail("partition", "only an n entry can be split into parts");
    if (!Array.isArray(o.partition) || o.partition.length < 2 || !o.partition.every((p) => typeof p === "string" && p))
      fail("partition", `must list at least two baseIds, got ${show(o.partition)}`);
  }
  if (o.reading !== undefined && o.reading !== "explicit" && o.reading !== "interpretive")
    fail("reading", `must be "explicit" or "interpretive", got ${show(o.reading)}`);
}

function entry(raw: unknown, index: number, file: string): PublishedEntry {
  const id = isObj(raw) && typeof raw.id === "string" ? raw.id : "";
  const fail: Fail = (field, detail) => {
    throw new PublishedEntryError(file, index, id, field, detail);
  };
  if (!isObj(raw)) fail("", `must be an object, got ${show(raw)}`);
  for (const k of Object.keys(raw)) if (!FIELDS.has(k)) fail(k, `unknown field (known: ${[...FIELDS].join(", ")})`);
  if (!ID.test(id)) fail("id", `must be kebab-case such as "abb1-national-top2", got ${show(raw.id)}`);
  for (const f of ["chapter", "quote", "base"]) text(raw, f, fail, true);
  for (const f of ["qualifier", "variable", "baseId", "note"]) text(raw, f, fail, false);
  if (typeof raw.figure !== "string" || !FIGURE.test(raw.figure))
    fail("figure", `must be "abb-01".."abb-09", "anh-01".."anh-04" or "sample", got ${show(raw.figure)}`);
  if (!KINDS.includes(raw.kind as PublishedKind))
    fail("kind", `must be one of ${KINDS.join(", ")}, got ${show(raw.kind)}`);
  numbers(raw, raw.kind as PublishedKind, fail);
  base(raw, fail);
  return raw as unknown as PublishedEntry;
}

/**
 * Checks parsed numbers.json content and returns it typed.
 * @param raw - the parsed JSON (an array of entries)
 * @param file - the file name used in error messages
 * @throws PublishedEntryError naming the entry and field of the first problem (also for a duplicate id)
 * @example parsePublished([{ id: "abb1-n", chapter: "3.1", figure: "abb-01", quote: "(N=45", kind: "n", value: 45, decimals: 0, base: "funded" }])[0].value
 * // => 45
 */
export function parsePublished(raw: unknown, file = "numbers.json"): PublishedEntry[] {
  if (!Array.isArray(raw))
    throw new PublishedEntryError(file, -1, "", "", `must hold a JSON array of entries, got ${typeof raw}`);
  const seen = new Map<string, number>();
  return raw.map((r, i) => {
    const e = entry(r, i, file);
    const first = seen.get(e.id);
    if (first !== undefined)
      throw new PublishedEntryError(file, i, e.id, "id", `duplicate id, first used by entry ${first}`);
    seen.set(e.id, i);
    return e;
  });
}

/**
 * Reads and validates the published numbers.
 * @param file - defaults to data/published/numbers.json
 * @throws PublishedEntryError for a missing file, invalid JSON or a malformed entry
 * @example loadPublished().find((e) => e.id === "abb1-national-top2")?.value // => 55.6
 */
export function loadPublished(file?: string): PublishedEntry[] {
  const { value, name } = readJsonFile(
    file,
    PROJECT_FILES.numbers,
    (n, why) => new PublishedEntryError(n, -1, "", "", `cannot read published numbers (${why})`),
  );
  return parsePublished(value, name);
}

/** A subgroup split into a row filter (codes) and at most one grouping with its group key. */
export interface SubgroupParts {
  filter: Record<string, number[]>;
  groupBy?: string;
  group?: string;
}

/**
 * Splits a subgroup into what the aggregation functions take: code filters, and the grouping
 * (such as `size3`) and group key to read the result for.
 * @throws TypeError when the subgroup names more than one grouping
 * @example subgroupParts({ funded: [1], size3: "large" })
 * // => { filter: { funded: [1] }, groupBy: "size3", group: "large" }
 */
export function subgroupParts(subgroup: Subgroup = {}): SubgroupParts {
  const out: SubgroupParts = { filter: {} };
  for (const [key, v] of Object.entries(subgroup)) {
    if (typeof v !== "string") out.filter[key] = v;
    else if (out.groupBy)
      throw new TypeError(`subgroup ${JSON.stringify(subgroup)} names two groupings (${out.groupBy}, ${key}); use one`);
    else Object.assign(out, { groupBy: key, group: v });
  }
  return out;
}
