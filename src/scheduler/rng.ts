/**
 * The deterministic random number generator Anki seeds for card positions and fuzz: Rust's
 * `StdRng::seed_from_u64` from the rand crate 0.9, which is ChaCha with 12 rounds keyed by a
 * PCG32 expansion of the seed (anki-semantics.md §3.6). Reproducing it bit for bit means a card
 * gets the same random position here as it would in Anki.
 */

// PCG32's multiplier 6364136223846793005 and increment 11634580027462260723, as 32-bit halves:
// the seed expansion runs for every card answered or described, so it avoids BigInt.
const MUL_HI = 0x5851f42d;
const MUL_LO = 0x4c957f2d;
const INC_HI = 0xa17654e4;
const INC_LO = 0x6fbe17f3;
const TWO_32 = 2 ** 32;

/** The low 64 bits of (hi:lo) × (bh:bl), as [hi, lo]. */
function mul64(hi: number, lo: number, bh: number, bl: number): [number, number] {
  const a0 = lo & 0xffff;
  const a1 = lo >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const low = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  let high = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  high = (high + Math.imul(hi, bl) + Math.imul(lo, bh)) >>> 0;
  return [high, low];
}

/** A ChaCha12 stream seeded like `StdRng::seed_from_u64(seed)`. */
export class StdRng {
  private readonly state = new Uint32Array(16);
  private readonly block = new Uint32Array(16);
  private index = 16;
  private counter = 0;

  /** `seed`: a non-negative integer up to 2^53, or any bigint (taken modulo 2^64). */
  constructor(seed: bigint | number) {
    let hi: number;
    let lo: number;
    if (typeof seed === 'bigint') {
      const s = BigInt.asUintN(64, seed);
      hi = Number(s >> 32n);
      lo = Number(s & 0xffffffffn);
    } else {
      hi = Math.floor(seed / TWO_32) >>> 0;
      lo = seed >>> 0;
    }
    const key = new Uint32Array(8);
    for (let i = 0; i < 8; i++) {
      // state = state × MUL + INC (mod 2^64)
      [hi, lo] = mul64(hi, lo, MUL_HI, MUL_LO);
      const sum = lo + INC_LO;
      lo = sum >>> 0;
      hi = (hi + INC_HI + (sum >= TWO_32 ? 1 : 0)) >>> 0;
      // output: rotr32(u32(((state >> 18) ^ state) >> 27), state >> 59)
      const xLo = (lo ^ ((lo >>> 18) | (hi << 14))) >>> 0;
      const xHi = (hi ^ (hi >>> 18)) >>> 0;
      const xorshifted = ((xLo >>> 27) | (xHi << 5)) >>> 0;
      const rot = hi >>> 27;
      key[i] = ((xorshifted >>> rot) | (xorshifted << ((32 - rot) & 31))) >>> 0;
    }
    // "expand 32-byte k"
    this.state.set([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574], 0);
    this.state.set(key, 4);
  }

  nextU32(): number {
    if (this.index >= 16) this.refill();
    const value = this.block[this.index] ?? 0;
    this.index++;
    return value;
  }

  /**
   * A uniform f32 in [0, 1), drawn as rand 0.9 draws `random_range(0.0..1.0)` for f32: the top
   * 23 bits of the next word as the fraction.
   */
  nextUnitF32(): number {
    return (this.nextU32() >>> 9) / 2 ** 23;
  }

  /** A uniform integer in [low, highExclusive), drawn as rand 0.9 does for u32 ranges. */
  rangeU32(low: number, highExclusive: number): number {
    const range = (highExclusive - low) >>> 0;
    if (range === 0) throw new RangeError('empty range');
    const product = BigInt(this.nextU32()) * BigInt(range);
    let result = Number(product >> 32n);
    const lowOrder = Number(product & 0xffffffffn);
    if (lowOrder > 2 ** 32 - range) {
      const extra = Number((BigInt(this.nextU32()) * BigInt(range)) >> 32n);
      if (lowOrder + extra > 0xffffffff) result += 1;
    }
    return low + result;
  }

  /** Computes the next 64-byte ChaCha12 block: 6 double rounds, then the input added back. */
  private refill(): void {
    const s = this.state;
    s[12] = this.counter >>> 0;
    s[13] = Math.floor(this.counter / TWO_32) >>> 0;
    s[14] = 0;
    s[15] = 0;
    const x = WORK;
    x.set(s);
    for (let round = 0; round < 6; round++) {
      quarter(x, 0, 4, 8, 12);
      quarter(x, 1, 5, 9, 13);
      quarter(x, 2, 6, 10, 14);
      quarter(x, 3, 7, 11, 15);
      quarter(x, 0, 5, 10, 15);
      quarter(x, 1, 6, 11, 12);
      quarter(x, 2, 7, 8, 13);
      quarter(x, 3, 4, 9, 14);
    }
    for (let i = 0; i < 16; i++) this.block[i] = ((x[i] ?? 0) + (s[i] ?? 0)) >>> 0;
    this.counter++;
    this.index = 0;
  }
}

/** The block being mixed (one at a time: everything here is synchronous). */
const WORK = new Uint32Array(16);

function quarter(x: Uint32Array, ia: number, ib: number, ic: number, id: number): void {
  let a = x[ia] ?? 0;
  let b = x[ib] ?? 0;
  let c = x[ic] ?? 0;
  let d = x[id] ?? 0;
  a = (a + b) >>> 0;
  d = rotl(d ^ a, 16);
  c = (c + d) >>> 0;
  b = rotl(b ^ c, 12);
  a = (a + b) >>> 0;
  d = rotl(d ^ a, 8);
  c = (c + d) >>> 0;
  b = rotl(b ^ c, 7);
  x[ia] = a;
  x[ib] = b;
  x[ic] = c;
  x[id] = d;
}

function rotl(v: number, n: number): number {
  return ((v << n) | (v >>> (32 - n))) >>> 0;
}

/**
 * Where a new card goes when its options preset inserts new cards in random order: a draw in
 * [1, max(nextPosition, 1000)) seeded by the next position, so every card of a note lands on
 * the same spot, as in Anki.
 */
export function randomNewCardPosition(nextPosition: number): number {
  return new StdRng(nextPosition).rangeU32(1, Math.max(nextPosition, 1000));
}

/**
 * The factor in [0, 1) that picks a review interval inside its fuzz range: the first f32 of the
 * stream seeded with the card id plus its review count, as Anki seeds it.
 */
export function fuzzFactor(seed: number): number {
  return new StdRng(seed).nextUnitF32();
}
