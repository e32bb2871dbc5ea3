/**
 * `kernel-install`: registers this project's tslab as the Jupyter kernel "tslab", so
 * JupyterLab, VS Code and nbconvert can run the notebooks. Like `tslab install --binary`,
 * it writes a kernel.json that starts the project's own `node_modules/.bin/tslab` by its
 * ABSOLUTE path, so no PATH setup is needed; unlike it, it needs no Python, and it starts
 * tslab with the Node binary that ran this command and the kernel's start-up preload
 * (notebook/in-kernel/kernel-compiler.ts), as the headless runner does.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { paths } from "../paths.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { stableJson } from "../util/stable-json.js";
import { TSLAB_KERNELSPEC } from "../notebook/format/nbformat-types.js";
import { preloadArgs } from "../notebook/in-kernel/kernel-compiler.js";
import { InterspinError } from "../util/errors.js";

/** The usage text printed by `--help`. */
export const HELP = `Usage: npm run kernel:install -- [--user | --prefix DIR] [--replace]

Registers this project's tslab as the Jupyter kernel "${TSLAB_KERNELSPEC.name}" (display name "${TSLAB_KERNELSPEC.display_name}"),
the kernel the notebooks name. The kernelspec starts ${relative(paths.root, paths.tslabBin)} by its
absolute path, with this Node binary (${process.execPath}) and the kernel's start-up preload
(${relative(paths.root, fileURLToPath(preloadArgs()[1]!))}), so Jupyter finds it without PATH changes.

A kernelspec "${TSLAB_KERNELSPEC.name}" that this command wrote before (for this or another copy of
the project) is updated. One written by anything else (e.g. a global \`tslab install\`) is left
as it is and the command stops with exit code 1, unless --replace is given; the replaced
kernel.json is then kept beside it as kernel.json.replaced.

After moving or copying the project folder, or after replacing this Node binary, run this
command again: the kernelspec still points to the old folder's tslab (or the old Node), so
Jupyter would fail to start the kernel (or start the old copy's).

Options:
  --user        install for the current user (default): $JUPYTER_DATA_DIR/kernels, else
                ~/.local/share/jupyter/kernels (macOS ~/Library/Jupyter/kernels)
  --prefix DIR  install into DIR/share/jupyter/kernels (e.g. a virtualenv or conda env)
  --replace     replace a kernelspec "${TSLAB_KERNELSPEC.name}" that this command did not write
  -h, --help    show this help

Exit codes: 0 installed or already up to date; 1 not written (see the message); 2 wrong usage;
128 + n stopped by signal n (130 by Ctrl-C).
`;

/** The key in kernel.json's metadata by which this command recognises its own kernelspecs. */
export const OWNER_KEY = "interspin-notebooks";

/**
 * The kernel.json content: tslab's own layout (see tslab's python/install.py), started by an
 * absolute Node binary with the start-up preload, then the absolute tslab script.
 * @example kernelSpec("/p/node_modules/.bin/tslab").argv // => ["/usr/bin/node", "--import", "file:///p/dist/src/notebook/kernel-preload.js", "/p/node_modules/.bin/tslab", "kernel", "--config-path", "{connection_file}"]
 */
export function kernelSpec(
  tslabBin: string = paths.tslabBin,
  projectRoot: string = paths.root,
  node: string = process.execPath,
): { argv: string[]; display_name: string; language: string; metadata: Record<string, unknown> } {
  return {
    argv: [node, ...preloadArgs(), tslabBin, "kernel", "--config-path", "{connection_file}"],
    display_name: TSLAB_KERNELSPEC.display_name,
    language: TSLAB_KERNELSPEC.language,
    metadata: { [OWNER_KEY]: { project: projectRoot } },
  };
}

/** Raised when a kernelspec of the same name exists that this command did not write. */
export class ForeignKernelSpecError extends InterspinError {
  override name = "ForeignKernelSpecError";
  constructor(
    readonly file: string,
    readonly argv: string,
  ) {
    super(
      `a kernelspec "${TSLAB_KERNELSPEC.name}" not written by this project exists: ${file} (starts ${argv}); it was left as it is. Give --replace to replace it (it is kept as kernel.json.replaced), or use --prefix DIR for another Jupyter environment`,
    );
  }
}

/** What {@link installKernelSpec} did. */
export type InstallOutcome = "installed" | "updated" | "unchanged" | "replaced";

/**
 * The per-user kernels folder as Jupyter computes it (jupyter_core's data dir + "kernels").
 * @example userKernelsDir({ JUPYTER_DATA_DIR: "/j" }, "linux", "/home/a") // => "/j/kernels"
 */
export function userKernelsDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  if (env.JUPYTER_DATA_DIR) return join(env.JUPYTER_DATA_DIR, "kernels");
  if (platform === "darwin") return join(home, "Library", "Jupyter", "kernels");
  if (platform === "win32") return join(env.APPDATA ?? join(home, "AppData", "Roaming"), "jupyter", "kernels");
  return join(env.XDG_DATA_HOME || join(home, ".local", "share"), "jupyter", "kernels");
}

/**
 * Writes `<kernelsDir>/tslab/kernel.json` and returns its path. A kernel.json this command
 * wrote is updated; a foreign one is kept unless `replace` (then it is kept as kernel.json.replaced).
 * @throws ForeignKernelSpecError when a foreign kernelspec of the same name exists and `replace` is not set.
 * @example installKernelSpec("/tmp/k") // => "/tmp/k/tslab/kernel.json"
 */
export function installKernelSpec(
  kernelsDir: string,
  tslabBin: string = paths.tslabBin,
  options: { replace?: boolean; outcome?: (o: InstallOutcome) => void } = {},
): string {
  const dir = join(kernelsDir, TSLAB_KERNELSPEC.name);
  const file = join(dir, "kernel.json");
  const content = stableJson(kernelSpec(tslabBin));
  let outcome: InstallOutcome = "installed";
  if (existsSync(file)) {
    const before = readFileSync(file, "utf8");
    let spec: { argv?: unknown; metadata?: Record<string, unknown> } = {};
    try {
      spec = JSON.parse(before) as typeof spec;
    } catch {
      /* unreadable: foreign */
    }
    if (before === content) outcome = "unchanged";
    else if (spec.metadata?.[OWNER_KEY] !== undefined) outcome = "updated";
    else if (!options.replace)
      throw new ForeignKernelSpecError(file, Array.isArray(spec.argv) ? spec.argv.join(" ") : "an unreadable command");
    else {
      let keep = join(dir, "kernel.json.replaced");
      for (let i = 2; existsSync(keep); i++) keep = join(dir, `kernel.json.replaced-${i}`);
      writeFileAtomic(keep, before);
      outcome = "replaced";
    }
  }
  mkdirSync(dir, { recursive: true });
  if (outcome !== "unchanged") writeFileAtomic(file, content);
  options.outcome?.(outcome);
  return file;
}

/**
 * Runs the command with the given arguments (without `node` and the script).
 * @returns the exit code.
 * @example main(["--prefix", "/tmp/env"]) // => 0, writes /tmp/env/share/jupyter/kernels/tslab/kernel.json
 */
export function main(
  argv: string[],
  io = {
    stdout: process.stdout as { write(t: string): unknown },
    stderr: process.stderr as { write(t: string): unknown },
  },
): number {
  let values: { help?: boolean; user?: boolean; prefix?: string; replace?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        user: { type: "boolean" },
        prefix: { type: "string" },
        replace: { type: "boolean" },
      },
    }));
  } catch (e) {
    const name = /'([^']+)'/.exec((e as Error).message)?.[1]?.split(" ")[0] ?? "";
    const what =
      (e as { code?: string }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"
        ? `option ${name} needs a value`
        : `unknown option or argument '${name}'`;
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
  const kernelsDir =
    values.prefix !== undefined ? join(resolve(values.prefix), "share", "jupyter", "kernels") : userKernelsDir();
  try {
    let outcome: InstallOutcome = "installed";
    const file = installKernelSpec(kernelsDir, paths.tslabBin, {
      replace: values.replace,
      outcome: (o) => {
        outcome = o;
      },
    });
    const what = {
      installed: "installed:",
      updated: "updated:",
      unchanged: "already up to date:",
      replaced: "replaced (the previous kernel.json is kept beside it as kernel.json.replaced):",
    }[outcome];
    io.stdout.write(`kernel "${TSLAB_KERNELSPEC.name}" (${TSLAB_KERNELSPEC.display_name}) ${what} ${file}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ForeignKernelSpecError) {
      io.stderr.write(`kernel-install: ${e.message}\n`);
      return 1;
    }
    io.stderr.write(`kernel-install: cannot write the kernelspec into ${kernelsDir}: ${(e as Error).message}\n`);
    return 1;
  }
}

// Run when started as a script (not when imported, e.g. by tests).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href)
  process.exitCode = main(process.argv.slice(2));
