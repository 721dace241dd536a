import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastReviewSecs } from './last-review.js';

const entry = (id: number, ease: number, type: number, factor = 2500) => ({ id, ease, type, factor });

void test('the newest answered entry gives the last review time, in seconds', () => {
  assert.equal(lastReviewSecs([entry(1_000_500, 3, 0), entry(2_000_999, 1, 1)]), 2_000);
});

void test('no entries, or only unrated ones (set due date, rescheduled), give none', () => {
  assert.equal(lastReviewSecs([]), undefined);
  assert.equal(lastReviewSecs([entry(5_000, 0, 4), entry(6_000, 0, 5)]), undefined);
});

void test('a set due date entry (manual, with an ease) keeps the earlier review', () => {
  assert.equal(lastReviewSecs([entry(3_000, 4, 1), entry(9_000, 0, 4, 2500)]), 3);
});

void test('a reset (manual with factor 0) forgets the reviews before it', () => {
  assert.equal(lastReviewSecs([entry(3_000, 3, 1), entry(9_000, 0, 4, 0)]), undefined);
  assert.equal(lastReviewSecs([entry(3_000, 3, 1), entry(9_000, 0, 4, 0), entry(12_000, 2, 0)]), 12);
});

void test('cramming in a filtered deck without rescheduling does not count', () => {
  assert.equal(lastReviewSecs([entry(3_000, 3, 1), entry(9_000, 3, 3, 0)]), 3);
  // Reviewed early in a rescheduling filtered deck: it counts.
  assert.equal(lastReviewSecs([entry(3_000, 3, 1), entry(9_000, 3, 3, 2500)]), 9);
});
