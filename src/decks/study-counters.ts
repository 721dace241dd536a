/**
 * A deck's "studied today" counters (new cards, reviews, time), which its daily limits are
 * measured against: Anki's `update_deck_stats`. An answer counts in the deck the card is in and
 * in each of its parents; counters from an earlier day start again from zero.
 */
import type { Collection } from '../collection/collection.js';
import type { Deck } from './deck.js';
import { DECK_NAME_SEPARATOR } from './names.js';

export interface StudiedDelta {
  newCards: number;
  reviews: number;
  milliseconds: number;
}

/** Wraps like Rust's i32 arithmetic in a release build. */
const i32 = (value: number): number => value | 0;

function counted(deck: Deck, today: number, delta: StudiedDelta): Deck {
  const stale = deck.common.lastDayStudied !== today;
  const common = {
    ...deck.common,
    lastDayStudied: today,
    newStudied: i32((stale ? 0 : deck.common.newStudied) + delta.newCards),
    reviewStudied: i32((stale ? 0 : deck.common.reviewStudied) + delta.reviews),
    learningStudied: stale ? 0 : deck.common.learningStudied,
    millisecondsStudied: i32((stale ? 0 : deck.common.millisecondsStudied) + delta.milliseconds),
  };
  return { ...deck, common };
}

/** The parent decks of `deck`, nearest first, up to the first one that is missing. */
function parents(col: Collection, deck: Deck): Deck[] {
  const out: Deck[] = [];
  let name = deck.name;
  for (;;) {
    const cut = name.lastIndexOf(DECK_NAME_SEPARATOR);
    if (cut < 0) break;
    name = name.slice(0, cut);
    const id = col.stmt<[string], { id: number }>('select id from decks where name = ?').get(name)?.id;
    const parent = id === undefined ? undefined : col.decks.get(id);
    if (parent === undefined) break;
    out.push(parent);
    name = parent.name;
  }
  return out;
}

/** Adds an answer to the counters of deck `deckId` and its parents, stamping them modified. */
export function countStudied(col: Collection, deckId: number, today: number, delta: StudiedDelta): void {
  const deck = col.decks.get(deckId);
  if (deck === undefined) return;
  for (const each of [deck, ...parents(col, deck)]) col.decks.update(counted(each, today, delta));
}
