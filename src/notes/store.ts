import type { Collection } from '../collection/collection.js';
import { noteFromRow, type Note, type NoteRow } from './note.js';

/** The note with `id`, or undefined. */
export function getNote(col: Collection, id: number): Note | undefined {
  const row = col
    .stmt<[number], NoteRow>('select id, guid, mid, mod, usn, tags, flds from notes where id = ?')
    .get(id);
  return row === undefined ? undefined : noteFromRow(row);
}

/** The row values Anki derives from a note's fields when it saves it. */
export interface DerivedNoteColumns {
  sortField: string;
  checksum: number;
}

/** Inserts a new note row and returns its id (now in ms, or the highest id plus one). */
export function insertNote(
  col: Collection,
  note: { guid: string; notetypeId: number; tags: string; flds: string },
  derived: DerivedNoteColumns,
): number {
  const id = col.nextId('notes');
  // sfld is bound as text; the column's INTEGER affinity turns numeric text into a number, which
  // is what Anki does too (so numbers sort numerically in the browser).
  col
    .stmt("insert into notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '')")
    .run(id, note.guid, note.notetypeId, col.nowSecs(), col.usn(), note.tags, note.flds, derived.sortField, derived.checksum);
  return id;
}

/**
 * Notes of one note type with a given first-field checksum. The unary `+` keeps SQLite on the
 * checksum index: without planner statistics (a collection that never ran ANALYZE) it would
 * otherwise pick the note-type index and scan every note of that type, seconds on a large
 * collection.
 */
export const NOTES_BY_CHECKSUM_SQL = 'select id, flds from notes where csum = ? and +mid = ?';
/** The same lookup across note types (Anki-Connect's checkAllModels). */
export const NOTES_BY_CHECKSUM_ANY_TYPE_SQL = 'select id, flds from notes where csum = ?';

/** Ids and fields of the notes of note type `mid` whose first-field checksum is `csum`. */
export function notesByChecksum(col: Collection, csum: number, mid?: number): { id: number; flds: string }[] {
  return mid === undefined
    ? col.stmt<[number], { id: number; flds: string }>(NOTES_BY_CHECKSUM_ANY_TYPE_SQL).all(csum)
    : col.stmt<[number, number], { id: number; flds: string }>(NOTES_BY_CHECKSUM_SQL).all(csum, mid);
}
