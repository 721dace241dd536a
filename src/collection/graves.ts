import type { Collection } from './collection.js';

/**
 * What a grave records (the `graves.type` column): Anki's sync sends these deletions to the
 * server so the objects do not come back from another device.
 */
export enum GraveKind {
  Card = 0,
  Note = 1,
  Deck = 2,
}

/**
 * Records deletions in `graves` with usn -1, as Anki does for every card, note and deck it
 * removes. `or ignore` keeps a second grave for the same object from failing, as in Anki's own
 * insert. The ids travel as one bound JSON array, so any number of them costs one statement.
 */
export function addGraves(col: Collection, kind: GraveKind, ids: readonly number[]): void {
  if (ids.length === 0) return;
  col
    .stmt('insert or ignore into graves (oid, type, usn) select value, ?, ? from json_each(?)')
    .run(kind, col.usn(), JSON.stringify(ids));
}
