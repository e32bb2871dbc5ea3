/**
 * Text that reaches a terminal: names and messages taken from files (notebook names, cell
 * errors, data cells) are shown with their control characters escaped and clipped to a length,
 * so that they cannot move the cursor, retitle or clear the terminal, or flood it.
 */

/**
 * Writes control characters (except line breaks and tabs) and bidirectional overrides as \\u
 * escapes, so that text from a data file cannot move the cursor, retitle or clear the terminal.
 * @param text - any text.
 * @returns the text with every such character replaced by its `\uXXXX` escape.
 * @example visible("a\u001b[2Jb") // => "a\\u001b[2Jb"
 */
export function visible(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * One line for a terminal: control characters escaped, line breaks and tabs shown as `\n` and
 * `\t`, and clipped to `max` characters with an ellipsis.
 * @param text - any text.
 * @param max - the longest result, in characters (default 200).
 * @example terminalLine("a\nb\u001b[2J", 8) // => "a\\nb\\u001…"
 */
export function terminalLine(text: string, max = 200): string {
  const one = visible(text).replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  return one.length > max ? `${one.slice(0, Math.max(0, max - 1))}…` : one;
}
