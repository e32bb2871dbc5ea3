/**
 * Showing a cell or a text in a message so that what cannot be seen can be read: a no-break
 * space, a tab, a zero-width space or a line break are written as `\u00a0`, `\t`, `\u200b`,
 * `\n`, so that "Ja\u00a0" and "Ja " no longer look alike.
 */

// C0/C1 controls, no-break and other special spaces, zero-width characters, bidi marks, BOM
const INVISIBLE = /[\u0000-\u001f\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * The text with every invisible or space-like character other than the plain space escaped.
 * @example escapeInvisible("Ja\u00a0") // => "Ja\\u00a0"
 */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A value in double quotes for a message, clipped to `max` characters, invisible characters escaped.
 * @example shown("Trifft\u00a0voll zu") // => '"Trifft\\u00a0voll zu"'
 */
export function shown(value: string, max = 60): string {
  const clipped = value.length > max ? `${value.slice(0, max)}…` : value;
  return `"${escapeInvisible(clipped)}"`;
}
