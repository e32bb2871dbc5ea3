/**
 * A small XML reader for LimeSurvey's structure files: elements, attributes, text, CDATA,
 * comments and the five named and numeric character references. It runs in a browser as in
 * Node (no built-in module), and refuses a document type declaration rather than expanding
 * entities. Enough for `.lss` files, which LimeSurvey writes with PHP's XMLWriter.
 */
import { InterspinError } from "../../util/errors.js";

/** An element: its name, attributes, child elements and its own text (CDATA included). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's text content, without that of its children. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

/** Raised for text that is not well-formed XML, with the line where reading stopped. */
export class XmlSyntaxError extends InterspinError {
  override name = "XmlSyntaxError";
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * Replaces character references.
 * @example decodeEntities("a &amp; b &#228;") // => "a & b ä"
 */
export function decodeEntities(text: string, line = 0): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlSyntaxError(line, `bad character reference ${whole}`);
      return String.fromCodePoint(code);
    }
    const c = NAMED[ref];
    if (c === undefined) throw new XmlSyntaxError(line, `unknown entity ${whole}`);
    return c;
  });
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ATTR = /\s*([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

/**
 * Parses an XML document into its root element.
 * O(length of the text).
 * @param text - the document (a leading byte-order mark is skipped).
 * @throws XmlSyntaxError naming the line: unclosed or mismatched tags, a DOCTYPE, text after the root.
 * @example parseXml("<a><b>x</b><![CDATA[<y>]]></a>").children[0].text // => "x"
 */
export function parseXml(text: string): XmlElement {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const advance = (to: number): void => {
    for (let k = i; k < to; k++) if (text.charCodeAt(k) === 10) line++;
    i = to;
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const expectEnd = (marker: string, what: string): number => {
    const end = text.indexOf(marker, i);
    if (end === -1) throw new XmlSyntaxError(line, `${what} not closed`);
    return end;
  };
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const chunk = lt === -1 ? text.slice(i) : text.slice(i, lt);
    if (chunk.length) {
      const top = stack.at(-1);
      if (top) top.text += decodeEntities(chunk, line);
      else if (chunk.trim() !== "")
        throw new XmlSyntaxError(line, `text outside the root element: "${chunk.trim().slice(0, 30)}"`);
      advance(lt === -1 ? text.length : lt);
    }
    if (lt === -1) break;
    if (text.startsWith("<!--", i)) {
      advance(expectEnd("-->", "comment") + 3);
    } else if (text.startsWith("<![CDATA[", i)) {
      const end = expectEnd("]]>", "CDATA section");
      const top = stack.at(-1);
      if (!top) throw new XmlSyntaxError(line, "CDATA outside the root element");
      top.text += text.slice(i + 9, end);
      advance(end + 3);
    } else if (text.startsWith("<?", i)) {
      advance(expectEnd("?>", "processing instruction") + 2);
    } else if (text.startsWith("<!", i)) {
      throw new XmlSyntaxError(line, "a document type declaration (<!DOCTYPE …>) is not read");
    } else if (text.startsWith("</", i)) {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(text);
      const top = stack.pop();
      if (!m || !top || m[0] !== top.name)
        throw new XmlSyntaxError(line, `closing tag </${m?.[0] ?? "?"}> does not match <${top?.name ?? "nothing"}>`);
      const gt = expectEnd(">", `closing tag </${m[0]}>`);
      advance(gt + 1);
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(text);
      if (!m) throw new XmlSyntaxError(line, "a '<' that starts no tag");
      const el: XmlElement = { name: m[0], attributes: {}, children: [], text: "", line };
      let k = NAME.lastIndex;
      for (;;) {
        ATTR.lastIndex = k;
        const a = ATTR.exec(text);
        if (!a) break;
        el.attributes[a[1]!] = decodeEntities(a[3] ?? a[4] ?? "", line);
        k = ATTR.lastIndex;
      }
      while (/\s/.test(text[k] ?? "")) k++;
      const selfClosing = text.startsWith("/>", k);
      if (!selfClosing && text[k] !== ">") throw new XmlSyntaxError(line, `tag <${el.name}> is not closed with '>'`);
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else if (root) throw new XmlSyntaxError(line, `a second root element <${el.name}>`);
      else root = el;
      if (!selfClosing) stack.push(el);
      advance(k + (selfClosing ? 2 : 1));
    }
  }
  if (stack.length)
    throw new XmlSyntaxError(line, `<${stack.at(-1)!.name}> (line ${stack.at(-1)!.line}) is not closed`);
  if (!root) throw new XmlSyntaxError(line, "no element");
  return root;
}

/**
 * The first child element of that name.
 * @example child(parseXml("<a><b/></a>"), "b")?.name // => "b"
 */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}
