/**
 * Answering a card in relearning (rslib `scheduler/states/relearning.rs`): through the
 * relearning steps, then back to review with the interval set at the lapse (SM-2) or FSRS's
 * interval. Again starts the steps over without counting another lapse.
 */
import { minAndMaxReviewIntervals, reviewFuzz, type StateContext } from './context.js';
import { max, mul, round, toU32 } from './f32.js';
import { staysShortTerm } from './learning.js';
import { failingInterval } from './review.js';
import type { NormalNextStates, NormalState, MemoryState, RelearnState, ReviewState } from './states.js';

type Button = 'again' | 'hard' | 'good';

export function relearningNextStates(state: RelearnState, ctx: StateContext): NormalNextStates {
  return { again: answerAgain(state, ctx), hard: answerHard(state, ctx), good: answerGood(state, ctx), easy: answerEasy(state, ctx) };
}

const asReview = (review: Omit<ReviewState, 'kind'>): ReviewState => ({ kind: 'review', ...review });

/**
 * Leaving the steps with FSRS on: FSRS's interval, or with short-term on a delay under half a
 * day that keeps the card relearning. Without FSRS the card returns to its review as it is.
 */
function leaveSteps(state: RelearnState, ctx: StateContext, button: Button, remainingSteps: number): NormalState {
  const fsrs = ctx.fsrsNextStates?.[button];
  if (fsrs === undefined) return asReview(state.review);
  const [minimum, maximum] = minAndMaxReviewIntervals(ctx, 1);
  const memory = fsrs.memory;
  const review = { ...state.review, scheduledDays: reviewFuzz(ctx, max(round(fsrs.interval), 1), minimum, maximum), memory };
  if (staysShortTerm(ctx, fsrs.interval, ctx.relearnSteps.isEmpty)) {
    return { kind: 'relearning', learning: { remainingSteps, scheduledSecs: toU32(mul(fsrs.interval, 86_400)), memory }, review };
  }
  return asReview(review);
}

function answerAgain(state: RelearnState, ctx: StateContext): NormalState {
  const [days, memory] = failingInterval(state.review, ctx);
  const delay = ctx.relearnSteps.againDelaySecs();
  if (delay !== undefined) {
    return {
      kind: 'relearning',
      learning: { remainingSteps: ctx.relearnSteps.remainingForFailed(), scheduledSecs: delay, memory },
      review: { ...state.review, scheduledDays: toU32(max(round(days), 1)), elapsedDays: 0, memory },
    };
  }
  return leaveSteps(state, ctx, 'again', ctx.relearnSteps.remainingForFailed());
}

function answerHard(state: RelearnState, ctx: StateContext): NormalState {
  const memory: MemoryState | undefined = ctx.fsrsNextStates?.hard.memory;
  const delay = ctx.relearnSteps.hardDelaySecs(state.learning.remainingSteps);
  if (delay !== undefined) {
    return {
      kind: 'relearning',
      learning: { ...state.learning, scheduledSecs: delay, memory },
      review: { ...state.review, elapsedDays: 0, memory },
    };
  }
  return leaveSteps(state, ctx, 'hard', state.learning.remainingSteps);
}

function answerGood(state: RelearnState, ctx: StateContext): NormalState {
  const memory: MemoryState | undefined = ctx.fsrsNextStates?.good.memory;
  const delay = ctx.relearnSteps.goodDelaySecs(state.learning.remainingSteps);
  const remaining = ctx.relearnSteps.remainingForGood(state.learning.remainingSteps);
  if (delay !== undefined) {
    return {
      kind: 'relearning',
      learning: { remainingSteps: remaining, scheduledSecs: delay, memory },
      review: { ...state.review, elapsedDays: 0, memory },
    };
  }
  return leaveSteps(state, ctx, 'good', remaining);
}

/** Easy ends relearning: a day more than the post-lapse interval, or with FSRS more than Good. */
function answerEasy(state: RelearnState, ctx: StateContext): ReviewState {
  const fsrs = ctx.fsrsNextStates;
  let scheduledDays: number;
  if (fsrs !== undefined) {
    const [minimum, maximum] = minAndMaxReviewIntervals(ctx, 1);
    const good = reviewFuzz(ctx, fsrs.good.interval, minimum, maximum);
    scheduledDays = reviewFuzz(ctx, max(round(fsrs.easy.interval), 1), good + 1, maximum);
  } else {
    scheduledDays = state.review.scheduledDays + 1;
  }
  return { kind: 'review', ...state.review, scheduledDays, elapsedDays: 0, memory: fsrs?.easy.memory };
}
