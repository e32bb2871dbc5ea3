/**
 * Temporary files and folders this process removes when it exits, however it exits: normally,
 * by an error, or through `process.exit` from a stop signal (see cli/stop-signals.ts). A process
 * killed with SIGKILL cannot clean up; the names of such leftovers carry its process id, so the
 * next run removes them (see node/stale-temp.ts).
 */
import { rmSync } from "node:fs";

const paths = new Set<string>();
let installed = false;

function removeAll(): void {
  for (const p of paths) {
    try {
      rmSync(p, { recursive: true, force: true });
    } catch {
      // Nothing more can be done while exiting; the next run removes it.
    }
  }
  paths.clear();
}

/**
 * Removes `path` (file or folder) when this process exits, unless the returned function is
 * called first (then the path is no longer this process's to remove).
 * @param path - absolute path of something this process created.
 * @returns a function that forgets the path.
 * @example const forget = removeOnExit("/tmp/interspin-x"); forget() // => undefined
 */
export function removeOnExit(path: string): () => void {
  if (!installed) {
    process.on("exit", removeAll);
    installed = true;
  }
  paths.add(path);
  return () => {
    paths.delete(path);
  };
}

/**
 * Removes every registered path now (synchronously) and forgets them.
 * @example removeRegisteredNow() // => undefined
 */
export function removeRegisteredNow(): void {
  removeAll();
}
