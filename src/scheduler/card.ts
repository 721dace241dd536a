/**
 * A card as the scheduler sees it: its scheduling columns and the parts of its `data` that
 * scheduling reads and writes, and its current state (rslib `answering/current.rs`).
 */
import { f32 } from './f32.js';
import type { LearningSteps } from './steps.js';
import type { CardState, MemoryState, NormalState } from './states.js';

export const CardType = { new: 0, learning: 1, review: 2, relearning: 3 } as const;
export const CardQueue = {
  userBuried: -3,
  schedBuried: -2,
  suspended: -1,
  new: 0,
  learning: 1,
  review: 2,
  dayLearning: 3,
  previewRepeat: 4,
} as const;

export interface SchedCard {
  id: number;
  nid: number;
  did: number;
  odid: number;
  due: number;
  odue: number;
  type: number;
  queue: number;
  ivl: number;
  /** Ease in permille (2500 for 250%); 0 until the card graduates. */
  factor: number;
  reps: number;
  lapses: number;
  left: number;
  /** `data`: the position in the new queue before the card left it. */
  originalPosition: number | undefined;
  memory: MemoryState | undefined;
  desiredRetention: number | undefined;
  decay: number | undefined;
  /** Time of the last answer that counted, epoch seconds. */
  lastReviewSecs: number | undefined;
}

/** The deck a card is in, as far as its state depends on it. */
export type CardDeck = { filtered: false } | { filtered: true; reschedule: boolean; previewAgainSecs: number };

/** Learning cards keep an epoch timestamp in `due`, others a day number or a position. */
export const isEpochSeconds = (due: number): boolean => due > 1_000_000_000;

/**
 * The card's current state. A review card's overdue days count from its due day (a card in a
 * normal deck is never counted early); a card in a filtered deck is judged by its home due.
 */
export function currentState(card: SchedCard, deck: CardDeck, today: number, steps: LearningSteps, relearnSteps: LearningSteps): CardState {
  let due: number;
  if (!deck.filtered) due = card.type === CardType.review ? Math.min(card.due, today) : card.due;
  else due = card.odue !== 0 ? card.odue : card.due;
  const normal = normalState(card, due, today, steps, relearnSteps);
  if (!deck.filtered) return normal;
  if (deck.reschedule) return { kind: 'rescheduling', original: normal };
  return { kind: 'preview', scheduledSecs: deck.previewAgainSecs, finished: false };
}

function normalState(card: SchedCard, due: number, today: number, steps: LearningSteps, relearnSteps: LearningSteps): NormalState {
  const remaining = card.left % 1000;
  const ease = f32(f32(card.factor) / 1000);
  switch (card.type) {
    case CardType.new:
      return { kind: 'new', position: Math.max(due, 0) };
    case CardType.learning:
      return { kind: 'learning', remainingSteps: remaining, scheduledSecs: steps.currentDelaySecs(remaining), memory: card.memory };
    case CardType.review:
      return {
        kind: 'review',
        scheduledDays: card.ivl,
        elapsedDays: Math.max(card.ivl - (due - today), 0),
        easeFactor: ease,
        lapses: card.lapses,
        leeched: false,
        memory: card.memory,
      };
    default:
      return {
        kind: 'relearning',
        learning: { remainingSteps: remaining, scheduledSecs: relearnSteps.currentDelaySecs(remaining), memory: card.memory },
        review: { scheduledDays: card.ivl, elapsedDays: card.ivl, easeFactor: ease, lapses: card.lapses, leeched: false, memory: card.memory },
      };
  }
}

