// Jupyter messaging protocol v5 on the wire: one message is the multipart frame list
//   [identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]
// where signature = hex HMAC-SHA256 over the four JSON frames with the connection key.
// Spec: https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
// Incoming messages with a wrong signature are rejected here, before anything reads them.
// The content frame of a received message is parsed only when someone reads it: a flood of output
// past the runner's limits (output-limits.ts) is then counted by its frame size and dropped unparsed.

import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import * as os from "node:os";

export const DELIMITER = "<IDS|MSG>";
const PROTOCOL_VERSION = "5.3";

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface Message<Content = Record<string, unknown>> {
  header: MessageHeader;
  /** The header of the request this message answers; `{}` when it answers none. */
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Content;
  buffers: Buffer[];
}

/** A new request message of one session. */
export function createMessage<Content>(msgType: string, content: Content, session: string): Message<Content> {
  return {
    header: {
      msg_id: randomUUID(),
      msg_type: msgType,
      session,
      username: os.userInfo().username,
      date: new Date().toISOString(),
      version: PROTOCOL_VERSION,
    },
    parent_header: {},
    metadata: {},
    content,
    buffers: [],
  };
}

/** Hex HMAC-SHA256 of the given frames; an empty key means "signatures disabled" (empty string). */
export function sign(key: string, frames: Array<string | Buffer>): string {
  if (key === "") return "";
  const hmac = createHmac("sha256", key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest("hex");
}

/** The frames to send for `message` (identities only matter on ROUTER sockets; we use DEALER). */
export function serialize(message: Message<unknown>, key: string, identities: Buffer[] = []): Buffer[] {
  const frames = [
    JSON.stringify(message.header),
    JSON.stringify(message.parent_header),
    JSON.stringify(message.metadata),
    JSON.stringify(message.content),
  ];
  return [
    ...identities,
    Buffer.from(DELIMITER),
    Buffer.from(sign(key, frames)),
    ...frames.map((frame) => Buffer.from(frame)),
    ...message.buffers,
  ];
}

/** A message as received: `content` is parsed from `contentFrame` on first read. */
export interface ReceivedMessage extends Message {
  /** The raw JSON bytes of the content (its length is what the message weighs). */
  readonly contentFrame: Buffer;
}

/**
 * Parses received frames; throws on a missing delimiter, a signature that does not verify, or a
 * header that is not JSON. Bytes that are not UTF-8 become U+FFFD. Content that is not JSON reads
 * as `{}` (it was signed by the kernel, so it is the kernel's bug, not an attack).
 */
export function parse(frames: Buffer[], key: string): ReceivedMessage {
  const delimiterAt = frames.findIndex((frame) => frame.length === DELIMITER.length && frame.toString() === DELIMITER);
  if (delimiterAt < 0) throw new Error("jupyter message without <IDS|MSG> delimiter");
  const signature = frames[delimiterAt + 1]?.toString() ?? "";
  const parts = frames.slice(delimiterAt + 2, delimiterAt + 6);
  if (parts.length < 4) throw new Error("jupyter message with fewer than four JSON frames");
  if (!signatureMatches(signature, sign(key, parts))) throw new Error("jupyter message with an invalid signature");
  const [header, parentHeader, metadata] = parts.slice(0, 3).map((part): unknown => JSON.parse(part.toString("utf8")));
  const contentFrame = parts[3];
  let content: Record<string, unknown> | undefined;
  return {
    header: header as MessageHeader,
    parent_header: parentHeader as Partial<MessageHeader>,
    metadata: metadata as Record<string, unknown>,
    get content() {
      content ??= parseContent(contentFrame);
      return content;
    },
    set content(value) {
      content = value;
    },
    contentFrame,
    buffers: frames.slice(delimiterAt + 6),
  };
}

function parseContent(frame: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(frame.toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Constant-time comparison, so a forged message cannot learn the signature byte by byte. */
function signatureMatches(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
