// The text of a `stream` message, read only as far as the output limits let it be recorded. A cell
// that prints 100 MB in one call arrives as ONE message of 100 MB; decoding it whole would take
// three copies of it (the bytes, the decoded JSON text, the parsed string). Past the limit only a
// prefix is decoded, straight from the raw content frame.
//
// Text is also made safe to store: lone UTF-16 surrogates (printable by JavaScript, not encodable
// as UTF-8) become U+FFFD, as invalid UTF-8 bytes already did when the frame was decoded.

import type { ReceivedMessage } from "./wire";

export interface StreamText {
  name: "stdout" | "stderr";
  /** At most `maxBytes` bytes of UTF-8, cut at a character boundary. */
  text: string;
  /** The whole text's size in bytes (for a message decoded only in part: its content frame's size). */
  totalBytes: number;
}

/** Frames up to this much larger than the budget are simply parsed whole. */
const PARSE_WHOLE_SLACK = 64 * 1024;

export function readStreamText(message: ReceivedMessage, maxBytes: number): StreamText {
  const frame = message.contentFrame;
  if (frame.length > maxBytes + PARSE_WHOLE_SLACK) {
    const prefix = maxBytes > 0 ? textPrefix(frame, maxBytes) : "";
    if (prefix !== null) return { name: streamName(nameValue(frame)), text: wellFormed(prefix), totalBytes: frame.length };
  }
  const content = message.content as { name?: unknown; text?: unknown };
  const whole = Buffer.from(typeof content.text === "string" ? content.text : "", "utf8");
  return { name: streamName(content.name), text: wellFormed(utf8Prefix(whole, maxBytes)), totalBytes: whole.length };
}

/** `text` with lone surrogates replaced by U+FFFD, so it encodes as UTF-8. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function streamName(name: unknown): "stdout" | "stderr" {
  return name === "stderr" ? "stderr" : "stdout";
}

/** The first `maxBytes` bytes of UTF-8 `bytes` as a string, not cutting a character in two. */
function utf8Prefix(bytes: Buffer, maxBytes: number): string {
  if (bytes.length <= maxBytes) return bytes.toString("utf8");
  let end = maxBytes;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--; // bytes[end] continues a character: back off
  return bytes.toString("utf8", 0, end);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The first ≤ `maxBytes` bytes of the JSON string value of key "text" in `frame`, decoded, or null
 * if the frame does not look like `{… "text": "…" …}`. A quoted key cannot occur inside an encoded
 * JSON string (its quotes would be escaped), so the first `"text"` found is the key.
 */
function textPrefix(frame: Buffer, maxBytes: number): string | null {
  const key = frame.indexOf('"text"');
  if (key < 0) return null;
  let i = key + '"text"'.length;
  while (i < frame.length && (frame[i] === 0x3a || frame[i] <= 0x20)) i++; // ':' and whitespace
  if (frame[i] !== QUOTE) return null;
  const start = i + 1;
  const limit = Math.min(frame.length, start + maxBytes);
  let end = start;
  while (end < limit && frame[end] !== QUOTE) {
    const step = frame[end] !== BACKSLASH ? 1 : frame[end + 1] === 0x75 ? 6 : 2; // \uXXXX or \n, \", …
    if (end + step > limit) break;
    end += step;
  }
  while (end > start && (frame[end] & 0xc0) === 0x80) end--;
  try {
    return JSON.parse(`"${frame.toString("utf8", start, end)}"`) as string;
  } catch {
    return null;
  }
}

/** The value of key "name" when it is a plain string ("stdout"), else undefined. */
function nameValue(frame: Buffer): string | undefined {
  const key = frame.indexOf('"name"');
  if (key < 0) return undefined;
  const match = /^\s*:\s*"(\w+)"/.exec(frame.toString("utf8", key + '"name"'.length, key + '"name"'.length + 32));
  return match?.[1];
}
