/**
 * `areDue` and `getIntervals`, which Anki-Connect answers from the review log rather than from
 * the cards: a card's state is its newest revlog row, and a card that is neither new nor
 * reviewed fails as Python's `rows[-1]` does.
 */
import type { Collection } from '../collection/collection.js';
import { findCards } from '../collection/search.js';
import { AnkiConnectError } from '../errors.js';

/** Learning intervals longer than this (in seconds, stored negative) are timed from the review. */
const LONG_LEARNING_SECS = 1200;

/** Python's IndexError text, which Anki-Connect passes on for a card with no reviews. */
const NO_REVIEWS = 'list index out of range';

function isNew(col: Collection, cardId: number): boolean {
  return findCards(col, `cid:${cardId} is:new`).length > 0;
}

function intervals(col: Collection, cardId: number): { id: number; ivl: number }[] {
  return col.stmt<[number], { id: number; ivl: number }>('select id, ivl from revlog where cid = ? order by id').all(cardId);
}

/**
 * Whether each card is due: new cards always (suspended ones too, as upstream); otherwise by
 * `is:due`, except after a learning step over 20 minutes, which is due once that time has
 * passed since the newest review.
 */
export function areDue(col: Collection, cardIds: readonly number[]): boolean[] {
  return cardIds.map((cardId) => {
    if (isNew(col, cardId)) return true;
    const last = intervals(col, cardId).at(-1);
    if (last === undefined) throw new AnkiConnectError(NO_REVIEWS);
    if (last.ivl >= -LONG_LEARNING_SECS) return findCards(col, `cid:${cardId} is:due`).length > 0;
    return last.id / 1000 - last.ivl <= col.nowMs() / 1000;
  });
}

/**
 * Each card's newest interval from the review log (days if positive, seconds if negative), or
 * with `complete` all of them, oldest first; 0 for a new card either way.
 */
export function cardIntervals(col: Collection, cardIds: readonly number[], complete: boolean): (number | number[])[] {
  return cardIds.map((cardId) => {
    if (isNew(col, cardId)) return 0;
    const ivls = intervals(col, cardId).map((row) => row.ivl);
    if (complete) return ivls;
    const last = ivls.at(-1);
    if (last === undefined) throw new AnkiConnectError(NO_REVIEWS);
    return last;
  });
}
