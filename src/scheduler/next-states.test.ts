// Every transition of the v3 state machine (anki-semantics.md §3.4), with fuzz off so that the
// intervals are the formulas' own. Fuzzed results are checked against real Anki in
// test/scheduler/answers.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stateContext, type PresetSchedulingOptions, type StateContextExtras } from './context.js';
import { f32 } from './f32.js';
import type { FsrsNextStates } from './fsrs/model.js';
import { nextStates } from './next-states.js';
import { leechThresholdMet } from './review.js';
import type { CardState, LearnState, RelearnState, ReviewState, SchedulingStates } from './states.js';

const DEFAULTS: PresetSchedulingOptions = {
  learnSteps: [1, 10],
  relearnSteps: [10],
  graduatingIntervalGood: 1,
  graduatingIntervalEasy: 4,
  initialEase: 2.5,
  hardMultiplier: 1.2,
  easyMultiplier: 1.3,
  intervalMultiplier: 1,
  maximumReviewInterval: 36_500,
  leechThreshold: 8,
  lapseMultiplier: 0,
  minimumLapseInterval: 1,
};

const next = (state: CardState, preset: Partial<PresetSchedulingOptions> = {}, extras: StateContextExtras = {}): SchedulingStates =>
  nextStates(state, stateContext({ ...DEFAULTS, ...preset }, extras));

const learning = (remainingSteps: number, scheduledSecs: number): LearnState => ({ kind: 'learning', remainingSteps, scheduledSecs, memory: undefined });
const review = (scheduledDays: number, easeFactor: number, extra: Partial<ReviewState> = {}): ReviewState => ({
  kind: 'review',
  scheduledDays,
  elapsedDays: scheduledDays,
  easeFactor: f32(easeFactor),
  lapses: 0,
  leeched: false,
  memory: undefined,
  ...extra,
});
const relearning = (remainingSteps: number, scheduledSecs: number, days: number, ease: number, lapses = 1): RelearnState => ({
  kind: 'relearning',
  learning: { remainingSteps, scheduledSecs, memory: undefined },
  review: { scheduledDays: days, elapsedDays: days, easeFactor: f32(ease), lapses, leeched: false, memory: undefined },
});

/** A compact view: L(remaining, secs), R(days, ease ×1000, lapses), RL(remaining, secs, days, ease). */
function show(state: CardState): string {
  switch (state.kind) {
    case 'new':
      return `N(${state.position})`;
    case 'learning':
      return `L(${state.remainingSteps},${state.scheduledSecs})`;
    case 'review':
      return `R(${state.scheduledDays},${Math.round(state.easeFactor * 1000)},${state.lapses}${state.leeched ? ',leech' : ''})`;
    case 'relearning':
      return `RL(${state.learning.remainingSteps},${state.learning.scheduledSecs},${state.review.scheduledDays},${Math.round(state.review.easeFactor * 1000)},${state.review.lapses}${state.review.leeched ? ',leech' : ''})`;
    case 'preview':
      return state.finished ? 'P(end)' : `P(${state.scheduledSecs})`;
    case 'rescheduling':
      return `F(${show(state.original)})`;
  }
}
const buttons = (states: SchedulingStates): string[] => [states.again, states.hard, states.good, states.easy].map(show);

describe('new cards', () => {
  test('answer like a learning card on its first step', () => {
    assert.deepEqual(buttons(next({ kind: 'new', position: 3 })), ['L(2,60)', 'L(2,330)', 'L(1,600)', 'R(4,2500,0)']);
  });
  test('without steps every button graduates: the graduating interval, Easy the easy interval', () => {
    assert.deepEqual(buttons(next({ kind: 'new', position: 3 }, { learnSteps: [], graduatingIntervalGood: 3, initialEase: 2.3 })), [
      'R(3,2300,0)',
      'R(3,2300,0)',
      'R(3,2300,0)',
      'R(4,2300,0)',
    ]);
  });
});

describe('learning cards', () => {
  test('on the last step Good graduates; Hard repeats the step; Again starts over', () => {
    assert.deepEqual(buttons(next(learning(1, 600))), ['L(2,60)', 'L(1,600)', 'R(1,2500,0)', 'R(4,2500,0)']);
  });
  test('with three steps Good moves one step on', () => {
    assert.deepEqual(buttons(next(learning(2, 600), { learnSteps: [1, 10, 60] })), ['L(3,60)', 'L(2,600)', 'L(1,3600)', 'R(4,2500,0)']);
  });
  test('the maximum interval caps graduation', () => {
    assert.deepEqual(buttons(next(learning(1, 600), { graduatingIntervalGood: 9, graduatingIntervalEasy: 12, maximumReviewInterval: 5 })), [
      'L(2,60)',
      'L(1,600)',
      'R(5,2500,0)',
      'R(5,2500,0)',
    ]);
  });
});

describe('review cards', () => {
  test('on time: Hard ×1.2, Good ×ease, Easy ×ease×1.3; ease −0.15 / +0.15; Again lapses into relearning', () => {
    assert.deepEqual(buttons(next(review(10, 2.5))), ['RL(1,600,1,2300,1)', 'R(12,2350,0)', 'R(25,2500,0)', 'R(33,2650,0)']);
  });
  test('overdue: Good counts half the days late, Easy all of them', () => {
    assert.deepEqual(buttons(next(review(10, 2.5, { elapsedDays: 14 }))), ['RL(1,600,1,2300,1)', 'R(12,2350,0)', 'R(30,2500,0)', 'R(46,2650,0)']);
  });
  test('each interval is at least a day more than the one before it', () => {
    assert.deepEqual(buttons(next(review(1, 1.3))), ['RL(1,600,1,1300,1)', 'R(2,1300,0)', 'R(3,1300,0)', 'R(4,1450,0)']);
  });
  test('ease never falls below 130%', () => {
    assert.deepEqual(buttons(next(review(3, 1.35))).slice(0, 2), ['RL(1,600,1,1300,1)', 'R(4,1300,0)']);
  });
  test('a hard multiplier of 1 or less sets no minimum for Hard; Good is then at least a day more than the interval', () => {
    assert.deepEqual(buttons(next(review(10, 1.3), { hardMultiplier: 0.5 })).slice(1, 3), ['R(5,1300,0)', 'R(13,1300,0)']);
  });
  test('the interval modifier multiplies every passing interval', () => {
    assert.deepEqual(buttons(next(review(10, 2.5), { intervalMultiplier: 1.5 })).slice(1), ['R(18,2350,0)', 'R(38,2500,0)', 'R(49,2650,0)']);
  });
  test('without relearning steps a lapse stays a review: the old interval × the lapse multiplier, at least the minimum', () => {
    assert.deepEqual(buttons(next(review(30, 2.5), { relearnSteps: [], lapseMultiplier: 0.5, minimumLapseInterval: 2 }))[0], 'R(15,2300,1)');
    assert.deepEqual(buttons(next(review(3, 2.5), { relearnSteps: [], lapseMultiplier: 0.1, minimumLapseInterval: 2 }))[0], 'R(2,2300,1)');
  });
  test('a lapse reaching the leech threshold marks the card a leech', () => {
    assert.equal(show(next(review(10, 2.5, { lapses: 7 })).again), 'RL(1,600,1,2300,8,leech)');
    assert.equal(show(next(review(10, 2.5, { lapses: 8 })).again), 'RL(1,600,1,2300,9)');
  });
  test('leech threshold: at the threshold, then every half threshold (rounded up); 0 is off', () => {
    const met = (threshold: number) => Array.from({ length: 14 }, (_, lapses) => leechThresholdMet(lapses, threshold));
    assert.deepEqual(
      met(8).flatMap((hit, lapses) => (hit ? [lapses] : [])),
      [8, 12],
    );
    assert.deepEqual(
      met(3).flatMap((hit, lapses) => (hit ? [lapses] : [])),
      [3, 5, 7, 9, 11, 13],
    );
    assert.deepEqual(
      met(1).flatMap((hit, lapses) => (hit ? [lapses] : [])),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
    );
    assert.ok(met(0).every((hit) => !hit));
  });
});

describe('relearning cards', () => {
  test('Again restarts the steps without another lapse; Good and Easy return to review', () => {
    assert.deepEqual(buttons(next(relearning(1, 600, 3, 2.1, 2))), ['RL(1,600,1,2100,2)', 'RL(1,900,3,2100,2)', 'R(3,2100,2)', 'R(4,2100,2)']);
  });
  test('the post-lapse interval is recomputed from the review part on Again', () => {
    assert.equal(show(next(relearning(1, 600, 20, 2.1), { lapseMultiplier: 0.5 }).again), 'RL(1,600,10,2100,1)');
  });
  test('without relearning steps Again, Hard and Good return to review as it is, Easy a day more', () => {
    assert.deepEqual(buttons(next(relearning(1, 600, 4, 2.3), { relearnSteps: [] })), ['R(4,2300,1)', 'R(4,2300,1)', 'R(4,2300,1)', 'R(5,2300,1)']);
  });
});

describe('cards in filtered decks', () => {
  test('reviewed before the due day (Anki\'s old formula, no fuzz): Hard max(elapsed×1.2, scheduled×0.6), Good max(elapsed×ease, scheduled), Easy ×(1.3 − 0.15)', () => {
    const early = review(10, 2.5, { elapsedDays: 4 });
    const states = next({ kind: 'rescheduling', original: early }, {}, { inFilteredDeck: true });
    assert.deepEqual(buttons(states), ['F(RL(1,600,1,2300,1))', 'R(6,2350,0)', 'R(10,2500,0)', 'R(12,2650,0)']);
  });
  test('a rescheduling deck keeps unfinished states in the deck and sends reviews home', () => {
    const states = next({ kind: 'rescheduling', original: { kind: 'new', position: 1 } }, {}, { inFilteredDeck: true });
    assert.deepEqual(buttons(states), ['F(L(2,60))', 'F(L(2,330))', 'F(L(1,600))', 'R(4,2500,0)']);
    assert.equal(show(states.current), 'F(N(1))');
  });
  test('a card marked filtered outside a filtered deck is scheduled normally', () => {
    const states = next({ kind: 'rescheduling', original: learning(1, 600) }, {}, { inFilteredDeck: false });
    assert.deepEqual([show(states.current), ...buttons(states)], ['L(1,600)', 'L(2,60)', 'L(1,600)', 'R(1,2500,0)', 'R(4,2500,0)']);
  });
  test('a preview deck repeats after its delays; 0 (and Easy) returns the card home', () => {
    const states = next({ kind: 'preview', scheduledSecs: 60, finished: false }, {}, { inFilteredDeck: true, previewDelays: { again: 60, hard: 600, good: 0 } });
    assert.deepEqual(buttons(states), ['P(60)', 'P(600)', 'P(end)', 'P(end)']);
  });
});

describe('FSRS', () => {
  const item = (interval: number, stability: number) => ({ memory: { stability, difficulty: 5 }, interval });
  const fsrs = (again: number, hard: number, good: number, easy: number): FsrsNextStates => ({
    again: item(again, again),
    hard: item(hard, hard),
    good: item(good, good),
    easy: item(easy, easy),
  });
  test('graduation takes FSRS\'s intervals, Easy at least a day more than Good', () => {
    const states = next(learning(1, 600), {}, { fsrsNextStates: fsrs(0.2, 0.6, 2.4, 2.6) });
    assert.deepEqual(buttons(states), ['L(2,60)', 'L(1,600)', 'R(2,2500,0)', 'R(3,2500,0)']);
  });
  test('short-term: without steps an interval under half a day keeps the card in learning', () => {
    const states = next(learning(0, 0), { learnSteps: [] }, { fsrsNextStates: fsrs(0.01, 0.2, 0.7, 3.2), fsrsAllowShortTerm: true });
    assert.deepEqual(buttons(states), ['L(0,864)', 'L(0,17280)', 'R(1,2500,0)', 'R(3,2500,0)']);
  });
  test('passing reviews ignore the interval modifier and never fall below the last interval within its fuzz range', () => {
    const states = next(review(10, 2.5), { intervalMultiplier: 2 }, { fsrsNextStates: fsrs(1.5, 9.2, 15.4, 30.1) });
    assert.deepEqual(buttons(states).slice(1), ['R(10,2350,0)', 'R(15,2500,0)', 'R(30,2650,0)']);
  });
  test('a lapse takes FSRS\'s interval (unfuzzed until the card leaves relearning)', () => {
    const states = next(review(10, 2.5), { relearnSteps: [] }, { fsrsNextStates: fsrs(2.6, 9, 15, 30) });
    assert.equal(show(states.again), 'R(3,2300,1)');
  });
});
