// The scheduler's pure core against golden values recorded from real Anki 26.9.3 (see
// anki-golden.ts for how): the answer-button labels of cards in every state, and for each button
// the card row and review log row Anki wrote, fuzz, FSRS memory states and all, bit for bit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { schedCardFromRow, cardDataText } from '../../src/cards/scheduling.js';
import { defaultDeckConfig } from '../../src/deckconfig/defaults.js';
import { applyState, fuzzSeed } from '../../src/scheduler/apply.js';
import { describeNextStates } from '../../src/scheduler/labels.js';
import { cardScheduling, type SchedulingDeck } from '../../src/scheduler/scheduling.js';
import { DeckConfigConfig_LeechAction, type DeckConfigConfig } from '../../src/storage/proto/gen/anki_storage/deck_config_pb.js';
import type { CardState } from '../../src/scheduler/states.js';
import { GOLDEN_FSRS, GOLDEN_SM2, GOLDEN_TIMING, type GoldenCase } from './anki-golden.js';

const f32 = Math.fround;

/** The presets the recording script made (legacy dict keys in the comments), from Anki's default. */
const PRESETS: Record<GoldenCase['preset'], DeckConfigConfig> = {
  default: defaultDeckConfig(),
  // new.delays [], new.ints [3, 6], initialFactor 2300; rev.hardFactor 1.0, ease4 1.5, ivlFct 1.2,
  // maxIvl 50; lapse.delays [], mult 0.5, minInt 2, leechFails 3, leechAction 0 (suspend).
  nosteps: {
    ...defaultDeckConfig(),
    learnSteps: [],
    graduatingIntervalGood: 3,
    graduatingIntervalEasy: 6,
    initialEase: f32(2.3),
    hardMultiplier: 1,
    easyMultiplier: 1.5,
    intervalMultiplier: f32(1.2),
    maximumReviewInterval: 50,
    relearnSteps: [],
    lapseMultiplier: 0.5,
    minimumLapseInterval: 2,
    leechThreshold: 3,
    leechAction: DeckConfigConfig_LeechAction.SUSPEND,
  },
  // new.delays [30, 1440, 4320], new.ints [5, 8]; lapse.delays [1440].
  daysteps: { ...defaultDeckConfig(), learnSteps: [30, 1440, 4320], graduatingIntervalGood: 5, graduatingIntervalEasy: 8, relearnSteps: [1440] },
  fsrscustom: {
    ...defaultDeckConfig(),
    fsrsParams6: [0.3, 1.1, 2.9, 9.1, 6.2, 0.7, 2.8, 0.002, 1.7, 0.2, 0.9, 1.6, 0.05, 0.3, 1.5, 0.5, 2.1, 0.6, 0.1, 0.08, 0.2].map(f32),
    desiredRetention: f32(0.85),
  },
  // fsrsWeights (FSRS-4.5's 17 parameters); new.delays [], lapse.delays [].
  fsrs17: {
    ...defaultDeckConfig(),
    fsrsParams4: [0.4, 0.6, 2.4, 5.8, 4.93, 0.94, 0.86, 0.01, 1.49, 0.14, 0.94, 2.18, 0.05, 0.34, 1.26, 0.29, 2.61].map(f32),
    learnSteps: [],
    relearnSteps: [],
  },
};

const BUTTONS = ['again', 'hard', 'good', 'easy'] as const;

function memoryOf(state: CardState): [number, number] | undefined {
  const inner = state.kind === 'rescheduling' ? state.original : state;
  const memory = inner.kind === 'relearning' ? inner.learning.memory : inner.kind === 'new' || inner.kind === 'preview' ? undefined : inner.memory;
  return memory === undefined ? undefined : [memory.stability, memory.difficulty];
}

function check(golden: GoldenCase, fsrs: boolean): void {
  const [did, odid, due, odue, type, queue, ivl, factor, reps, lapses, left, data] = golden.card;
  const { card, customData } = schedCardFromRow({ id: golden.id, nid: golden.nid, did, odid, due, odue, type, queue, ivl, factor, reps, lapses, left, data });
  const preset = PRESETS[golden.preset];
  const deck: SchedulingDeck =
    golden.filtered === undefined
      ? { filtered: false }
      : {
          filtered: true,
          reschedule: golden.filtered.reschedule,
          previewDelays: { again: golden.filtered.preview[0] ?? 0, hard: golden.filtered.preview[1] ?? 0, good: golden.filtered.preview[2] ?? 0 },
        };
  const revlog = (golden.revlog ?? []).map(([id, ease, ivl, _lastIvl, factor, _time, type]) => ({
    id: id ?? 0,
    ease: ease ?? 0,
    ivl: ivl ?? 0,
    factor: factor ?? 0,
    type: type ?? 0,
  }));
  const scheduling = cardScheduling({
    card,
    deck,
    preset,
    desiredRetention: preset.desiredRetention,
    fsrs,
    fsrsShortTermWithSteps: false,
    timing: GOLDEN_TIMING,
    reviewLog: () => revlog,
    lastAnswerSecs: () => {
      const last = revlog.filter((entry) => entry.ease > 0 && (entry.type !== 3 || entry.factor !== 0)).at(-1);
      return last === undefined ? undefined : Math.floor(last.id / 1000);
    },
  });
  const { states } = scheduling;
  assert.deepEqual(describeNextStates(states, GOLDEN_TIMING.nextDayAt - GOLDEN_TIMING.nowSecs, 1200), golden.labels, 'labels');
  if (golden.memory !== undefined) {
    BUTTONS.forEach((button, i) => {
      const expected = golden.memory?.[i];
      assert.deepEqual(memoryOf(states[button]), expected?.map(f32), `memory after ${button}`);
    });
  }
  BUTTONS.forEach((button, i) => {
    const applied = applyState(scheduling.card, states.current, states[button], {
      timing: GOLDEN_TIMING,
      fuzzSeed: fuzzSeed(scheduling.card),
      desiredRetention: scheduling.desiredRetention,
      suspendLeeches: preset.leechAction === DeckConfigConfig_LeechAction.SUSPEND,
    });
    const after = applied.card;
    const row = [after.did, after.odid, after.due, after.odue, after.type, after.queue, after.ivl, after.factor, after.reps, after.lapses, after.left];
    const [expectedRow, expectedLog] = golden.answers[i] ?? [];
    assert.deepEqual([...row, cardDataText(after, customData)], expectedRow, `card after ${button}`);
    const { ivl: logIvl, lastIvl, factor: logFactor, type: logType } = applied.revlog;
    // Time taken is the caller's (0 here, as Anki-Connect's immediate answer gives).
    assert.deepEqual([logIvl, lastIvl, logFactor, 0, logType], expectedLog, `review log after ${button}`);
  });
}

describe('SM-2, against real Anki', () => {
  for (const golden of GOLDEN_SM2) test(golden.name, () => check(golden, false));
});

describe('FSRS, against real Anki', () => {
  for (const golden of GOLDEN_FSRS) test(golden.name, () => check(golden, true));
});
