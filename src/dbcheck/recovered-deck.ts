/**
 * The deck Check Database makes for a deck id that cards use but no deck row has (rslib
 * decks/addupdate.rs `recover_missing_deck`): a normal deck with that very id, called
 * `recovered<id>`, with `+` appended while another deck has that name, stamped modified now.
 */
import type { Collection } from '../collection/collection.js';
import { encodeDeckCommon, encodeDeckKind, newNormalDeck } from '../decks/deck.js';

export function insertRecoveredDeck(col: Collection, did: number): void {
  let name = `recovered${did}`;
  const taken = col.db.prepare<[string], { id: number }>('select id from decks where name = ?');
  for (let other = taken.get(name); other !== undefined && other.id !== did; other = taken.get(name)) name += '+';
  const deck = newNormalDeck(name);
  col.db
    .prepare('insert or replace into decks (id, name, mtime_secs, usn, common, kind) values (?, ?, ?, ?, ?, ?)')
    .run(did, name, col.nowSecs(), col.usn(), encodeDeckCommon(deck.common), encodeDeckKind(deck.kind));
}
