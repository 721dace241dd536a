/**
 * A card's FSRS memory state from its review log, as Anki works it out for a card that has
 * none when it is answered (rslib `scheduler/fsrs/memory_state.rs` and `params.rs`
 * `reviews_for_fsrs`): the answers since the card last entered learning (or since its first
 * graded interday review when the log is incomplete), replayed through the model; an
 * incomplete log starts from the state SM-2's ease and interval imply.
 */
import { f32 } from '../f32.js';
import { RevlogKind, type MemoryState } from '../states.js';
import type { Fsrs, FsrsReview } from './model.js';

/** The review log columns the history reads, ordered by id. */
export interface FsrsRevlogEntry {
  id: number;
  ease: number;
  ivl: number;
  factor: number;
  type: number;
}

const isCramming = (entry: FsrsRevlogEntry): boolean => entry.type === RevlogKind.filtered && entry.factor === 0;
const isReset = (entry: FsrsRevlogEntry): boolean => entry.type === RevlogKind.manual && entry.factor === 0;
const hasRating = (entry: FsrsRevlogEntry): boolean => entry.ease > 0;
const countsForScheduling = (entry: FsrsRevlogEntry): boolean => hasRating(entry) && !isCramming(entry);

/** Whole days between an answer and the next day boundary. */
const daysBefore = (entry: FsrsRevlogEntry, nextDayAt: number): number =>
  Math.floor(Math.max(nextDayAt - Math.trunc(entry.id / 1000), 0) / 86_400);

interface ReviewHistory {
  reviews: FsrsReview[];
  /** The entries kept, in order. */
  entries: FsrsRevlogEntry[];
  /** The log reaches back to the card's (last) learning: the state can come from it alone. */
  complete: boolean;
}

/** The answers that make up the card's current memory; undefined when none count. */
function reviewHistory(all: readonly FsrsRevlogEntry[], nextDayAt: number, ignoreBeforeMs: number): ReviewHistory | undefined {
  let entries = [...all];
  let firstOfLastLearning: number | undefined;
  let firstUserGrade: number | undefined;
  let complete = false;
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index];
    if (entry === undefined || isCramming(entry)) continue;
    const interday = entry.ivl >= 1 || entry.ivl <= -86_400;
    if (hasRating(entry) && entry.id > ignoreBeforeMs && interday) firstUserGrade = index;
    if (hasRating(entry) && entry.type === RevlogKind.learning) {
      firstOfLastLearning = index;
      complete = true;
    } else if (isReset(entry)) {
      // A reset ends the history: what came before it no longer counts.
      if (firstOfLastLearning !== undefined) {
        complete = true;
        break;
      } else if (firstUserGrade !== undefined) {
        complete = false;
        break;
      }
      return undefined;
    } else if (firstOfLastLearning !== undefined) {
      // Older Anki did not log resets: learning after reviews starts a new history too.
      break;
    }
  }
  // Learning before the "ignore reviews before" date does not count (unless it is the last entry).
  if (firstOfLastLearning !== undefined && (entries[firstOfLastLearning]?.id ?? 0) < ignoreBeforeMs && firstOfLastLearning < entries.length - 1) {
    complete = false;
    firstOfLastLearning = undefined;
  }
  const start = firstOfLastLearning ?? firstUserGrade;
  if (start === undefined) return undefined;
  entries = entries.slice(start).filter(countsForScheduling);
  if (entries.length === 0) return undefined;
  const reviews = entries.map((entry, i) => {
    const previous = entries[i - 1];
    return { rating: entry.ease, deltaT: previous === undefined ? 0 : daysBefore(previous, nextDayAt) - daysBefore(entry, nextDayAt) };
  });
  return { reviews, entries, complete };
}

/** What the card's history gives: the answers to replay and the state to start from. */
export interface FsrsHistoryItem {
  reviews: FsrsReview[];
  starting: MemoryState | undefined;
}

/** The answers to replay for a card, or undefined when its log holds none that count. */
export function fsrsHistoryItem(
  fsrs: Fsrs,
  log: readonly FsrsRevlogEntry[],
  nextDayAt: number,
  historicalRetention: number,
  ignoreBeforeMs: number,
): FsrsHistoryItem | undefined {
  const history = reviewHistory(log, nextDayAt, ignoreBeforeMs);
  if (history === undefined) return undefined;
  if (history.complete) return { reviews: history.reviews, starting: undefined };
  const first = history.entries[0];
  if (first === undefined) return undefined;
  // An incomplete log: the first answer kept becomes a starting state, from its interval and
  // ease (a factor of 1100 or less was logged by FSRS and is a difficulty).
  const interval = f32(Math.max(first.ivl, 1));
  const ease = f32(f32(first.factor === 0 ? 2500 : first.factor) / 1000);
  const starting = fsrs.memoryStateFromSm2(ease, interval, historicalRetention);
  if (ease <= f32(1.1)) starting.difficulty = f32(f32(f32(ease - f32(0.1)) * 9) + 1);
  return { reviews: history.reviews.slice(1), starting };
}

/** What a card without a memory state needs for one to be worked out. */
export interface CardForMemory {
  /** Card type: 0 new, 1 learning, 2 review, 3 relearning. */
  type: number;
  ivl: number;
  /** Ease in permille. */
  factor: number;
}

/**
 * The memory state Anki gives a card that has none: from its history when it has one, else
 * none for a new card (or one without an interval), else the state SM-2's ease and interval
 * imply.
 */
export function memoryStateFromHistory(
  fsrs: Fsrs,
  card: CardForMemory,
  log: readonly FsrsRevlogEntry[],
  nextDayAt: number,
  historicalRetention: number,
  ignoreBeforeMs: number,
): MemoryState | undefined {
  const item = fsrsHistoryItem(fsrs, log, nextDayAt, historicalRetention, ignoreBeforeMs);
  if (item !== undefined) return fsrs.memoryState(item.reviews, item.starting);
  if (card.type === 0 || card.ivl === 0) return undefined;
  return fsrs.memoryStateFromSm2(f32(f32(card.factor) / 1000), f32(card.ivl), historicalRetention);
}
