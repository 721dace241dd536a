/** "Added": cards created on each of the last 31 days (card ids are creation times). */
import { CARD_IN_SCOPE } from '../scope-sql.js';
import { periodStartMs, type StatsContext } from '../context.js';

export interface AddedDay {
  day: number;
  cards: number;
}

const BY_DAY = `select cast((id / 1000.0 - @cutoff) / 86400.0 as int) as day, count() as cards
from cards where id > @since and ${CARD_IN_SCOPE} group by day order by day`;

export function addedByDay(ctx: StatsContext): AddedDay[] {
  return ctx.col
    .stmt<[{ cutoff: number; since: number; decks: string }], AddedDay>(BY_DAY)
    .all({ cutoff: ctx.dayCutoff, since: periodStartMs(ctx), decks: ctx.decks });
}
