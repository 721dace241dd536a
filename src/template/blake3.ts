/**
 * BLAKE3 (unkeyed hash mode), written from the BLAKE3 specification. Anki's `hint` filter names
 * each hint's DOM element after a BLAKE3 digest, and Node has no BLAKE3 of its own. Inputs here
 * are field values, so the straightforward one-shot tree hash below is fast enough.
 */

const IV = new Uint32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const MSG_PERMUTATION = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8] as const;

const CHUNK_START = 1;
const CHUNK_END = 2;
const PARENT = 4;
const ROOT = 8;

const BLOCK_LEN = 64;
const CHUNK_LEN = 1024;

function rotr(value: number, bits: number): number {
  return (value >>> bits) | (value << (32 - bits));
}

/** The quarter-round mixing function on four state words and two message words. */
function g(state: Uint32Array, a: number, b: number, c: number, d: number, mx: number, my: number): void {
  let sa = state[a] ?? 0;
  let sb = state[b] ?? 0;
  let sc = state[c] ?? 0;
  let sd = state[d] ?? 0;
  sa = (sa + sb + mx) | 0;
  sd = rotr(sd ^ sa, 16);
  sc = (sc + sd) | 0;
  sb = rotr(sb ^ sc, 12);
  sa = (sa + sb + my) | 0;
  sd = rotr(sd ^ sa, 8);
  sc = (sc + sd) | 0;
  sb = rotr(sb ^ sc, 7);
  state[a] = sa;
  state[b] = sb;
  state[c] = sc;
  state[d] = sd;
}

function round(state: Uint32Array, m: Uint32Array): void {
  const w = (i: number): number => m[i] ?? 0;
  g(state, 0, 4, 8, 12, w(0), w(1));
  g(state, 1, 5, 9, 13, w(2), w(3));
  g(state, 2, 6, 10, 14, w(4), w(5));
  g(state, 3, 7, 11, 15, w(6), w(7));
  g(state, 0, 5, 10, 15, w(8), w(9));
  g(state, 1, 6, 11, 12, w(10), w(11));
  g(state, 2, 7, 8, 13, w(12), w(13));
  g(state, 3, 4, 9, 14, w(14), w(15));
}

/** The compression function; returns the 16-word output (its first 8 words are the new CV). */
function compress(cv: Uint32Array, block: Uint32Array, counter: number, blockLen: number, flags: number): Uint32Array {
  const state = new Uint32Array(16);
  state.set(cv, 0);
  state.set(IV.subarray(0, 4), 8);
  state[12] = counter >>> 0;
  state[13] = Math.floor(counter / 0x100000000) >>> 0;
  state[14] = blockLen;
  state[15] = flags;
  let m = Uint32Array.from(block);
  for (let r = 0; r < 7; r++) {
    round(state, m);
    if (r < 6) m = Uint32Array.from(MSG_PERMUTATION, (index) => m[index] ?? 0);
  }
  for (let i = 0; i < 8; i++) {
    state[i] = (state[i] ?? 0) ^ (state[i + 8] ?? 0);
    state[i + 8] = (state[i + 8] ?? 0) ^ (cv[i] ?? 0);
  }
  return state;
}

/** Reads up to 64 bytes as 16 little-endian words, zero-padded. */
function blockWords(bytes: Uint8Array, start: number, length: number): Uint32Array {
  const words = new Uint32Array(16);
  for (let i = 0; i < length; i++) {
    const word = i >> 2;
    words[word] = (words[word] ?? 0) | ((bytes[start + i] ?? 0) << ((i & 3) * 8));
  }
  return words;
}

/** The last compression of a node, kept unapplied until we know whether it is the root. */
interface NodeOutput {
  readonly cv: Uint32Array;
  readonly block: Uint32Array;
  readonly counter: number;
  readonly blockLen: number;
  readonly flags: number;
}

function chainingValue(output: NodeOutput): Uint32Array {
  return compress(output.cv, output.block, output.counter, output.blockLen, output.flags).subarray(0, 8);
}

/** Compresses every block of one chunk but the last, returning the last as an open output. */
function chunkOutput(bytes: Uint8Array, start: number, end: number, chunkIndex: number): NodeOutput {
  let cv: Uint32Array = IV;
  let flags = CHUNK_START;
  let pos = start;
  // The last block, even an empty one, is left for the caller to finish.
  while (end - pos > BLOCK_LEN) {
    cv = compress(cv, blockWords(bytes, pos, BLOCK_LEN), chunkIndex, BLOCK_LEN, flags).subarray(0, 8);
    flags = 0;
    pos += BLOCK_LEN;
  }
  return { cv, block: blockWords(bytes, pos, end - pos), counter: chunkIndex, blockLen: end - pos, flags: flags | CHUNK_END };
}

function parentOutput(left: Uint32Array, right: Uint32Array): NodeOutput {
  const block = new Uint32Array(16);
  block.set(left, 0);
  block.set(right, 8);
  return { cv: IV, block, counter: 0, blockLen: BLOCK_LEN, flags: PARENT };
}

/** The BLAKE3 digest of `input`, `length` bytes long (at most 64). */
export function blake3(input: Uint8Array, length = 32): Uint8Array {
  const chunkCount = Math.max(1, Math.ceil(input.length / CHUNK_LEN));
  // Chaining values of completed subtrees, merged as soon as a subtree is full (the spec's
  // incremental algorithm: after chunk n, merge once per trailing zero bit of n).
  const stack: Uint32Array[] = [];
  let output = chunkOutput(input, 0, Math.min(CHUNK_LEN, input.length), 0);
  for (let chunk = 1; chunk < chunkCount; chunk++) {
    let cv = chainingValue(output);
    let total = chunk;
    while ((total & 1) === 0) {
      const left = stack.pop();
      if (left === undefined) break;
      cv = chainingValue(parentOutput(left, cv));
      total >>= 1;
    }
    stack.push(cv);
    const start = chunk * CHUNK_LEN;
    output = chunkOutput(input, start, Math.min(start + CHUNK_LEN, input.length), chunk);
  }
  for (let left = stack.pop(); left !== undefined; left = stack.pop()) {
    output = parentOutput(left, chainingValue(output));
  }
  const words = compress(output.cv, output.block, output.counter, output.blockLen, output.flags | ROOT);
  const digest = new Uint8Array(length);
  for (let i = 0; i < length; i++) digest[i] = ((words[i >> 2] ?? 0) >>> ((i & 3) * 8)) & 0xff;
  return digest;
}

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
