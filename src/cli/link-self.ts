/**
 * Makes the package importable by its own name from notebooks: tslab resolves modules the
 * classic Node way (node_modules folders), which knows no self-reference, so the install step
 * links `node_modules/interspin-notebooks` to the project root. Run by `npm install`/`npm ci`.
 */
import { lstatSync, readlinkSync, rmSync, symlinkSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../paths.js";

const link = join(paths.root, "node_modules", "interspin-notebooks");
let current: string | null = null;
try {
  current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : "not a link";
} catch {
  current = null;
}
if (current !== "..") {
  if (current !== null) rmSync(link, { recursive: true, force: true });
  mkdirSync(join(paths.root, "node_modules"), { recursive: true });
  symlinkSync("..", link, "dir");
}
