/**
 * The states a card can be in under the v3 scheduler (rslib `scheduler/states`): the four
 * normal ones, and the two that wrap a card in a filtered deck (previewing, or rescheduling as
 * usual). Answering computes the next state for each button from the current one
 * (next-states.ts); applying a chosen state writes it to the card (apply.ts).
 */

/** FSRS memory: stability in days and difficulty 1–10, as f32. */
export interface MemoryState {
  stability: number;
  difficulty: number;
}

export interface NewState {
  kind: 'new';
  /** Position in the new queue. */
  position: number;
}

export interface LearnState {
  kind: 'learning';
  /** Steps still to do (the count a card stores in `left`). */
  remainingSteps: number;
  /** The delay of the step the card is (or will be) on. */
  scheduledSecs: number;
  memory: MemoryState | undefined;
}

export interface ReviewState {
  kind: 'review';
  scheduledDays: number;
  /** Days since the card was last answered (scheduled days plus days overdue). */
  elapsedDays: number;
  /** Ease as a multiplier, f32 (2.5 for 250%). */
  easeFactor: number;
  lapses: number;
  /** Set on the Again state when that lapse makes the card a leech. */
  leeched: boolean;
  memory: MemoryState | undefined;
}

export interface RelearnState {
  kind: 'relearning';
  /** The relearning step (remaining steps and delay), with the card's memory. */
  learning: Omit<LearnState, 'kind'>;
  /** The review the card returns to: the interval after the lapse, ease, lapses. */
  review: Omit<ReviewState, 'kind'>;
}

export type NormalState = NewState | LearnState | ReviewState | RelearnState;

/** A card in a filtered deck that does not reschedule: it is shown again after a delay, or returns. */
export interface PreviewState {
  kind: 'preview';
  scheduledSecs: number;
  /** Answered for good: the card goes back to its home deck as it was. */
  finished: boolean;
}

/** A card in a filtered deck that reschedules: scheduled as in its home deck. */
export interface ReschedulingState {
  kind: 'rescheduling';
  original: NormalState;
}

export type CardState = NormalState | PreviewState | ReschedulingState;

/** The normal state each answer button leads to. */
export interface NormalNextStates {
  again: NormalState;
  hard: NormalState;
  good: NormalState;
  easy: NormalState;
}

/** The current state and the state each answer button leads to. */
export interface SchedulingStates {
  current: CardState;
  again: CardState;
  hard: CardState;
  good: CardState;
  easy: CardState;
}

/** A delay in seconds (intraday) or an interval in days. */
export type IntervalKind = { unit: 'secs'; value: number } | { unit: 'days'; value: number };

/** Review log `type`: the kind of the state a card was answered in. */
export const RevlogKind = { learning: 0, review: 1, relearning: 2, filtered: 3, manual: 4, rescheduled: 5 } as const;

export function intervalKind(state: CardState): IntervalKind {
  switch (state.kind) {
    case 'new':
      return { unit: 'secs', value: 0 };
    case 'learning':
    case 'preview':
      return { unit: 'secs', value: state.scheduledSecs };
    case 'review':
      return { unit: 'days', value: state.scheduledDays };
    case 'relearning':
      return { unit: 'secs', value: state.learning.scheduledSecs };
    case 'rescheduling':
      return intervalKind(state.original);
  }
}

/** A delay that reaches the next day boundary counts in days: one per boundary it crosses. */
export function asDaysPastRollover(interval: IntervalKind, secsUntilRollover: number): IntervalKind {
  if (interval.unit === 'secs' && interval.value >= secsUntilRollover) {
    return { unit: 'days', value: Math.floor((interval.value - secsUntilRollover) / 86_400) + 1 };
  }
  return interval;
}

/** Seconds of an interval (days × 86,400, saturating at u32). */
export function intervalSecs(interval: IntervalKind): number {
  return interval.unit === 'secs' ? interval.value : Math.min(interval.value * 86_400, 4_294_967_295);
}

/** The review log's `ivl`/`lastIvl` encoding: days positive, seconds negative. */
export function revlogInterval(interval: IntervalKind): number {
  if (interval.unit === 'days') return interval.value;
  return interval.value === 0 ? 0 : -Math.min(interval.value, 2_147_483_647);
}

export function revlogKind(state: CardState): number {
  switch (state.kind) {
    case 'new':
    case 'learning':
      return RevlogKind.learning;
    case 'review':
      // Reviewed before it was due: only possible in a filtered deck.
      return state.elapsedDays < state.scheduledDays ? RevlogKind.filtered : RevlogKind.review;
    case 'relearning':
      return RevlogKind.relearning;
    case 'preview':
      return RevlogKind.filtered;
    case 'rescheduling':
      return revlogKind(state.original);
  }
}

/** The review part of a state (a review card, or the review a relearning card returns to). */
export function reviewPart(state: CardState): Omit<ReviewState, 'kind'> | undefined {
  switch (state.kind) {
    case 'review':
      return state;
    case 'relearning':
      return state.review;
    case 'rescheduling':
      return reviewPart(state.original);
    default:
      return undefined;
  }
}

/** Whether answering into this state makes the card a leech. */
export function isLeeched(state: CardState): boolean {
  return reviewPart(state)?.leeched ?? false;
}

/** The new-queue position of a new card (in a rescheduling filtered deck too). */
export function newPosition(state: CardState): number | undefined {
  if (state.kind === 'new') return state.position;
  if (state.kind === 'rescheduling' && state.original.kind === 'new') return state.original.position;
  return undefined;
}
