// The harness's own SHA-256 and HMAC against node:crypto, on lengths around the 64-byte block
// boundaries (55/56/64 bytes are where the padding changes) and on a long record-sized text.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { hmacHex, hmacKey, sha256Hex } from "../../src/check/sha256";

const ascii = (n: number, seed: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 31 + seed) % 95))).join("");

describe("sha256 and HMAC-SHA256 in plain arithmetic", () => {
  test.each([0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 100_000])("%i bytes hash as node:crypto does", (n) => {
    const text = ascii(n, n);
    expect(sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
  });

  test.each([0, 1, 32, 64])("HMAC with a %i-byte key matches node:crypto for several messages", (keyLength) => {
    const key = randomBytes(keyLength);
    const prepared = hmacKey(new Uint8Array(key));
    for (const n of [0, 5, 64, 200, 5000]) {
      const text = ascii(n, keyLength + n);
      expect(hmacHex(prepared, text)).toBe(createHmac("sha256", key).update(text).digest("hex"));
    }
  });

  test("non-ASCII text and over-long keys are refused", () => {
    expect(() => sha256Hex("ą")).toThrow();
    expect(() => hmacKey(new Uint8Array(65))).toThrow();
  });
});
