/**
 * "Card Types": the cards in scope by state, with the note count and the ease factors of the
 * cards in the review queue. Anki's chart joins young with learning cards and suspended with
 * buried ones; the parts are kept apart here too, for the chart's tooltips.
 */
import { CARD_IN_SCOPE } from '../scope-sql.js';
import type { StatsContext } from '../context.js';

export interface CardTypes {
  /** Review queue, interval of 21 days or more. */
  mature: number;
  /** Review queue, shorter interval. */
  young: number;
  /** Learning and relearning, within the day (queue 1) and across days (queue 3). */
  learning: number;
  unseen: number;
  suspended: number;
  /** Buried by hand or as siblings. */
  buried: number;
  cards: number;
  notes: number;
  /** Ease of the review-queue cards, in percent (null without such cards). */
  ease: { lowest: number | null; average: number | null; highest: number | null };
}

const COUNTS = `select coalesce(sum(queue = 2 and ivl >= 21), 0) as mature, coalesce(sum(queue = 2 and ivl < 21), 0) as young,
  coalesce(sum(queue in (1, 3)), 0) as learning, coalesce(sum(queue = 0), 0) as unseen,
  coalesce(sum(queue = -1), 0) as suspended, coalesce(sum(queue < -1), 0) as buried,
  count(id) as cards, count(distinct nid) as notes
from cards where ${CARD_IN_SCOPE}`;

const EASE = `select min(factor) / 10.0 as lowest, avg(factor) / 10.0 as average, max(factor) / 10.0 as highest
from cards where ${CARD_IN_SCOPE} and queue = 2`;

export function cardTypes(ctx: StatsContext): CardTypes {
  const params = { decks: ctx.decks };
  const counts = ctx.col.stmt<[typeof params], Omit<CardTypes, 'ease'>>(COUNTS).get(params);
  const ease = ctx.col.stmt<[typeof params], CardTypes['ease']>(EASE).get(params);
  return {
    mature: counts?.mature ?? 0,
    young: counts?.young ?? 0,
    learning: counts?.learning ?? 0,
    unseen: counts?.unseen ?? 0,
    suspended: counts?.suspended ?? 0,
    buried: counts?.buried ?? 0,
    cards: counts?.cards ?? 0,
    notes: counts?.notes ?? 0,
    ease: ease ?? { lowest: null, average: null, highest: null },
  };
}
