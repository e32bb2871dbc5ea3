/**
 * Inflates raw DEFLATE data (RFC 1951), the compression of a ZIP member such as the `.lss` in
 * a LimeSurvey survey archive (`.lsa`). Written here so that an archive is read the same way
 * in Node and in a browser, synchronously and without a dependency. Canonical Huffman codes
 * are decoded by counting codes per length, as in RFC 1951 §3.2.2.
 */
import { InterspinError } from "../../util/errors.js";

/** Raised for data that are not valid DEFLATE. */
export class InflateError extends InterspinError {
  override name = "InflateError";
}

interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function huffman(lengths: Uint8Array | number[], n: number): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < n; i++) counts[lengths[i]!]!++;
  counts[0] = 0;
  const offsets = new Uint16Array(16);
  for (let i = 1; i < 16; i++) offsets[i] = offsets[i - 1]! + counts[i - 1]!;
  const symbols = new Uint16Array(n);
  for (let i = 0; i < n; i++) if (lengths[i]) symbols[offsets[lengths[i]!]!++] = i;
  return { counts, symbols };
}

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const FIXED = (() => {
  const l = new Uint8Array(288);
  l.fill(8, 0, 144);
  l.fill(9, 144, 256);
  l.fill(7, 256, 280);
  l.fill(8, 280, 288);
  return { lit: huffman(l, 288), dist: huffman(new Uint8Array(30).fill(5), 30) };
})();

/**
 * The inflated bytes of raw DEFLATE data.
 * O(output length).
 * @throws InflateError for data that are not valid DEFLATE.
 * @example new TextDecoder().decode(inflateRaw(Uint8Array.of(0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00))) // => "hello"
 */
export function inflateRaw(data: Uint8Array): Uint8Array {
  let pos = 0;
  let bit = 0;
  let out = new Uint8Array(Math.max(1024, data.length * 4));
  let n = 0;
  const need = (extra: number): void => {
    if (n + extra <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, n + extra));
    bigger.set(out.subarray(0, n));
    out = bigger;
  };
  const bits = (count: number): number => {
    let v = 0;
    for (let i = 0; i < count; i++) {
      if (pos >= data.length) throw new InflateError("the compressed data end too early");
      v |= ((data[pos]! >> bit) & 1) << i;
      if (++bit === 8) {
        bit = 0;
        pos++;
      }
    }
    return v;
  };
  const decode = (h: Huffman): number => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const count = h.counts[len]!;
      if (code - count < first) return h.symbols[index + (code - first)]!;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new InflateError("an invalid Huffman code");
  };
  for (let last = 0; !last; ) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      if (bit) {
        bit = 0;
        pos++;
      }
      const len = data[pos]! | (data[pos + 1]! << 8);
      pos += 4;
      if (pos + len > data.length) throw new InflateError("a stored block runs past the end");
      need(len);
      out.set(data.subarray(pos, pos + len), n);
      n += len;
      pos += len;
      continue;
    }
    if (type === 3) throw new InflateError("block type 3 does not exist");
    let lit = FIXED.lit;
    let dist = FIXED.dist;
    if (type === 2) {
      const hlit = bits(5) + 257;
      const hdist = bits(5) + 1;
      const hclen = bits(4) + 4;
      const cl = new Uint8Array(19);
      for (let i = 0; i < hclen; i++) cl[CODE_LENGTH_ORDER[i]!] = bits(3);
      const clh = huffman(cl, 19);
      const lengths = new Uint8Array(hlit + hdist);
      for (let i = 0; i < hlit + hdist; ) {
        const sym = decode(clh);
        if (sym < 16) lengths[i++] = sym;
        else {
          const [repeat, value] =
            sym === 16 ? [3 + bits(2), i ? lengths[i - 1]! : -1] : sym === 17 ? [3 + bits(3), 0] : [11 + bits(7), 0];
          if (value < 0 || i + repeat > lengths.length) throw new InflateError("invalid code lengths");
          lengths.fill(value, i, i + repeat);
          i += repeat;
        }
      }
      lit = huffman(lengths.subarray(0, hlit), hlit);
      dist = huffman(lengths.subarray(hlit), hdist);
    }
    for (;;) {
      const sym = decode(lit);
      if (sym < 256) {
        need(1);
        out[n++] = sym;
      } else if (sym === 256) break;
      else {
        const k = sym - 257;
        if (k >= 29) throw new InflateError("an invalid length code");
        const len = LENGTH_BASE[k]! + bits(LENGTH_EXTRA[k]!);
        const d = decode(dist);
        if (d >= 30) throw new InflateError("an invalid distance code");
        const back = DIST_BASE[d]! + bits(DIST_EXTRA[d]!);
        if (back > n) throw new InflateError("a distance before the start of the data");
        need(len);
        for (let i = 0; i < len; i++, n++) out[n] = out[n - back]!;
      }
    }
  }
  return out.slice(0, n);
}
