import type { Collection } from '../collection/collection.js';

/** A new card's placement: which note, which template (or cloze number − 1), which deck, which position. */
export interface NewCard {
  nid: number;
  ord: number;
  did: number;
  due: number;
}

/**
 * Inserts a new card the way Anki's `Card::new` leaves it: type and queue new, no scheduling
 * data, `data` = "{}". Returns its id.
 */
export function insertNewCard(col: Collection, card: NewCard): number {
  const id = col.nextId('cards');
  col
    .stmt(
      'insert into cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) ' +
        "values (?, ?, ?, ?, ?, ?, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '{}')",
    )
    .run(id, card.nid, card.did, card.ord, col.nowSecs(), col.usn(), card.due);
  return id;
}

/** Card ids of a note, by template order (as Anki's `card_ids`). */
export function cardIdsOfNote(col: Collection, nid: number): number[] {
  return col
    .stmt<[number], { id: number }>('select id from cards where nid = ? order by ord')
    .all(nid)
    .map((row) => row.id);
}
