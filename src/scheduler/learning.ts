/**
 * Answering a card in learning (and a new card, which answers like a learning card at its
 * first step): steps while there are steps, then graduation to review (anki-semantics.md §3.4,
 * rslib `scheduler/states/learning.rs`). With FSRS, a graduation takes FSRS's interval, and an
 * interval under half a day may keep the card in learning ("short-term").
 */
import { minAndMaxReviewIntervals, reviewFuzz, type StateContext } from './context.js';
import { f32, max, mul, round, toU32 } from './f32.js';
import type { FsrsItemState } from './fsrs/model.js';
import type { NormalNextStates, NormalState, LearnState, MemoryState, ReviewState } from './states.js';

type Button = 'again' | 'hard' | 'good' | 'easy';

/** The FSRS state a button leads to, when FSRS is on. */
const fsrsState = (ctx: StateContext, button: Button): FsrsItemState | undefined => ctx.fsrsNextStates?.[button];
const fsrsMemory = (ctx: StateContext, button: Button): MemoryState | undefined => fsrsState(ctx, button)?.memory;

/** FSRS's interval stays in learning: under half a day, short-term allowed, and no steps in the way. */
export function staysShortTerm(ctx: StateContext, interval: number, stepsEmpty: boolean): boolean {
  return ctx.fsrsAllowShortTerm && (ctx.fsrsShortTermWithStepsEnabled || stepsEmpty) && interval < 0.5;
}

export function graduated(ctx: StateContext, days: number, memory: MemoryState | undefined): ReviewState {
  return { kind: 'review', scheduledDays: days, elapsedDays: 0, easeFactor: ctx.initialEaseFactor, lapses: 0, leeched: false, memory };
}

/** Leaving the steps with Again, Hard or Good: graduation, or with FSRS maybe a short-term delay. */
function leaveSteps(ctx: StateContext, button: Button, remainingSteps: number): NormalState {
  const [minimum, maximum] = minAndMaxReviewIntervals(ctx, 1);
  const memory = fsrsMemory(ctx, button);
  const fsrs = fsrsState(ctx, button);
  const interval = fsrs === undefined ? f32(ctx.graduatingIntervalGood) : fsrs.interval;
  if (fsrs !== undefined && staysShortTerm(ctx, interval, ctx.steps.isEmpty)) {
    return { kind: 'learning', remainingSteps, scheduledSecs: toU32(mul(interval, 86_400)), memory };
  }
  return graduated(ctx, reviewFuzz(ctx, max(round(interval), 1), minimum, maximum), memory);
}

export function learningNextStates(state: LearnState, ctx: StateContext): NormalNextStates {
  return { again: answerAgain(state, ctx), hard: answerHard(state, ctx), good: answerGood(state, ctx), easy: answerEasy(ctx) };
}

function answerAgain(state: LearnState, ctx: StateContext): NormalState {
  const delay = ctx.steps.againDelaySecs();
  if (delay !== undefined) {
    return { kind: 'learning', remainingSteps: ctx.steps.remainingForFailed(), scheduledSecs: delay, memory: fsrsMemory(ctx, 'again') };
  }
  return leaveSteps(ctx, 'again', ctx.steps.remainingForFailed());
}

function answerHard(state: LearnState, ctx: StateContext): NormalState {
  const delay = ctx.steps.hardDelaySecs(state.remainingSteps);
  if (delay !== undefined) {
    return { kind: 'learning', remainingSteps: state.remainingSteps, scheduledSecs: delay, memory: fsrsMemory(ctx, 'hard') };
  }
  return leaveSteps(ctx, 'hard', state.remainingSteps);
}

function answerGood(state: LearnState, ctx: StateContext): NormalState {
  const delay = ctx.steps.goodDelaySecs(state.remainingSteps);
  if (delay !== undefined) {
    return {
      kind: 'learning',
      remainingSteps: ctx.steps.remainingForGood(state.remainingSteps),
      scheduledSecs: delay,
      memory: fsrsMemory(ctx, 'good'),
    };
  }
  return leaveSteps(ctx, 'good', state.remainingSteps);
}

/** Easy always graduates; with FSRS to at least a day more than Good would give. */
function answerEasy(ctx: StateContext): ReviewState {
  const [lowest, maximum] = minAndMaxReviewIntervals(ctx, 1);
  let minimum = lowest;
  let interval: number;
  const fsrs = ctx.fsrsNextStates;
  if (fsrs !== undefined) {
    const good = reviewFuzz(ctx, fsrs.good.interval, minimum, maximum);
    minimum = good + 1;
    interval = toU32(max(round(fsrs.easy.interval), 1));
  } else {
    interval = ctx.graduatingIntervalEasy;
  }
  return graduated(ctx, reviewFuzz(ctx, f32(interval), minimum, maximum), fsrsMemory(ctx, 'easy'));
}
