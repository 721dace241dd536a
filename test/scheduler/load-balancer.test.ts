// The load balancer against real Anki (see load-balancer-golden.ts): the same cards due on the
// same days must lead to the same intervals, siblings and easy days included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultDeckConfig } from '../../src/deckconfig/defaults.js';
import { LoadBalancer } from '../../src/scheduler/load-balancer.js';
import { cardScheduling } from '../../src/scheduler/scheduling.js';
import type { SchedCard } from '../../src/scheduler/card.js';
import { LB_BASE_ID, LB_CARDS, LB_TARGETS, LB_TIMING } from './load-balancer-golden.js';

/** Weekday (Monday 0) in UTC, the zone the recording ran in. */
const weekdayUtc = (secs: number): number => (new Date(secs * 1000).getUTCDay() + 6) % 7;

const EASY_DAYS = [1, 1, 1, 1, 1, 0, 0.5];
const preset = { ...defaultDeckConfig(), buryReviews: true, easyDaysPercentages: EASY_DAYS };

function balancer(): LoadBalancer {
  return new LoadBalancer({
    today: LB_TIMING.today,
    cards: LB_CARDS.map(([id, nid, due]) => ({ id: LB_BASE_ID + id, nid: LB_BASE_ID + nid, did: 1, due: LB_TIMING.today + due })),
    presetOfDeck: new Map([[1, 1]]),
    easyDayPercentages: new Map([[1, EASY_DAYS]]),
    nextDayAt: LB_TIMING.nextDayAt,
    weekdayAt: weekdayUtc,
  });
}

function review(id: number, ivl: number): SchedCard {
  const nid = LB_CARDS.find(([card]) => card === id)?.[1] ?? 0;
  return {
    id: LB_BASE_ID + id,
    nid: LB_BASE_ID + nid,
    did: 1,
    odid: 0,
    due: LB_TIMING.today,
    odue: 0,
    type: 2,
    queue: 2,
    ivl,
    factor: 2500,
    reps: 4,
    lapses: 0,
    left: 0,
    originalPosition: undefined,
    memory: undefined,
    desiredRetention: undefined,
    decay: undefined,
    lastReviewSecs: undefined,
  };
}

test('review intervals picked by the load of their days, as Anki picks them', () => {
  const lb = balancer();
  for (const target of LB_TARGETS) {
    const card = review(target.card, target.ivl);
    const { states } = cardScheduling({
      card,
      deck: { filtered: false },
      preset,
      desiredRetention: preset.desiredRetention,
      fsrs: false,
      fsrsShortTermWithSteps: false,
      timing: LB_TIMING,
      reviewLog: () => [],
      lastAnswerSecs: () => undefined,
      loadBalancer: (seed) => (interval, minimum, maximum) => lb.findInterval(interval, minimum, maximum, 1, seed, card.nid),
    });
    const days = [states.hard, states.good, states.easy, states.again].map((s) =>
      s.kind === 'review' ? s.scheduledDays : s.kind === 'relearning' ? s.review.scheduledDays : -1,
    );
    assert.deepEqual(days, target.intervals, `card ${target.card}, interval ${target.ivl}`);
  }
});

test('beyond 90 days, for a preset without cards, or without a seed, plain fuzz applies', () => {
  const lb = balancer();
  assert.equal(lb.findInterval(91, 1, 36_500, 1, 5, undefined), undefined);
  assert.equal(lb.findInterval(20, 91, 36_500, 1, 5, undefined), undefined);
  assert.equal(lb.findInterval(20, 1, 36_500, 2, 5, undefined), undefined);
  assert.equal(lb.findInterval(20, 1, 36_500, 1, undefined, undefined), undefined);
  const picked = lb.findInterval(20, 1, 36_500, 1, 5, undefined);
  assert.ok(picked !== undefined && picked >= 17 && picked <= 23);
});

test('a day without cards due is preferred, a card added counts on its day', () => {
  const lb = new LoadBalancer({
    today: 0,
    cards: [3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 7, 7, 7].map((due, i) => ({ id: i + 1, nid: i + 1, did: 1, due })),
    presetOfDeck: new Map([[1, 1]]),
    easyDayPercentages: new Map([[1, []]]),
    nextDayAt: 86_400,
    weekdayAt: weekdayUtc,
  });
  // 5 ± 1.375 → days 4 (5 cards due), 5 (4) and 6 (3): fewer cards weigh more than an earlier day.
  const counts = new Map<number, number>();
  for (let seed = 0; seed < 300; seed++) {
    const day = lb.findInterval(5, 1, 100, 1, seed, undefined) ?? 0;
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  assert.ok((counts.get(6) ?? 0) > (counts.get(5) ?? 0), JSON.stringify([...counts]));
  lb.addCard(100, 100, 1, 6);
  lb.addCard(101, 101, 1, 6);
  lb.addCard(102, 102, 1, 6);
  let sixes = 0;
  for (let seed = 0; seed < 300; seed++) if (lb.findInterval(5, 1, 100, 1, seed, undefined) === 6) sixes++;
  assert.ok(sixes < (counts.get(6) ?? 0));
});
