import { returnCardsToHomeDecks } from '../cards/filtered.js';
import type { Collection } from '../collection/collection.js';
import { AnkiConnectError } from '../errors.js';
import { isFilteredDeck } from './deck.js';
import { humanDeckName } from './names.js';

/**
 * Anki-Connect's changeDeck: moves cards to the deck called `deckName`, creating it (and its
 * parents) when missing. Cards in a filtered deck first return to their home deck, as
 * upstream's `remFromDyn` does; then every listed card is put in the deck and stamped modified.
 * Unknown card ids are ignored. A filtered deck cannot be the target (Anki refuses it too, and
 * a card placed there by hand would have no home deck). Returns the deck id.
 */
export function changeDeck(col: Collection, cardIds: readonly number[], deckName: string): number {
  const existing = col.decks.byName(deckName);
  if (existing !== undefined && isFilteredDeck(existing)) {
    throw new AnkiConnectError("Cards can't be manually moved into a filtered deck.");
  }
  const deckId = existing?.id ?? col.decks.getOrCreate(deckName);
  if (cardIds.length === 0) return deckId;
  returnCardsToHomeDecks(col, cardIds);
  col
    .stmt('update cards set did = ?, mod = ?, usn = ? where id in (select value from json_each(?))')
    .run(deckId, col.nowSecs(), col.usn(), JSON.stringify(cardIds));
  return deckId;
}

/**
 * Anki-Connect's getDecks: the listed cards grouped by the name of the deck each is in now (a
 * filtered deck, for a card lent to one), decks in the order their first card was listed.
 * Unknown card ids are left out (upstream files them under "Default", Anki's fallback deck).
 */
export function decksOfCards(col: Collection, cardIds: readonly number[]): Record<string, number[]> {
  const rows = col
    .stmt<[string], { id: number; did: number }>('select id, did from cards where id in (select value from json_each(?))')
    .all(JSON.stringify(cardIds));
  const deckOf = new Map(rows.map((row) => [row.id, row.did]));
  // A Map, then own properties: a deck may be called "__proto__".
  const groups = new Map<string, number[]>();
  for (const id of cardIds) {
    const did = deckOf.get(id);
    const deck = did === undefined ? undefined : col.decks.get(did);
    if (deck === undefined) continue;
    const name = humanDeckName(deck.name);
    const list = groups.get(name);
    if (list === undefined) groups.set(name, [id]);
    else list.push(id);
  }
  return Object.fromEntries(groups);
}
