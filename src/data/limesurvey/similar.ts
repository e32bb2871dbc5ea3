/**
 * How alike two texts are, for matching a survey's texts with the codebook's: Dice's
 * coefficient of character bigrams after folding case, accents and punctuation. 1 for texts
 * equal in that form, 0 for texts without a common bigram.
 */
import { plain } from "./text.js";

/**
 * The text in the form compared: flattened, lower case, without accents and punctuation.
 * @example folded("Trifft voll zu!") // => "trifft voll zu"
 */
export function folded(text: string): string {
  return plain(text)
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// Texts are compared many times over (every variable with every column): keep their bigrams.
const cache = new Map<string, Map<string, number>>();

function bigramsOf(text: string): Map<string, number> {
  let b = cache.get(text);
  if (!b) {
    if (cache.size > 10_000) cache.clear();
    b = bigrams(folded(text));
    cache.set(text, b);
  }
  return b;
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const t = ` ${s} `;
  for (let i = 0; i < t.length - 1; i++) out.set(t.slice(i, i + 2), (out.get(t.slice(i, i + 2)) ?? 0) + 1);
  return out;
}

/**
 * Dice's coefficient of the two texts' character bigrams, from 0 to 1.
 * O(length of the texts).
 * @example similarity("Trifft voll zu", "trifft voll zu.") // => 1
 */
export function similarity(a: string, b: string): number {
  if (a === b) return folded(a) === "" ? 0 : 1;
  const bx = bigramsOf(a);
  const by = bigramsOf(b);
  if (bx.size === 0 || by.size === 0) return 0;
  let common = 0;
  let total = 0;
  for (const [g, n] of bx) {
    common += Math.min(n, by.get(g) ?? 0);
    total += n;
  }
  for (const n of by.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}
