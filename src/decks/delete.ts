import { returnAllCardsInFilteredDeck } from '../cards/filtered.js';
import type { Collection } from '../collection/collection.js';
import { addGraves, GraveKind } from '../collection/graves.js';
import { removeCardsAndOrphanedNotes } from '../notes/delete.js';
import { isFilteredDeck, type Deck } from './deck.js';
import { DECK_NAME_SEPARATOR, nativeDeckName } from './names.js';

const DEFAULT_DECK_ID = 1;

/**
 * Deletes decks with all their subdecks, as Anki's `remove_decks_and_child_decks`: a normal
 * deck's cards (those whose home deck it is, including any lent to a filtered deck) are deleted
 * with their graves, and notes left without cards go too; a filtered deck's cards return to
 * their home decks. Each deleted deck gets a grave and loses its auxiliary config keys
 * (`_deck_<id>_…`). The default deck is never deleted: it is emptied and named "Default"
 * again. Unknown ids are skipped. Returns how many cards were deleted.
 */
export function deleteDecks(col: Collection, deckIds: readonly number[]): number {
  let cards = 0;
  let cleared = false;
  for (const id of deckIds) {
    const deck = col.decks.get(id);
    // A deck listed after one of its ancestors is already gone.
    if (deck === undefined) continue;
    for (const doomed of [deck, ...descendants(col, deck)]) {
      cards += removeSingleDeck(col, doomed);
      cleared = clearAuxiliaryConfig(col, doomed.id) || cleared;
    }
  }
  // The config store caches every key; removed keys must not linger there.
  if (cleared) col.resetCaches();
  return cards;
}

/** The decks below `deck`, parents before children (Anki's preorder). */
function descendants(col: Collection, deck: Deck): Deck[] {
  return col
    .stmt<[string, string], { id: number }>('select id from decks where name > ? and name < ? order by name')
    .all(deck.name + DECK_NAME_SEPARATOR, deck.name + ' ')
    .flatMap((row) => col.decks.get(row.id) ?? []);
}

function removeSingleDeck(col: Collection, deck: Deck): number {
  let cards = 0;
  if (isFilteredDeck(deck)) {
    returnAllCardsInFilteredDeck(col, deck.id);
  } else {
    const ids = col
      .stmt<[number, number], { id: number }>('select id from cards where did = ? or (odid != 0 and odid = ?)')
      .all(deck.id, deck.id)
      .map((row) => row.id);
    cards = removeCardsAndOrphanedNotes(col, ids);
  }
  if (deck.id === DEFAULT_DECK_ID) {
    resetDefaultDeck(col, deck);
  } else {
    col.decks.removeRow(deck.id);
    addGraves(col, GraveKind.Deck, [deck.id]);
  }
  return cards;
}

/** The default deck stays: stamped modified, and renamed "Default" unless that name is taken. */
function resetDefaultDeck(col: Collection, deck: Deck): void {
  const name = nativeDeckName('Default');
  const taken = col.stmt<[string, number], { id: number }>('select id from decks where name = ? and id != ?').get(name, deck.id);
  col.decks.update({ ...deck, name: taken === undefined ? name : deck.name });
}

/** Removes the config keys Anki keeps per deck (`_deck_<id>_lastNotetype`, …). True if any. */
function clearAuxiliaryConfig(col: Collection, deckId: number): boolean {
  const prefix = `_deck_${deckId}_`;
  return col.stmt('delete from config where substr(KEY, 1, ?) = ?').run(prefix.length, prefix).changes > 0;
}
