/**
 * Fuzz (anki-semantics.md §3.5, rslib `scheduler/states/fuzz.rs` and `answering/learning.rs`):
 * review intervals are spread over a range that grows with the interval, so cards learnt
 * together do not stay together; learning delays get up to 25% (at most 5 minutes) more.
 * All of it is f32 arithmetic, seeded per card so the same answer gives the same result.
 */
import { add, clamp, f32, mul, round, sub, toU32 } from './f32.js';
import { StdRng } from './rng.js';

/** Days the fuzz range spreads per day of interval, by interval band. */
const FUZZ_RANGES: readonly { start: number; end: number; factor: number }[] = [
  { start: 2.5, end: 7, factor: f32(0.15) },
  { start: 7, end: 20, factor: f32(0.1) },
  { start: 20, end: f32(3.4028234663852886e38), factor: f32(0.05) },
];

/** How far the range reaches on either side of `interval` (0 below 2.5 days). */
function fuzzDelta(interval: number): number {
  if (interval < 2.5) return 0;
  let delta = 1;
  for (const range of FUZZ_RANGES) {
    delta = add(delta, mul(range.factor, Math.max(sub(Math.min(interval, range.end), range.start), 0)));
  }
  return delta;
}

/**
 * The fuzz range of `interval` inside [minimum, maximum], at least two days wide when the
 * bounds allow it and the interval is over two days.
 */
export function constrainedFuzzBounds(interval: number, minimum: number, maximum: number): [number, number] {
  const low = Math.min(minimum, maximum);
  const x = clamp(f32(interval), low, maximum);
  const delta = fuzzDelta(x);
  const lower = clamp(toU32(round(sub(x, delta))), low, maximum);
  let upper = clamp(toU32(round(add(x, delta))), low, maximum);
  if (upper === lower && upper > 2 && upper < maximum) upper = lower + 1;
  return [lower, upper];
}

/**
 * A review interval: without a fuzz factor the interval rounded into [minimum, maximum];
 * with one, the point of the fuzz range the factor picks.
 */
export function withReviewFuzz(fuzzFactor: number | undefined, interval: number, minimum: number, maximum: number): number {
  if (fuzzFactor === undefined) return clamp(toU32(round(f32(interval))), minimum, maximum);
  const [lower, upper] = constrainedFuzzBounds(interval, minimum, maximum);
  return toU32(Math.floor(add(f32(lower), mul(fuzzFactor, f32(1 + upper - lower)))));
}

/**
 * The lowest interval fuzz may give when rescheduling a card whose last interval was
 * `previous`: one more than it if the new interval grew, the same if it is within the fuzz
 * range, and no floor if the interval shrank (new FSRS parameters, another retention).
 */
export function minimumReviewFuzzInterval(interval: number, previous: number, maximum: number): number {
  const rounded = toU32(round(f32(interval)));
  const [, upper] = constrainedFuzzBounds(interval, 1, maximum);
  if (rounded > previous) return previous + 1;
  if (previous <= upper) return previous;
  return 0;
}

/**
 * A learning delay with its fuzz: uniform in [secs, secs + min(25%, 300 s)), seeded like the
 * review fuzz; no fuzz without a seed or when the range is empty.
 */
export function learningDelayWithFuzz(seed: number | undefined, secs: number): number {
  if (seed === undefined) return secs;
  const upperExclusive = secs + toU32(Math.floor(Math.min(mul(f32(secs), 0.25), 300)));
  if (secs >= upperExclusive) return secs;
  return new StdRng(seed).rangeU32(secs, upperExclusive);
}
