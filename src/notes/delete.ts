import type { Collection } from '../collection/collection.js';
import { GraveKind } from '../collection/graves.js';
import { fieldIsEmpty } from '../template/index.js';
import { FIELD_SEPARATOR } from './note.js';

// Ids travel as one bound JSON array (json_each), so a batch of any size is a handful of
// statements instead of one statement, or one parameter list, per id.
const IN_IDS = 'in (select value from json_each(?))';

/**
 * Deletes notes and every card of them, as Anki's `remove_notes` does: a grave (usn -1) for
 * each card and each note, so a sync removes them elsewhere too; review history stays. Unknown
 * ids are ignored. Returns how many notes were deleted.
 */
export function deleteNotes(col: Collection, noteIds: readonly number[]): number {
  if (noteIds.length === 0) return 0;
  const ids = JSON.stringify(noteIds);
  const usn = col.usn();
  col
    .stmt(`insert or ignore into graves (oid, type, usn) select id, ?, ? from cards where nid ${IN_IDS}`)
    .run(GraveKind.Card, usn, ids);
  col.stmt(`delete from cards where nid ${IN_IDS}`).run(ids);
  col
    .stmt(`insert or ignore into graves (oid, type, usn) select id, ?, ? from notes where id ${IN_IDS}`)
    .run(GraveKind.Note, usn, ids);
  return col.stmt(`delete from notes where id ${IN_IDS}`).run(ids).changes;
}

/**
 * Deletes cards, and then the notes left without any card, as Anki's
 * `remove_cards_and_orphaned_notes` does (deleting a deck uses it), with a grave for each.
 * Returns how many cards were deleted.
 */
export function removeCardsAndOrphanedNotes(col: Collection, cardIds: readonly number[]): number {
  if (cardIds.length === 0) return 0;
  const ids = JSON.stringify(cardIds);
  const usn = col.usn();
  const noteIds = col
    .stmt<[string], { nid: number }>(`select distinct nid from cards where id ${IN_IDS}`)
    .all(ids)
    .map((row) => row.nid);
  col
    .stmt(`insert or ignore into graves (oid, type, usn) select id, ?, ? from cards where id ${IN_IDS}`)
    .run(GraveKind.Card, usn, ids);
  const removed = col.stmt(`delete from cards where id ${IN_IDS}`).run(ids).changes;
  const orphaned = col
    .stmt<[string], { id: number }>(
      `select id from notes where id ${IN_IDS} and not exists (select 1 from cards where cards.nid = notes.id)`,
    )
    .all(JSON.stringify(noteIds))
    .map((row) => row.id);
  deleteNotes(col, orphaned);
  return removed;
}

/**
 * Anki-Connect's removeEmptyNotes, with the meaning its name promises: deletes every note whose
 * fields are all empty by Anki's card-generation rule (nothing but whitespace and `<br>`/`<div>`
 * tags), with its cards. (Upstream deletes unused note types instead.) Returns how many notes
 * were deleted.
 */
export function removeEmptyNotes(col: Collection): number {
  const empty: number[] = [];
  for (const row of col.stmt<[], { id: number; flds: string }>('select id, flds from notes').iterate()) {
    if (row.flds.split(FIELD_SEPARATOR).every(fieldIsEmpty)) empty.push(row.id);
  }
  return deleteNotes(col, empty);
}
