/**
 * The deterministic random number generator Anki seeds for card positions and fuzz: Rust's
 * `StdRng::seed_from_u64` from the rand crate 0.9, which is ChaCha with 12 rounds keyed by a
 * PCG32 expansion of the seed (anki-semantics.md §3.6). Reproducing it bit for bit means a card
 * gets the same random position here as it would in Anki.
 */

const MASK64 = (1n << 64n) - 1n;
const PCG_MUL = 6364136223846793005n;
const PCG_INC = 11634580027462260723n;

/** A ChaCha12 stream seeded like `StdRng::seed_from_u64(seed)`. */
export class StdRng {
  private readonly state = new Uint32Array(16);
  private readonly block = new Uint32Array(16);
  private index = 16;
  private counter = 0n;

  constructor(seed: bigint | number) {
    let s = BigInt.asUintN(64, BigInt(seed));
    const key = new Uint32Array(8);
    for (let i = 0; i < 8; i++) {
      s = (s * PCG_MUL + PCG_INC) & MASK64;
      const xorshifted = Number((((s >> 18n) ^ s) >> 27n) & 0xffffffffn);
      const rot = Number(s >> 59n);
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
    s[12] = Number(this.counter & 0xffffffffn);
    s[13] = Number((this.counter >> 32n) & 0xffffffffn);
    s[14] = 0;
    s[15] = 0;
    const x = Array.from(s);
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

function quarter(x: number[], ia: number, ib: number, ic: number, id: number): void {
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
