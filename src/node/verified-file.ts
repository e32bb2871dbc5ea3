/**
 * Cache entries stored with the SHA-256 of their bytes and checked on every read (executed
 * notebooks, figure renderings, PDFs): an entry whose bytes were edited, swapped for another's
 * or cut short is discarded and made again, never used. An entry is one file: a first line
 * `interspin-cache sha256:<hex>` and then the bytes, written atomically.
 */
import { readFileSync, rmSync } from "node:fs";
import { writeFileAtomic } from "./atomic-write.js";
import { sha256 } from "./hash.js";

const HEADER = "interspin-cache sha256:";
const HEADER_BYTES = HEADER.length + 64 + 1;

/**
 * Stores `content` at `file` with the hash of its bytes.
 * @example writeVerified("output/.cache/pdf/ab.pdf", bytes) // => undefined
 */
export function writeVerified(file: string, content: Uint8Array | string): void {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  writeFileAtomic(file, Buffer.concat([Buffer.from(`${HEADER}${sha256(bytes)}\n`, "latin1"), bytes]));
}

/** What {@link readVerified} found. */
export type VerifiedRead =
  | { status: "ok"; bytes: Buffer }
  | { status: "missing" }
  /** The entry did not match its hash (or had none); it was removed. */
  | { status: "damaged" };

/**
 * The bytes stored at `file` when they match their recorded hash. A damaged entry is removed
 * (so that it is made again), and said so in the result.
 * @example readVerified("output/.cache/pdf/none.pdf").status // => "missing"
 */
export function readVerified(file: string): VerifiedRead {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    return { status: "missing" };
  }
  const head = raw.subarray(0, HEADER_BYTES).toString("latin1");
  const bytes = raw.subarray(HEADER_BYTES);
  if (head.startsWith(HEADER) && head.endsWith("\n") && head.slice(HEADER.length, -1) === sha256(bytes))
    return { status: "ok", bytes };
  rmSync(file, { force: true });
  return { status: "damaged" };
}
