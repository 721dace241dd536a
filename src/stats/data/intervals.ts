/**
 * "Intervals": review-queue cards by interval in days (up to 31; longer ones still count in the
 * totals), with the average and longest interval. Suspended, buried and relearning cards are
 * not in the review queue, so Anki leaves them out.
 */
import { CARD_IN_SCOPE } from '../scope-sql.js';
import { PERIOD_DAYS, type StatsContext } from '../context.js';

export interface Intervals {
  /** [interval in days, cards], for intervals up to PERIOD_DAYS. */
  groups: [number, number][];
  cards: number;
  /** Average interval in days (null without review cards). */
  average: number | null;
  longest: number | null;
}

const GROUPS = `select ivl as days, count() as cards from cards
where ${CARD_IN_SCOPE} and queue = 2 and ivl <= @max group by ivl order by ivl`;

const TOTALS = `select count() as cards, avg(ivl) as average, max(ivl) as longest from cards where ${CARD_IN_SCOPE} and queue = 2`;

export function intervals(ctx: StatsContext): Intervals {
  const groups = ctx.col
    .stmt<[{ decks: string; max: number }], { days: number; cards: number }>(GROUPS)
    .all({ decks: ctx.decks, max: PERIOD_DAYS })
    .map(({ days, cards }): [number, number] => [days, cards]);
  const totals = ctx.col.stmt<[{ decks: string }], Omit<Intervals, 'groups'>>(TOTALS).get({ decks: ctx.decks });
  return { groups, cards: totals?.cards ?? 0, average: totals?.average ?? null, longest: totals?.longest ?? null };
}
