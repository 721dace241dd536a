import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constrainedFuzzBounds, learningDelayWithFuzz, minimumReviewFuzzInterval, withReviewFuzz } from './fuzz.js';
import { StdRng } from './rng.js';

/** The lowest, middle and highest picks of the range (fuzz factors 0, 0.5 and 0.99). */
const picks = (interval: number, minimum: number, maximum: number): number[] =>
  [0, 0.5, 0.99].map((factor) => withReviewFuzz(factor, interval, minimum, maximum));

test('without a fuzz factor the interval is rounded into the bounds', () => {
  assert.equal(withReviewFuzz(undefined, 1.5, 1, 100), 2);
  assert.equal(withReviewFuzz(undefined, 0.1, 1, 100), 1);
  assert.equal(withReviewFuzz(undefined, 101, 1, 100), 100);
});

test('the fuzz range: none under 2.5 days, then 1 day plus 15%, 10% and 5% of the days in each band', () => {
  assert.deepEqual(picks(1, 1, 1000), [1, 1, 1]);
  assert.deepEqual(picks(2.49, 1, 1000), [2, 2, 2]);
  // 2.5 ± 1 → 2..4 (3.5 rounds away from zero).
  assert.deepEqual(picks(2.5, 1, 1000), [2, 3, 4]);
  // 7 ± (1 + 0.15 × 4.5) = 7 ± 1.675 → 5..9.
  assert.deepEqual(picks(7, 1, 1000), [5, 7, 9]);
  // 17 ± (1.675 + 0.1 × 10) → 14..20.
  assert.deepEqual(picks(17, 1, 1000), [14, 17, 20]);
  // 37 ± (1.675 + 1.3 + 0.05 × 17) → 33..41.
  assert.deepEqual(picks(37, 1, 1000), [33, 37, 41]);
  assert.deepEqual(picks(19.9, 3, 1000), [17, 20, 23]);
});

test('bounds respect the minimum and maximum, and are at least two days wide when they allow it', () => {
  assert.deepEqual(picks(2, 2, 1000), [2, 2, 2]);
  assert.deepEqual(picks(2, 3, 1000), [3, 4, 4]);
  assert.deepEqual(picks(2, 3, 3), [3, 3, 3]);
  assert.deepEqual(picks(100, 101, 1000), [101, 105, 108]);
  assert.deepEqual(picks(100, 1, 99), [92, 96, 99]);
  assert.deepEqual(picks(100, 97, 103), [97, 100, 103]);
  // A minimum above the maximum does not fail.
  assert.deepEqual(constrainedFuzzBounds(1, 3, 2), [2, 2]);
});

test('the floor for FSRS intervals: one more than the last interval when growing, the same within range, none when shrinking', () => {
  assert.equal(minimumReviewFuzzInterval(2.7269483, 4, 36_500), 4);
  assert.equal(minimumReviewFuzzInterval(2.7269483, 5, 36_500), 0);
  assert.equal(minimumReviewFuzzInterval(4.591988, 4, 36_500), 5);
});

test('learning delays get up to a quarter more, at most five minutes, from the seeded stream', () => {
  assert.equal(learningDelayWithFuzz(undefined, 600), 600);
  assert.equal(learningDelayWithFuzz(42, 3), 3);
  for (let seed = 1; seed < 200; seed++) {
    const ten = learningDelayWithFuzz(seed, 600);
    assert.ok(ten >= 600 && ten < 750, String(ten));
    const day = learningDelayWithFuzz(seed, 86_400);
    assert.ok(day >= 86_400 && day < 86_700, String(day));
  }
  assert.equal(learningDelayWithFuzz(7, 600), new StdRng(7).rangeU32(600, 750));
  // Recorded from Anki 26.9.3: card 1631350800000 (0 reps) answered Good on a new card is due
  // 700 s later (its 10-minute step) — see test/scheduler/anki-golden.ts.
  assert.equal(learningDelayWithFuzz(1631350800000, 600), 700);
});
