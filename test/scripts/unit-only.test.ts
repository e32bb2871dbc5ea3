import { strict as assert } from "node:assert";
import { clientRefusal } from "../helpers/client-command.js";

describe("npm run test:unit: which commands a quick test may start", () => {
  it("refuses kernels, browsers, Jupyter, npm and the project's commands that may start them, naming the command", () => {
    for (const [command, args] of [
      ["node", ["dist/src/cli/report.js", "--no-static"]],
      ["/usr/bin/node", ["/work/x/dist/src/cli/run-notebooks.js", "a.ipynb"]],
      ["/usr/bin/chromium", ["--headless"]],
      ["jupyter", ["nbconvert", "--execute", "a.ipynb"]],
      ["node", ["node_modules/tslab/bin/tslab", "kernel"]],
      ["npm", ["run", "report"]],
    ] as const) {
      const refusal = clientRefusal(command, args);
      assert.ok(refusal, `${command} ${args.join(" ")} should be refused`);
      assert.match(refusal.message, /^npm run test:unit starts no kernel/);
      assert.ok(refusal.message.includes(`${command} ${args[0]}`), refusal.message);
      assert.match(refusal.message, /ignore list of \.mocharc\.unit\.json/);
    }
  });

  it("lets through commands that only read and write files, mapping-init among the project's", () => {
    assert.equal(
      clientRefusal("/usr/bin/node", ["/work/x/dist/src/cli/mapping-init.js", "--structure", "s.lss"]),
      undefined,
    );
    assert.equal(clientRefusal("node", ["dist/src/cli/mapping-init.js"]), undefined);
    assert.equal(clientRefusal("git", ["status"]), undefined);
    assert.equal(clientRefusal("node", ["scripts/run-built.mjs", "dist/x.js"]), undefined);
    // A file-only command does not clear a client started in the same line.
    assert.ok(clientRefusal("sh", ["-c", "node dist/src/cli/mapping-init.js && npm run report"]));
  });
});
