/**
 * "Review Count" and "Review Time": the answers of each of the last 31 days (today is day 0,
 * yesterday -1) by kind — learning, young and mature reviews (by the interval before the
 * answer), relearning, filtered-deck reviews — with their time in minutes, and the number of
 * days with any log row at all (manual rows count there, as in Anki).
 */
import { REVIEW_IN_SCOPE } from '../scope-sql.js';
import { periodStartMs, type StatsContext } from '../context.js';

/** The kinds of answer the two graphs split, in the order Anki stacks them. */
export const ANSWER_KINDS = ['mature', 'young', 'relearn', 'learn', 'cram'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

export interface AnswerDay {
  day: number;
  counts: Record<AnswerKind, number>;
  minutes: Record<AnswerKind, number>;
}

export interface Answers {
  /** Days that have log rows, in order; a day of manual rows only has zero counts. */
  days: AnswerDay[];
  daysStudied: number;
}

// Days are counted as Anki counts them: (time - cutoff) / 1 day, truncated toward zero, so the
// hours since the day began and the seconds up to now are day 0. The time sums divide each
// row's milliseconds by 1000.0 first so that they add up the same floats as Anki's.
const BY_DAY = `select cast((id / 1000.0 - @cutoff) / 86400.0 as int) as day,
  sum(type = 0) as learn, sum(type = 1 and lastIvl < 21) as young, sum(type = 1 and lastIvl >= 21) as mature,
  sum(type = 2) as relearn, sum(type = 3) as cram,
  sum(case when type = 0 then time / 1000.0 else 0 end) / 60.0 as learnMinutes,
  sum(case when type = 1 and lastIvl < 21 then time / 1000.0 else 0 end) / 60.0 as youngMinutes,
  sum(case when type = 1 and lastIvl >= 21 then time / 1000.0 else 0 end) / 60.0 as matureMinutes,
  sum(case when type = 2 then time / 1000.0 else 0 end) / 60.0 as relearnMinutes,
  sum(case when type = 3 then time / 1000.0 else 0 end) / 60.0 as cramMinutes
from revlog where id > @since and ${REVIEW_IN_SCOPE}
group by day order by day`;

// Anki numbers the studied days from whole seconds here (id / 1000 in integers), which can put
// a review in the first second of a day on the other side; the count follows it.
const DAYS_STUDIED = `select count() from (select cast((id / 1000 - @cutoff) / 86400.0 as int) as day
from revlog where id > @since and ${REVIEW_IN_SCOPE} group by day)`;

type Row = { day: number } & Record<AnswerKind | `${AnswerKind}Minutes`, number>;

export function answers(ctx: StatsContext): Answers {
  const params = { cutoff: ctx.dayCutoff, since: periodStartMs(ctx), decks: ctx.decks, all: ctx.allReviews };
  const rows = ctx.col.stmt<[typeof params], Row>(BY_DAY).all(params);
  const days = rows.map((row) => ({
    day: row.day,
    counts: { mature: row.mature, young: row.young, relearn: row.relearn, learn: row.learn, cram: row.cram },
    minutes: {
      mature: row.matureMinutes,
      young: row.youngMinutes,
      relearn: row.relearnMinutes,
      learn: row.learnMinutes,
      cram: row.cramMinutes,
    },
  }));
  const daysStudied = ctx.col.stmt<[typeof params], number>(DAYS_STUDIED).pluck().get(params) ?? 0;
  return { days, daysStudied };
}
