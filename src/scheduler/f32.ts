/**
 * Single-precision arithmetic as Rust does it. Anki's scheduler computes intervals, eases, fuzz
 * and FSRS memory states in f32, and a result one f32 step away can round to another day or
 * another stored digit; so every operation here rounds to f32 after each step, exactly where
 * the Rust expression does.
 */

import { mathf } from '../native/mathf.js';

/** Rounds to the nearest f32. */
export const f32 = Math.fround;

export const add = (a: number, b: number): number => Math.fround(a + b);
export const sub = (a: number, b: number): number => Math.fround(a - b);
export const mul = (a: number, b: number): number => Math.fround(a * b);
export const div = (a: number, b: number): number => Math.fround(a / b);

/**
 * `f32::exp`, `ln`, `powf` and `exp_m1`: the C library's expf, logf, powf and expm1f, which Rust
 * calls, rather than JavaScript's double-precision functions rounded to f32 (which differ now and
 * then in the last bit, and so sometimes in a digit Anki stores).
 */
export const exp = (x: number): number => mathf.expf(x);
export const ln = (x: number): number => mathf.logf(x);
export const pow = (x: number, y: number): number => mathf.powf(x, y);
export const expm1 = (x: number): number => mathf.expm1f(x);

/** `f32::round`: halves away from zero. */
export function round(x: number): number {
  const r = Math.round(Math.abs(x));
  return x < 0 ? -r : r;
}

/** `f32::max` / `min` / `clamp` (inputs are f32 already, so the results are too). */
export const max = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));
export const min = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b));
export const clamp = (x: number, low: number, high: number): number => Math.min(Math.max(x, low), high);

const U32_MAX = 4_294_967_295;

/** Rust's `x as u32` for a float: truncated toward zero, NaN and negatives 0, saturating. */
export function toU32(x: number): number {
  if (Number.isNaN(x) || x <= 0) return 0;
  return Math.min(Math.trunc(x), U32_MAX);
}

/** Rust's `x as u16` for a float. */
export function toU16(x: number): number {
  return Math.min(toU32(x), 65_535);
}

/** Rust's `a.saturating_sub(b)` for u32 values. */
export const saturatingSub = (a: number, b: number): number => Math.max(a - b, 0);
