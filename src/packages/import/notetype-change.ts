/**
 * Moving notes to another note type during an import merge (rslib
 * `change_notetype_of_notes_inner`): cards of templates with no counterpart are deleted (with a
 * grave), the others take their new ordinals; each note's fields are rearranged, it takes the new
 * note type and is stamped modified, and it gets the cards it now lacks. Marks the schema
 * modified first, as Anki's change of notes' note type does (so the next sync is a full one).
 */
import { generateMissingCards } from '../../cards/existing.js';
import type { Collection } from '../../collection/collection.js';
import { addGraves, GraveKind } from '../../collection/graves.js';
import { deriveNoteColumns } from '../../notes/add.js';
import { joinFields } from '../../notes/note.js';
import { getNote } from '../../notes/store.js';
import { setSchemaModified } from '../../notetypes/schema-change.js';
import { normalizeField } from '../../text/index.js';

export interface NotetypeChange {
  noteIds: readonly number[];
  oldNotetypeId: number;
  newNotetypeId: number;
  /** For each field of the new note type, the old field it takes its value from. */
  newFields: readonly (number | null)[];
  /** For each template of the new note type, the old template whose cards it takes. */
  newTemplates: readonly (number | null)[];
}

export function changeNotetypeOfNotes(col: Collection, change: NotetypeChange): void {
  setSchemaModified(col);
  const oldNotetype = col.notetypes.get(change.oldNotetypeId);
  const notetype = col.notetypes.get(change.newNotetypeId);
  if (oldNotetype === undefined || notetype === undefined) {
    throw new Error(`note type ${oldNotetype === undefined ? change.oldNotetypeId : change.newNotetypeId} was not found`);
  }
  remapCards(col, change, oldNotetype.templates.length);
  const update = col.stmt('update notes set mid = ?, flds = ?, sfld = ?, csum = ?, mod = ?, usn = ? where id = ?');
  for (const id of change.noteIds) {
    const note = getNote(col, id);
    if (note === undefined) continue;
    // Not NFC-normalised: Anki's note type change keeps the text as it is, control characters aside.
    const fields = change.newFields.map((ord) => normalizeField(ord === null ? '' : (note.fields[ord] ?? ''), false));
    if (fields.length !== notetype.fields.length) {
      throw new Error(`note has ${fields.length} fields, expected ${notetype.fields.length}`);
    }
    const derived = deriveNoteColumns(notetype, fields);
    update.run(notetype.id, joinFields(fields), derived.sortField, derived.checksum, col.nowSecs(), col.usn(), id);
    generateMissingCards(col, { ...note, notetypeId: notetype.id, fields }, notetype);
  }
}

/** Deletes the cards of dropped templates and renumbers the cards of moved ones. */
function remapCards(col: Collection, change: NotetypeChange, oldTemplateCount: number): void {
  const moved = new Map<number, number>();
  const kept = new Set<number>();
  change.newTemplates.forEach((oldOrd, newOrd) => {
    if (oldOrd === null) return;
    kept.add(oldOrd);
    if (oldOrd !== newOrd) moved.set(oldOrd, newOrd);
  });
  const removed: number[] = [];
  for (let ord = 0; ord < oldTemplateCount; ord++) if (!kept.has(ord)) removed.push(ord);
  if (removed.length === 0 && moved.size === 0) return;
  const cards = col
    .stmt<[string], { id: number; ord: number }>('select id, ord from cards where nid in (select value from json_each(?))')
    .all(JSON.stringify(change.noteIds));
  const gone = cards.filter((card) => removed.includes(card.ord)).map((card) => card.id);
  if (gone.length > 0) {
    col.stmt('delete from cards where id in (select value from json_each(?))').run(JSON.stringify(gone));
    addGraves(col, GraveKind.Card, gone);
  }
  const renumber = col.stmt('update cards set ord = ?, mod = ?, usn = ? where id = ?');
  for (const card of cards) {
    const to = moved.get(card.ord);
    if (to !== undefined) renumber.run(to, col.nowSecs(), col.usn(), card.id);
  }
}
