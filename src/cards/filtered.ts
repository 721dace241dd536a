import type { Collection } from '../collection/collection.js';
import { queueFromType } from './queue.js';

// A card leaving a filtered deck, as Anki's `remove_from_filtered_deck_restoring_queue` does it
// (v2/v3 scheduler): back to its home deck, its home due restored when it has one, and a card
// that is not suspended or buried queued by its type: new, review, or learning (intraday when
// the due is a timestamp, else interday). Every expression reads the row's old values, as
// SQLite evaluates an UPDATE's right-hand sides before assigning any.
const RESTORED_DUE = '(case when odue != 0 then odue else due end)';
const RESTORED_QUEUE = `(case when queue < 0 then queue else ${queueFromType(RESTORED_DUE)} end)`;
const RESTORE = `did = odid, due = ${RESTORED_DUE}, queue = ${RESTORED_QUEUE}, odid = 0, odue = 0, mod = ?, usn = ?`;

/**
 * Returns the listed cards that sit in a filtered deck to their home decks (the other listed
 * cards are untouched), stamping them modified. Returns how many cards moved.
 */
export function returnCardsToHomeDecks(col: Collection, cardIds: readonly number[]): number {
  if (cardIds.length === 0) return 0;
  return col
    .stmt(`update cards set ${RESTORE} where odid != 0 and id in (select value from json_each(?))`)
    .run(col.nowSecs(), col.usn(), JSON.stringify(cardIds)).changes;
}

/** Empties a filtered deck: every card in it goes back to its home deck. Returns how many. */
export function returnAllCardsInFilteredDeck(col: Collection, deckId: number): number {
  return col.stmt(`update cards set ${RESTORE} where did = ? and odid != 0`).run(col.nowSecs(), col.usn(), deckId).changes;
}
