/**
 * `kernel-install`: registers this project's tslab as the Jupyter kernel "tslab", so
 * JupyterLab, VS Code and nbconvert can run the notebooks. Like `tslab install --binary`,
 * it writes a kernel.json whose argv starts with the ABSOLUTE path of the project's own
 * `node_modules/.bin/tslab`, so no PATH setup is needed; unlike it, it needs no Python.
 */
import { mkdirSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { paths } from "../paths.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { stableJson } from "../util/stable-json.js";
import { TSLAB_KERNELSPEC } from "../notebook/nbformat-types.js";

/** The usage text printed by `--help`. */
export const HELP = `Usage: kernel-install [--user | --prefix DIR]

Registers this project's tslab as the Jupyter kernel "${TSLAB_KERNELSPEC.name}" (display name "${TSLAB_KERNELSPEC.display_name}").
The kernelspec starts ${relative(paths.root, paths.tslabBin)} by its absolute path, so Jupyter finds
it without PATH changes. Run it again after moving the project.

Options:
  --user        install for the current user (default): $JUPYTER_DATA_DIR/kernels, else
                ~/.local/share/jupyter/kernels (macOS ~/Library/Jupyter/kernels)
  --prefix DIR  install into DIR/share/jupyter/kernels (e.g. a virtualenv or conda env)
  -h, --help    show this help

Exit codes: 0 installed, 1 could not write, 2 wrong usage.
`;

/**
 * The kernel.json content: tslab's own layout (see tslab's python/install.py) with an absolute binary.
 * @example kernelSpec("/p/node_modules/.bin/tslab").argv // => ["/p/node_modules/.bin/tslab", "kernel", "--config-path", "{connection_file}"]
 */
export function kernelSpec(tslabBin: string = paths.tslabBin): { argv: string[]; display_name: string; language: string } {
  return {
    argv: [tslabBin, "kernel", "--config-path", "{connection_file}"],
    display_name: TSLAB_KERNELSPEC.display_name,
    language: TSLAB_KERNELSPEC.language,
  };
}

/**
 * The per-user kernels folder as Jupyter computes it (jupyter_core's data dir + "kernels").
 * @example userKernelsDir({ JUPYTER_DATA_DIR: "/j" }, "linux", "/home/a") // => "/j/kernels"
 */
export function userKernelsDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.JUPYTER_DATA_DIR) return join(env.JUPYTER_DATA_DIR, "kernels");
  if (platform === "darwin") return join(home, "Library", "Jupyter", "kernels");
  if (platform === "win32") return join(env.APPDATA ?? join(home, "AppData", "Roaming"), "jupyter", "kernels");
  return join(env.XDG_DATA_HOME || join(home, ".local", "share"), "jupyter", "kernels");
}

/**
 * Writes `<kernelsDir>/tslab/kernel.json` and returns its path.
 * @example installKernelSpec("/tmp/k") // => "/tmp/k/tslab/kernel.json"
 */
export function installKernelSpec(kernelsDir: string, tslabBin: string = paths.tslabBin): string {
  const dir = join(kernelsDir, TSLAB_KERNELSPEC.name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "kernel.json");
  writeFileAtomic(file, stableJson(kernelSpec(tslabBin)));
  return file;
}

/**
 * Runs the command with the given arguments (without `node` and the script).
 * @returns the exit code.
 * @example main(["--prefix", "/tmp/env"]) // => 0, writes /tmp/env/share/jupyter/kernels/tslab/kernel.json
 */
export function main(argv: string[], io = { stdout: process.stdout as { write(t: string): unknown }, stderr: process.stderr as { write(t: string): unknown } }): number {
  let values: { help?: boolean; user?: boolean; prefix?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { help: { type: "boolean", short: "h" }, user: { type: "boolean" }, prefix: { type: "string" } },
    }));
  } catch (e) {
    const name = /'([^']+)'/.exec((e as Error).message)?.[1]?.split(" ")[0] ?? "";
    const what = (e as { code?: string }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" ? `option ${name} needs a value` : `unknown option or argument '${name}'`;
    io.stderr.write(`kernel-install: ${what} (see --help)\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.user && values.prefix !== undefined) {
    io.stderr.write("kernel-install: give either --user or --prefix, not both (see --help)\n");
    return 2;
  }
  const kernelsDir = values.prefix !== undefined ? join(resolve(values.prefix), "share", "jupyter", "kernels") : userKernelsDir();
  try {
    const file = installKernelSpec(kernelsDir);
    io.stdout.write(`installed kernel "${TSLAB_KERNELSPEC.name}" (${TSLAB_KERNELSPEC.display_name}): ${file}\n`);
    return 0;
  } catch (e) {
    io.stderr.write(`kernel-install: cannot write the kernelspec into ${kernelsDir}: ${(e as Error).message}\n`);
    return 1;
  }
}

// Run when started as a script (not when imported, e.g. by tests).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
