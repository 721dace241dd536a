/**
 * The platform C library's single-precision expf, logf, powf and expm1f (native/mathf.c), which
 * Rust's f32 maths calls in Anki: see that file for why JavaScript's own functions will not do.
 */
import { createRequire } from 'node:module';
import { builtAddonPath } from './addons.js';

interface MathF {
  expf(x: number): number;
  logf(x: number): number;
  powf(x: number, y: number): number;
  expm1f(x: number): number;
}

export const mathf = createRequire(import.meta.url)(builtAddonPath('mathf')) as MathF;
