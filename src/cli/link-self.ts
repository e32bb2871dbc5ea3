/**
 * Makes the package importable by its own name from notebooks: tslab resolves modules the
 * classic Node way (node_modules folders), which knows no self-reference, so the install step
 * links `node_modules/interspin-notebooks` to the project root. Run by `npm install`/`npm ci`.
 */
import { lstatSync, mkdirSync, readlinkSync, symlinkSync, unlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { paths } from "../paths.js";
import { CliUsageError, EXIT_CODES_HELP, runCli } from "./run-cli.js";
import { InterspinError } from "../util/errors.js";

const link = join(paths.root, "node_modules", "interspin-notebooks");
const shown = relative(process.cwd(), link) || link;

const HELP = `Usage: node dist/src/cli/link-self.js

Links ${shown} to the project folder, so that notebooks import this
package by its name (tslab resolves modules the classic Node way, which knows no
self-reference). Run by npm install and npm ci. A link elsewhere is pointed here; a file or
folder of that name is left as it is and the command stops.

${EXIT_CODES_HELP}`;

runCli(HELP, (args) => {
  if (args.length) throw new CliUsageError(`link-self takes no arguments, got "${args[0]}"`);
  let current: string | null = null;
  try {
    current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : "not a link";
  } catch {
    current = null;
  }
  if (current === "..") return;
  if (current === "not a link")
    throw new InterspinError(
      `${shown} is a file or folder this command did not make; it is left as it is: move it away and run npm install again`,
    );
  if (current !== null) unlinkSync(link);
  mkdirSync(join(paths.root, "node_modules"), { recursive: true });
  symlinkSync("..", link, "dir");
});
