/**
 * Escaping for HTML output: every text from data or labels passes through here.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML element content and quoted attribute values.
 * @example escapeHtml('<img onerror="x">') // => "&lt;img onerror=&quot;x&quot;&gt;"
 */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * Serialises JSON for embedding inside a `<script type="application/json">` element: `<`, `>`,
 * `&` and line separators become \u escapes so the data can never close the element.
 * @example scriptJson({ a: "</script>" }) // => '{"a":"\\u003c/script\\u003e"}'
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
