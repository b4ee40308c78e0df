import {
  SHA256_BLOCK as BLOCK,
  SHA256_INITIAL as INITIAL,
  sha256Compress as compress,
} from '../hashing/sha256';

/**
 * HMAC-SHA256 with the key's blocks hashed once (the "midstates"), for the fingerprint of embargoed copies: a trace
 * asks one HMAC per copy on record per pair of words read, thousands per paste, and the one-shot SHA-256 of
 * content-hash.ts (a fresh padded buffer per call, no midstate) spent about 90 µs on each. Here an HMAC of a short
 * message is two compressions without allocation. Pure and synchronous for the same reasons as content-hash.ts
 * (src-shared runs in the renderer and in Node; crypto.subtle is asynchronous). Checked against node:crypto in
 * tests/unit/shared/embargo-fingerprint.test.ts.
 */

/** Scratch for padding: a short message (a pair of words) needs no allocation. */
const scratch = new Uint8Array(4 * BLOCK);

/** Continues the hash in `state` (which has taken `prefixLength` bytes) with `message` and the final padding. */
function finish(state: Uint32Array, message: Uint8Array, prefixLength: number): void {
  const total = prefixLength + message.length;
  const length = (((message.length + 8) >> 6) + 1) << 6;
  const padded = length <= scratch.length ? scratch.fill(0, 0, length) : new Uint8Array(length);
  padded.set(message);
  padded[message.length] = 0x80;
  const bits = total * 8;
  padded[length - 5] = Math.floor(bits / 0x100000000) & 0xff;
  padded[length - 4] = (bits >>> 24) & 0xff;
  padded[length - 3] = (bits >>> 16) & 0xff;
  padded[length - 2] = (bits >>> 8) & 0xff;
  padded[length - 1] = bits & 0xff;
  for (let offset = 0; offset < length; offset += BLOCK) compress(state, padded, offset);
}

export interface HmacKey {
  inner: Uint32Array;
  outer: Uint32Array;
}

/** The key's two padded blocks, compressed once. A key longer than a block is hashed first, as RFC 2104 says. */
export function hmacKey(key: Uint8Array): HmacKey {
  let material = key;
  if (material.length > BLOCK) {
    const state = Uint32Array.from(INITIAL);
    finish(state, material, 0);
    material = wordsToBytes(state);
  }
  const innerBlock = new Uint8Array(BLOCK).fill(0x36);
  const outerBlock = new Uint8Array(BLOCK).fill(0x5c);
  for (let i = 0; i < material.length; i++) {
    innerBlock[i]! ^= material[i]!;
    outerBlock[i]! ^= material[i]!;
  }
  const inner = Uint32Array.from(INITIAL);
  compress(inner, innerBlock, 0);
  const outer = Uint32Array.from(INITIAL);
  compress(outer, outerBlock, 0);
  return { inner, outer };
}

function wordsToBytes(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  words.forEach((word, i) => {
    out[i * 4] = word >>> 24;
    out[i * 4 + 1] = (word >>> 16) & 0xff;
    out[i * 4 + 2] = (word >>> 8) & 0xff;
    out[i * 4 + 3] = word & 0xff;
  });
  return out;
}

const innerState = new Uint32Array(8);
const outerState = new Uint32Array(8);
const innerDigest = new Uint8Array(32);

/** HMAC-SHA256(key, message) as eight big-endian words, in a buffer the next call reuses. */
export function hmacSha256Words(key: HmacKey, message: Uint8Array): Uint32Array {
  innerState.set(key.inner);
  finish(innerState, message, BLOCK);
  for (let i = 0; i < 8; i++) {
    const word = innerState[i]!;
    innerDigest[i * 4] = word >>> 24;
    innerDigest[i * 4 + 1] = (word >>> 16) & 0xff;
    innerDigest[i * 4 + 2] = (word >>> 8) & 0xff;
    innerDigest[i * 4 + 3] = word & 0xff;
  }
  outerState.set(key.outer);
  finish(outerState, innerDigest, BLOCK);
  return outerState;
}

/** HMAC-SHA256(key, message), 32 bytes. */
export function hmacSha256(key: HmacKey, message: Uint8Array): Uint8Array {
  return wordsToBytes(hmacSha256Words(key, message));
}
