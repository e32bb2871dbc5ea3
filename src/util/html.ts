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

const SAFE = Symbol("interspin.safeHtml");

/** Markup that is safe to put into a page as it is: made by {@link html}, or marked by {@link raw}. */
export interface Html {
  readonly [SAFE]: true;
  /** The markup. */
  readonly text: string;
  toString(): string;
}

function safe(text: string): Html {
  return { [SAFE]: true, text, toString: () => text };
}

/** Whether a value is markup made by {@link html} or {@link raw}. */
export function isHtml(value: unknown): value is Html {
  return typeof value === "object" && value !== null && (value as Html)[SAFE] === true;
}

/**
 * Marks markup as safe without escaping it: only for markup the project writes itself (a
 * renderer's output, a stylesheet, a script of its own), never for data or labels.
 * @example html`<p>${raw("<b>x</b>")}</p>`.text // => "<p><b>x</b></p>"
 */
export function raw(markup: string): Html {
  return safe(markup);
}

function part(value: unknown): string {
  if (value === null || value === undefined || value === false) return "";
  if (isHtml(value)) return value.text;
  if (Array.isArray(value)) return value.map(part).join("");
  return escapeHtml(value);
}

/**
 * HTML from a template: every interpolated value is escaped, except markup made by `html` itself
 * or marked with {@link raw}; an array is its parts joined; null, undefined and false are nothing.
 * @example html`<p title="${'"x"'}">${"<b>"}</p>`.text // => '<p title="&quot;x&quot;">&lt;b&gt;</p>'
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1]!;
  return safe(out);
}

/**
 * Joins parts of markup with a separator (the separator is markup of the caller's own).
 * @example joinHtml([html`<b>a</b>`, "<"], ", ").text // => "<b>a</b>, &lt;"
 */
export function joinHtml(parts: readonly unknown[], separator = ""): Html {
  return safe(parts.map(part).join(separator));
}
