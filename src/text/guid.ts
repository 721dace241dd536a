/** Note guids (rslib `notes/mod.rs`: `base91_u64`, `to_base_n`). */
import { randomFillSync } from 'node:crypto';

// Anki's 91-character alphabet: no quotes, no backslash, no space.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';
const BASE = BigInt(ALPHABET.length);
const MAX_U64 = (1n << 64n) - 1n;

/**
 * `n` written in Anki's base 91, most significant digit first, without padding; 0 gives the
 * empty string. `n` must be an unsigned 64-bit value (a RangeError otherwise), as in Anki.
 */
export function base91(n: bigint): string {
  if (n < 0n || n > MAX_U64) throw new RangeError(`base91 needs an unsigned 64-bit integer, got ${n.toString()}`);
  let out = '';
  for (let rest = n; rest > 0n; rest /= BASE) {
    out = ALPHABET.charAt(Number(rest % BASE)) + out;
  }
  return out;
}

// Random bytes are drawn 4 KiB at a time: one randomBytes(8) call per guid costs about 40 times
// more, which shows when importing 100k notes.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/** A new note guid: base 91 of a cryptographically random 64-bit number, like Anki's. */
export function randomGuid(): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const n = pool.readBigUInt64BE(poolOffset);
  poolOffset += 8;
  return base91(n);
}
