/**
 * How a value prints in a cell's output, as a Jupyter kernel on Node prints it: `console.log`
 * and a cell's last value go through Node's `util.inspect` (depth 2, lines of at most 80
 * characters, up to three inner levels on one line, long arrays of short items in columns),
 * and `console.table` draws Node's box table. The page runs no Node, so this is the same layout
 * written for the values notebooks print (primitives, arrays, plain and class objects, Map, Set,
 * Date, Error, functions); `test/live/inspect.test.ts` holds it to Node's own output.
 */

interface Context {
  indentationLvl: number;
  currentDepth: number;
  depth: number;
  breakLength: number;
  maxArrayLength: number;
  seen: object[];
}

const COMPACT = 3;
const KEY = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

/**
 * A value as Node's `util.inspect` prints it without colours.
 * @example inspect({ a: [1, 2], b: "x" }) // => "{ a: [ 1, 2 ], b: 'x' }"
 */
export function inspect(
  value: unknown,
  options: { depth?: number; breakLength?: number; maxArrayLength?: number } = {},
): string {
  const ctx: Context = {
    indentationLvl: 0,
    currentDepth: 0,
    depth: options.depth ?? 2,
    breakLength: options.breakLength ?? 80,
    maxArrayLength: options.maxArrayLength ?? 100,
    seen: [],
  };
  return formatValue(ctx, value, 0);
}

/**
 * The arguments of `console.log` as one line of text: strings as they are, `%s %d %i %f %j %o
 * %O %%` in a first string argument filled in, everything else through {@link inspect}.
 * @example formatLog(["n =", 5, [1]]) // => "n = 5 [ 1 ]"
 */
export function formatLog(args: readonly unknown[]): string {
  let rest = [...args];
  let head = "";
  const first = rest[0];
  if (typeof first === "string" && rest.length > 1 && first.includes("%")) {
    let i = 1;
    head = first.replace(/%([sdifjoO%])/g, (whole, c: string) => {
      if (c === "%") return "%";
      if (i >= rest.length) return whole;
      const v = rest[i++];
      switch (c) {
        case "s":
          return typeof v === "string" ? v : typeof v === "object" && v !== null ? inspect(v, { depth: 0 }) : String(v);
        case "d":
        case "i": {
          const n = c === "i" ? Number.parseInt(String(v), 10) : Number(v);
          return Object.is(n, -0) ? "-0" : String(n);
        }
        case "f":
          return String(Number.parseFloat(String(v)));
        case "j":
          return JSON.stringify(v);
        case "o":
          return inspect(v, { depth: 4 });
        default:
          return inspect(v);
      }
    });
    rest = rest.slice(i);
    return [head, ...rest.map((v) => (typeof v === "string" ? v : inspect(v)))].join(" ");
  }
  return rest.map((v) => (typeof v === "string" ? v : inspect(v))).join(" ");
}

function strEscape(s: string): string {
  let quote = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) quote = '"';
    else if (!s.includes("`") && !s.includes("${")) quote = "`";
  }
  const escaped = s.replace(/[\x00-\x1f\x5c']/g, (ch) => {
    if (ch === "'") return quote === "'" ? "\\'" : "'";
    const map: Record<string, string> = {
      "\b": "\\b",
      "\t": "\\t",
      "\n": "\\n",
      "\f": "\\f",
      "\r": "\\r",
      "\\": "\\\\",
    };
    return map[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `${quote}${escaped}${quote}`;
}

function formatPrimitive(value: unknown): string {
  if (typeof value === "string") return strEscape(value);
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  return String(value);
}

/** The name of the nearest constructor with a name on the prototype chain, or null without one. */
function constructorName(obj: object): string | null {
  let o: object | null = obj;
  while (o) {
    const d = Object.getOwnPropertyDescriptor(o, "constructor");
    if (d && typeof d.value === "function" && d.value.name !== "") return d.value.name as string;
    o = Object.getPrototypeOf(o) as object | null;
  }
  return null;
}

function formatValue(ctx: Context, value: unknown, recurseTimes: number): string {
  if (typeof value !== "object" && typeof value !== "function") return formatPrimitive(value);
  if (value === null) return "null";
  if (ctx.seen.includes(value)) return "[Circular *1]";
  return formatRaw(ctx, value, recurseTimes);
}

type Kind = "object" | "array";

function formatRaw(ctx: Context, value: object, recurseTimes: number): string {
  const ctor = constructorName(value);
  const tag = (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  const tagText = typeof tag === "string" && tag !== ctor ? ` [${tag}]` : "";
  let braces: [string, string];
  let kind: Kind = "object";
  let keys: (string | symbol)[];
  let entries: (ctx: Context, depth: number) => string[] = () => [];
  if (Array.isArray(value)) {
    const prefix = ctor !== "Array" ? `${ctor ?? "[Array: null prototype]"}(${value.length}) ` : "";
    keys = Object.keys(value).filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
    braces = [`${prefix}[`, "]"];
    if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
    kind = "array";
    entries = (c, d) => formatArray(c, value, d);
  } else if (value instanceof Map) {
    keys = Object.keys(value);
    braces = [`${ctor ?? "Map"}(${value.size}) {`, "}"];
    if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
    entries = (c, d) => {
      c.indentationLvl += 2;
      const out = [...value].map(([k, v]) => `${formatValue(c, k, d)} => ${formatValue(c, v, d)}`);
      c.indentationLvl -= 2;
      return out;
    };
  } else if (value instanceof Set) {
    keys = Object.keys(value);
    braces = [`${ctor ?? "Set"}(${value.size}) {`, "}"];
    if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
    kind = "array";
    entries = (c, d) => {
      c.indentationLvl += 2;
      const out = [...value].map((v) => formatValue(c, v, d));
      c.indentationLvl -= 2;
      return out;
    };
  } else {
    keys = Object.keys(value);
    braces = ["{", "}"];
    if (typeof value === "function") {
      const name = (value as { name?: string }).name;
      const base = `[${ctor === "AsyncFunction" ? "AsyncFunction" : ctor === null ? "Function (null prototype)" : /^class\s/.test(Function.prototype.toString.call(value)) ? "class" : "Function"}${name ? `: ${name}` : " (anonymous)"}]`;
      if (keys.length === 0) return base;
      braces[0] = `${base} {`;
    } else if (value instanceof Date) {
      const base = Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
      if (keys.length === 0) return base;
      braces[0] = `${base} {`;
    } else if (value instanceof RegExp) {
      const base = String(value);
      if (keys.length === 0) return base;
      braces[0] = `${base} {`;
    } else if (value instanceof Error) {
      const base = value.stack?.includes("\n    at") ? value.stack : `[${String(value)}]`;
      const own = keys.filter((k) => k !== "stack" && k !== "message");
      if (own.length === 0)
        return ctx.indentationLvl ? base.replace(/\n/g, `\n${" ".repeat(ctx.indentationLvl)}`) : base;
      keys = own;
      braces[0] = `${base} {`;
    } else if (ctor === "Object") {
      if (tagText) braces[0] = `Object${tagText} {`;
      if (keys.length === 0) return `${braces[0]}}`;
    } else {
      braces[0] = `${ctor === null ? "[Object: null prototype]" : ctor}${tagText} {`;
      if (keys.length === 0) return `${braces[0]}}`;
    }
  }
  if (recurseTimes > ctx.depth) {
    const name = Array.isArray(value) ? "Array" : (ctor ?? "Object");
    return ctor === null ? `[${name}: null prototype]` : `[${name}]`;
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  const output = entries(ctx, recurseTimes);
  for (const k of keys)
    output.push(formatProperty(ctx, value as Record<string | symbol, unknown>, recurseTimes, k, "object"));
  ctx.seen.pop();
  return reduceToSingleString(ctx, output, braces, kind, recurseTimes, value);
}

function formatArray(ctx: Context, value: unknown[], recurseTimes: number): string[] {
  const len = Math.min(ctx.maxArrayLength, value.length);
  const output: string[] = [];
  let holes = 0;
  const flushHoles = () => {
    if (holes) output.push(`<${holes} empty item${holes > 1 ? "s" : ""}>`);
    holes = 0;
  };
  for (let i = 0; i < len; i++) {
    if (!Object.hasOwn(value, i)) {
      holes++;
      continue;
    }
    flushHoles();
    output.push(formatProperty(ctx, value as unknown as Record<string, unknown>, recurseTimes, String(i), "array"));
  }
  flushHoles();
  const remaining = value.length - len;
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? "s" : ""}`);
  return output;
}

function formatProperty(
  ctx: Context,
  value: Record<string | symbol, unknown>,
  recurseTimes: number,
  key: string | symbol,
  kind: Kind,
): string {
  const desc = Object.getOwnPropertyDescriptor(value, key) ?? { value: value[key], enumerable: true };
  let str: string;
  if (desc.value !== undefined) {
    ctx.indentationLvl += 2;
    str = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= 2;
  } else if (desc.get) str = desc.set ? "[Getter/Setter]" : "[Getter]";
  else if (desc.set) str = "[Setter]";
  else str = "undefined";
  if (kind === "array") return str;
  const name = typeof key === "symbol" ? `[${key.toString()}]` : KEY.test(key) ? key : strEscape(key);
  return `${name}: ${str}`;
}

function isBelowBreakLength(ctx: Context, output: readonly string[], start: number): boolean {
  let total = output.length + start;
  if (total + output.length > ctx.breakLength) return false;
  for (const o of output) {
    total += o.length;
    if (total > ctx.breakLength) return false;
  }
  return true;
}

function reduceToSingleString(
  ctx: Context,
  output: string[],
  braces: [string, string],
  kind: Kind,
  recurseTimes: number,
  value: unknown,
): string {
  const entries = output.length;
  if (kind === "array" && entries > 6)
    output = groupArrayElements(ctx, output, Array.isArray(value) ? value : undefined);
  if (ctx.currentDepth - recurseTimes < COMPACT && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + 10;
    if (isBelowBreakLength(ctx, output, start)) {
      const joined = output.join(", ");
      if (!joined.includes("\n")) return `${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
  return `${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

/** Long arrays of short items in columns, as Node lays them out. */
function groupArrayElements(ctx: Context, output: string[], value: unknown[] | undefined): string[] {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--;
  const separatorSpace = 2;
  const dataLen: number[] = [];
  for (let i = 0; i < outputLength; i++) {
    const len = output[i]!.length;
    dataLen.push(len);
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      COMPACT * 4,
      15,
    );
    if (columns <= 1) return output;
    const maxLineLength: number[] = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) if (dataLen[j]! > lineLength) lineLength = dataLen[j]!;
      maxLineLength.push(lineLength + separatorSpace);
    }
    const numeric =
      value === undefined || output.every((_, i) => typeof value[i] === "number" || typeof value[i] === "bigint");
    const tmp: string[] = [];
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let str = "";
      let j = i;
      for (; j < max - 1; j++) {
        const cell = `${output[j]}, `;
        str += numeric ? cell.padStart(maxLineLength[j - i]!) : cell.padEnd(maxLineLength[j - i]!);
      }
      str += numeric ? output[j]!.padStart(maxLineLength[j - i]! - separatorSpace) : output[j]!;
      tmp.push(str);
    }
    if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]!);
    return tmp;
  }
  return output;
}

/**
 * What `console.table(data)` prints in Node: a box table with an `(index)` column, a column per
 * key met in the rows (in the order met) and a `Values` column for rows that are not objects.
 * @example formatTable([{ a: 1 }]).split("\n")[1] // => "│ (index) │ a │"
 */
export function formatTable(data: unknown): string {
  if (data === null || typeof data !== "object") return formatLog([data]);
  const cell = (v: unknown): string => {
    const depth = v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
    return inspect(v, { depth, maxArrayLength: 3, breakLength: Number.POSITIVE_INFINITY });
  };
  const rows: [string, unknown][] =
    data instanceof Map
      ? [...data].map(([k, v]) => [cell(k), v])
      : Object.keys(data).map((k) => [Array.isArray(data) ? k : k, (data as Record<string, unknown>)[k]]);
  const columns: string[] = [];
  const values: Map<string, string>[] = [];
  let hasValues = false;
  const plain: (string | undefined)[] = [];
  for (const [, row] of rows) {
    const m = new Map<string, string>();
    if (row !== null && typeof row === "object") {
      for (const k of Object.keys(row)) {
        if (!columns.includes(k)) columns.push(k);
        m.set(k, cell((row as Record<string, unknown>)[k]));
      }
      plain.push(undefined);
    } else {
      hasValues = true;
      plain.push(cell(row));
    }
    values.push(m);
  }
  const head = ["(index)", ...columns, ...(hasValues ? ["Values"] : [])];
  const body = rows.map(([index], r) => [
    index,
    ...columns.map((c) => values[r]!.get(c) ?? ""),
    ...(hasValues ? [plain[r] ?? ""] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)) + 2);
  const line = (l: string, m: string, r: string) => `${l}${widths.map((w) => "─".repeat(w)).join(m)}${r}`;
  const row = (cells: string[]) => `│${cells.map((c, i) => ` ${c.padEnd(widths[i]! - 2)} `).join("│")}│`;
  return [line("┌", "┬", "┐"), row(head), line("├", "┼", "┤"), ...body.map(row), line("└", "┴", "┘")].join("\n");
}
