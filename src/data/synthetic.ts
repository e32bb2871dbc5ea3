/**
 * Synthetic surveys of any size for benchmarks and scale tests: every codebook variable drawn
 * independently from its marginal distribution in a source survey (by default the shipped
 * `data/survey.csv`), with the codebook's filters kept. A variable asked only of some
 * respondents (`askedIf`, e.g. `funded: [1]`) is drawn, for a synthetic respondent who passes
 * the filter, from the values of the source rows that pass it, and is "not asked" (-8)
 * otherwise; missing codes (-9) occur as often as in the source. Correlations between
 * variables other than these filters are not kept: the rows are for timing, not for analysis.
 *
 * Columns are built as typed arrays (Int8Array), never as row objects, so 10^6 respondents take
 * about 50 MB and well under a second.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { loadCodebook, type Codebook, type Filter, type Variable } from "./codebook.js";
import { loadSurvey } from "./load.js";
import { InterspinError } from "../util/errors.js";

/** A column of codes: one byte per respondent, four where a value does not fit a byte. */
type Codes = Int8Array | Int32Array;

/** Options of {@link syntheticSurvey}. */
export interface SyntheticOptions {
  /** Seed of the pseudo-random streams; the same seed and size give the same table. Default 1. */
  seed?: number;
  /** The survey whose marginal distributions are reproduced; default the shipped reconstruction. */
  source?: ColumnTable;
  /** The codebook (columns, their order, filters, the "not asked" code); default data/codebook.json. */
  codebook?: Codebook;
}

/** Raised when a synthetic survey cannot be generated from the given source or options. */
export class SyntheticSurveyError extends InterspinError {
  override name = "SyntheticSurveyError";
}

/**
 * splitmix32: turns any 32-bit value into a well-mixed one (seeds the generator streams).
 * @example splitmix32(1) === splitmix32(1) // => true
 */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

// Each column has its own stream, derived from the seed and the column's name, so that a
// column's values do not depend on which other columns exist, and the first n rows of a larger
// table equal the table of n rows.
function columnSeed(seed: number, name: string): number {
  let h = splitmix32(seed >>> 0);
  for (let i = 0; i < name.length; i++) h = splitmix32(h ^ name.charCodeAt(i));
  return h;
}

// 1 where a row passes the filter, from the columns drawn so far.
function mask(filter: Filter, columns: Record<string, Codes>, n: number): Uint8Array {
  const out = new Uint8Array(n).fill(1);
  for (const [name, codes] of Object.entries(filter)) {
    const values = columns[name]!;
    for (let i = 0; i < n; i++) if (out[i] && !codes.includes(values[i]!)) out[i] = 0;
  }
  return out;
}

// The source values a synthetic respondent draws from: all rows, or those passing `askedIf`.
function pool(source: ColumnTable, v: Variable): Codes {
  const values = source.array(v.name) as ArrayLike<number>;
  const filter = v.askedIf ?? {};
  const conds = Object.entries(filter).map(([name, codes]) => ({
    values: source.array(name) as ArrayLike<number>,
    codes,
  }));
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (conds.every((c) => c.codes.includes(c.values[i]!))) out.push(values[i]!);
  if (!out.length)
    throw new SyntheticSurveyError(
      `variable "${v.name}": no source row to draw from${v.askedIf ? ` (none passes its filter ${JSON.stringify(v.askedIf)})` : ""}`,
    );
  // Codes fit a byte; a count variable (e.g. employees) may not.
  return out.every((x) => x >= -128 && x <= 127) ? Int8Array.from(out) : Int32Array.from(out);
}

/**
 * Fills a column by drawing uniformly from `values` with a seeded sfc32 generator (inlined: it
 * runs 5·10^7 times for a table of 10^6 rows); rows where `asked` is 0 get `notAsked`.
 */
function drawColumn(n: number, values: Codes, seed: number, asked: Uint8Array | undefined, notAsked: number): Codes {
  const out = values instanceof Int8Array ? new Int8Array(n) : new Int32Array(n);
  const k = values.length;
  let a = splitmix32(seed),
    b = splitmix32(a),
    c = splitmix32(b),
    d = 1,
    t = 0;
  for (let i = -12; i < n; i++) {
    if (i >= 0 && asked && !asked[i]) {
      out[i] = notAsked;
      continue;
    }
    t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    if (i >= 0) out[i] = values[(((t >>> 0) / 4294967296) * k) | 0]!;
  }
  return out;
}

function ids(n: number): string[] {
  const width = Math.max(3, String(n).length);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = `S${String(i + 1).padStart(width, "0")}`;
  return out;
}

/**
 * A synthetic survey of `n` respondents with the codebook's columns, in codebook order: `id`
 * ("S001", …) and every other variable as integer codes drawn from the source's marginal
 * distribution (see the module comment for filters and missing codes). Deterministic: the same
 * `n`, seed, source and codebook give the same table, and the first `m` rows of a table of `n`
 * rows equal the table of `m` rows.
 * @param n - number of respondents, a whole number ≥ 0.
 * @param options - seed (default 1), source survey, codebook.
 * @throws RangeError when `n` is not a whole number ≥ 0 or the seed is not a whole number.
 * @throws SyntheticSurveyError when a filter names a later or unknown variable, or a variable has no source row to draw from.
 * @example syntheticSurvey(1000, { seed: 7 }).numRows() // => 1000
 */
export function syntheticSurvey(n: number, options: SyntheticOptions = {}): ColumnTable {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  const cb = options.codebook ?? loadCodebook();
  const source = options.source ?? loadSurvey();
  const notAsked = cb.missing.find((m) => m.key === "notAsked")?.code ?? -8;
  const columns: Record<string, Codes> = {};
  const masks = new Map<string, Uint8Array>();
  const data: Record<string, ArrayLike<unknown>> = {};
  for (const v of cb.variables) {
    if (v.type === "id") {
      data[v.name] = ids(n);
      continue;
    }
    if (!source.columnNames().includes(v.name))
      throw new SyntheticSurveyError(`the source survey has no column "${v.name}"`);
    const filter = v.askedIf;
    for (const [name, codes] of Object.entries(filter ?? {})) {
      if (!columns[name])
        throw new SyntheticSurveyError(
          `variable "${v.name}" is asked only if "${name}" is one of ${JSON.stringify(codes)}, but "${name}" is not an earlier variable of the codebook`,
        );
    }
    const key = filter ? JSON.stringify(filter) : "";
    if (filter && !masks.has(key)) masks.set(key, mask(filter, columns, n));
    columns[v.name] = drawColumn(n, pool(source, v), columnSeed(seed, v.name), masks.get(key), notAsked);
    data[v.name] = columns[v.name]!;
  }
  return aq.table(
    data as Record<string, unknown[]>,
    cb.variables.map((v) => v.name),
  );
}
