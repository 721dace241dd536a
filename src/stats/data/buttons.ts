/**
 * "Answer Buttons": the answers of the last 31 days by button, for learning (learning and
 * relearning steps), young and mature cards (interval before the answer below 21 days or not).
 * Manual rescheduling (type 4) is left out; other rows without a button (ease 0, such as
 * "set due date") stay in and count as correct, as in Anki.
 */
import { REVIEW_IN_SCOPE } from '../scope-sql.js';
import { periodStartMs, type StatsContext } from '../context.js';

export const BUTTON_GROUPS = ['learning', 'young', 'mature'] as const;
export type ButtonGroup = (typeof BUTTON_GROUPS)[number];

export interface ButtonCount {
  group: ButtonGroup;
  ease: number;
  answers: number;
}

export interface GroupCorrect {
  group: ButtonGroup;
  correct: number;
  total: number;
}

const BY_BUTTON = `select case when type in (0, 2) then 0 when lastIvl < 21 then 1 else 2 end as kind, ease, count() as answers
from revlog where type != 4 and id > @since and ${REVIEW_IN_SCOPE}
group by kind, ease order by kind, ease`;

export function buttonCounts(ctx: StatsContext): ButtonCount[] {
  return ctx.col
    .stmt<[{ since: number; decks: string; all: number }], { kind: number; ease: number; answers: number }>(BY_BUTTON)
    .all({ since: periodStartMs(ctx), decks: ctx.decks, all: ctx.allReviews })
    .map(({ kind, ease, answers }) => ({ group: BUTTON_GROUPS[kind] ?? 'mature', ease, answers }));
}

/** Per group, the answers that were not "again" out of all. */
export function correctByGroup(counts: readonly ButtonCount[]): GroupCorrect[] {
  return BUTTON_GROUPS.map((group) => {
    const mine = counts.filter((count) => count.group === group);
    const total = mine.reduce((sum, count) => sum + count.answers, 0);
    const again = mine.filter((count) => count.ease === 1).reduce((sum, count) => sum + count.answers, 0);
    return { group, correct: total - again, total };
  });
}
