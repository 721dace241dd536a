/**
 * Answering a review card (anki-semantics.md §3.4, rslib `scheduler/states/review.rs`): Hard,
 * Good and Easy grow the interval (each at least a day more than the one before it), Again
 * lapses the card into relearning or, without relearning steps, a shorter review interval, and
 * may make it a leech. With FSRS the intervals are FSRS's, without the interval modifier.
 */
import { minAndMaxReviewIntervals, reviewFuzz, type StateContext } from './context.js';
import { add, clamp, div, f32, max, mul, round, sub, toU32 } from './f32.js';
import { minimumReviewFuzzInterval } from './fuzz.js';
import { staysShortTerm } from './learning.js';
import type { NormalNextStates, NormalState, MemoryState, RelearnState, ReviewState } from './states.js';

export const MINIMUM_EASE_FACTOR = f32(1.3);
const EASE_AGAIN_DELTA = f32(-0.2);
const EASE_HARD_DELTA = f32(-0.15);
const EASE_EASY_DELTA = f32(0.15);

/** Days between the due day and the answer (negative when answered early). */
export const daysLate = (state: Omit<ReviewState, 'kind'>): number => state.elapsedDays - state.scheduledDays;

/**
 * Whether `lapses` makes a card a leech: at the threshold and every half threshold (rounded
 * up) after it; never with a threshold of 0.
 */
export function leechThresholdMet(lapses: number, threshold: number): boolean {
  if (threshold <= 0) return false;
  const half = Math.max(Math.ceil(threshold / 2), 1);
  return lapses >= threshold && (lapses - threshold) % half === 0;
}

export function reviewNextStates(state: ReviewState, ctx: StateContext): NormalNextStates {
  const [hard, good, easy] = passingIntervals(state, ctx);
  const memory = (button: 'hard' | 'good' | 'easy'): MemoryState | undefined => ctx.fsrsNextStates?.[button].memory;
  return {
    again: answerAgain(state, ctx),
    hard: { ...state, scheduledDays: hard, elapsedDays: 0, easeFactor: easeAfter(state.easeFactor, EASE_HARD_DELTA), memory: memory('hard') },
    good: { ...state, scheduledDays: good, elapsedDays: 0, memory: memory('good') },
    easy: { ...state, scheduledDays: easy, elapsedDays: 0, easeFactor: add(state.easeFactor, EASE_EASY_DELTA), memory: memory('easy') },
  };
}

const easeAfter = (ease: number, delta: number): number => max(add(ease, delta), MINIMUM_EASE_FACTOR);

/**
 * The interval after a lapse (days, unrounded with FSRS) and the memory it goes with. With
 * FSRS the interval is fuzzed only when the card leaves relearning.
 */
export function failingInterval(review: Omit<ReviewState, 'kind'>, ctx: StateContext): [number, MemoryState | undefined] {
  const fsrs = ctx.fsrsNextStates;
  if (fsrs !== undefined) return [fsrs.again.interval, fsrs.again.memory];
  const [minimum, maximum] = minAndMaxReviewIntervals(ctx, ctx.minimumLapseInterval);
  const interval = reviewFuzz(ctx, mul(max(f32(review.scheduledDays), 1), ctx.lapseMultiplier), minimum, maximum);
  return [f32(interval), undefined];
}

function answerAgain(state: ReviewState, ctx: StateContext): NormalState {
  const lapses = state.lapses + 1;
  const [days, memory] = failingInterval(state, ctx);
  const review: Omit<ReviewState, 'kind'> = {
    scheduledDays: toU32(max(round(days), 1)),
    elapsedDays: 0,
    easeFactor: easeAfter(state.easeFactor, EASE_AGAIN_DELTA),
    lapses,
    leeched: leechThresholdMet(lapses, ctx.leechThreshold),
    memory,
  };
  const delay = ctx.relearnSteps.againDelaySecs();
  const relearn = (scheduledSecs: number): RelearnState => ({
    kind: 'relearning',
    learning: { remainingSteps: ctx.relearnSteps.remainingForFailed(), scheduledSecs, memory },
    review,
  });
  if (delay !== undefined) return relearn(delay);
  if (staysShortTerm(ctx, days, ctx.relearnSteps.isEmpty)) return relearn(toU32(mul(days, 86_400)));
  return { kind: 'review', ...review };
}

/** Hard, Good and Easy intervals, each depending on the one before. */
function passingIntervals(state: ReviewState, ctx: StateContext): [number, number, number] {
  if (ctx.fsrsNextStates !== undefined) return fsrsPassingIntervals(state, ctx);
  if (daysLate(state) < 0) return earlyPassingIntervals(state, ctx);
  return sm2PassingIntervals(state, ctx);
}

function fsrsPassingIntervals(state: ReviewState, ctx: StateContext): [number, number, number] {
  const fsrs = ctx.fsrsNextStates;
  if (fsrs === undefined) throw new Error('FSRS states missing');
  const floor = (interval: number): number => minimumReviewFuzzInterval(interval, state.scheduledDays, ctx.maximumReviewInterval);
  const hard = constrainPassing(ctx, fsrs.hard.interval, Math.max(floor(fsrs.hard.interval), 1), true);
  const good = constrainPassing(ctx, fsrs.good.interval, Math.max(floor(fsrs.good.interval), hard + 1), true);
  const easy = constrainPassing(ctx, fsrs.easy.interval, Math.max(floor(fsrs.easy.interval), good + 1), true);
  return [hard, good, easy];
}

function sm2PassingIntervals(state: ReviewState, ctx: StateContext): [number, number, number] {
  const current = max(f32(state.scheduledDays), 1);
  const late = f32(Math.max(daysLate(state), 0));
  const hardMinimum = ctx.hardMultiplier <= 1 ? 0 : state.scheduledDays + 1;
  const hard = constrainPassing(ctx, mul(current, ctx.hardMultiplier), hardMinimum, true);
  const goodMinimum = ctx.hardMultiplier <= 1 ? state.scheduledDays + 1 : hard + 1;
  const good = constrainPassing(ctx, mul(add(current, div(late, 2)), state.easeFactor), goodMinimum, true);
  const easy = constrainPassing(ctx, mul(mul(add(current, late), state.easeFactor), ctx.easyMultiplier), good + 1, true);
  return [hard, good, easy];
}

/** Answered before its due day (filtered decks only): Anki's old formula, without fuzz. */
function earlyPassingIntervals(state: ReviewState, ctx: StateContext): [number, number, number] {
  const scheduled = max(f32(state.scheduledDays), 1);
  const elapsed = f32(state.elapsedDays);
  const hard = constrainPassing(ctx, max(mul(elapsed, ctx.hardMultiplier), mul(scheduled, div(ctx.hardMultiplier, 2))), 0, false);
  const goodBase = max(mul(elapsed, state.easeFactor), scheduled);
  const good = constrainPassing(ctx, goodBase, 0, false);
  const reducedBonus = sub(ctx.easyMultiplier, div(sub(ctx.easyMultiplier, 1), 2));
  const easy = constrainPassing(ctx, mul(goodBase, reducedBonus), 0, false);
  return [hard, good, easy];
}

/**
 * A passing interval: the interval modifier applied (not with FSRS), fuzzed (or rounded), at
 * least `minimum` and 1, at most the maximum interval.
 */
function constrainPassing(ctx: StateContext, interval: number, minimum: number, fuzz: boolean): number {
  const modified = ctx.fsrsNextStates !== undefined ? interval : mul(interval, ctx.intervalMultiplier);
  const [low, high] = minAndMaxReviewIntervals(ctx, minimum);
  if (fuzz) return reviewFuzz(ctx, modified, low, high);
  return clamp(toU32(round(modified)), low, high);
}
