/**
 * Reading an answer as a student types it: `10,3` or `10.3`, `10,3 %`, `"10.3"`, `45,8 − 35,5`,
 * `7e-5` or `7·10^-5`, `< 0,001`, `ja`/`nein`/`true`/`false`, a letter `b` or `(b)`, or a
 * number or boolean passed as such. Nothing is evaluated as code: a small arithmetic reader
 * takes numbers joined by + − × / and brackets.
 */

/** What an answer says, as far as it can be read. */
export interface ParsedAnswer {
  /** The answer as typed, trimmed ("" when there is none). */
  raw: string;
  /** No answer at all (null, undefined, an empty string). */
  empty: boolean;
  /** The number it gives (a calculation evaluated); null when it holds none. */
  value: number | null;
  /** Typed with a percent sign or the word Prozent/percent. */
  percent: boolean;
  /** Typed as a bound ("< 0,001"): the number is a limit, not a value. */
  bound: "<" | ">" | null;
  /** Decimals typed in the number (null when the answer was not one plain number). */
  decimals: number | null;
  /** A yes or no (ja/nein, yes/no, true/false, wahr/falsch); null when it holds none. */
  yesNo: boolean | null;
  /** A choice "a" … "f" when the whole answer is one letter; null otherwise. */
  letter: string | null;
}

const YES = new Set(["ja", "yes", "true", "wahr"]);
const NO = new Set(["nein", "no", "false", "falsch"]);
const SUPERSCRIPT: Record<string, string> = {
  "⁻": "-",
  "⁰": "0",
  "¹": "1",
  "²": "2",
  "³": "3",
  "⁴": "4",
  "⁵": "5",
  "⁶": "6",
  "⁷": "7",
  "⁸": "8",
  "⁹": "9",
};

/**
 * Reads an answer (see the module comment for what is understood).
 * @example parseAnswer("10,3 %") // => { raw: "10,3 %", empty: false, value: 10.3, percent: true, bound: null, decimals: 1, yesNo: null, letter: null }
 */
export function parseAnswer(answer: unknown): ParsedAnswer {
  const none: ParsedAnswer = {
    raw: "",
    empty: true,
    value: null,
    percent: false,
    bound: null,
    decimals: null,
    yesNo: null,
    letter: null,
  };
  if (answer === null || answer === undefined) return none;
  if (typeof answer === "boolean") return { ...none, raw: String(answer), empty: false, yesNo: answer };
  if (typeof answer === "number") {
    const typed = String(answer);
    return {
      ...none,
      raw: typed,
      empty: false,
      value: answer,
      decimals: Number.isFinite(answer) ? (typed.split(".")[1]?.length ?? 0) : null,
    };
  }
  const raw = String(answer)
    .trim()
    .replace(/^["'„“”‚‘’`]+|["'„“”‚‘’`]+$/g, "")
    .trim();
  if (!raw) return { ...none, raw };
  return { ...none, raw, empty: false, ...readText(raw) };
}

function readText(raw: string): Partial<ParsedAnswer> {
  const lower = raw.toLowerCase();
  const letter = /^(?:(?:antwort|answer|option)\s*)?\(?([a-f])\)?[.):]?$/.exec(lower)?.[1] ?? null;
  if (letter) return { letter };
  const words = lower.split(/[^a-zäöüß]+/).filter(Boolean);
  const yes = words.some((w) => YES.has(w));
  const no = words.some((w) => NO.has(w));
  const yesNo = yes === no ? null : yes;
  let text = lower
    .replace(/[−–]/g, "-")
    .replace(/[×·]/g, "*")
    .replace(/≤/g, "<")
    .replace(/≥/g, ">")
    .replace(/[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (s) => `^${[...s].map((c) => SUPERSCRIPT[c]).join("")}`);
  const percent = /%|prozent\b|percent\b/.test(text);
  text = text
    .replace(/prozentpunkte?n?|percentage points?|pp\.?|prozent|percent|%/g, " ")
    .replace(/(\d)\s*\*\s*10\s*\^\s*\(?\s*([-+]?\d+)\s*\)?/g, "$1e$2");
  const bound = /(^|[\s(=,:;])([<>])\s*=?\s*[-+]?\d/.exec(text)?.[2] as "<" | ">" | undefined;
  const expression = /[-+(]*\s*\d[\d.,]*(?:e[-+]?\d+)?(?:\s*[-+*/()]+\s*\(*\s*\d[\d.,]*(?:e[-+]?\d+)?\)*)*/.exec(
    text,
  )?.[0];
  if (!expression) return { yesNo };
  const value = evaluate(expression);
  const plain = /^\s*[-+]?\d[\d.,]*\s*$/.test(expression);
  const fraction = /[.,](\d+)\s*$/.exec(expression)?.[1];
  return {
    yesNo,
    value: Number.isFinite(value) ? value : null,
    percent,
    bound: bound ?? null,
    decimals: plain && Number.isFinite(value) ? (fraction?.length ?? 0) : null,
  };
}

/** One number as typed: a decimal comma or point; "1.323,5" and "1,323.5" with thousands. */
function numberOf(token: string): number {
  const [mantissa, exponent] = token.replace(/[.,]+$/, "").split("e");
  let m = mantissa!;
  if (m.includes(",") && m.includes(".")) {
    m = m.lastIndexOf(",") > m.lastIndexOf(".") ? m.replace(/\./g, "").replace(",", ".") : m.replace(/,/g, "");
  } else if ((m.match(/,/g) ?? []).length === 1) m = m.replace(",", ".");
  if (!/^\d*\.?\d+$|^\d+\.$/.test(m)) return NaN;
  return Number(m) * (exponent === undefined ? 1 : 10 ** Number(exponent));
}

/** Evaluates numbers joined by + − * / with brackets (a recursive-descent reader). */
function evaluate(expression: string): number {
  const tokens = expression.match(/\d[\d.,]*(?:e[-+]?\d+)?|[-+*/()]/g) ?? [];
  let i = 0;
  const factor = (): number => {
    const t = tokens[i++];
    if (t === "-") return -factor();
    if (t === "+") return factor();
    if (t === "(") {
      const v = sum();
      if (tokens[i] === ")") i++;
      return v;
    }
    return t === undefined ? NaN : numberOf(t);
  };
  const product = (): number => {
    let v = factor();
    while (tokens[i] === "*" || tokens[i] === "/") v = tokens[i++] === "*" ? v * factor() : v / factor();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[i] === "+" || tokens[i] === "-") v = tokens[i++] === "+" ? v + product() : v - product();
    return v;
  };
  const v = sum();
  return i === tokens.length ? v : NaN;
}
