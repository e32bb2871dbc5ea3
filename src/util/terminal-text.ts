/**
 * Text that reaches a terminal: names and messages taken from files (notebook names, cell
 * errors, data cells) are shown with their control characters escaped and clipped to a length,
 * so that they cannot move the cursor, retitle or clear the terminal, flood it, start a line of
 * their own, or turn the order of what follows around.
 */

/**
 * The characters {@link visible} escapes: C0 and C1 controls (but line feed and tab), the line
 * and paragraph separators U+2028/U+2029 (a new line in many viewers), zero-width characters
 * (U+200B–U+200D, U+2060–U+2064, U+FEFF: invisible text), and the bidirectional marks,
 * embeddings, overrides and isolates (U+061C, U+200E/U+200F, U+202A–U+202E, U+2066–U+2069).
 */
const HIDDEN =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Writes control characters (except line breaks and tabs), line and paragraph separators,
 * zero-width characters and bidirectional marks as \\u escapes, so that text from a data file
 * cannot move the cursor, retitle or clear the terminal, hide text or reorder a line.
 * @param text - any text.
 * @returns the text with every such character replaced by its `\uXXXX` escape.
 * @example visible("a\u001b[2Jb\u202e") // => "a\\u001b[2Jb\\u202e"
 */
export function visible(text: string): string {
  return text.replace(HIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Text on one line: {@link visible}, and line breaks and tabs shown as `\n`, `\r` and `\t`, so that
 * a value from a file cannot print a line of its own inside a message.
 * @example oneLine("a\nb\u2028c") // => "a\\nb\\u2028c"
 */
export function oneLine(text: string): string {
  return visible(text.replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t"));
}

/**
 * One line for a terminal: {@link oneLine}, clipped to `max` characters with an ellipsis.
 * @param text - any text.
 * @param max - the longest result, in characters (default 200).
 * @example terminalLine("a\nb\u001b[2J", 8) // => "a\\nb\\u0…"
 */
export function terminalLine(text: string, max = 200): string {
  const one = oneLine(text);
  return one.length > max ? `${one.slice(0, Math.max(0, max - 1))}…` : one;
}
