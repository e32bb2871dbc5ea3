/** Headless Chromium for tests: launched once per suite, or the suite is skipped when none is installed. */
import type { Browser } from "playwright-core";

/**
 * Launches the Chromium the report uses; skips the calling suite when there is none, unless
 * INTERSPIN_REQUIRE_CHROMIUM=1 asks for a failure instead.
 */
export async function launchChromiumOrSkip(ctx: Mocha.Context): Promise<Browser> {
  const { chromiumPath, chromiumArgs } = await import("../../src/render/render-static.js");
  const exe = chromiumPath();
  if (!exe) {
    if (process.env.INTERSPIN_REQUIRE_CHROMIUM === "1")
      throw new Error("INTERSPIN_REQUIRE_CHROMIUM=1 but no Chromium (apt-get install chromium)");
    ctx.skip();
  }
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: exe!, args: chromiumArgs });
}
