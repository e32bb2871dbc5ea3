/**
 * Builders for Arquero expression strings. Column names come from the codebook; they are
 * checked to be plain identifiers before they enter an expression.
 */
import type { Filter } from "../data/codebook.js";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Quotes a column reference for an Arquero expression.
 * @throws TypeError when the name is not a plain identifier.
 * @example col("funded") // => 'd["funded"]'
 */
export function col(name: string): string {
  if (!IDENT.test(name)) throw new TypeError(`"${name}" is not a valid column name`);
  return `d[${JSON.stringify(name)}]`;
}

/** An expression that is true when the column's code is one of `codes`. */
export function inCodes(name: string, codes: readonly number[]): string {
  if (!codes.length) return "false";
  return `(${codes.map((c) => `${col(name)} === ${Number(c)}`).join(" || ")})`;
}

/**
 * An expression that is true for rows passing every clause of `filter` (true for an empty one).
 * @example filterExpr({ funded: [1] }) // => 'd => (d["funded"] === 1)'
 */
export function filterExpr(filter: Filter): string {
  const clauses = Object.entries(filter).map(([k, codes]) => inCodes(k, codes));
  return `d => ${clauses.length ? clauses.join(" && ") : "true"}`;
}
