/**
 * Notebooks in two languages: a Markdown cell holds the German narrative (with a short English
 * summary) as its source, and the full English text in `metadata.interspin.en`; a code cell with
 * comments holds them in German, and the same code with English comments in `metadata.interspin.en`.
 * Stock Jupyter shows the German cell; a run with `lang: "en"` shows the English one.
 */
import type { Notebook } from "./nbformat-types.js";

/** The per-cell metadata of a bilingual cell. */
export interface CellTranslations {
  en?: string;
}

/**
 * Returns a copy of the notebook whose Markdown cells and code comments are in `lang`, noting the
 * language in `metadata.interspin.lang`. German is the stored language; cells without a translation stay.
 * @example localizeNotebook(nb, "en").cells[0].source // => "# 1. Introduction\n…"
 */
export function localizeNotebook(notebook: Notebook, lang: "de" | "en"): Notebook {
  const cells = notebook.cells.map((c) => {
    const en = (c.metadata.interspin as CellTranslations | undefined)?.en;
    return lang === "en" && c.cell_type !== "raw" && typeof en === "string" ? { ...c, source: en } : c;
  });
  return {
    ...notebook,
    cells,
    metadata: { ...notebook.metadata, interspin: { ...(notebook.metadata.interspin as object | undefined), lang } },
  };
}

/**
 * A German Markdown cell without its short English summary (the paragraphs that start with
 * `*English:*`), for readers who have the whole English text elsewhere (the book's English pages).
 * @example withoutEnglishSummary("Text.\n\n*English:* Text.") // => "Text."
 */
export function withoutEnglishSummary(source: string): string {
  return source
    .split(/\n[ \t]*\n/)
    .filter((p) => !/^\s*\*English:\*/.test(p))
    .join("\n\n")
    .trimEnd();
}

/**
 * The code of a cell without its `//` comments (whole-line and trailing), for checking that two
 * language versions of a code cell run the same code.
 * @example codeWithoutComments("// Sprache\nlet lang = \"de\"; // oder en") // => "let lang = \"de\";"
 */
export function codeWithoutComments(source: string): string {
  return source
    .split("\n")
    .map((line) => line.replace(/(^|\s)\/\/.*$/, "").trimEnd())
    .filter((line) => line !== "")
    .join("\n");
}
