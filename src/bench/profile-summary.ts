/**
 * Where the time goes: the functions with the most self time in a V8 CPU profile written by
 * `node --cpu-prof`. Usage: `node dist/src/bench/profile-summary.js FILE.cpuprofile|DIR [TOP]`
 * (a folder: its newest profile).
 */
import { readdirSync, readFileSync, statSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One line of the summary: a function (name, file, line) and its self time. */
export interface HotSpot {
  fn: string;
  ms: number;
  share: number;
}

/**
 * The functions with the most self time, largest first.
 * @param profile - the parsed `.cpuprofile` JSON.
 * @param top - how many to return.
 * @example hotSpots(profile, 3)[0].fn // => "reduceFlat arquero/src/verbs/reduce/util.js:62"
 */
export function hotSpots(profile: CpuProfile, top = 20): HotSpot[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const where = f.url ? ` ${f.url.split("/").slice(-3).join("/")}:${f.lineNumber + 1}` : "";
    const key = `${f.functionName || "(anonymous)"}${where}`;
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, us]) => ({ fn, ms: Math.round(us / 1000), share: total ? us / total : 0 }));
}

function newestProfile(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(path, f));
  if (!files.length) throw new Error(`no .cpuprofile in ${path}`);
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const [path, top] = process.argv.slice(2);
  if (!path) {
    process.stderr.write("usage: node dist/src/bench/profile-summary.js FILE.cpuprofile|DIR [TOP]\n");
    process.exitCode = 2;
  } else {
    const file = newestProfile(path);
    for (const h of hotSpots(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(top ?? 20))) {
      process.stdout.write(`${String(h.ms).padStart(7)} ms ${(100 * h.share).toFixed(1).padStart(5)} %  ${h.fn}\n`);
    }
  }
}
