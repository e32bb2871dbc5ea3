/**
 * Papermill-style parameters for TypeScript notebooks. The cell tagged `parameters` declares
 * defaults with `let` (`let lang = "de";`); a new cell tagged `injected-parameters` is
 * inserted after it that reassigns them (`{ lang = "en"; }`), so the defaults stay visible and
 * the cell after them sees the run's values.
 */
import { ParameterError } from "./errors.js";
import { cellId, notebookKey, type CodeCell, type Notebook } from "./nbformat.js";

/** Values a notebook can be parameterised with (anything JSON can represent). */
export type NotebookParameters = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const DECLARATION = /\b(let|var|const)\s+([A-Za-z_$][\w$]*)/g;

/**
 * The names the parameters cell declares, with the keyword that declares them.
 * @example declaredParameters('let lang = "de";\nconst year = 2021;') // => Map { "lang" => "let", "year" => "const" }
 */
export function declaredParameters(source: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of source.matchAll(DECLARATION)) if (!names.has(m[2]!)) names.set(m[2]!, m[1]!);
  return names;
}

/**
 * Returns a copy of the notebook with an `injected-parameters` cell after the `parameters`
 * cell (replacing one from an earlier run) and the values in `metadata.papermill.parameters`.
 * @param notebook - the notebook to parameterise.
 * @param parameters - name → value; values are written with JSON.stringify.
 * @param file - the notebook's path (for messages and the new cell's id).
 * @throws {ParameterError} when no cell is tagged `parameters`, a name is not declared there
 *   with `let`/`var`, or a value cannot be written as JSON.
 * @example injectParameters(nb, { lang: "en" }, "notebooks/a.ipynb").cells[2].source
 * // => '// Injected parameters: the values of this run, in place of the defaults above\n{\n  lang = "en";\n}\n'
 */
export function injectParameters(notebook: Notebook, parameters: NotebookParameters, file: string): Notebook {
  const cells = notebook.cells.filter((c) => !hasTag(c.metadata, "injected-parameters"));
  const at = cells.findIndex((c) => c.cell_type === "code" && hasTag(c.metadata, "parameters"));
  if (at < 0) throw new ParameterError(file, 'no code cell is tagged "parameters"');
  const declared = declaredParameters(cells[at]!.source);
  const lines = Object.entries(parameters).map(([name, value]) => assignment(file, declared, name, value));
  const injected: CodeCell = {
    id: cellId(notebookKey(file), "injected-parameters"),
    cell_type: "code",
    metadata: { tags: ["injected-parameters"] },
    // A block, because tslab echoes the value of a cell's last expression statement.
    source: `${injectedComment(notebook, parameters)}\n{\n${lines.map((l) => `  ${l}\n`).join("")}}\n`,
    execution_count: null,
    outputs: [],
  };
  const papermill = { ...(notebook.metadata.papermill as object | undefined), parameters: { ...parameters } };
  return {
    ...notebook,
    metadata: { ...notebook.metadata, papermill },
    cells: [...cells.slice(0, at + 1), injected, ...cells.slice(at + 1)],
  };
}

/** The injected cell's comment, in the run's language (`lang` among the parameters, else the notebook's). */
function injectedComment(notebook: Notebook, parameters: NotebookParameters): string {
  const lang = parameters.lang ?? (notebook.metadata.interspin as { lang?: unknown } | undefined)?.lang;
  return lang === "de"
    ? "// Eingefügte Parameter: die Werte dieses Laufs, statt der Vorgaben darüber"
    : "// Injected parameters: the values of this run, in place of the defaults above";
}

function assignment(file: string, declared: Map<string, string>, name: string, value: unknown): string {
  if (!IDENTIFIER.test(name)) throw new ParameterError(file, `"${name}" is not a TypeScript identifier`);
  const kind = declared.get(name);
  const known = [...declared.keys()].join(", ") || "none";
  if (!kind) throw new ParameterError(file, `the parameters cell does not declare "${name}" (it declares: ${known})`);
  if (kind === "const")
    throw new ParameterError(
      file,
      `"${name}" is declared with const in the parameters cell; declare it with let so it can be set`,
    );
  const json = JSON.stringify(value);
  if (json === undefined) throw new ParameterError(file, `the value of "${name}" cannot be written as JSON`);
  return `${name} = ${json};`;
}

function hasTag(metadata: Record<string, unknown>, tag: string): boolean {
  const tags = metadata.tags;
  return Array.isArray(tags) && tags.includes(tag);
}
