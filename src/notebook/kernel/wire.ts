/**
 * The Jupyter wire protocol (messaging spec v5.3): frames are
 * `[...routing ids, "<IDS|MSG>", hmac, header, parent_header, metadata, content, ...buffers]`,
 * and the HMAC-SHA256 signature covers the four JSON frames.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { InvalidSignatureError, MalformedMessageError } from "../format/errors.js";

/** The frame separating ZeroMQ routing identities from the signed message. */
export const DELIMITER = "<IDS|MSG>";

/** Messaging protocol version this client speaks. */
export const PROTOCOL_VERSION = "5.3";

/** A message header as defined by the messaging spec. */
export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

/** A decoded, signature-checked Jupyter message. */
export interface JupyterMessage<C = Record<string, unknown>> {
  identities: Buffer[];
  header: MessageHeader;
  /** The header of the request this message answers; `{}` when there is none. */
  parentHeader: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/**
 * Computes the hex HMAC-SHA256 of the signed frames with the session key.
 * @param key - the connection file's `key`.
 * @param parts - header, parent_header, metadata and content, serialised.
 * @example sign("k", ["{}", "{}", "{}", "{}"]).length // => 64
 */
export function sign(key: string, parts: ReadonlyArray<string | Buffer>): string {
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}

/**
 * Builds a new message header with a fresh `msg_id`.
 * @example createHeader("execute_request", "s1").msg_type // => "execute_request"
 */
export function createHeader(msgType: string, session: string): MessageHeader {
  return {
    msg_id: randomUUID(),
    session,
    username: "interspin",
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}

/**
 * Serialises and signs a message into the frames a DEALER socket sends (no routing ids).
 * @example serializeMessage("k", createHeader("kernel_info_request", "s"), {})[0] // => "<IDS|MSG>"
 */
export function serializeMessage(
  key: string,
  header: MessageHeader,
  content: object,
  parentHeader: object = {},
  metadata: object = {},
): string[] {
  const parts = [header, parentHeader, metadata, content].map((p) => JSON.stringify(p));
  return [DELIMITER, sign(key, parts), ...parts];
}

/**
 * Decodes received frames, verifying the signature in constant time before parsing any JSON.
 * @param frames - the frames as received (routing ids first, if any).
 * @param key - the session key; messages signed with any other key are rejected.
 * @param channel - socket name for error messages ("shell", "iopub", ...).
 * @param maxContentBytes - a content frame longer than this is not parsed: the message keeps its
 *   header and gets the content `{ oversize: <bytes> }` (bounds memory for huge outputs).
 * @throws {InvalidSignatureError} when the signature does not match.
 * @throws {MalformedMessageError} when the frames do not follow the wire protocol.
 * @example parseMessage(serializeMessage("k", h, {}).map((f) => Buffer.from(f)), "k", "shell").content // => {}
 */
export function parseMessage(
  frames: ReadonlyArray<Buffer>,
  key: string,
  channel: string,
  maxContentBytes = Infinity,
): JupyterMessage {
  const delim = frames.findIndex((f) => f.length === DELIMITER.length && f.toString("latin1") === DELIMITER);
  if (delim < 0) throw new MalformedMessageError(channel, `no ${DELIMITER} delimiter`);
  if (frames.length < delim + 6) throw new MalformedMessageError(channel, "fewer than 5 frames after the delimiter");
  const signed = frames.slice(delim + 2, delim + 6);
  if (!key || !signatureMatches(frames[delim + 1]!, sign(key, signed))) throw new InvalidSignatureError(channel);
  const [header, parentHeader, metadata, content] = signed.map((f, i) =>
    i === 3 && f.length > maxContentBytes ? { oversize: f.length } : parseObject(f, channel, FRAME_NAMES[i]!),
  );
  if (typeof header!.msg_type !== "string") throw new MalformedMessageError(channel, "header has no msg_type");
  return {
    identities: frames.slice(0, delim),
    header: header as unknown as MessageHeader,
    parentHeader: parentHeader as Partial<MessageHeader>,
    metadata: metadata!,
    content: content!,
    buffers: frames.slice(delim + 6),
  };
}

const FRAME_NAMES = ["header", "parent_header", "metadata", "content"];

function signatureMatches(received: Buffer, expectedHex: string): boolean {
  const expected = Buffer.from(expectedHex, "latin1");
  // The length of a hex digest is public; only equal-length buffers can be compared in constant time.
  return received.length === expected.length && timingSafeEqual(received, expected);
}

function parseObject(frame: Buffer, channel: string, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(frame.toString("utf8"));
  } catch {
    throw new MalformedMessageError(channel, `${name} is not JSON`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new MalformedMessageError(channel, `${name} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
