/**
 * The "Forecast": review and day-learning cards falling due on each of the coming days (today
 * is day 0; overdue cards are not shown), young below a 21-day interval and mature from there.
 */
import { CARD_IN_SCOPE } from '../scope-sql.js';
import { PERIOD_DAYS, type StatsContext } from '../context.js';

export interface DueDay {
  day: number;
  young: number;
  mature: number;
}

export interface Forecast {
  /** Only the days on which something falls due, in order. */
  days: DueDay[];
  dueTomorrow: number;
}

const BY_DAY = `select due - @today as day, sum(ivl < 21) as young, sum(ivl >= 21) as mature
from cards where ${CARD_IN_SCOPE} and queue in (2, 3) and due - @today >= 0 and due - @today < @days
group by day order by day`;

const TOMORROW = `select count() from cards where ${CARD_IN_SCOPE} and queue in (2, 3) and due = @tomorrow`;

export function forecast(ctx: StatsContext): Forecast {
  const days = ctx.col
    .stmt<[{ today: number; days: number; decks: string }], DueDay>(BY_DAY)
    .all({ today: ctx.today, days: PERIOD_DAYS, decks: ctx.decks });
  const dueTomorrow =
    ctx.col.stmt<[{ tomorrow: number; decks: string }], number>(TOMORROW).pluck().get({ tomorrow: ctx.today + 1, decks: ctx.decks }) ?? 0;
  return { days, dueTomorrow };
}
