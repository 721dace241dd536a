import assert from 'node:assert/strict';
import { test } from 'node:test';
import { f32 } from '../f32.js';
import { fsrsHistoryItem, memoryStateFromHistory, type FsrsRevlogEntry } from './history.js';
import { Fsrs } from './model.js';

const DAY = 86_400;
const NEXT_DAY_AT = 1_000 * DAY;
const fsrs = new Fsrs([]);

/** A review log entry `daysAgo` days before the next day boundary (minus an hour). */
function entry(daysAgo: number, ease: number, type: number, ivl = 1, factor = 2500): FsrsRevlogEntry {
  return { id: (NEXT_DAY_AT - daysAgo * DAY - 3600) * 1000, ease, ivl, factor, type };
}

const item = (log: FsrsRevlogEntry[], ignoreBeforeMs = 0) => fsrsHistoryItem(fsrs, log, NEXT_DAY_AT, f32(0.9), ignoreBeforeMs);

test('a log from the first learning step is complete: every answer, with the days between them', () => {
  const log = [entry(20, 3, 0, -600, 0), entry(20, 3, 0, 1), entry(18, 3, 1, 4), entry(13, 2, 1, 5), entry(6, 3, 1, 5)];
  assert.deepEqual(item(log), {
    reviews: [
      { rating: 3, deltaT: 0 },
      { rating: 3, deltaT: 0 },
      { rating: 3, deltaT: 2 },
      { rating: 2, deltaT: 5 },
      { rating: 3, deltaT: 7 },
    ],
    starting: undefined,
  });
});

test('reviews in a filtered deck that does not reschedule, and manual entries, do not count', () => {
  const log = [entry(10, 3, 0), entry(8, 4, 3, -60, 0), entry(7, 0, 4, 9, 2500), entry(5, 3, 1)];
  assert.deepEqual(item(log)?.reviews, [
    { rating: 3, deltaT: 0 },
    { rating: 3, deltaT: 5 },
  ]);
});

test('a reset (Forget: manual, factor 0) ends the history before it', () => {
  const log = [entry(30, 3, 0), entry(25, 3, 1, 5), entry(20, 0, 4, 0, 0), entry(10, 1, 0, -60, 0), entry(9, 3, 0)];
  assert.deepEqual(item(log)?.reviews, [
    { rating: 1, deltaT: 0 },
    { rating: 3, deltaT: 1 },
  ]);
  // Reset and never answered since: no history at all.
  assert.equal(item([entry(30, 3, 0), entry(20, 0, 4, 0, 0)]), undefined);
});

test('without learning entries the history starts at the first graded interday answer, from the state SM-2 implies', () => {
  const log = [entry(40, 3, 1, 10, 2300), entry(30, 3, 1, 25, 2300), entry(5, 1, 1, 1, 2100)];
  const found = item(log);
  // The first answer becomes the starting state; the others are replayed from it.
  assert.deepEqual(found?.reviews, [
    { rating: 3, deltaT: 10 },
    { rating: 1, deltaT: 25 },
  ]);
  assert.deepEqual(found.starting, fsrs.memoryStateFromSm2(f32(2.3), 10, f32(0.9)));
  // A factor of 1100 or less was written by FSRS: it is the difficulty itself.
  const fromFsrs = item([entry(40, 3, 1, 10, 550), entry(30, 3, 1, 25, 600)]);
  assert.equal(fromFsrs?.starting?.difficulty, f32(f32(f32(f32(0.55) - f32(0.1)) * 9) + 1));
});

test('learning before "ignore reviews before" does not count; the history starts after it', () => {
  const log = [entry(40, 3, 0, -600, 0), entry(40, 3, 0, 1), entry(30, 3, 1, 10), entry(10, 3, 1, 20)];
  const cutoff = (NEXT_DAY_AT - 35 * DAY) * 1000;
  const found = item(log, cutoff);
  assert.deepEqual(found?.reviews, [{ rating: 3, deltaT: 20 }]);
  assert.ok(found.starting !== undefined);
});

test('a card with no usable history: none when new or without interval, else from SM-2 values', () => {
  assert.equal(memoryStateFromHistory(fsrs, { type: 0, ivl: 0, factor: 0 }, [], NEXT_DAY_AT, f32(0.9), 0), undefined);
  assert.equal(memoryStateFromHistory(fsrs, { type: 1, ivl: 0, factor: 0 }, [], NEXT_DAY_AT, f32(0.9), 0), undefined);
  assert.deepEqual(
    memoryStateFromHistory(fsrs, { type: 2, ivl: 12, factor: 2200 }, [], NEXT_DAY_AT, f32(0.9), 0),
    fsrs.memoryStateFromSm2(f32(2.2), 12, f32(0.9)),
  );
});
