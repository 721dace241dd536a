/**
 * Number parsing with the rules of Rust's `str::parse`, which Anki's search parser uses: an
 * optional sign (`+` always, `-` only for signed types), ASCII digits only, no spaces, no
 * underscores, and the type's range. Floats also take `inf`, `infinity`, `nan` (any case) and
 * forms such as `.5`, `5.` and `1e3`, and are rounded to f32.
 */

const UNSIGNED = /^\+?[0-9]+$/;
const SIGNED = /^[+-]?[0-9]+$/;
const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** An unsigned integer of at most `max`, or undefined (u8, u16, u32). */
export function parseUnsigned(text: string, max: number): number | undefined {
  if (!UNSIGNED.test(text)) return undefined;
  const value = Number(text);
  return value <= max ? value : undefined;
}

/** A signed integer within `min..=max`, or undefined (i32). */
export function parseSigned(text: string, min: number, max: number): number | undefined {
  if (!SIGNED.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** An i64 (note type ids), kept exact as a bigint, or undefined. */
export function parseI64(text: string): bigint | undefined {
  if (!SIGNED.test(text)) return undefined;
  const value = BigInt(text);
  return value >= I64_MIN && value <= I64_MAX ? value : undefined;
}

export const U8_MAX = 0xff;
export const U16_MAX = 0xffff;
export const U32_MAX = 0xffff_ffff;
export const I32_MIN = -0x8000_0000;
export const I32_MAX = 0x7fff_ffff;

/** A float as Rust's `f32::from_str` reads it (rounded to single precision), or undefined. */
export function parseF32(text: string): number | undefined {
  const special = FLOAT_SPECIAL.exec(text);
  if (special !== null) {
    if ((special[2] ?? '').toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!FLOAT.test(text)) return undefined;
  return Math.fround(Number(text));
}

/**
 * The value SQLite compares with when Anki writes an f32 into SQL text: Rust prints the shortest
 * decimal that reads back as the same f32 (`1.1`, not `1.100000023841858`), and SQLite reads that
 * decimal as a double.
 */
export function f32AsSqlNumber(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  for (let digits = 1; digits <= 9; digits++) {
    const shortest = Number(value.toPrecision(digits));
    if (Math.fround(shortest) === value) return shortest;
  }
  return value;
}

/** Rust's saturating `f32 as u32`: NaN and negatives become 0, large values u32::MAX. */
export function f32ToU32(value: number): number {
  if (Number.isNaN(value) || value <= 0) return 0;
  if (value >= U32_MAX) return U32_MAX;
  return Math.trunc(value);
}
