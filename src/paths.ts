/**
 * Every path the project uses, resolved from the project root so that commands work from any
 * working directory and outputs never contain absolute paths of their own.
 */
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "src", "paths.ts"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`project root not found above ${start}`);
    dir = up;
  }
}

/** Absolute path of the project root (the folder holding package.json). */
export const projectRoot: string = findRoot(dirname(fileURLToPath(import.meta.url)));

export const paths = {
  root: projectRoot,
  data: join(projectRoot, "data"),
  survey: join(projectRoot, "data", "survey.csv"),
  codebook: join(projectRoot, "data", "codebook.json"),
  published: join(projectRoot, "data", "published"),
  assumptions: join(projectRoot, "data", "assumptions.json"),
  notebooks: join(projectRoot, "notebooks"),
  output: join(projectRoot, "output"),
  plotlyBundle: join(projectRoot, "node_modules", "plotly.js-dist-min", "plotly.min.js"),
  tslabBin: join(projectRoot, "node_modules", ".bin", "tslab"),
} as const;

/** Resolves a path given on the command line against the current directory. */
export function resolveUserPath(p: string): string {
  return resolve(process.cwd(), p);
}

/**
 * How a file is named in messages: relative to the project root when inside it, so that
 * outputs never carry an absolute path of this machine.
 * @example displayPath(paths.survey) // => "data/survey.csv"
 */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(projectRoot, file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split("\\").join("/") : file;
}
