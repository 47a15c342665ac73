// The Jupyter wire format: frames, HMAC signatures, and rejection of forged or broken messages.
import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { createMessage, DELIMITER, parse, serialize, sign } from "../../../kernel/runner/wire";

const key = "0123456789abcdef";

describe("wire format", () => {
  test("serialize → parse round trip, with routing identities and buffers", () => {
    const message = createMessage("execute_request", { code: "1 + 1" }, "session-1");
    message.buffers = [Buffer.from([1, 2, 3])];
    const frames = serialize(message, key, [Buffer.from("identity")]);
    expect(frames[0].toString()).toBe("identity");
    expect(frames[1].toString()).toBe(DELIMITER);
    const parsed = parse(frames, key);
    expect(parsed.header).toEqual(message.header);
    expect(parsed.content).toEqual({ code: "1 + 1" });
    expect(parsed.buffers).toEqual([Buffer.from([1, 2, 3])]);
    expect(message.header).toMatchObject({ msg_type: "execute_request", session: "session-1", version: "5.3" });
  });

  test("the signature is HMAC-SHA256 over header, parent header, metadata and content", () => {
    const frames = serialize(createMessage("kernel_info_request", {}, "s"), key);
    const hmac = createHmac("sha256", key);
    for (const frame of frames.slice(2, 6)) hmac.update(frame);
    expect(frames[1].toString()).toBe(hmac.digest("hex"));
    expect(sign("", ["x"])).toBe("");
  });

  test("a wrong key, a tampered frame or a missing delimiter is rejected", () => {
    const frames = serialize(createMessage("kernel_info_request", {}, "s"), key);
    expect(() => parse(frames, "another key")).toThrow("invalid signature");
    const tampered = [...frames];
    tampered[5] = Buffer.from('{"code":"evil"}');
    expect(() => parse(tampered, key)).toThrow("invalid signature");
    expect(() => parse(frames.slice(2), key)).toThrow("delimiter");
  });
});
