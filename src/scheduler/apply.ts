/**
 * Writing a chosen state to a card (anki-semantics.md §3.4 "Applying the new state", rslib
 * `scheduler/answering/{learning,review,relearning,preview}.rs`): the card's new columns and
 * the review log row's interval, last interval, factor and type. Pure: the caller supplies the
 * day, the time and the card's fuzz seed, and writes the results.
 */
import { CardQueue, CardType, isEpochSeconds, type SchedCard } from './card.js';
import { add, div, f32, mul, round, sub, toU16, toU32 } from './f32.js';
import { learningDelayWithFuzz } from './fuzz.js';
import {
  asDaysPastRollover,
  intervalKind,
  isLeeched,
  newPosition,
  revlogInterval,
  revlogKind,
  type CardState,
  type LearnState,
  type MemoryState,
  type NormalState,
  type PreviewState,
  type RelearnState,
  type ReviewState,
} from './states.js';

/** The moment of the answer and the day it falls on. */
export interface AnswerTiming {
  /** Days since the collection was created. */
  today: number;
  nowSecs: number;
  /** Epoch seconds of the next day boundary. */
  nextDayAt: number;
}

export interface ApplyOptions {
  timing: AnswerTiming;
  /** Seeds the learning delay's fuzz (card id + reps before the answer); undefined for none. */
  fuzzSeed: number | undefined;
  /** With FSRS: the desired retention the card records; undefined clears it (SM-2). */
  desiredRetention: number | undefined;
  /** The preset's leech action is "suspend" (else tag only). */
  suspendLeeches: boolean;
}

/** The review log columns an answer determines (the rest are id, card, usn, button and time). */
export interface RevlogPartial {
  ivl: number;
  lastIvl: number;
  factor: number;
  type: number;
}

export interface AppliedAnswer {
  card: SchedCard;
  revlog: RevlogPartial;
}

/** An answer the card's state cannot take. */
export class InvalidTransitionError extends Error {}

/** `(d − 1) / 9 + 0.1`: the difficulty in the form the review log's factor column takes (0.1–1.1). */
export function difficultyShifted(memory: MemoryState): number {
  return add(div(sub(memory.difficulty, 1), 9), f32(0.1));
}

/** The learning or preview due: now plus the delay with its fuzz. */
const learningDue = (options: ApplyOptions, secs: number): number => options.timing.nowSecs + learningDelayWithFuzz(options.fuzzSeed, secs);

const secsUntilRollover = (timing: AnswerTiming): number => timing.nextDayAt - timing.nowSecs;

function partial(current: CardState, next: CardState, easeFactor: number, timing: AnswerTiming): RevlogPartial {
  const untilRollover = secsUntilRollover(timing);
  return {
    ivl: revlogInterval(asDaysPastRollover(intervalKind(next), untilRollover)),
    lastIvl: revlogInterval(asDaysPastRollover(intervalKind(current), untilRollover)),
    factor: toU32(round(mul(easeFactor, 1000))),
    type: revlogKind(current),
  };
}

/** Back to the home deck, keeping type and queue (those are set by the new state). */
function leaveFilteredDeckForReschedule(card: SchedCard): void {
  if (card.odid === 0) return;
  card.did = card.odid;
  card.odid = 0;
  card.odue = 0;
}

/** Back to the home deck as the card was before it entered (a finished preview). */
function leaveFilteredDeckRestoringQueue(card: SchedCard): void {
  if (card.odid === 0) return;
  card.did = card.odid;
  card.odid = 0;
  if (card.odue !== 0) card.due = card.odue;
  if (card.queue >= 0) card.queue = queueFromType(card);
  card.odue = 0;
}

function queueFromType(card: SchedCard): number {
  switch (card.type) {
    case CardType.new:
      return CardQueue.new;
    case CardType.review:
      return CardQueue.review;
    default:
      return isEpochSeconds(card.due) ? CardQueue.learning : CardQueue.dayLearning;
  }
}

/** Intraday delays are timestamps in the learning queue; those reaching the next day a day number. */
function scheduleLearning(card: SchedCard, scheduledSecs: number, options: ApplyOptions): void {
  const interval = asDaysPastRollover({ unit: 'secs', value: scheduledSecs }, secsUntilRollover(options.timing));
  if (interval.unit === 'secs') {
    card.queue = CardQueue.learning;
    card.due = learningDue(options, interval.value);
  } else {
    card.queue = CardQueue.dayLearning;
    card.due = options.timing.today + interval.value;
  }
}

function rememberPosition(card: SchedCard, current: CardState): void {
  const position = newPosition(current);
  if (position !== undefined) card.originalPosition = position;
}

const easePermille = (ease: number): number => toU16(round(mul(ease, 1000)));

function applyLearning(card: SchedCard, current: CardState, next: LearnState, options: ApplyOptions): RevlogPartial {
  card.left = next.remainingSteps;
  card.type = CardType.learning;
  rememberPosition(card, current);
  card.memory = next.memory;
  scheduleLearning(card, next.scheduledSecs, options);
  return partial(current, next, card.memory === undefined ? 0 : difficultyShifted(card.memory), options.timing);
}

function applyReview(card: SchedCard, current: CardState, next: ReviewState, options: ApplyOptions): RevlogPartial {
  card.queue = CardQueue.review;
  card.type = CardType.review;
  card.ivl = next.scheduledDays;
  card.due = options.timing.today + next.scheduledDays;
  card.factor = easePermille(next.easeFactor);
  card.lapses = next.lapses;
  card.left = 0;
  rememberPosition(card, current);
  card.memory = next.memory;
  return partial(current, next, card.memory === undefined ? next.easeFactor : difficultyShifted(card.memory), options.timing);
}

function applyRelearning(card: SchedCard, current: CardState, next: RelearnState, options: ApplyOptions): RevlogPartial {
  card.ivl = next.review.scheduledDays;
  card.left = next.learning.remainingSteps;
  card.type = CardType.relearning;
  card.lapses = next.review.lapses;
  card.factor = easePermille(next.review.easeFactor);
  rememberPosition(card, current);
  card.memory = next.learning.memory;
  scheduleLearning(card, next.learning.scheduledSecs, options);
  return partial(current, next, card.memory === undefined ? next.review.easeFactor : difficultyShifted(card.memory), options.timing);
}

function applyNormal(card: SchedCard, current: CardState, next: NormalState, options: ApplyOptions): RevlogPartial {
  card.reps += 1;
  card.desiredRetention = options.desiredRetention;
  let revlog: RevlogPartial;
  switch (next.kind) {
    case 'new':
      card.type = CardType.new;
      card.queue = CardQueue.new;
      card.due = next.position;
      card.originalPosition = undefined;
      card.memory = undefined;
      revlog = partial(current, next, 0, options.timing);
      break;
    case 'learning':
      revlog = applyLearning(card, current, next, options);
      break;
    case 'review':
      revlog = applyReview(card, current, next, options);
      break;
    case 'relearning':
      revlog = applyRelearning(card, current, next, options);
      break;
  }
  if (isLeeched(next) && options.suspendLeeches) card.queue = CardQueue.suspended;
  return revlog;
}

/** A preview answer: shown again after the delay, or home as before when finished. */
function applyPreview(card: SchedCard, current: CardState, next: PreviewState, options: ApplyOptions): RevlogPartial {
  const revlog = partial(current, next, 0, options.timing);
  if (next.finished) {
    leaveFilteredDeckRestoringQueue(card);
    return revlog;
  }
  card.queue = CardQueue.previewRepeat;
  card.due = learningDue(options, next.scheduledSecs);
  return revlog;
}

/**
 * The card after answering into `next` from `current`, and its review log columns. A card
 * leaving a rescheduling filtered deck goes home; one staying keeps its new due as its home due.
 * Every answer but a preview's records its time as the card's last review.
 *
 * @throws {InvalidTransitionError} for a filtered state on a card that is in no filtered deck,
 * or a normal state from a preview.
 */
export function applyState(original: SchedCard, current: CardState, next: CardState, options: ApplyOptions): AppliedAnswer {
  const card: SchedCard = { ...original };
  let revlog: RevlogPartial;
  if (next.kind === 'preview' || next.kind === 'rescheduling') {
    if (card.odid === 0) throw new InvalidTransitionError("card answering can't transition into filtered state");
    if (next.kind === 'preview') {
      revlog = applyPreview(card, current, next, options);
    } else {
      revlog = applyNormal(card, current, next.original, options);
      card.odue = card.due;
    }
  } else {
    if (current.kind === 'preview') throw new InvalidTransitionError('should set finished=true, not return different state');
    if (current.kind === 'rescheduling') leaveFilteredDeckForReschedule(card);
    revlog = applyNormal(card, current, next, options);
  }
  // A preview is not a review: the time of the last review stays.
  if (current.kind !== 'preview') card.lastReviewSecs = options.timing.nowSecs;
  return { card, revlog };
}

/** The fuzz seed of a card: its id plus its review count before this answer. */
export const fuzzSeed = (card: Pick<SchedCard, 'id' | 'reps'>): number => card.id + card.reps;

