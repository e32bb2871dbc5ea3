/**
 * The book's stylesheets and browser scripts, kept as files beside the code
 * (`src/book/assets/*.css`, `*.js`) and inlined into every page when the book is written.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../paths.js";

/** Where the assets live. */
export const BOOK_ASSETS = join(paths.root, "src", "book", "assets");

const read = new Map<string, string>();

/**
 * The text of an asset, read once per process.
 * @throws the fs error when the asset is missing (a broken checkout).
 * @example bookAsset("print.css").includes("@page") // => true
 */
export function bookAsset(name: string): string {
  let text = read.get(name);
  if (text === undefined) {
    text = readFileSync(join(BOOK_ASSETS, name), "utf8");
    read.set(name, text);
  }
  return text;
}
