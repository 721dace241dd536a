/**
 * Numbers as Anki's statistics report prints them. Its figures pass through Python's `%` operator
 * ("%0.1f", "%d") or Anki's Fluent formatter (at most two decimals, trailing zeros dropped); both
 * round the exact binary value of a double and send an exact tie to the even digit, where
 * JavaScript's toFixed would round it up. Matching them keeps our figures digit for digit equal.
 */

const TWO_POW_52 = 2n ** 52n;

/** The double `x` as an exact fraction mantissa · 2^exponent (`x` finite). */
function exactParts(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & (TWO_POW_52 - 1n);
  // Subnormals have no implicit leading bit and the smallest exponent.
  return biased === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | TWO_POW_52, exponent: biased - 1075 };
}

/**
 * When |x| · 10^digits lies exactly halfway between two integers, the lower one; otherwise
 * undefined.
 */
function tieFloor(x: number, digits: number): bigint | undefined {
  const { mantissa, exponent } = exactParts(x);
  // 2 · |x| · 10^digits = mantissa · 10^digits · 2^(exponent + 1); a tie makes it an odd integer.
  const scaled = mantissa * 10n ** BigInt(digits);
  const shift = exponent + 1;
  if (shift > 0) return undefined;
  const divisor = 2n ** BigInt(-shift);
  if (scaled % divisor !== 0n) return undefined;
  const doubled = scaled / divisor;
  return doubled % 2n === 1n ? (doubled - 1n) / 2n : undefined;
}

/** `x` with exactly `digits` decimals, as Python's "%.<digits>f" and Rust's "{:.<digits>}". */
export function fixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const lower = tieFloor(x, digits);
  if (lower === undefined) return x.toFixed(digits);
  const kept = lower % 2n === 0n ? lower : lower + 1n;
  const text = kept.toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return x < 0 && kept !== 0n ? `-${whole}` : whole;
}

/** A number as Anki's Fluent messages show it: two decimals at most, no trailing zeros. */
export function fluentNumber(x: number): string {
  const text = fixed(x, 2);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Python's "%d" of a float: the integer part, truncated toward zero. */
export function truncated(x: number): string {
  return String(Math.trunc(x));
}

/** Rust's `f32::round`: halves go away from zero. */
export function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A moment in C's asctime form ("Fri Dec  4 17:53:47 2026"), the form of the report's
 * "Generated on" line, in the time zone given as minutes west of UTC.
 */
export function asctime(ms: number, minutesWest: number): string {
  const local = new Date(ms - minutesWest * 60_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${WEEKDAYS[local.getUTCDay()] ?? ''} ${MONTHS[local.getUTCMonth()] ?? ''} ${String(local.getUTCDate()).padStart(2, ' ')} ` +
    `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ${local.getUTCFullYear()}`
  );
}
