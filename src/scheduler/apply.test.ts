import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyState, difficultyShifted, InvalidTransitionError, type ApplyOptions } from './apply.js';
import type { SchedCard } from './card.js';
import { f32 } from './f32.js';
import type { CardState, LearnState, ReviewState } from './states.js';

const NOW = 1_700_000_000;
const options: ApplyOptions = { timing: { today: 50, nowSecs: NOW, nextDayAt: NOW + 3600 }, fuzzSeed: undefined, desiredRetention: undefined, suspendLeeches: false };

const card = (changes: Partial<SchedCard> = {}): SchedCard => ({
  id: 1,
  nid: 1,
  did: 1,
  odid: 0,
  due: 7,
  odue: 0,
  type: 0,
  queue: 0,
  ivl: 0,
  factor: 0,
  reps: 0,
  lapses: 0,
  left: 0,
  originalPosition: undefined,
  memory: undefined,
  desiredRetention: 0.9,
  decay: undefined,
  lastReviewSecs: undefined,
  ...changes,
});
const learn = (remainingSteps: number, scheduledSecs: number): LearnState => ({ kind: 'learning', remainingSteps, scheduledSecs, memory: undefined });
const review = (scheduledDays: number, ease = 2.5, extra: Partial<ReviewState> = {}): ReviewState => ({
  kind: 'review',
  scheduledDays,
  elapsedDays: 0,
  easeFactor: f32(ease),
  lapses: 0,
  leeched: false,
  memory: undefined,
  ...extra,
});
const NEW: CardState = { kind: 'new', position: 7 };

test('new → learning: due in the delay, the position remembered, a learning entry logged', () => {
  const { card: after, revlog } = applyState(card(), NEW, learn(2, 60), options);
  assert.deepEqual(
    [after.type, after.queue, after.due, after.left, after.reps, after.originalPosition, after.lastReviewSecs],
    [1, 1, NOW + 60, 2, 1, 7, NOW],
  );
  assert.deepEqual(revlog, { ivl: -60, lastIvl: 0, factor: 0, type: 0 });
  // SM-2 records no desired retention.
  assert.equal(after.desiredRetention, undefined);
});

test('a delay reaching the next day boundary is a day number in the day-learning queue', () => {
  const { card: after, revlog } = applyState(card({ type: 1, queue: 1, left: 1 }), learn(1, 600), learn(1, 7200), options);
  assert.deepEqual([after.queue, after.due], [3, 51]);
  assert.deepEqual(revlog, { ivl: 1, lastIvl: -600, factor: 0, type: 0 });
});

test('graduation: review queue, due today + interval, ease in permille, steps cleared', () => {
  const { card: after, revlog } = applyState(card({ type: 1, queue: 1, left: 1 }), learn(1, 600), review(3), options);
  assert.deepEqual([after.type, after.queue, after.due, after.ivl, after.factor, after.left], [2, 2, 53, 3, 2500, 0]);
  assert.deepEqual(revlog, { ivl: 3, lastIvl: -600, factor: 2500, type: 0 });
});

test('a lapse into relearning: interval and reduced ease stored, lapses counted; a leech is suspended when the preset says so', () => {
  const current = review(10, 2.5, { elapsedDays: 10 });
  const next: CardState = {
    kind: 'relearning',
    learning: { remainingSteps: 1, scheduledSecs: 600, memory: undefined },
    review: { ...review(1, 2.3), lapses: 8, leeched: true },
  };
  const base = card({ type: 2, queue: 2, ivl: 10, factor: 2500, lapses: 7, due: 50 });
  const { card: after, revlog } = applyState(base, current, next, options);
  assert.deepEqual([after.type, after.queue, after.due, after.ivl, after.factor, after.lapses, after.left], [3, 1, NOW + 600, 1, 2300, 8, 1]);
  assert.deepEqual(revlog, { ivl: -600, lastIvl: 10, factor: 2300, type: 1 });
  assert.equal(applyState(base, current, next, { ...options, suspendLeeches: true }).card.queue, -1);
});

test('FSRS: memory and desired retention recorded; the review log factor is the shifted difficulty', () => {
  const memory = { stability: f32(12.5), difficulty: f32(5.5) };
  const { card: after, revlog } = applyState(card({ type: 2, queue: 2, ivl: 5, factor: 2500 }), review(5), review(12, 2.5, { memory }), {
    ...options,
    desiredRetention: f32(0.9),
  });
  assert.deepEqual(after.memory, memory);
  assert.equal(after.desiredRetention, f32(0.9));
  assert.equal(revlog.factor, Math.round(difficultyShifted(memory) * 1000));
  assert.equal(revlog.factor, 600);
});

test('rescheduling filtered deck: a review goes home; anything else stays, its new due also its home due', () => {
  const inDeck = card({ did: 9, odid: 1, due: -100_000, odue: 48, type: 2, queue: 2, ivl: 4, factor: 2500 });
  const current: CardState = { kind: 'rescheduling', original: review(4, 2.5, { elapsedDays: 6 }) };
  const home = applyState(inDeck, current, review(9), options).card;
  assert.deepEqual([home.did, home.odid, home.odue, home.due], [1, 0, 0, 59]);
  const learning = card({ did: 9, odid: 1, due: -100_000, odue: NOW - 5, type: 1, queue: 1, left: 1 });
  const stays = applyState(learning, { kind: 'rescheduling', original: learn(1, 600) }, { kind: 'rescheduling', original: learn(2, 60) }, options).card;
  assert.deepEqual([stays.did, stays.odid, stays.due, stays.odue], [9, 1, NOW + 60, NOW + 60]);
});

test('preview: shown again after the delay without counting a review; finished, home as it was', () => {
  const inDeck = card({ did: 9, odid: 1, due: -100_000, odue: 51, type: 2, queue: 2, ivl: 8, factor: 2500, reps: 3, lastReviewSecs: 5 });
  const current: CardState = { kind: 'preview', scheduledSecs: 60, finished: false };
  const again = applyState(inDeck, current, { kind: 'preview', scheduledSecs: 60, finished: false }, options);
  assert.deepEqual([again.card.queue, again.card.due, again.card.reps, again.card.lastReviewSecs], [4, NOW + 60, 3, 5]);
  assert.deepEqual(again.revlog, { ivl: -60, lastIvl: -60, factor: 0, type: 3 });
  const done = applyState(inDeck, current, { kind: 'preview', scheduledSecs: 0, finished: true }, options).card;
  assert.deepEqual([done.did, done.odid, done.due, done.odue, done.queue, done.reps], [1, 0, 51, 0, 2, 3]);
});

test('a filtered state for a card in no filtered deck, or a normal one from a preview, is refused', () => {
  assert.throws(() => applyState(card(), NEW, { kind: 'preview', scheduledSecs: 0, finished: true }, options), InvalidTransitionError);
  const preview: CardState = { kind: 'preview', scheduledSecs: 60, finished: false };
  assert.throws(() => applyState(card({ odid: 1 }), preview, review(3), options), InvalidTransitionError);
});
