/**
 * The project's one content hash: SHA-256 in hex, of bytes, text or a file. Caches, run keys
 * and manifests all use it, so equal contents give equal keys everywhere.
 */
import { createHash, type Hash } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * The SHA-256 of bytes or UTF-8 text, in hex.
 * @example sha256("") // => "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
 */
export function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * The SHA-256 of a file's bytes.
 * @throws the fs error when the file cannot be read.
 * @example hashFile("data/survey.csv").length // => 64
 */
export function hashFile(file: string): string {
  return sha256(readFileSync(file));
}

/**
 * A SHA-256 to feed in parts (for hashes over many files); `.digest("hex")` ends it.
 * @example hasher().update("a").update("b").digest("hex") === sha256("ab") // => true
 */
export function hasher(): Hash {
  return createHash("sha256");
}
