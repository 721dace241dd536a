/** Axis scales with round tick values (1, 2, 2.5 or 5 times a power of ten). */

export interface Scale {
  /** The top of the axis: the first tick at or above the largest value. */
  max: number;
  ticks: number[];
}

const TARGET_TICKS = 4;

/** A scale from 0 that holds `largest`; `integer` keeps ticks on whole numbers (counts). */
export function niceScale(largest: number, integer: boolean): Scale {
  if (!(largest > 0)) return { max: 1, ticks: [0, 1] };
  const rough = largest / TARGET_TICKS;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const multiples = integer && magnitude < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  let step = (multiples.find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  if (integer) step = Math.max(1, Math.round(step));
  const count = Math.ceil(largest / step - 1e-9);
  // Rounded so that 3 × 0.2 is 0.6, not 0.6000000000000001.
  const ticks = Array.from({ length: count + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
  return { max: ticks[ticks.length - 1] ?? 1, ticks };
}

/** A tick label: whole numbers as they are, others with one decimal. */
export function tickLabel(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
