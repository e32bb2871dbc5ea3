/**
 * What the report's words say about shares, as linear constraints on counts: a share k/n that
 * prints as a value, a share within one respondent of a value no count can print, and one share
 * above another. k and n are linear expressions, so a base may be a variable.
 */
import { evaluate, lin, sumOf, type Assignment, type IntegerModel, type LinExpr } from "./linear-model.js";

/** A share as counts: k of n respondents (both linear expressions). */
export interface ShareExpr {
  k: LinExpr;
  n: LinExpr;
}

/** A printed percentage: value as printed, its decimals, and "knapp" (just under it). */
export interface PrintedShare {
  value: number;
  decimals: number;
  justUnder?: boolean;
}

/** The printed value in units of its last digit (55.6 with 1 decimal → 556), exactly. */
function units(p: PrintedShare): number {
  const u = Math.round(p.value * 10 ** p.decimals);
  if (Math.abs(u - p.value * 10 ** p.decimals) > 1e-6)
    throw new RangeError(`${p.value} has more decimals than ${p.decimals}`);
  return u;
}

/**
 * Adds "100·k/n rounds half up to the printed value": (V − ½)·n ≤ 10^d·100·k < (V + ½)·n with V
 * the value in units of its last digit, multiplied by 2 so that every coefficient is whole and the
 * strict inequality becomes "≤ … − 1". With `justUnder` the upper end is the value itself.
 * @throws RangeError for decimals below −2 (coefficients would not be whole)
 * @example printsAs(m, lin([[1, "k"]]), lin([], 45), { value: 55.6, decimals: 1 }, "abb1") // k = 25
 */
export function printsAs(model: IntegerModel, share: ShareExpr, printed: PrintedShare, label: string): void {
  if (!Number.isInteger(printed.decimals) || printed.decimals < -2)
    throw new RangeError(`${label}: decimals must be a whole number ≥ −2, got ${printed.decimals}`);
  const V = units(printed);
  const scale = 2 * 10 ** (printed.decimals + 2);
  model.atLeast(
    sumOf([
      [scale, share.k],
      [-(2 * V - 1), share.n],
    ]),
    0,
    `${label}: ≥ ${printed.value} − half a unit`,
  );
  const top = printed.justUnder ? 2 * V : 2 * V + 1;
  model.atMost(
    sumOf([
      [scale, share.k],
      [-top, share.n],
    ]),
    -1,
    `${label}: < ${printed.value}${printed.justUnder ? "" : " + half a unit"}`,
  );
}

/**
 * Adds "k is within one respondent of value·n/100": for a printed value that no count can give,
 * the identified set keeps every share one count away from it (the nearest attainable values).
 * @example nearPrinted(m, { k, n: lin([], 139) }, 42.7, "abb8") // k ∈ {59, 60}
 */
export function nearPrinted(model: IntegerModel, share: ShareExpr, value: number, label: string): void {
  const tenths = Math.round(value * 1000);
  // 1000·100·k ∈ [tenths·n − 100000, tenths·n + 100000]
  const e = sumOf([
    [100_000, share.k],
    [-tenths, share.n],
  ]);
  model.add(e, -100_000, 100_000, `${label}: within one respondent of ${value} %`);
}

/** True when every variable of the expression has a value in `fixed`. */
function isFixed(e: LinExpr, fixed: Assignment): boolean {
  return [...e.terms.keys()].every((v) => fixed[v] !== undefined);
}

function sameExpr(a: LinExpr, b: LinExpr): boolean {
  if (a.constant !== b.constant || a.terms.size !== b.terms.size) return false;
  return [...a.terms].every(([v, c]) => b.terms.get(v) === c);
}

/** The expression with fixed variables replaced by their values. */
export function substitute(e: LinExpr, fixed: Assignment): LinExpr {
  const pairs: Array<[number, string]> = [];
  let constant = e.constant;
  for (const [v, c] of e.terms) {
    const x = fixed[v];
    if (x === undefined) pairs.push([c, v]);
    else constant += c * x;
  }
  return lin(pairs, constant);
}

/** Raised when a comparison of two shares would need a product of two variables. */
export class BilinearComparisonError extends RangeError {
  override name = "BilinearComparisonError";
}

/**
 * Adds share(left) > share(right) (or ≥ with `strict: false`). Linear when both bases are the
 * same expression or constants, or when one side's k and n are both fixed: then
 * k₁·n₂ − k₂·n₁ ≥ 1 has constants where a product would be. Fixed variables are those in `fixed`.
 * @throws BilinearComparisonError when neither side is fixed and the bases differ
 * @example shareAbove(m, { k: lin([[1, "a"]]), n: lin([], 45) }, { k: lin([[1, "b"]]), n: lin([], 45) }, "national > international")
 */
export function shareAbove(
  model: IntegerModel,
  left: ShareExpr,
  right: ShareExpr,
  label: string,
  options: { strict?: boolean; fixed?: Assignment } = {},
): void {
  const fixed = options.fixed ?? {};
  const rhs = options.strict === false ? 0 : 1;
  const [l, r] = [left, right].map((s) => ({ k: substitute(s.k, fixed), n: substitute(s.n, fixed) })) as [
    ShareExpr,
    ShareExpr,
  ];
  if (sameExpr(l.n, r.n)) {
    model.atLeast(
      sumOf([
        [1, l.k],
        [-1, r.k],
      ]),
      rhs,
      label,
    );
    return;
  }
  const constant = (s: ShareExpr) => isFixed(s.k, {}) && isFixed(s.n, {});
  if (constant(r) || (l.n.terms.size === 0 && r.n.terms.size === 0)) {
    // k_l·n_r − k_r·n_l ≥ rhs with n_r, k_r constant, or both bases constant
    const nr = r.n.constant;
    if (constant(r))
      model.atLeast(
        sumOf([
          [nr, l.k],
          [-r.k.constant, l.n],
        ]),
        rhs,
        label,
      );
    else
      model.atLeast(
        sumOf([
          [nr, l.k],
          [-l.n.constant, r.k],
        ]),
        rhs,
        label,
      );
    return;
  }
  if (constant(l)) {
    model.atLeast(
      sumOf([
        [l.k.constant, r.n],
        [-l.n.constant, r.k],
      ]),
      rhs,
      label,
    );
    return;
  }
  throw new BilinearComparisonError(
    `${label}: comparing two shares whose bases are both unknown needs a product of variables; fix one side first`,
  );
}

/**
 * The share in percent of a share expression under an assignment.
 * @example percentOf({ k: lin([[1, "k"]]), n: lin([], 4) }, { k: 1 }) // => 25
 */
export function percentOf(s: ShareExpr, values: Assignment): number {
  return (100 * evaluate(s.k, values)) / evaluate(s.n, values);
}
