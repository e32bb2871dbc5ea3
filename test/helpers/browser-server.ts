/**
 * The test suite's one Chromium: `node browser-server.js DIR PARENT` launches a Playwright browser
 * server, writes its WebSocket endpoint to `DIR/ws` and its process id to `DIR/pid`, and closes
 * it when DIR is removed (the suite's global teardown) or the mocha process PARENT is gone.
 * Started by the first test file that asks for a browser (see sharedChromium in browser.ts).
 */
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { processAlive } from "../../src/node/process-alive.js";
import { chromiumArgs, chromiumPath } from "../../src/render/render-static.js";

const [dir, parent] = process.argv.slice(2);
try {
  const server = await chromium.launchServer({ executablePath: chromiumPath()!, args: chromiumArgs });
  writeFileSync(join(dir!, "pid"), String(process.pid));
  writeFileSync(join(dir!, "ws.tmp"), server.wsEndpoint());
  renameSync(join(dir!, "ws.tmp"), join(dir!, "ws"));
  const watch = setInterval(() => {
    if (existsSync(dir!) && processAlive(Number(parent))) return;
    clearInterval(watch);
    void server.close().finally(() => process.exit(0));
  }, 500);
} catch (e) {
  writeFileSync(join(dir!, "failed"), String((e as Error).stack ?? e));
  process.exit(1);
}
