/**
 * The one place that talks to tslab's display machinery. tslab keeps the display function of
 * the running cell in `lastWriteDisplayData` of its `dist/jupyter.js` module; calling it sends
 * one display_data message, which can carry several MIME types at once (tslab's public
 * `display.raw` sends one type per message and strings only).
 */
import { createRequire } from "node:module";
import type { MimeBundle } from "../format/nbformat-types.js";

/** The content of a display_data message. */
export interface DisplayContent {
  data: MimeBundle;
  metadata?: Record<string, unknown>;
  transient?: { display_id?: string };
}

type WriteDisplayData = (
  content: { data: MimeBundle; metadata: Record<string, unknown>; transient: object },
  update: boolean,
) => void;

const require = createRequire(import.meta.url);

/**
 * Sends one display_data message when running inside a tslab kernel.
 * Outside a kernel (plain Node, tests) nothing is sent and tslab is not even loaded.
 * @param content - the MIME bundle and optional metadata.
 * @returns true when the data was sent, false when not in a kernel.
 * @example sendDisplayData({ data: { "text/plain": "hi", "text/html": "<b>hi</b>" } }) // => false outside a kernel
 */
export function sendDisplayData(content: DisplayContent): boolean {
  const write = currentWriter();
  if (!write) return false;
  write({ data: content.data, metadata: content.metadata ?? {}, transient: content.transient ?? {} }, false);
  return true;
}

/**
 * Whether code runs inside a tslab kernel cell that can display data.
 * @example inKernel() // => false in plain Node
 */
export function inKernel(): boolean {
  return currentWriter() !== undefined;
}

function currentWriter(): WriteDisplayData | undefined {
  let resolved: string;
  try {
    resolved = require.resolve("tslab/dist/jupyter.js");
  } catch {
    return undefined;
  }
  // A kernel has loaded the module already; looking it up in the cache avoids loading tslab otherwise.
  const mod = require.cache[resolved]?.exports as { lastWriteDisplayData?: unknown } | undefined;
  return typeof mod?.lastWriteDisplayData === "function" ? (mod.lastWriteDisplayData as WriteDisplayData) : undefined;
}
