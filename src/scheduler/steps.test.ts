import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LearningSteps } from './steps.js';

const DAY = 86_400;

/** [again, hard, good] delays for a card with `remaining` steps left. */
const delays = (steps: number[], remaining: number): (number | undefined)[] => {
  const s = new LearningSteps(steps);
  return [s.againDelaySecs(), s.hardDelaySecs(remaining), s.goodDelaySecs(remaining)];
};

test('Again goes back to the first step; Good moves on; on the last step Good graduates', () => {
  assert.deepEqual(delays([1, 10], 2), [60, 330, 600]);
  assert.deepEqual(delays([1, 10], 1), [60, 600, undefined]);
  assert.deepEqual(delays([1, 10, 100], 3), [60, 330, 600]);
  assert.deepEqual(delays([1, 10, 100], 2), [60, 600, 6000]);
  assert.deepEqual(delays([1, 10, 100], 1), [60, 6000, undefined]);
});

test('Hard on the first step: the mean of the first two steps, or with one step half as long again, at most a day more', () => {
  assert.deepEqual(delays([10], 1), [600, 900, undefined]);
  assert.deepEqual(delays([3 * 1440], 1), [3 * DAY, 4 * DAY, undefined]);
  // A mean over a day is rounded to whole days: (1 + 2.4 days) / 2 = 1.7 days → 2 days.
  assert.deepEqual(delays([1440, 3456], 2), [DAY, 2 * DAY, 3456 * 60]);
  // Exactly a day stays as it is.
  assert.deepEqual(delays([960], 1), [57_600, 86_400, undefined]);
});

test('no steps: no delays', () => {
  assert.deepEqual(delays([], 0), [undefined, undefined, undefined]);
  assert.equal(new LearningSteps([]).currentDelaySecs(3), 0);
  assert.equal(new LearningSteps([]).remainingForGood(0), 0);
});

test('steps are f32 minutes, truncated to seconds', () => {
  // 0.1 minute is 6.0000002 seconds in f32: 6.
  assert.deepEqual(delays([0.1, 1.5], 2), [6, 48, 90]);
});

test('remaining counts modulo 1000 (the legacy "today" part) and stays inside the list', () => {
  const steps = new LearningSteps([1, 10, 60]);
  assert.equal(steps.currentDelaySecs(2002), 600);
  assert.equal(steps.remainingForGood(2002), 1);
  // More remaining steps than steps: the first; none left: the last.
  assert.equal(steps.currentDelaySecs(7), 60);
  assert.equal(steps.currentDelaySecs(0), 3600);
  assert.equal(steps.remainingForFailed(), 3);
});
