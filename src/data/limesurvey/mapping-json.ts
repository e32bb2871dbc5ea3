/**
 * A mapping written as data/limesurvey/mapping.example.json is: one answer set and one variable
 * a line, keys in the order given (JSON objects would put "0", "1", "2" before "Y").
 */

/** A variable's entry in the order it is written: column, answers (a set's name or code → value pairs), the rest. */
export interface OrderedVariable {
  column: string;
  answers?: string | Array<[string, number]>;
  employees?: true;
  comment: string;
}

/** The mapping in the order `mappingJson` writes it. */
export interface OrderedMapping {
  description: string;
  answerSets: Array<[string, Array<[string, number]>]>;
  variables: Array<[string, OrderedVariable]>;
}

const inline = (pairs: Array<[string, unknown]>): string =>
  pairs.length ? `{ ${pairs.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")} }` : "{}";

/**
 * The mapping as JSON, one answer set and one variable a line, as data/limesurvey/mapping.example.json is written.
 * @example mappingJson(initMapping(structure, cb, "s.lss").mapping).split("\n")[0] // => "{"
 */
export function mappingJson(m: OrderedMapping): string {
  const lines = [
    "{",
    `  "description": ${JSON.stringify(m.description)},`,
    '  "id": { "column": "id", "prefix": "R", "pad": 3 },',
    '  "completed": "submitdate",',
    '  "missing": { "values": ["", "N/A"], "code": -9 },',
    '  "answerSets": {',
    ...m.answerSets.map(
      ([name, t], i) => `    ${JSON.stringify(name)}: ${inline(t)}${i < m.answerSets.length - 1 ? "," : ""}`,
    ),
    "  },",
    '  "variables": {',
    ...m.variables.map(([name, v], i) => {
      const parts: Array<[string, unknown]> = [["column", v.column]];
      if (v.employees) parts.push(["employees", true]);
      const answers =
        v.answers === undefined
          ? ""
          : `, "answers": ${typeof v.answers === "string" ? JSON.stringify(v.answers) : inline(v.answers)}`;
      return `    ${JSON.stringify(name)}: { ${parts.map(([k, x]) => `${JSON.stringify(k)}: ${JSON.stringify(x)}`).join(", ")}${answers}, "comment": ${JSON.stringify(v.comment)} }${i < m.variables.length - 1 ? "," : ""}`;
    }),
    "  }",
    "}",
  ];
  return `${lines.join("\n")}\n`;
}
