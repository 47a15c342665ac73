// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) over ASCII text, in plain arithmetic on typed
// arrays. The grading harness signs its records with this instead of node:crypto because Node's
// crypto classes keep their state behind prototypes a submission can reach and patch (a patched
// Hmac.prototype.update could feed a keyed instance forged data); here every step is an operator
// or a captured built-in, and the key exists only as two hash midstates in Uint32Arrays (typed-array
// contents do not appear in V8 heap snapshots as strings or numbers would).

import { charCodeAt, refuse, Uint32ArrayConstructor, Uint8ArrayConstructor } from "./intrinsics";

const K = new Uint32ArrayConstructor([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = new Uint32ArrayConstructor([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const HEX = "0123456789abcdef";
const BLOCK = 64;

/** One running hash: the state after whole blocks, the partial block, the byte count. */
interface HashState {
  h: Uint32Array;
  block: Uint8Array;
  filled: number;
  bytes: number;
}

/** The HMAC key as the two midstates after the ipad and opad blocks. */
export interface HmacKey {
  inner: Uint32Array;
  outer: Uint32Array;
}

const w = new Uint32ArrayConstructor(64);

function compress(h: Uint32Array, block: Uint8Array): void {
  for (let i = 0; i < 16; i++) {
    w[i] = (block[4 * i] << 24) | (block[4 * i + 1] << 16) | (block[4 * i + 2] << 8) | block[4 * i + 3];
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15];
    const b = w[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (k + S1 + ch + K[i] + w[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

function start(from: Uint32Array, bytes: number): HashState {
  const h = new Uint32ArrayConstructor(8);
  for (let i = 0; i < 8; i++) h[i] = from[i];
  return { h, block: new Uint8ArrayConstructor(BLOCK), filled: 0, bytes };
}

function pushByte(state: HashState, byte: number): void {
  state.block[state.filled] = byte;
  state.filled += 1;
  state.bytes += 1;
  if (state.filled === BLOCK) {
    compress(state.h, state.block);
    state.filled = 0;
  }
}

/** Padding and length; returns the digest as 8 words. */
function finish(state: HashState): Uint32Array {
  const bits = state.bytes * 8;
  pushByte(state, 0x80);
  while (state.filled !== 56) pushByte(state, 0);
  const high = (bits / 0x100000000) >>> 0; // bits < 2^53, so this is the high word
  for (let i = 3; i >= 0; i--) pushByte(state, (high >>> (8 * i)) & 0xff);
  for (let i = 3; i >= 0; i--) pushByte(state, (bits >>> (8 * i)) & 0xff);
  return state.h;
}

function pushText(state: HashState, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const code = charCodeAt(text, i);
    if (code > 0x7f) refuse("sha256: text must be ASCII");
    pushByte(state, code);
  }
}

function pushWords(state: HashState, words: Uint32Array): void {
  for (let i = 0; i < 8; i++) {
    for (let j = 3; j >= 0; j--) pushByte(state, (words[i] >>> (8 * j)) & 0xff);
  }
}

function hex(words: Uint32Array): string {
  let out = "";
  for (let i = 0; i < 8; i++) {
    for (let j = 7; j >= 0; j--) out += HEX[(words[i] >>> (4 * j)) & 0xf];
  }
  return out;
}

/** Hex SHA-256 of ASCII text (tested against node:crypto). */
export function sha256Hex(text: string): string {
  const state = start(INITIAL, 0);
  pushText(state, text);
  return hex(finish(state));
}

/** Prepares an HMAC key of at most 64 bytes (the grader's secrets are 32). */
export function hmacKey(key: Uint8Array): HmacKey {
  if (key.length > BLOCK) refuse("hmacKey: keys longer than 64 bytes are not supported");
  const inner = start(INITIAL, 0);
  const outer = start(INITIAL, 0);
  for (let i = 0; i < BLOCK; i++) {
    const byte = i < key.length ? key[i] : 0;
    pushByte(inner, byte ^ 0x36);
    pushByte(outer, byte ^ 0x5c);
  }
  return { inner: inner.h, outer: outer.h };
}

/** Hex HMAC-SHA256 of ASCII text under a prepared key. */
export function hmacHex(key: HmacKey, text: string): string {
  const inner = start(key.inner, BLOCK);
  pushText(inner, text);
  const outer = start(key.outer, BLOCK);
  pushWords(outer, finish(inner));
  return hex(finish(outer));
}
