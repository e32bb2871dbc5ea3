import { strict as assert } from "node:assert";
import { InvalidSignatureError, MalformedMessageError } from "../../../src/notebook/format/errors.js";
import { createHeader, parseMessage, serializeMessage, sign } from "../../../src/notebook/kernel/wire.js";

const KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const frames = (parts: string[]) => parts.map((p) => Buffer.from(p));

describe("wire protocol", () => {
  it("signs with HMAC-SHA256 over header, parent header, metadata and content", () => {
    // Reference value from Python: hmac.new(b"key", b'{"a":1}{}{}{}', hashlib.sha256).hexdigest()
    assert.equal(
      sign("key", ['{"a":1}', "{}", "{}", "{}"]),
      "f1128388193e4dd1aa760827bd756a1b40b627676b5efe22c0e8297919bfa218",
    );
    assert.match(sign(KEY, ["{}", "{}", "{}", "{}"]), /^[0-9a-f]{64}$/);
  });

  it("round-trips a signed message and keeps routing identities", () => {
    const header = createHeader("execute_request", "session-1");
    const sent = serializeMessage(KEY, header, { code: "1 + 1" }, { msg_id: "parent" });
    const msg = parseMessage(frames(["routing-id", ...sent]), KEY, "shell");
    assert.deepEqual(msg.identities.map(String), ["routing-id"]);
    assert.deepEqual(msg.header, header);
    assert.deepEqual(msg.parentHeader, { msg_id: "parent" });
    assert.deepEqual(msg.content, { code: "1 + 1" });
    assert.equal(msg.header.version, "5.3");
  });

  it("rejects a message whose content was changed after signing", () => {
    const sent = serializeMessage(KEY, createHeader("stream", "s"), { name: "stdout", text: "42\n" });
    const tampered = [...sent];
    tampered[5] = JSON.stringify({ name: "stdout", text: "43\n" });
    assert.throws(
      () => parseMessage(frames(tampered), KEY, "iopub"),
      (e: unknown) => e instanceof InvalidSignatureError && e.channel === "iopub",
    );
  });

  it("rejects a forged frame list signed with another key", () => {
    const forged = serializeMessage("not-the-session-key", createHeader("execute_reply", "s"), { status: "ok" });
    assert.throws(() => parseMessage(frames(forged), KEY, "shell"), InvalidSignatureError);
  });

  it("rejects a signature of the wrong length, an empty one, and an empty key", () => {
    const sent = serializeMessage(KEY, createHeader("status", "s"), { execution_state: "idle" });
    assert.throws(
      () => parseMessage(frames([sent[0]!, sent[1]!.slice(0, 63), ...sent.slice(2)]), KEY, "iopub"),
      InvalidSignatureError,
    );
    assert.throws(() => parseMessage(frames([sent[0]!, "", ...sent.slice(2)]), KEY, "iopub"), InvalidSignatureError);
    assert.throws(() => parseMessage(frames(sent), "", "iopub"), InvalidSignatureError);
  });

  it("verifies the signature before parsing JSON", () => {
    const bad = ["<IDS|MSG>", "0".repeat(64), "not json", "{}", "{}", "{}"];
    assert.throws(() => parseMessage(frames(bad), KEY, "shell"), InvalidSignatureError);
  });

  it("reports frames without the delimiter or with too few parts as malformed", () => {
    assert.throws(() => parseMessage(frames(["a", "b"]), KEY, "shell"), MalformedMessageError);
    const sent = serializeMessage(KEY, createHeader("status", "s"), {});
    assert.throws(() => parseMessage(frames(sent.slice(0, 5)), KEY, "shell"), /fewer than 5 frames/);
  });

  it("reports a correctly signed frame that is not a JSON object as malformed", () => {
    const parts = ["[1]", "{}", "{}", "{}"];
    assert.throws(
      () => parseMessage(frames(["<IDS|MSG>", sign(KEY, parts), ...parts]), KEY, "shell"),
      /header is not a JSON object/,
    );
  });

  it("verifies but does not parse a content frame above the size limit", () => {
    const sent = serializeMessage(KEY, createHeader("stream", "s"), { name: "stdout", text: "x".repeat(1000) });
    const msg = parseMessage(frames(sent), KEY, "iopub", 100);
    assert.equal(msg.header.msg_type, "stream");
    assert.deepEqual(msg.content, { oversize: sent[5]!.length });
    const forged = [...sent];
    forged[5] = JSON.stringify({ name: "stdout", text: "y".repeat(1000) });
    assert.throws(() => parseMessage(frames(forged), KEY, "iopub", 100), InvalidSignatureError);
  });
});
