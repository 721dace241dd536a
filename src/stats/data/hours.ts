/**
 * "Hourly Breakdown": for each hour of the day, the answers of the last 31 days (learning,
 * review and relearning only) and the share that were not "again". Hours with 30 answers or
 * fewer are dropped, and the whole graph when fewer than four hours remain, as in Anki.
 */
import { REVIEW_IN_SCOPE } from '../scope-sql.js';
import { periodStartMs, type StatsContext } from '../context.js';

export interface HourFigures {
  /** Position on the graph: hours counted from 4 AM (Anki's graph always starts there). */
  slot: number;
  /** Local hour of the day, 0–23 (24 for an answer after midnight but before the rollover). */
  hour: number;
  answers: number;
  /** Percentage of answers that were not "again". */
  correct: number;
}

/** Anki draws its hour axis from 4 AM whatever the rollover hour. */
const AXIS_START_HOUR = 4;
const MIN_ANSWERS = 30;
const MIN_HOURS = 4;

// The hour is counted back from local midnight (the day boundary less the rollover hours), so
// it is the local hour of the answer; the arithmetic is Anki's, integer remainder included.
const BY_HOUR = `select 23 - (cast((@midnight - id / 1000) / 3600.0 as int) % 24) as hour,
  sum(ease != 1) / cast(count() as float) * 100 as correct, count() as answers
from revlog where type in (0, 1, 2) and id > @since and ${REVIEW_IN_SCOPE}
group by hour having count() > @min order by hour`;

/** The hours to draw, by slot; empty when there are too few to draw. */
export function hours(ctx: StatsContext): HourFigures[] {
  const rows = ctx.col
    .stmt<[{ midnight: number; since: number; min: number; decks: string; all: number }], Omit<HourFigures, 'slot'>>(BY_HOUR)
    .all({
      midnight: ctx.dayCutoff - ctx.rolloverHour * 3600,
      since: periodStartMs(ctx),
      min: MIN_ANSWERS,
      decks: ctx.decks,
      all: ctx.allReviews,
    });
  if (rows.length < MIN_HOURS) return [];
  return rows
    .map((row) => ({ ...row, slot: (((row.hour - AXIS_START_HOUR) % 24) + 24) % 24 }))
    .sort((a, b) => a.slot - b.slot || a.answers - b.answers);
}
