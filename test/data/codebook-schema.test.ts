import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CodebookError, loadCodebook } from "../../src/data/codebook.js";
import { codebookProblems, schemaMessage } from "../../src/data/codebook-schema.js";
import { tempDir } from "../helpers/survey-fixture.js";

/** The project's codebook as plain JSON, changed by `edit`. */
function edited(edit: (cb: Record<string, any>) => void): Record<string, unknown> {
  const cb = structuredClone(loadCodebook()) as unknown as Record<string, any>;
  edit(cb);
  return cb;
}

describe("codebook schema: a broken codebook gives one line naming the key", () => {
  it("accepts the project's codebook", () => {
    assert.deepEqual(codebookProblems(loadCodebook()), []);
  });

  it("names a missing top-level key and what was expected", () => {
    assert.deepEqual(codebookProblems(edited((cb) => delete cb.scales))[0], {
      key: "scales",
      expected: "an object of value scales",
      found: "missing",
    });
    assert.equal(
      schemaMessage(codebookProblems(edited((cb) => delete cb.missing))[0]!),
      'key "missing" is missing (expected an array of missing codes)',
    );
  });

  it("names a nested key of the wrong type and a label without a language", () => {
    const wrong = codebookProblems(
      edited((cb) => {
        cb.scales.likert5.values[2].code = "3";
      }),
    );
    assert.equal(
      schemaMessage(wrong[0]!),
      'key "scales.likert5.values[2].code" is string "3", expected a whole number',
    );
    const label = codebookProblems(
      edited((cb) => {
        delete cb.variables[1].question.en;
      }),
    );
    assert.equal(schemaMessage(label[0]!), 'key "variables[1].question.en" is missing (expected a text)');
  });

  it("names a reference to something the codebook does not define", () => {
    const p = codebookProblems(
      edited((cb) => {
        cb.variables[1].scale = "nope";
      }),
    );
    assert.equal(p[0]!.key, "variables[1].scale");
    assert.match(schemaMessage(p[0]!), /is "nope", expected a scale of "scales" \(/);
    assert.equal(
      codebookProblems(
        edited((cb) => {
          cb.figures[0].items[0] = "nothing";
        }),
      )[0]!.key,
      "figures[0].items[0]",
    );
  });

  it("loadCodebook throws one CodebookError line naming the file and key", () => {
    const t = tempDir();
    try {
      const file = join(t.dir, "codebook.json");
      writeFileSync(file, JSON.stringify(edited((cb) => delete cb.scales)));
      assert.throws(
        () => loadCodebook(file),
        (e: unknown) =>
          e instanceof CodebookError &&
          e.message === `${file}: key "scales" is missing (expected an object of value scales)`,
      );
      writeFileSync(file, "{ not json");
      assert.throws(
        () => loadCodebook(file),
        (e: unknown) =>
          e instanceof CodebookError &&
          e.message.startsWith(`${file}: cannot read codebook (`) &&
          !e.message.includes("\n"),
      );
    } finally {
      t.remove();
    }
  });
});
