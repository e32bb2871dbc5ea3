/**
 * Notes of the verification in words: each part is the codebook UI text `ui[key]` in the
 * reader's language with its placeholders filled; parts are joined by "; ". Numbers and code-like
 * values take the language's decimal mark, so a German note has "42,4" where the English has "42.4".
 */
import { loadCodebook, type Codebook, type Lang } from "../data/codebook.js";
import { fill } from "../figures/common/layout.js";
import type { NoteParam, NotePart } from "../util/note.js";
import { InterspinError } from "../util/errors.js";

/** Raised for a note part whose key has no codebook text. */
export class NoteKeyError extends InterspinError {
  override name = "NoteKeyError";
}

const decimalMark = (s: string, lang: Lang): string => (lang === "de" ? s.replace(/(\d)\.(\d)/g, "$1,$2") : s);

function param(p: NoteParam, lang: Lang, cb: Codebook): string {
  if (typeof p === "number") return decimalMark(String(p), lang);
  if (typeof p === "string") return decimalMark(p, lang);
  return partText(p, lang, cb);
}

function partText(part: NotePart, lang: Lang, cb: Codebook): string {
  const text = cb.ui[part.key]?.[lang];
  if (text === undefined) throw new NoteKeyError(`no codebook text ui.${part.key} (${lang}) for a verification note`);
  return fill(text, Object.fromEntries(Object.entries(part.params ?? {}).map(([k, v]) => [k, param(v, lang, cb)])));
}

/**
 * A note in `lang`: its parts' texts joined by "; " (empty for no parts).
 * @throws NoteKeyError when a part's key has no `ui[key]` text
 * @example noteText([{ key: "note_sharesSuppressed", params: { k: 5 } }], "de") // => "Anteile unterdrückt (< 5 Befragte)"
 */
export function noteText(parts: readonly NotePart[], lang: Lang, cb: Codebook = loadCodebook()): string {
  return parts.map((p) => partText(p, lang, cb)).join("; ");
}
