import type { Collection } from '../collection/collection.js';
import { cardGenInfo } from '../cards/generation.js';
import type { Notetype } from '../notetypes/notetype.js';
import { containsCloze } from '../template/index.js';
import { fieldChecksum, normalizeToNfc, stripHtmlPreservingMediaFilenames, trimRust } from '../text/index.js';
import { FIELD_SEPARATOR } from './note.js';
import { notesByChecksum } from './store.js';

/**
 * The states of Anki's `note_fields_check`, numbered as Anki numbers them; Anki-Connect maps 1
 * to "empty", 2 to "duplicate" and the cloze states to "unknown reason".
 */
export enum FieldsState {
  Normal = 0,
  Empty = 1,
  Duplicate = 2,
  MissingCloze = 3,
  NotetypeNotCloze = 4,
  FieldNotCloze = 5,
}

/** Whether the collection NFC-normalises note text (config normalize_note_text, default on). */
export function normalizesText(col: Collection): boolean {
  return col.config.getBool('normalize_note_text', true);
}

/**
 * Anki's check of a note before it is added (rslib `note_fields_check`): the first field,
 * NFC-normalised and stripped of HTML but not of media file names, must not be blank; cloze
 * deletions must be where the note type expects them; and no other note of the same note type
 * may have the same stripped first field.
 */
export function noteFieldsCheck(col: Collection, notetype: Notetype, fields: readonly string[], noteId = 0): FieldsState {
  const first = fields[0];
  if (first === undefined) return FieldsState.Empty;
  const stripped = stripHtmlPreservingMediaFilenames(normalizesText(col) ? normalizeToNfc(first) : first);
  if (trimRust(stripped) === '') return FieldsState.Empty;
  const cloze = clozeState(notetype, fields);
  if (cloze !== FieldsState.Normal) return cloze;
  const duplicate = notesByChecksum(col, fieldChecksum(stripped), notetype.id).some(
    (row) => row.id !== noteId && stripHtmlPreservingMediaFilenames(firstField(row.flds)) === stripped,
  );
  return duplicate ? FieldsState.Duplicate : FieldsState.Normal;
}

function clozeState(notetype: Notetype, fields: readonly string[]): FieldsState {
  const info = cardGenInfo(notetype);
  if (!info.cloze) {
    return fields.some((field) => containsCloze(field)) ? FieldsState.NotetypeNotCloze : FieldsState.Normal;
  }
  let hasCloze = false;
  for (let ord = 0; ord < fields.length; ord++) {
    if (!containsCloze(fields[ord] ?? '')) continue;
    if (!info.clozeFieldOrds.includes(ord)) return FieldsState.FieldNotCloze;
    hasCloze = true;
  }
  return hasCloze ? FieldsState.Normal : FieldsState.MissingCloze;
}

function firstField(flds: string): string {
  const end = flds.indexOf(FIELD_SEPARATOR);
  return end < 0 ? flds : flds.slice(0, end);
}

/** The options of Anki-Connect's own duplicate check (duplicateScope "deck" or checkAllModels). */
export interface ScopedDuplicateOptions {
  notetypeId: number;
  /** The deck the note is being added to. */
  deckId: number;
  deckScope: boolean;
  /** duplicateScopeOptions.deckName: check this deck instead (null or absent: the note's deck). */
  scopeDeckName: string | null;
  checkChildren: boolean;
  checkAllModels: boolean;
}

/**
 * Anki-Connect's custom duplicate check (ankiconnect-spec.md §3.3 B): the raw first field must
 * not be blank (HTML is not stripped here, so "<br>" counts as content); a note with the same
 * first-field checksum (of this note type unless checkAllModels) is a duplicate, when the scope
 * is a deck only if one of its cards is in the deck (or its children). A scope deck that does not
 * exist means "not a duplicate". Only checksums are compared, as upstream does.
 */
export function scopedDuplicateCheck(
  col: Collection,
  fields: readonly string[],
  options: ScopedDuplicateOptions,
): FieldsState.Normal | FieldsState.Empty | FieldsState.Duplicate {
  const first = fields[0] ?? '';
  if (first.replace(/^\s+|\s+$/gu, '') === '') return FieldsState.Empty;
  const csum = fieldChecksum(stripHtmlPreservingMediaFilenames(first));

  let deckIds: Set<number> | undefined;
  if (options.deckScope) {
    let scopeDeck = options.deckId;
    if (options.scopeDeckName !== null) {
      const named = col.decks.idByName(options.scopeDeckName);
      if (named === undefined) return FieldsState.Normal;
      scopeDeck = named;
    }
    deckIds = new Set(options.checkChildren ? col.decks.withChildren(scopeDeck) : [scopeDeck]);
  }

  const candidates = notesByChecksum(col, csum, options.checkAllModels ? undefined : options.notetypeId);
  for (const { id } of candidates) {
    if (deckIds === undefined) return FieldsState.Duplicate;
    const decks = col.stmt<[number], { did: number }>('select did from cards where nid = ?').all(id);
    if (decks.some((card) => deckIds.has(card.did))) return FieldsState.Duplicate;
  }
  return FieldsState.Normal;
}
