import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dueDateInterval, parseDueDateSpec, type DueDateCard } from './due-date.js';

describe('parseDueDateSpec', () => {
  test('a day, a range in either order, and the reset mark', () => {
    assert.deepEqual(parseDueDateSpec('0'), { min: 0, max: 0, resetInterval: false });
    assert.deepEqual(parseDueDateSpec('5!'), { min: 5, max: 5, resetInterval: true });
    assert.deepEqual(parseDueDateSpec('70-50!'), { min: 50, max: 70, resetInterval: true });
    assert.deepEqual(parseDueDateSpec('4294967295'), { min: 4294967295, max: 4294967295, resetInterval: false });
  });

  test('anything else is refused', () => {
    for (const days of ['', 'x', '-5', '5-', '1.5', '1 ', '!', '1!-2', '4294967296']) assert.equal(parseDueDateSpec(days), undefined, days);
  });
});

describe('dueDateInterval', () => {
  const day = { today: 100, nextDayAt: 1_800_000_000 };
  const card = (fields: Partial<DueDateCard>): DueDateCard => ({
    type: 2, queue: 2, ivl: 10, due: 104, odue: 0, odid: 0, lastReviewSecs: undefined, ...fields,
  });

  test('SM-2: review and relearning cards keep their interval unless reset; others get the days, at least 1', () => {
    assert.equal(dueDateInterval(card({}), day, 3, false, false), 10);
    assert.equal(dueDateInterval(card({ type: 3, queue: 1 }), day, 3, false, false), 10);
    assert.equal(dueDateInterval(card({}), day, 3, true, false), 3);
    assert.equal(dueDateInterval(card({ type: 0, queue: 0, ivl: 0 }), day, 0, false, false), 1);
    assert.equal(dueDateInterval(card({ type: 1, queue: 1, ivl: 0 }), day, 4, false, false), 4);
  });

  test('FSRS: days since the last review plus the days chosen; 0 for new cards and cards without interval', () => {
    assert.equal(dueDateInterval(card({ lastReviewSecs: day.nextDayAt - 6 * 86_400 - 5 }), day, 2, false, true), 8);
    assert.equal(dueDateInterval(card({ type: 0, queue: 0, ivl: 0 }), day, 2, false, true), 0);
    assert.equal(dueDateInterval(card({ ivl: 0 }), day, 2, false, true), 0);
  });

  test('FSRS without a last review time: the interval moves by as much as the due day does', () => {
    // Due on day 104, moved to day 102: two days shorter.
    assert.equal(dueDateInterval(card({}), day, 2, false, true), 8);
    // In a filtered deck the home due counts.
    assert.equal(dueDateInterval(card({ due: -100, odue: 104, odid: 5 }), day, 7, false, true), 13);
    // A learning card's due is a timestamp: three days after the next day starts is day 103.
    assert.equal(dueDateInterval(card({ type: 3, queue: 1, due: day.nextDayAt + 3 * 86_400 }), day, 0, false, true), 7);
    // Never below zero.
    assert.equal(dueDateInterval(card({ ivl: 1, due: 150 }), day, 0, false, true), 0);
  });
});
