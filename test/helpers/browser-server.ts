/**
 * The test suite's one Chromium: `node browser-server.js DIR PARENT` launches a Playwright browser
 * server, writes its WebSocket endpoint to `DIR/ws` and its process id to `DIR/pid`, and closes
 * it when DIR is removed (the suite's global teardown) or the mocha process PARENT is gone; then
 * it appends its CPU time (with its browser's) to the file INTERSPIN_TEST_FILE_TIMES names.
 * Started by the first test file that asks for a browser (see sharedChromium in browser.ts).
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { processAlive } from "../../src/node/process-alive.js";
import { chromiumArgs, chromiumPath } from "../../src/render/render-static.js";
import { TEST_FILE_TIMES_ENV } from "../../src/bench/tests-bench.js";

/** CPU time of this process and of the browser processes it waited for, in ms (Linux /proc). */
function ownCpuMs(): number {
  const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10;
}

const [dir, parent] = process.argv.slice(2);
try {
  const server = await chromium.launchServer({ executablePath: chromiumPath()!, args: chromiumArgs });
  writeFileSync(join(dir!, "pid"), String(process.pid));
  writeFileSync(join(dir!, "ws.tmp"), server.wsEndpoint());
  renameSync(join(dir!, "ws.tmp"), join(dir!, "ws"));
  const started = performance.now();
  const watch = setInterval(() => {
    if (existsSync(dir!) && processAlive(Number(parent))) return;
    clearInterval(watch);
    void server.close().finally(() => {
      // Its processes are not the suite's children: the benchmark adds their CPU time from here.
      const times = process.env[TEST_FILE_TIMES_ENV];
      if (times) {
        const line = { file: "(the suite's Chromium)", ms: Math.round(performance.now() - started), cpuMs: ownCpuMs() };
        appendFileSync(times, `${JSON.stringify(line)}\n`);
      }
      process.exit(0);
    });
  }, 500);
} catch (e) {
  writeFileSync(join(dir!, "failed"), String((e as Error).stack ?? e));
  process.exit(1);
}
