import { generateMissingCards } from '../cards/existing.js';
import { insertNewCard } from '../cards/store.js';
import type { Collection } from '../collection/collection.js';
import { addGraves, GraveKind } from '../collection/graves.js';
import { isCloze, type Notetype } from '../notetypes/notetype.js';
import { foldCase, joinTagsForStorage, normalizeField } from '../text/index.js';
import { deckForAdding, deriveNoteColumns, dueForPreset, takeNextPosition } from './add.js';
import { normalizesText } from './fields-check.js';
import { joinFields, type Note } from './note.js';

/**
 * Field values for `notetype` from a request's `{name: value}` map, as Anki-Connect's
 * updateNoteModel builds them: every field starts empty, then each given name is matched to a
 * field case-insensitively (the first match wins); unknown names are ignored.
 */
export function fieldsByName(notetype: Notetype, values: Readonly<Record<string, string>>): string[] {
  const fields = notetype.fields.map(() => '');
  const keys = notetype.fields.map((field) => foldCase(field.name));
  for (const [name, value] of Object.entries(values)) {
    const ord = keys.indexOf(foldCase(name));
    if (ord >= 0) fields[ord] = value;
  }
  return fields;
}

interface CardPlace {
  id: number;
  ord: number;
  /** Home deck (the original deck of a card in a filtered deck). */
  deck: number;
  /** The new-queue position of a new card, else null. */
  position: number | null;
}

/**
 * Gives a stored note another note type (or the same one), new fields and new tags, as
 * Anki-Connect's updateNoteModel does through Anki's `update_note`:
 *
 * - the note row takes the note type id, the cleaned and NFC-normalised fields, their sort field
 *   and checksum, the canonical tags, and is stamped modified now with usn -1 (nothing is
 *   written when note type, fields and tags are all unchanged);
 * - existing cards keep their ords, so their scheduling survives;
 * - the cards the note now qualifies for are generated, in the deck of its other cards;
 * - cards whose template the new (standard) note type does not have are deleted with a grave,
 *   which is what Anki's Check Database would otherwise do later;
 * - a note that would be left without cards gets card 1, as Anki always keeps one.
 *
 * Returns whether the note changed.
 */
export function changeNoteNotetype(
  col: Collection,
  note: Note,
  notetype: Notetype,
  fields: readonly string[],
  tags: readonly string[],
): boolean {
  if (fields.length !== notetype.fields.length) {
    throw new Error(`note has ${fields.length} fields, expected ${notetype.fields.length}`);
  }
  const canonicalTags = col.tags.canonify(tags);
  const sameType = notetype.id === note.notetypeId;
  const sameFields = fields.length === note.fields.length && fields.every((value, i) => value === note.fields[i]);
  if (sameType && sameFields && joinTagsForStorage(canonicalTags) === joinTagsForStorage(note.tags)) return false;

  const nfc = normalizesText(col);
  const normalized = fields.map((field) => normalizeField(field, nfc));
  const derived = deriveNoteColumns(notetype, normalized);
  col
    .stmt('update notes set mid = ?, flds = ?, sfld = ?, csum = ?, tags = ?, mod = ?, usn = ? where id = ?')
    .run(
      notetype.id,
      joinFields(normalized),
      derived.sortField,
      derived.checksum,
      joinTagsForStorage(canonicalTags),
      col.nowSecs(),
      col.usn(),
      note.id,
    );

  const before = cardPlaces(col, note.id);
  // Generated before the stray cards go, so new cards join the deck and position the note's
  // cards had (stray ords are never among the wanted ones).
  const added = generateMissingCards(col, { ...note, notetypeId: notetype.id, fields: normalized, tags: canonicalTags }, notetype);
  const stray = isCloze(notetype) ? [] : before.filter((card) => card.ord >= notetype.templates.length);
  if (stray.length > 0) {
    const ids = stray.map((card) => card.id);
    addGraves(col, GraveKind.Card, ids);
    col.stmt('delete from cards where id in (select value from json_each(?))').run(JSON.stringify(ids));
  }
  if (added.length === 0 && stray.length === before.length) addFirstCard(col, note.id, notetype, stray);
  return true;
}

function cardPlaces(col: Collection, noteId: number): CardPlace[] {
  return col
    .stmt<[number], CardPlace>(
      'select id, ord, (case odid when 0 then did else odid end) as deck, ' +
        '(case type when 0 then (case odue when 0 then due else odue end) else null end) as position ' +
        'from cards where nid = ?',
    )
    .all(noteId);
}

/** Card 1 for a note left without cards, in the deck (and position) its removed cards had. */
function addFirstCard(col: Collection, noteId: number, notetype: Notetype, removed: readonly CardPlace[]): void {
  const lastDeck = col.config.get(`_nt_${notetype.id}_lastDeck`);
  const home = removed[0]?.deck ?? (typeof lastDeck === 'number' ? lastDeck : 1);
  const { did, configId } = deckForAdding(col, home);
  const position = removed.find((card) => card.position !== null)?.position ?? null;
  const due = position ?? dueForPreset(col, configId, takeNextPosition(col));
  insertNewCard(col, { nid: noteId, ord: 0, did, due });
}
