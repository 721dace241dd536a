import { generateMissingCards } from '../cards/existing.js';
import type { Collection } from '../collection/collection.js';
import { AnkiConnectError } from '../errors.js';
import { isCloze, type Notetype } from '../notetypes/notetype.js';
import { normalizeField } from '../text/index.js';
import { deriveNoteColumns } from './add.js';
import { normalizesText } from './fields-check.js';
import { attachNoteMedia, type PreparedMedia } from './media.js';
import { joinFields, noteFromRow, type Note, type NoteRow } from './note.js';
import { getNote } from './store.js';

/** The note with `id`, or Anki-Connect's error for a missing note. */
export function requireNote(col: Collection, id: number): Note {
  const note = getNote(col, id);
  if (note === undefined) throw new AnkiConnectError(`Note was not found: ${id}`);
  return note;
}

/** A stored note about to be edited, with how many cards it has. */
export interface EditedNote {
  note: Note;
  cardCount: number;
}

/**
 * The note with `id` and its number of cards, in one statement (the count reads the card index
 * only), or Anki-Connect's error for a missing note. Editing many notes in one request is
 * dominated by statements per note, so this saves one for each.
 */
export function requireNoteForEdit(col: Collection, id: number): EditedNote {
  const row = col
    .stmt<[number], NoteRow & { cards: number }>(
      'select id, guid, mid, mod, usn, tags, flds, (select count() from cards where cards.nid = notes.id) as cards from notes where id = ?',
    )
    .get(id);
  if (row === undefined) throw new AnkiConnectError(`Note was not found: ${id}`);
  return { note: noteFromRow(row), cardCount: row.cards };
}

/** The note type of a stored note; a dangling note type is a damaged collection, not bad input. */
export function notetypeOf(col: Collection, note: Note): Notetype {
  const notetype = col.notetypes.get(note.notetypeId);
  if (notetype === undefined) throw new Error(`note ${note.id} uses missing note type ${note.notetypeId}`);
  return notetype;
}

/**
 * The note's field values with the given ones put in place by exact field name, as
 * Anki-Connect's updateNoteFields does (`if name in note`): names match case-sensitively, and
 * names the note type does not have are ignored.
 */
export function fieldsWithValues(notetype: Notetype, current: readonly string[], values: Readonly<Record<string, string>>): string[] {
  const fields = notetype.fields.map((_field, ord) => current[ord] ?? '');
  notetype.fields.forEach((field, ord) => {
    // Own keys only: a field called "constructor" must not pick up Object.prototype's.
    const value = Object.hasOwn(values, field.name) ? values[field.name] : undefined;
    if (value !== undefined) fields[ord] = value;
  });
  return fields;
}

/**
 * Saves new field values of a stored note the way Anki's `update_note` does: when the values
 * equal the stored ones nothing is written (not even the modification time); otherwise the
 * fields are cleaned and NFC-normalised, the sort field and checksum derived again, the note
 * stamped modified now with usn -1, and the cards it now qualifies for are added (never
 * removed). `cardCount`, when the caller knows it, lets a note that has all its cards skip the
 * card lookup. Returns whether the note was written.
 */
export function saveNoteFields(
  col: Collection,
  note: Note,
  notetype: Notetype,
  fields: readonly string[],
  cardCount?: number,
): boolean {
  if (fields.length !== notetype.fields.length) {
    throw new Error(`note has ${fields.length} fields, expected ${notetype.fields.length}`);
  }
  if (fields.length === note.fields.length && fields.every((value, i) => value === note.fields[i])) return false;
  const nfc = normalizesText(col);
  const normalized = fields.map((field) => normalizeField(field, nfc));
  const derived = deriveNoteColumns(notetype, normalized);
  // sfld is bound as text: the column's INTEGER affinity stores numeric text as a number, as
  // Anki's own writes do.
  col
    .stmt('update notes set flds = ?, sfld = ?, csum = ?, mod = ?, usn = ? where id = ?')
    .run(joinFields(normalized), derived.sortField, derived.checksum, col.nowSecs(), col.usn(), note.id);
  // A standard note with a card for every template cannot gain one: ords are unique per note
  // and below the template count (Check Database's own rules), so the lookup can be skipped.
  const complete = !isCloze(notetype) && cardCount === notetype.templates.length;
  if (!complete) generateMissingCards(col, { ...note, fields: normalized }, notetype);
  return true;
}

/**
 * updateNoteFields' work: the given values replace the fields of those names (exact names,
 * unknown ones ignored), then the media are stored and appended to the fields they name, and
 * the note is saved as Anki saves an edited note (nothing written when nothing changed).
 * Returns whether the note was written.
 */
export function updateNoteFieldsByName(
  col: Collection,
  id: number,
  values: Readonly<Record<string, string>>,
  media: readonly PreparedMedia[] = [],
): boolean {
  const { note, cardCount } = requireNoteForEdit(col, id);
  const notetype = notetypeOf(col, note);
  const candidate = { notetype, deckId: 0, fields: fieldsWithValues(notetype, note.fields, values), tags: note.tags };
  attachNoteMedia(col.media, candidate, media);
  return saveNoteFields(col, note, notetype, candidate.fields, cardCount);
}
