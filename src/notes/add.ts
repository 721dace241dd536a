import { cardGenInfo, ordsForNewNote } from '../cards/generation.js';
import { insertNewCard } from '../cards/store.js';
import type { Collection } from '../collection/collection.js';
import { deckConfigId, isFilteredDeck } from '../decks/deck.js';
import type { Notetype } from '../notetypes/notetype.js';
import { randomNewCardPosition } from '../scheduler/rng.js';
import { DeckConfigConfig_NewCardInsertOrder as NewCardInsertOrder } from '../storage/proto/gen/anki_storage/deck_config_pb.js';
import { fieldChecksum, normalizeField, randomGuid, splitTags, stripHtmlPreservingMediaFilenames } from '../text/index.js';
import { normalizesText } from './fields-check.js';
import { joinFields, tagsColumn } from './note.js';
import { insertNote, type DerivedNoteColumns } from './store.js';

/** A note ready to be added: its note type, target deck, field values in field order and tags. */
export interface NewNote {
  notetype: Notetype;
  deckId: number;
  fields: string[];
  tags: readonly string[];
}

/** What adding produced. */
export interface AddedNote {
  noteId: number;
  cardIds: number[];
}

/**
 * Adds a note and its cards as Anki's `add_note` does, inside the caller's transaction: tags
 * canonified and registered, fields cleaned of control characters and NFC-normalised, sort field
 * and checksum derived, one card per qualifying template or cloze number (at least one), new
 * cards positioned at `nextPos`, and the "last deck/note type used" settings updated.
 */
export function addNoteInner(col: Collection, note: NewNote): AddedNote {
  const { notetype } = note;
  if (note.fields.length !== notetype.fields.length) {
    throw new Error(`note has ${note.fields.length} fields, expected ${notetype.fields.length}`);
  }
  const nfc = normalizesText(col);
  const fields = note.fields.map((field) => normalizeField(field, nfc));
  const info = cardGenInfo(notetype);
  // Everything that can refuse the note is decided before the first write, so a caller adding
  // many notes needs no savepoint per note: after this point only SQLite itself can fail.
  const hasTags = note.tags.some((tag) => splitTags(tag).length > 0);
  const placements = ordsForNewNote(info, fields, hasTags).map((ord) => {
    const override = info.cloze ? 0 : (info.targetDecks[ord] ?? 0);
    return { ord, ...deckForAdding(col, override !== 0 ? override : note.deckId) };
  });
  const tags = col.tags.canonify(note.tags);
  const noteId = insertNote(
    col,
    { guid: randomGuid(), notetypeId: notetype.id, tags: tagsColumn(tags), flds: joinFields(fields) },
    deriveNoteColumns(notetype, fields),
  );

  const cardIds: number[] = [];
  let position: number | undefined;
  for (const { ord, did, configId } of placements) {
    // All cards of a note share one position: nextPos is taken once per note.
    position ??= takeNextPosition(col);
    cardIds.push(insertNewCard(col, { nid: noteId, ord, did, due: dueForPreset(col, configId, position) }));
  }

  col.config.set(`_nt_${notetype.id}_lastDeck`, note.deckId);
  col.config.set(`_deck_${note.deckId}_lastNotetype`, notetype.id);
  col.config.set('curModel', notetype.id);
  return { noteId, cardIds };
}

/**
 * The sort field and first-field checksum Anki derives from a note's normalised fields when it
 * saves the note: both stripped of HTML but not of media file names.
 */
export function deriveNoteColumns(notetype: Notetype, fields: readonly string[]): DerivedNoteColumns {
  const firstStripped = stripHtmlPreservingMediaFilenames(fields[0] ?? '');
  const sortIdx = notetype.config.sortFieldIdx;
  const sortField = sortIdx === 0 ? firstStripped : stripHtmlPreservingMediaFilenames(fields[sortIdx] ?? '');
  return { sortField, checksum: fieldChecksum(firstStripped) };
}

/** A missing or filtered deck sends new cards to the default deck, as in Anki. */
export function deckForAdding(col: Collection, did: number): { did: number; configId: number } {
  const deck = col.decks.get(did);
  if (deck !== undefined && !isFilteredDeck(deck)) return { did, configId: deckConfigId(deck) ?? 1 };
  const fallback = col.decks.get(1);
  if (fallback === undefined || isFilteredDeck(fallback)) throw new Error('invalid default deck');
  return { did: 1, configId: deckConfigId(fallback) ?? 1 };
}

/** A new card's due: the position itself, or a random one when the deck's preset says so. */
export function dueForPreset(col: Collection, configId: number, position: number): number {
  const random = col.deckConfigs.getOrDefault(configId).config.newCardInsertOrder === NewCardInsertOrder.RANDOM;
  return random ? randomNewCardPosition(position) : position;
}

/** Takes the collection's next new-card position (config nextPos) and advances it. */
export function takeNextPosition(col: Collection): number {
  const position = col.config.getNumber('nextPos', 0);
  col.config.set('nextPos', (position + 1) >>> 0);
  return position;
}
