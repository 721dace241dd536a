/**
 * getDeckStats: the deck tree with due counts as Anki's deck list shows them (v3 scheduler),
 * read from the cards, the decks' limits and today's studied counters.
 */
import type { Collection } from '../collection/collection.js';
import { queueFromType } from '../cards/queue.js';
import { collectionTiming } from '../collection/search-context.js';
import {
  deckTreeCounts,
  NO_CARDS,
  remainingLimits,
  UNLIMITED,
  type DeckNode,
  type RawCounts,
  type RemainingLimits,
} from '../scheduler/deck-counts.js';
import { deckFromRow, type Deck, type DeckRow } from './deck.js';
import { foldCase } from '../text/index.js';
import { DECK_NAME_SEPARATOR } from './names.js';

/** One deck's entry in getDeckStats' reply. */
export interface DeckStatsEntry {
  deck_id: number;
  name: string;
  new_count: number;
  learn_count: number;
  review_count: number;
  total_in_deck: number;
}

/**
 * Cards buried on an earlier day come back before counting, as when Anki draws its deck list or
 * builds its study queues: once per day (config lastUnburied), each to the queue its type gives.
 * Like Anki, this does not mark the cards modified.
 */
export function unburyIfDayRolledOver(col: Collection, today: number): void {
  const last = col.config.getNumber('lastUnburied', 0);
  if (last >= today && today + 7 >= last) return;
  col.stmt(`update cards set queue = ${queueFromType()} where queue in (-2, -3)`).run();
  col.config.set('lastUnburied', today);
}

function rawCounts(col: Collection, today: number, learnCutoff: number): Map<number, RawCounts> {
  const rows = col
    .stmt<[{ today: number; cutoff: number }], RawCounts & { did: number }>(
      'select did, sum(queue = 0) as new, sum(queue = 2 and due <= @today) as review, sum(queue = 3 and due <= @today) as interdayLearning, ' +
        'sum((queue = 1 and due < @cutoff) or (queue = 4 and due <= @cutoff)) as intradayLearning, count() as total from cards group by did',
    )
    .all({ today, cutoff: learnCutoff });
  return new Map(rows.map(({ did, ...counts }) => [did, counts]));
}

function limitsOf(col: Collection, deck: Deck, today: number, newCardsIgnoreReviewLimit: boolean): RemainingLimits {
  if (deck.kind.kind.case !== 'normal') return UNLIMITED;
  const normal = deck.kind.kind.value;
  const preset = col.deckConfigs.get(Number(normal.configId));
  if (preset === undefined) return UNLIMITED;
  const studiedToday = deck.common.lastDayStudied === today;
  return remainingLimits(
    {
      newPerDay: preset.config.newPerDay,
      reviewsPerDay: preset.config.reviewsPerDay,
      newLimit: normal.newLimit,
      reviewLimit: normal.reviewLimit,
      newLimitToday: normal.newLimitToday,
      reviewLimitToday: normal.reviewLimitToday,
      newStudied: studiedToday ? deck.common.newStudied : 0,
      reviewStudied: studiedToday ? deck.common.reviewStudied : 0,
    },
    today,
    newCardsIgnoreReviewLimit,
  );
}

/**
 * The deck tree in name order; a deck whose parent is missing is left out, as Anki leaves it.
 * Parents are matched with Unicode case folding, as the unicase index that orders the names.
 */
function deckTree(col: Collection, today: number, nowSecs: number): DeckNode[] {
  const counts = rawCounts(col, today, nowSecs + col.config.getNumber('collapseTime', 1200));
  const ignoreReviewLimit = col.config.getBool('newCardsIgnoreReviewLimit', false);
  const rows = col.stmt<[], DeckRow>('select id, name, mtime_secs, usn, common, kind from decks order by name').all();
  const roots: DeckNode[] = [];
  const byName = new Map<string, DeckNode>();
  for (const row of rows) {
    const deck = deckFromRow(row);
    const components = deck.name.split(DECK_NAME_SEPARATOR);
    const node: DeckNode = {
      id: deck.id,
      name: components.at(-1) ?? '',
      limits: limitsOf(col, deck, today, ignoreReviewLimit),
      raw: counts.get(deck.id) ?? NO_CARDS,
      children: [],
    };
    if (components.length === 1) {
      roots.push(node);
    } else {
      const parent = byName.get(foldCase(components.slice(0, -1).join(DECK_NAME_SEPARATOR)));
      if (parent === undefined) continue;
      parent.children.push(node);
    }
    byName.set(foldCase(deck.name), node);
  }
  // An empty Default deck without subdecks is hidden, unless it is the only deck.
  const index = roots.findIndex((node) => node.id === 1 && node.children.length === 0);
  if (index >= 0 && roots.length > 1 && (counts.get(1)?.total ?? 0) === 0) roots.splice(index, 1);
  return roots;
}

/**
 * The counts of the requested decks that appear in the deck tree, keyed by deck id: new,
 * learning and review cards due today with subdecks and limits, and the cards in the deck.
 */
export function deckStats(col: Collection, deckIds: readonly number[]): Record<string, DeckStatsEntry> {
  const { daysElapsed: today, nowSecs } = collectionTiming(col);
  unburyIfDayRolledOver(col, today);
  const roots = deckTree(col, today, nowSecs);
  const counts = deckTreeCounts(roots, col.config.getBool('applyAllParentLimits', false));
  const wanted = new Set(deckIds);
  const out: Record<string, DeckStatsEntry> = {};
  const visit = (node: DeckNode): void => {
    const c = counts.get(node.id);
    if (wanted.has(node.id) && c !== undefined) {
      out[String(node.id)] = {
        deck_id: node.id,
        name: node.name,
        new_count: c.newCount,
        learn_count: c.learnCount,
        review_count: c.reviewCount,
        total_in_deck: c.totalInDeck,
      };
    }
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  return out;
}
