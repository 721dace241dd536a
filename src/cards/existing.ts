import type { Collection } from '../collection/collection.js';
import { deckForAdding, dueForPreset, takeNextPosition } from '../notes/add.js';
import type { Note } from '../notes/note.js';
import type { Notetype } from '../notetypes/notetype.js';
import { clozeOrdsToGenerate, nonEmptyFieldNames, templatesToGenerate } from '../template/index.js';
import { cardGenInfo } from './generation.js';
import { insertNewCard } from './store.js';

interface ExistingCard {
  ord: number;
  /** Home deck: odid when the card sits in a filtered deck, else did. */
  deck: number;
  /** The new-queue position of a new card, else null. */
  position: number | null;
}

/**
 * Adds the cards a stored note should have and lacks, as Anki does after a note's fields or its
 * note type's templates change (rslib `generate_cards_for_existing_note`). Cards are never
 * deleted. New cards go to the deck all the note's cards share (else the deck last used with
 * the note type, else Default) and take the position of the note's other new cards when there
 * is one, so siblings stay together. Returns the ids of the cards added.
 *
 * With `ensureNotEmpty` (Anki passes it on every save, and Check Database relies on it), a note
 * that has no card at all and qualifies for none still gets card 0, as a new note does.
 */
export function generateMissingCards(
  col: Collection,
  note: Note,
  notetype: Notetype,
  options: { ensureNotEmpty?: boolean } = {},
): number[] {
  const existing = col
    .stmt<[number], ExistingCard>(
      'select ord, (case odid when 0 then did else odid end) as deck, ' +
        '(case type when 0 then (case odue when 0 then max(0, due) else max(odue, 0) end) else null end) as position ' +
        'from cards where nid = ?',
    )
    .all(note.id);
  const info = cardGenInfo(notetype);
  const existingOrds = new Set(existing.map((card) => card.ord));
  const wanted = info.cloze
    ? clozeOrdsToGenerate(note.fields, existingOrds)
    : templatesToGenerate(info.questions, nonEmptyFieldNames(info.fieldNames, note.fields), {
        hasTags: note.tags.length > 0,
        existingOrds,
      });
  if (wanted.length === 0 && existing.length === 0 && options.ensureNotEmpty === true) wanted.push(0);
  if (wanted.length === 0) return [];

  const decks = new Set(existing.map((card) => card.deck));
  const sharedDeck = decks.size === 1 ? [...decks][0] : undefined;
  const sharedPosition = existing.find((card) => card.position !== null)?.position ?? undefined;
  const lastDeck = col.config.get(`_nt_${notetype.id}_lastDeck`);
  const fallbackDeck = typeof lastDeck === 'number' ? lastDeck : 1;

  let position = sharedPosition ?? undefined;
  return wanted.map((ord) => {
    const override = info.cloze ? 0 : (info.targetDecks[ord] ?? 0);
    const { did, configId } = deckForAdding(col, override !== 0 ? override : (sharedDeck ?? fallbackDeck));
    let due: number;
    if (sharedPosition !== undefined) {
      due = sharedPosition;
    } else {
      position ??= takeNextPosition(col);
      due = dueForPreset(col, configId, position);
    }
    return insertNewCard(col, { nid: note.id, ord, did, due });
  });
}
