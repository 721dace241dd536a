/**
 * The state each answer button leads to, from the card's current state (rslib
 * `scheduler/states`): new cards answer as learning cards on their first step; a card in a
 * filtered deck previews (delays from the deck, then home as it was) or is scheduled as in its
 * home deck, a review result taking it home.
 */
import type { StateContext } from './context.js';
import { learningNextStates } from './learning.js';
import { relearningNextStates } from './relearning.js';
import { reviewNextStates } from './review.js';
import type { CardState, NormalNextStates, NormalState, PreviewState, SchedulingStates } from './states.js';

function normalNextStates(state: NormalState, ctx: StateContext): NormalNextStates {
  switch (state.kind) {
    case 'new':
      return learningNextStates({ kind: 'learning', remainingSteps: ctx.steps.remainingForFailed(), scheduledSecs: 0, memory: undefined }, ctx);
    case 'learning':
      return learningNextStates(state, ctx);
    case 'review':
      return reviewNextStates(state, ctx);
    case 'relearning':
      return relearningNextStates(state, ctx);
  }
}

/** A preview delay, or back home when it is 0. */
const previewAfter = (secs: number): PreviewState => ({ kind: 'preview', scheduledSecs: secs, finished: secs === 0 });

/**
 * A state from the normal scheduler for a card in a rescheduling filtered deck: a review state
 * as it is (the card goes home), anything else still in the filtered deck.
 */
function inFilteredDeck(state: NormalState): CardState {
  return state.kind === 'review' ? state : { kind: 'rescheduling', original: state };
}

export function nextStates(current: CardState, ctx: StateContext): SchedulingStates {
  switch (current.kind) {
    case 'preview':
      return {
        current,
        again: previewAfter(ctx.previewDelays.again),
        hard: previewAfter(ctx.previewDelays.hard),
        good: previewAfter(ctx.previewDelays.good),
        easy: previewAfter(0),
      };
    case 'rescheduling': {
      const next = normalNextStates(current.original, ctx);
      if (!ctx.inFilteredDeck) return { current: current.original, ...next };
      return {
        current,
        again: inFilteredDeck(next.again),
        hard: inFilteredDeck(next.hard),
        good: inFilteredDeck(next.good),
        easy: inFilteredDeck(next.easy),
      };
    }
    default:
      return { current, ...normalNextStates(current, ctx) };
  }
}
