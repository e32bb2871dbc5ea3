/**
 * The words of the live page in its language, from the codebook's `ui` section (which the page
 * carries with the book's data): the single source of the book's labels.
 */

/** UI words of one language. */
export interface Words {
  /** The word for a ui key (the key itself when the codebook has none). */
  t(key: string): string;
  /** The word with `{name}` placeholders filled. */
  fill(key: string, values: Record<string, string | number>): string;
}

/**
 * The words of `lang` from a codebook's text.
 * @example wordsOf('{"ui":{"liveRun":{"de":"Ausführen","en":"Run"}}}', "en").t("liveRun") // => "Run"
 */
export function wordsOf(codebookText: string, lang: string): Words {
  const ui = (JSON.parse(codebookText) as { ui: Record<string, Record<string, string>> }).ui;
  const t = (key: string): string => ui[key]?.[lang] ?? key;
  return {
    t,
    fill: (key, values) => t(key).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`)),
  };
}
