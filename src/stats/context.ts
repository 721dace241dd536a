/**
 * What every part of the statistics report is computed against: the decks in scope, the
 * collection's day boundary and the report's period. Anki-Connect's report covers the whole
 * collection by default; otherwise the current deck (config curDeck, Default when that deck is
 * gone) and its subdecks, as Anki's own legacy statistics window does.
 */
import type { Collection } from '../collection/collection.js';
import { collectionTiming } from '../collection/search-context.js';
import { humanDeckName } from '../decks/names.js';
import { unburyIfDayRolledOver } from '../decks/stats.js';

/** Anki-Connect asks for Anki's default report, one month: graphs span 31 days of one day each. */
export const PERIOD_DAYS = 31;
export const PERIOD_NAME = '1 month';

export interface StatsContext {
  readonly col: Collection;
  readonly wholeCollection: boolean;
  /** JSON array of the ids of the decks in scope, bound as one parameter (json_each). */
  readonly decks: string;
  /** 1 when every review counts, 0 when only those of cards in `decks` do. */
  readonly allReviews: number;
  /** "whole collection", or the current deck's name. */
  readonly scopeName: string;
  /** The next day boundary, epoch seconds: "today" ends there. */
  readonly dayCutoff: number;
  /** Days elapsed since the collection was created: the day number due dates count in. */
  readonly today: number;
  /** The hour at which days start (config rollover). */
  readonly rolloverHour: number;
  readonly nowMs: number;
}

/**
 * The report's context. Like every time Anki works out "today", this first brings the config's
 * time settings up to date and, on a new day, returns buried cards to their queues: the report
 * counts them where Anki would.
 */
export function statsContext(col: Collection, wholeCollection: boolean): StatsContext {
  const { nextDayAt, daysElapsed } = collectionTiming(col);
  unburyIfDayRolledOver(col, daysElapsed);
  const base = {
    col,
    wholeCollection,
    dayCutoff: nextDayAt,
    today: daysElapsed,
    rolloverHour: col.config.getNumber('rollover', 4),
    nowMs: col.nowMs(),
  };
  if (wholeCollection) {
    const ids = col.stmt<[], number>('select id from decks').pluck().all();
    return { ...base, decks: JSON.stringify(ids), allReviews: 1, scopeName: 'whole collection' };
  }
  const current = col.config.getNumber('curDeck', 1);
  const deckId = col.decks.get(current) === undefined ? 1 : current;
  return {
    ...base,
    decks: JSON.stringify(col.decks.withChildren(deckId)),
    allReviews: 0,
    scopeName: humanDeckName(col.decks.get(deckId)?.name ?? 'Default'),
  };
}

/** Epoch milliseconds where the report's period starts: `days` day boundaries back. */
export const periodStartMs = (ctx: StatsContext, days = PERIOD_DAYS): number => (ctx.dayCutoff - days * 86_400) * 1000;
