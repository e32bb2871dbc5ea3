/**
 * LimeSurvey relevance equations (ExpressionScript), the subset that conditions use: answers
 * compared with numbers or strings (`==`, `!=`, `<`, `<=`, `>`, `>=` and `eq`, `ne`, `lt`,
 * `le`, `gt`, `ge`), `and`/`&&`, `or`/`||`, `not`/`!`, `+ - * /`, parentheses, and the
 * functions `is_empty`, `count`, `sum`, `intval`, `floatval`. A variable is a question code
 * (`G01Q03`), a subquestion (`G05Q01_SQ001`), either with `.NAOK`, `.value` or `.code`, or an
 * old SGQA code (`123456X12X34SQ001`). Anything else (other functions, `.shown`, `this`,
 * assignments) is reported by name, so that the import can say which question it could not
 * decide. As in ExpressionScript, a variable of a question that was not shown is empty, and an
 * equation naming such a variable without `.NAOK` is false.
 */

/** A parsed equation, or why it cannot be evaluated. */
export type Relevance =
  | { kind: "always" }
  | { kind: "expression"; source: string; node: Node; variables: string[] }
  | { kind: "unsupported"; source: string; reason: string };

type Node =
  | { t: "lit"; v: string | number }
  | { t: "var"; name: string; naok: boolean }
  | { t: "un"; op: string; a: Node }
  | { t: "bin"; op: string; a: Node; b: Node }
  | { t: "call"; fn: string; args: Node[] };

type Token = { k: "num" | "str" | "id" | "op" | "(" | ")" | ","; v: string };

const FUNCTIONS = new Set(["is_empty", "count", "sum", "intval", "floatval"]);
const WORD_OPS: Record<string, string> = {
  and: "&&",
  or: "||",
  not: "!",
  eq: "==",
  ne: "!=",
  lt: "<",
  le: "<=",
  gt: ">",
  ge: ">=",
};

class Unsupported extends Error {}

function tokens(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let v = "";
      let k = i + 1;
      for (; k < src.length && src[k] !== c; k++) v += src[k] === "\\" && k + 1 < src.length ? src[++k] : src[k];
      if (k >= src.length) throw new Unsupported("a string is not closed");
      out.push({ k: "str", v });
      i = k + 1;
      continue;
    }
    const num = /^\d+(\.\d+)?(?![A-Za-z_#\d])/.exec(src.slice(i));
    if (num) {
      out.push({ k: "num", v: num[0] });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_\d][A-Za-z0-9_#]*(\.[A-Za-z]+)?/.exec(src.slice(i));
    if (id) {
      out.push({ k: "id", v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = /^(==|!=|<=|>=|&&|\|\||[<>!+\-*/])/.exec(src.slice(i));
    if (op) {
      out.push({ k: "op", v: op[0] });
      i += op[0].length;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      out.push({ k: c, v: c });
      i++;
      continue;
    }
    throw new Unsupported(`"${c}" is not read`);
  }
  return out.map((t) =>
    t.k === "id" && WORD_OPS[t.v.toLowerCase()] ? { k: "op", v: WORD_OPS[t.v.toLowerCase()]! } : t,
  );
}

const BINARY: Array<string[]> = [["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/"]];

function parse(ts: Token[]): Node {
  let p = 0;
  const peek = () => ts[p];
  const expect = (k: Token["k"]) => {
    if (peek()?.k !== k) throw new Unsupported(`expected "${k}" at token ${p + 1}`);
    p++;
  };
  const level = (n: number): Node => {
    if (n === BINARY.length) return unary();
    let a = level(n + 1);
    while (peek()?.k === "op" && BINARY[n]!.includes(peek()!.v)) {
      const op = ts[p++]!.v;
      a = { t: "bin", op, a, b: level(n + 1) };
    }
    return a;
  };
  const unary = (): Node => {
    const t = peek();
    if (t?.k === "op" && (t.v === "!" || t.v === "-")) {
      p++;
      return { t: "un", op: t.v, a: unary() };
    }
    return primary();
  };
  const primary = (): Node => {
    const t = ts[p++];
    if (!t) throw new Unsupported("the equation ends too early");
    if (t.k === "num") return { t: "lit", v: Number(t.v) };
    if (t.k === "str") return { t: "lit", v: t.v };
    if (t.k === "(") {
      const e = level(0);
      expect(")");
      return e;
    }
    if (t.k === "id") {
      if (peek()?.k === "(") {
        const fn = t.v.toLowerCase();
        if (!FUNCTIONS.has(fn)) throw new Unsupported(`the function ${t.v}() is not evaluated`);
        p++;
        const args: Node[] = [];
        if (peek()?.k !== ")")
          for (;;) {
            args.push(level(0));
            if (peek()?.k === ",") p++;
            else break;
          }
        expect(")");
        return { t: "call", fn, args };
      }
      const [name, attr] = t.v.split(".") as [string, string | undefined];
      if (["this", "self", "that"].includes(name.toLowerCase())) throw new Unsupported(`"${name}" is not evaluated`);
      if (attr !== undefined && !["NAOK", "value", "code"].includes(attr))
        throw new Unsupported(`the attribute .${attr} of ${name} is not evaluated`);
      if (/^\d/.test(name) && !/^\d+X\d+X\d+/.test(name)) throw new Unsupported(`"${t.v}" is not read`);
      return { t: "var", name, naok: attr === "NAOK" };
    }
    throw new Unsupported(`"${t.v}" is not expected here`);
  };
  const e = level(0);
  if (p < ts.length) throw new Unsupported(`"${ts[p]!.v}" is not expected here`);
  return e;
}

function variablesOf(n: Node, out: Set<string>): Set<string> {
  if (n.t === "var") out.add(n.name);
  else if (n.t === "un") variablesOf(n.a, out);
  else if (n.t === "bin") {
    variablesOf(n.a, out);
    variablesOf(n.b, out);
  } else if (n.t === "call") for (const a of n.args) variablesOf(a, out);
  return out;
}

/**
 * Parses a relevance equation ("" and "1" are "always").
 * @example parseRelevance('G01Q03.NAOK == "Y"').kind // => "expression"
 * @example (parseRelevance("G01Q03.shown == 1") as { reason: string }).reason // => "the attribute .shown of G01Q03 is not evaluated"
 */
export function parseRelevance(source: string): Relevance {
  const s = source.trim();
  if (s === "" || s === "1" || s.toLowerCase() === "true") return { kind: "always" };
  try {
    const node = parse(tokens(s));
    return { kind: "expression", source: s, node, variables: [...variablesOf(node, new Set())] };
  } catch (e) {
    if (e instanceof Unsupported) return { kind: "unsupported", source: s, reason: e.message };
    throw e;
  }
}

/** A variable's value for one respondent: its answer ("" when empty), and whether its question was shown. */
export interface VariableValue {
  value: string;
  shown: boolean;
}

type Value = string | number | boolean;

const numeric = (v: Value): boolean =>
  typeof v === "number" || (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim()));
const truthy = (v: Value): boolean => !(v === "" || v === "0" || v === 0 || v === false);
const asNumber = (v: Value): number => (typeof v === "boolean" ? Number(v) : Number(v) || 0);

class Hidden extends Error {}

function evaluate(n: Node, lookup: (name: string) => VariableValue | undefined): Value {
  switch (n.t) {
    case "lit":
      return n.v;
    case "var": {
      const v = lookup(n.name);
      if (!v) throw new Unsupported(`${n.name} is no question or subquestion of the survey`);
      if (!v.shown && !n.naok) throw new Hidden();
      return v.shown ? v.value : "";
    }
    case "un": {
      const a = evaluate(n.a, lookup);
      return n.op === "!" ? !truthy(a) : -asNumber(a);
    }
    case "call": {
      const args = n.args.map((a) => evaluate(a, lookup));
      if (n.fn === "is_empty") return args.length === 1 && (args[0] === "" || args[0] === false);
      if (n.fn === "count") return args.filter((a) => a !== "" && a !== false).length;
      if (n.fn === "sum") return args.reduce<number>((s, a) => s + asNumber(a), 0);
      if (n.fn === "intval") return Math.trunc(asNumber(args[0] ?? 0));
      return asNumber(args[0] ?? 0);
    }
    case "bin": {
      if (n.op === "&&") return truthy(evaluate(n.a, lookup)) && truthy(evaluate(n.b, lookup));
      if (n.op === "||") return truthy(evaluate(n.a, lookup)) || truthy(evaluate(n.b, lookup));
      const a = evaluate(n.a, lookup);
      const b = evaluate(n.b, lookup);
      const num = numeric(a) && numeric(b);
      const x = num ? asNumber(a) : String(a);
      const y = num ? asNumber(b) : String(b);
      switch (n.op) {
        case "==":
          return x === y;
        case "!=":
          return x !== y;
        case "<":
          return x < y;
        case "<=":
          return x <= y;
        case ">":
          return x > y;
        case ">=":
          return x >= y;
        case "+":
          return num ? asNumber(a) + asNumber(b) : `${a}${b}`;
        case "-":
          return asNumber(a) - asNumber(b);
        case "*":
          return asNumber(a) * asNumber(b);
        default:
          return asNumber(b) === 0 ? "" : asNumber(a) / asNumber(b);
      }
    }
  }
}

/**
 * Whether a question was shown to a respondent, by its relevance equation.
 * @param r - the parsed equation.
 * @param lookup - a variable's answer and whether its question was shown; undefined for a name the survey lacks.
 * @returns true or false, or a reason when the equation cannot be evaluated.
 * @example evaluateRelevance(parseRelevance('G01Q03.NAOK == "Y"'), () => ({ value: "N", shown: true })) // => false
 */
export function evaluateRelevance(
  r: Relevance,
  lookup: (name: string) => VariableValue | undefined,
): boolean | { reason: string } {
  if (r.kind === "always") return true;
  if (r.kind === "unsupported") return { reason: r.reason };
  try {
    return truthy(evaluate(r.node, lookup));
  } catch (e) {
    if (e instanceof Hidden) return false;
    if (e instanceof Unsupported) return { reason: e.message };
    throw e;
  }
}
