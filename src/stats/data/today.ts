/**
 * The "Today" figures: answers since the day began, their time, the failed ones, the split by
 * kind of review, and how the answers on mature cards went.
 */
import { REVIEW_IN_SCOPE } from '../scope-sql.js';
import type { StatsContext } from '../context.js';

export interface TodayFigures {
  /** Answers today; manual rescheduling (revlog type 4) is left out, as in Anki. */
  answers: number;
  /** Their total time in whole seconds (the milliseconds are summed, then divided). */
  seconds: number;
  again: number;
  learn: number;
  review: number;
  relearn: number;
  filtered: number;
  /**
   * Answers today on cards whose previous interval was 21 days or more, and how many of those
   * were not "again". Anki takes every log row here, manual ones included.
   */
  mature: { answers: number; correct: number };
}

type Counts = Omit<TodayFigures, 'mature'>;

const TODAY = `select count() as answers, coalesce(sum(time), 0) / 1000 as seconds,
  coalesce(sum(ease = 1), 0) as again, coalesce(sum(type = 0), 0) as learn, coalesce(sum(type = 1), 0) as review,
  coalesce(sum(type = 2), 0) as relearn, coalesce(sum(type = 3), 0) as filtered
from revlog where type != 4 and id > @since and ${REVIEW_IN_SCOPE}`;

const MATURE = `select count() as answers, coalesce(sum(ease != 1), 0) as correct
from revlog where lastIvl >= 21 and id > @since and ${REVIEW_IN_SCOPE}`;

export function todayFigures(ctx: StatsContext): TodayFigures {
  const params = { since: (ctx.dayCutoff - 86_400) * 1000, decks: ctx.decks, all: ctx.allReviews };
  const counts = ctx.col.stmt<[typeof params], Counts>(TODAY).get(params);
  const mature = ctx.col.stmt<[typeof params], TodayFigures['mature']>(MATURE).get(params);
  return {
    answers: counts?.answers ?? 0,
    seconds: counts?.seconds ?? 0,
    again: counts?.again ?? 0,
    learn: counts?.learn ?? 0,
    review: counts?.review ?? 0,
    relearn: counts?.relearn ?? 0,
    filtered: counts?.filtered ?? 0,
    mature: mature ?? { answers: 0, correct: 0 },
  };
}
