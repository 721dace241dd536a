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

/** Ids and first fields of the notes of note type `mid` whose first-field checksum is `csum`. */
export function firstFieldsByChecksum(col: Collection, mid: number, csum: number): { id: number; flds: string }[] {
  return col.stmt<[number, number], { id: number; flds: string }>('select id, flds from notes where csum = ? and mid = ?').all(csum, mid);
}
