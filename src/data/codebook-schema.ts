/**
 * The shape of a codebook, checked when it is loaded: every key the code relies on, with its
 * type, and every name one part gives another (a variable's scale, a grouping's variable, a
 * figure's items). A broken codebook gives one message naming the file and the key, e.g.
 * `data/codebook.json: key "scales" is missing (expected an object of value scales)`, instead
 * of a TypeError deep inside a figure.
 */

/** One thing wrong with a codebook: the key path and what was expected there. */
export interface SchemaProblem {
  key: string;
  expected: string;
  found: string;
}

type Check = (value: unknown, key: string, out: SchemaProblem[]) => void;

const kindOf = (v: unknown): string =>
  v === undefined
    ? "missing"
    : v === null
      ? "null"
      : Array.isArray(v)
        ? "an array"
        : typeof v === "object"
          ? "an object"
          : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const fail = (out: SchemaProblem[], key: string, expected: string, value: unknown): void =>
  void out.push({ key, expected, found: kindOf(value) });

const text: Check = (v, key, out) => {
  if (typeof v !== "string") fail(out, key, "a text", v);
};
const integer: Check = (v, key, out) => {
  if (!Number.isInteger(v)) fail(out, key, "a whole number", v);
};
const oneOf =
  (...allowed: string[]): Check =>
  (v, key, out) => {
    if (typeof v !== "string" || !allowed.includes(v)) fail(out, key, `one of ${allowed.join(", ")}`, v);
  };
const label: Check = (v, key, out) => {
  if (!isObject(v)) return fail(out, key, 'a label {"de": …, "en": …}', v);
  text(v.de, `${key}.de`, out);
  text(v.en, `${key}.en`, out);
};
const listOf =
  (item: Check, what: string): Check =>
  (v, key, out) => {
    if (!Array.isArray(v)) return fail(out, key, `an array of ${what}`, v);
    v.forEach((x, i) => item(x, `${key}[${i}]`, out));
  };
const mapOf =
  (item: Check, what: string): Check =>
  (v, key, out) => {
    if (!isObject(v)) return fail(out, key, `an object of ${what}`, v);
    for (const [k, x] of Object.entries(v)) item(x, `${key}.${k}`, out);
  };
/** An object with required (`name`) and optional (`name?`) fields. */
const record =
  (fields: Record<string, Check>, what: string): Check =>
  (v, key, out) => {
    if (!isObject(v)) return fail(out, key, what, v);
    for (const [spec, check] of Object.entries(fields)) {
      const name = spec.replace(/\?$/, "");
      if (spec.endsWith("?") && v[name] === undefined) continue;
      check(v[name], `${key}.${name}`, out);
    }
  };

const scaleValue = record({ code: integer, key: text, label }, "a scale value {code, key, label}");
const scale = record(
  {
    type: oneOf("ordinal", "nominal", "binary"),
    values: listOf(scaleValue, "scale values"),
    "neutral?": integer,
    "top2?": listOf(integer, "codes"),
    "bottom2?": listOf(integer, "codes"),
  },
  "a value scale {type, values}",
);
const missingCode = record({ code: integer, key: text, label }, "a missing code {code, key, label}");
const grouping = record(
  {
    variable: text,
    label,
    groups: listOf(
      record({ key: text, codes: listOf(integer, "codes"), label }, "a group {key, codes, label}"),
      "groups",
    ),
  },
  "a grouping {variable, label, groups}",
);
const variable = record(
  {
    name: text,
    type: oneOf("id", "single", "likert", "multiple", "count"),
    "scale?": text,
    question: label,
    "short?": label,
    "note?": label,
    "figures?": listOf(text, "figure ids"),
    "missing?": listOf(integer, "codes"),
  },
  "a variable {name, type, question}",
);
const figure = record(
  {
    id: text,
    number: label,
    caption: label,
    "short?": label,
    kind: oneOf("likert", "likert-by-group", "grid", "multiple", "multiple-by-group"),
    "items?": listOf(text, "variable names"),
    "grid?": text,
    "groupBy?": text,
    base: mapOf(listOf(integer, "codes"), "variables and their codes"),
    chapter: text,
    source: label,
  },
  "a figure {id, number, caption, kind, base, chapter, source}",
);

const codebook = record(
  {
    title: label,
    version: text,
    scales: mapOf(scale, "value scales"),
    missing: listOf(missingCode, "missing codes"),
    groupings: mapOf(grouping, "groupings"),
    grids: mapOf(record({ question: label }, "a grid {question}"), "grids"),
    variables: listOf(variable, "variables"),
    figures: listOf(figure, "figures"),
    ui: mapOf(label, "labels"),
  },
  "a codebook object",
);

/** Names one part of the codebook gives another that must exist. */
function references(cb: Record<string, unknown>, out: SchemaProblem[]): void {
  const scales = cb.scales as Record<string, unknown>;
  const variables = cb.variables as { name: string; scale?: string }[];
  const names = new Set(variables.map((v) => v.name));
  variables.forEach((v, i) => {
    if (v.scale !== undefined && !(v.scale in scales))
      out.push({
        key: `variables[${i}].scale`,
        expected: `a scale of "scales" (${Object.keys(scales).join(", ")})`,
        found: `"${v.scale}"`,
      });
  });
  for (const [k, g] of Object.entries(cb.groupings as Record<string, { variable: string }>))
    if (!names.has(g.variable))
      out.push({ key: `groupings.${k}.variable`, expected: 'a variable of "variables"', found: `"${g.variable}"` });
  (cb.figures as { items?: string[]; groupBy?: string; base: Record<string, unknown> }[]).forEach((f, i) => {
    for (const [j, item] of (f.items ?? []).entries())
      if (!names.has(item))
        out.push({ key: `figures[${i}].items[${j}]`, expected: 'a variable of "variables"', found: `"${item}"` });
    if (f.groupBy !== undefined && !((f.groupBy as string) in (cb.groupings as object)))
      out.push({ key: `figures[${i}].groupBy`, expected: 'a grouping of "groupings"', found: `"${f.groupBy}"` });
    for (const v of Object.keys(f.base))
      if (!names.has(v))
        out.push({ key: `figures[${i}].base.${v}`, expected: 'a variable of "variables"', found: `"${v}"` });
  });
}

/**
 * Everything wrong with the shape of a parsed codebook (empty when it is fine).
 * @param value - the parsed JSON.
 * @example codebookProblems({ ...codebook, scales: undefined })[0] // => { key: "scales", expected: "an object of value scales", found: "missing" }
 */
export function codebookProblems(value: unknown): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  codebook(value, "", out);
  for (const p of out) p.key = p.key.replace(/^\./, "");
  if (!out.length) references(value as Record<string, unknown>, out);
  return out;
}

/**
 * One line for a problem.
 * @example schemaMessage({ key: "scales", expected: "an object of value scales", found: "missing" })
 * // => 'key "scales" is missing (expected an object of value scales)'
 */
export function schemaMessage(p: SchemaProblem): string {
  return p.found === "missing"
    ? `key "${p.key}" is missing (expected ${p.expected})`
    : `key "${p.key}" is ${p.found}, expected ${p.expected}`;
}
