/**
 * A note kept as data so that each output can say it in its reader's language: a list of parts,
 * each a codebook UI text (`ui[key]`, mostly `note_…`) with the values of its `{placeholders}`.
 */

/** A value of a placeholder: a number or code-like text (said the same in every language), or a nested part. */
export type NoteParam = string | number | NotePart;

/** One clause of a note: the UI text `ui[key]` filled with `params`. */
export interface NotePart {
  key: string;
  params?: Readonly<Record<string, NoteParam>>;
}

/**
 * A part from a key and its values.
 * @example notePart("note_sharesSuppressed", { k: 5 }) // => { key: "note_sharesSuppressed", params: { k: 5 } }
 */
export const notePart = (key: string, params?: Record<string, NoteParam>): NotePart =>
  params ? { key, params } : { key };
