import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerButtonLabel, answerButtonTime, describeNextStates } from './labels.js';
import type { SchedulingStates } from './states.js';

const DAY = 86_400;
const MONTH = (365 * DAY) / 12;

test('the largest unit the time reaches; seconds, minutes and days whole, hours, months and years to one decimal', () => {
  assert.equal(answerButtonTime(30), '30s');
  assert.equal(answerButtonTime(70), '1m');
  assert.equal(answerButtonTime(330), '6m');
  assert.equal(answerButtonTime(3599), '60m');
  assert.equal(answerButtonTime(44_280), '12.3h');
  assert.equal(answerButtonTime(3 * 3600), '3h');
  assert.equal(answerButtonTime(DAY), '1d');
  assert.equal(answerButtonTime(30 * DAY), '30d');
  assert.equal(answerButtonTime(1.1 * MONTH), '1.1mo');
  assert.equal(answerButtonTime(36 * DAY), '1.2mo');
  assert.equal(answerButtonTime(364 * DAY), '12mo');
  assert.equal(answerButtonTime(365 * DAY), '1y');
  assert.equal(answerButtonTime(400 * DAY), '1.1y');
  assert.equal(answerButtonTime(36_500 * DAY), '100y');
});

test('within the learn-ahead limit the label starts with <; 0 is (end)', () => {
  assert.equal(answerButtonLabel(60, 1200), '<1m');
  assert.equal(answerButtonLabel(600, 1200), '<10m');
  assert.equal(answerButtonLabel(1200, 1200), '20m');
  assert.equal(answerButtonLabel(90, 1200), '<2m');
  assert.equal(answerButtonLabel(1800, 0), '30m');
  assert.equal(answerButtonLabel(0, 1200), '(end)');
});

test('a delay that reaches the next day boundary is shown in days from it', () => {
  const learning = (scheduledSecs: number) => ({ kind: 'learning', remainingSteps: 1, scheduledSecs, memory: undefined }) as const;
  const states: SchedulingStates = {
    current: learning(60),
    again: learning(60),
    hard: learning(3600),
    good: learning(2 * DAY),
    easy: { kind: 'review', scheduledDays: 4, elapsedDays: 0, easeFactor: 2.5, lapses: 0, leeched: false, memory: undefined },
  };
  // Half an hour to the boundary: the hour-long delay lands tomorrow (1d), two days the day after the next.
  assert.deepEqual(describeNextStates(states, 1800, 1200), ['<1m', '1d', '2d', '4d']);
  assert.deepEqual(describeNextStates(states, 5 * 3600, 1200), ['<1m', '1h', '2d', '4d']);
});
