import type { Collection } from '../collection/collection.js';

/** A note's modification time, or `{}` for an unknown note. */
export type NoteModTime = { noteId: number; mod: number } | Record<string, never>;

/** Each note's modification time in seconds, as `{noteId, mod}`, or `{}` for an unknown id. */
export function noteModTimes(col: Collection, noteIds: readonly number[]): NoteModTime[] {
  const rows = col
    .stmt<[string], { id: number; mod: number }>('select id, mod from notes where id in (select value from json_each(?))')
    .all(JSON.stringify(noteIds));
  const mods = new Map(rows.map((row) => [row.id, row.mod]));
  return noteIds.map((noteId): NoteModTime => {
    const mod = mods.get(noteId);
    return mod === undefined ? {} : { noteId, mod };
  });
}
