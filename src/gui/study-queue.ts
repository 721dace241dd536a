/**
 * The next card the reviewer shows for a deck (with its subdecks), within the deck's limits for
 * today as the deck list counts them: learning cards due now (within the learn-ahead time), then
 * due reviews and interday learning by due day, then new cards by position. This is the order of
 * Anki's v3 queue with its default display options (new cards after reviews); Anki's other
 * gather and sort options are not followed (README: deviations).
 */
import type { Collection } from '../collection/collection.js';
import { collectionTiming } from '../collection/search-context.js';
import { deckStats } from '../decks/stats.js';

export function nextStudyCard(col: Collection, deckId: number, exclude?: number): number | undefined {
  const { daysElapsed: today, nowSecs } = collectionTiming(col);
  const counts = deckStats(col, [deckId])[String(deckId)];
  if (counts === undefined) return undefined;
  const decks = JSON.stringify(col.decks.withChildren(deckId));
  const skip = exclude ?? 0;
  const pick = (sql: string, ...args: number[]): number | undefined =>
    col.stmt<unknown[], { id: number }>(`select id from cards where did in (select value from json_each(?)) and id != ? and ${sql} limit 1`).get(decks, skip, ...args)?.id;
  const learnAhead = col.config.getNumber('collapseTime', 1200);
  if (counts.learn_count > 0) {
    const learning = pick('queue = 1 and due <= ? order by due, id', nowSecs + learnAhead);
    if (learning !== undefined) return learning;
  }
  if (counts.review_count > 0 || counts.learn_count > 0) {
    const review = pick('queue in (2, 3) and due <= ? order by due, id', today);
    if (review !== undefined) return review;
  }
  if (counts.new_count > 0) {
    const fresh = pick('queue = 0 order by due, ord, id');
    if (fresh !== undefined) return fresh;
  }
  return undefined;
}
