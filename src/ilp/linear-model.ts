/**
 * Integer linear models: whole-number variables with bounds and linear constraints with
 * integer coefficients, written for the HiGHS solver in CPLEX LP format. Every constraint can
 * also be evaluated exactly on given values, so a solver's answer is checked in integers.
 */

/** A linear expression: variable name → coefficient, plus a constant. */
export interface LinExpr {
  terms: ReadonlyMap<string, number>;
  constant: number;
}

/** One constraint: lo ≤ expr ≤ hi (either side may be infinite), with a label for messages. */
export interface Row {
  expr: LinExpr;
  lo: number;
  hi: number;
  label: string;
}

/** The variables' values of a solution (or a candidate), by name. */
export type Assignment = Readonly<Record<string, number>>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names LP readers take for keywords or numbers: "inf…", "infinity", "e12", "st". */
const RESERVED = /^(inf|e\d|st$|free$)/i;

/**
 * A linear expression from [coefficient, variable] pairs and a constant; repeated variables add up.
 * @throws RangeError for a coefficient that is not a finite number
 * @example lin([[2, "x"], [1, "y"], [-1, "x"]], 3).terms.get("x") // => 1
 */
export function lin(pairs: ReadonlyArray<readonly [number, string]>, constant = 0): LinExpr {
  const terms = new Map<string, number>();
  for (const [c, v] of pairs) {
    if (!Number.isFinite(c)) throw new RangeError(`coefficient of ${v} must be a finite number, got ${c}`);
    const sum = (terms.get(v) ?? 0) + c;
    if (sum === 0) terms.delete(v);
    else terms.set(v, sum);
  }
  return { terms, constant };
}

/**
 * The sum of expressions, each multiplied by its factor.
 * @example sumOf([[1, lin([[1, "a"]])], [-2, lin([[1, "b"]], 1)]]).constant // => -2
 */
export function sumOf(parts: ReadonlyArray<readonly [number, LinExpr]>): LinExpr {
  const pairs: Array<[number, string]> = [];
  let constant = 0;
  for (const [f, e] of parts) {
    for (const [v, c] of e.terms) pairs.push([f * c, v]);
    constant += f * e.constant;
  }
  return lin(pairs, constant);
}

/**
 * The value of an expression for given variable values.
 * @throws RangeError when a variable of the expression has no value
 * @example evaluate(lin([[2, "x"]], 1), { x: 3 }) // => 7
 */
export function evaluate(expr: LinExpr, values: Assignment): number {
  let s = expr.constant;
  for (const [v, c] of expr.terms) {
    const x = values[v];
    if (x === undefined) throw new RangeError(`no value for variable ${v}`);
    s += c * x;
  }
  return s;
}

/**
 * A model of whole-number variables and linear constraints. Models are built once and copied
 * with {@link IntegerModel.with} to add the conditions of one question (a candidate table, a
 * claim's negation), so the base model stays unchanged.
 */
export class IntegerModel {
  private readonly bounds = new Map<string, { lo: number; hi: number }>();
  private readonly list: Row[] = [];

  /**
   * Declares a whole-number variable lo ≤ x ≤ hi and returns its name.
   * @throws RangeError for a name LP format cannot carry, a second declaration or lo > hi
   */
  int(name: string, lo: number, hi: number): string {
    if (!NAME.test(name) || RESERVED.test(name))
      throw new RangeError(`variable name "${name}" must match ${NAME} and not start like an LP keyword (inf, e, st)`);
    if (this.bounds.has(name)) throw new RangeError(`variable ${name} is declared twice`);
    if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo <= hi))
      throw new RangeError(`variable ${name}: bounds must be whole numbers lo ≤ hi, got ${lo}, ${hi}`);
    this.bounds.set(name, { lo, hi });
    return name;
  }

  /**
   * Adds lo ≤ expr ≤ hi; `label` names the constraint in messages.
   * @throws RangeError when the expression uses an undeclared variable
   */
  add(expr: LinExpr, lo: number, hi: number, label: string): this {
    for (const v of expr.terms.keys())
      if (!this.bounds.has(v)) throw new RangeError(`constraint "${label}" uses undeclared variable ${v}`);
    this.list.push({ expr, lo: lo - expr.constant, hi: hi - expr.constant, label });
    return this;
  }

  /** Adds expr ≥ rhs. */
  atLeast(expr: LinExpr, rhs: number, label: string): this {
    return this.add(expr, rhs, Infinity, label);
  }
  /** Adds expr ≤ rhs. */
  atMost(expr: LinExpr, rhs: number, label: string): this {
    return this.add(expr, -Infinity, rhs, label);
  }
  /** Adds expr = rhs. */
  equal(expr: LinExpr, rhs: number, label: string): this {
    return this.add(expr, rhs, rhs, label);
  }

  /** The declared variables in declaration order. */
  get variables(): string[] {
    return [...this.bounds.keys()];
  }
  /** The constraints (constants moved to the bounds). */
  get rows(): readonly Row[] {
    return this.list;
  }
  /** The bounds of a variable. */
  boundsOf(name: string): { lo: number; hi: number } {
    const b = this.bounds.get(name);
    if (!b) throw new RangeError(`unknown variable ${name}`);
    return b;
  }
  /** True when the variable is declared. */
  has(name: string): boolean {
    return this.bounds.has(name);
  }

  /**
   * A copy with some variables fixed and, optionally, more constraints added by `extend`.
   * @throws RangeError when a fixed value lies outside the variable's bounds
   */
  with(fixed: Assignment = {}, extend?: (m: IntegerModel) => void): IntegerModel {
    const m = new IntegerModel();
    for (const [v, b] of this.bounds) m.bounds.set(v, { ...b });
    m.list.push(...this.list);
    for (const [v, x] of Object.entries(fixed)) {
      const b = m.bounds.get(v);
      if (!b) throw new RangeError(`cannot fix unknown variable ${v}`);
      if (x < b.lo || x > b.hi) return m.infeasibleCopy(`${v} = ${x} is outside ${b.lo}…${b.hi}`);
      m.bounds.set(v, { lo: x, hi: x });
    }
    extend?.(m);
    return m;
  }

  private infeasibleCopy(label: string): IntegerModel {
    const [first] = this.bounds.keys();
    if (first === undefined) throw new RangeError("an empty model cannot be made infeasible");
    return this.add(lin([]), 1, 1, label);
  }

  /**
   * The constraints a (partial) assignment violates, by label: only rows whose variables all
   * have values are checked, and bounds of the assigned variables.
   * @example new IntegerModel().int("x", 0, 3) // then .violated({ x: 5 }) => ["bounds of x"]
   */
  violated(values: Assignment): string[] {
    const out: string[] = [];
    for (const [v, x] of Object.entries(values)) {
      const b = this.bounds.get(v);
      if (b && (x < b.lo || x > b.hi)) out.push(`bounds of ${v}`);
    }
    for (const r of this.list) {
      if (![...r.expr.terms.keys()].every((v) => values[v] !== undefined)) continue;
      const s = evaluate({ terms: r.expr.terms, constant: 0 }, values);
      if (s < r.lo || s > r.hi) out.push(r.label);
    }
    return out;
  }

  /**
   * The model in CPLEX LP format with an objective (feasibility only when none is given).
   * Every variable is general integer.
   */
  toLp(objective?: { sense: "min" | "max"; expr: LinExpr }): string {
    const term = (c: number, v: string) => `${c < 0 ? "-" : "+"} ${Math.abs(c)} ${v}`;
    const sum = (e: ReadonlyMap<string, number>) => [...e].map(([v, c]) => term(c, v)).join(" ");
    const vars = this.variables;
    const obj = objective?.expr.terms.size ? sum(objective.expr.terms) : `+ 0 ${vars[0]}`;
    const lines = [objective?.sense === "max" ? "Maximize" : "Minimize", ` obj: ${obj}`, "Subject To"];
    this.list.forEach((r, i) => {
      const body = r.expr.terms.size ? sum(r.expr.terms) : `+ 0 ${vars[0]}`;
      if (r.lo === r.hi) lines.push(` r${i}: ${body} = ${r.lo}`);
      else {
        if (r.lo > -Infinity) lines.push(` r${i}l: ${body} >= ${r.lo}`);
        if (r.hi < Infinity) lines.push(` r${i}u: ${body} <= ${r.hi}`);
      }
    });
    lines.push("Bounds");
    for (const [v, b] of this.bounds) lines.push(` ${b.lo} <= ${v} <= ${b.hi}`);
    lines.push("Generals");
    for (let i = 0; i < vars.length; i += 16) lines.push(` ${vars.slice(i, i + 16).join(" ")}`);
    lines.push("End");
    return lines.join("\n");
  }
}
