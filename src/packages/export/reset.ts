/**
 * How an .apkg export changes what it gathers (rslib `gather.rs`, anki-format.md §3.3), on plain
 * rows: without scheduling the cards become new again and the decks lose their study state;
 * filtered decks the importer could not rebuild become normal decks.
 */
import { clone, create } from '@bufbuild/protobuf';
import type { CardRecord } from '../../cards/card-record.js';
import type { Deck } from '../../decks/deck.js';
import { cardDataNumber, parseCardData, serializeCardData } from '../../storage/card-data.js';
import { DeckCommonSchema, DeckKindSchema, NormalDeckSchema } from '../../storage/proto/gen/anki_storage/decks_pb.js';
import { splitStoredTags } from '../../text/index.js';


const NEW = 0;
const LEARN = 1;
const REVIEW = 2;
const RELEARN = 3;
const DAY_LEARN_QUEUE = 3;

/** Tags an export without scheduling drops: they describe the sender's study, not the note. */
const SYSTEM_TAGS = ['marked', 'leech'];

/** The note's tags (stored form) without `marked` and `leech` (ASCII case-insensitive). */
export function withoutSystemTags(tags: string): string[] {
  return splitStoredTags(tags).filter((tag) => !SYSTEM_TAGS.includes(tag.replace(/[A-Z]/g, (c) => c.toLowerCase())));
}

/** Anki's test for a learning card's due being a time stamp rather than a day number. */
function isTimestamp(due: number): boolean {
  return due > 1_000_000_000;
}

/**
 * The card made new, in place, as Anki's `schedule_as_new` with counts reset and the old
 * position restored leaves it, except that it stays in its current deck (a filtered deck is
 * exported as a normal one). Uses `position` when the old position is unknown; returns whether
 * it did. `left` and the modification stamp are left alone, as in Anki.
 */
export function resetCard(card: CardRecord, position: number): boolean {
  const data = parseCardData(card.data);
  let last: number | undefined;
  if (card.type === NEW) last = (card.odid > 0 ? card.odue : card.due) >>> 0;
  else last = cardDataNumber(data, 'pos');
  card.odid = 0;
  card.odue = 0;
  // Positions are u32 in Anki and dues i32: a stored negative due comes back as it was.
  card.due = last === undefined ? position : last | 0;
  card.type = NEW;
  card.queue = NEW;
  card.ivl = 0;
  card.factor = 0;
  card.reps = 0;
  card.lapses = 0;
  card.flags = 0;
  delete data['pos'];
  delete data['s'];
  delete data['d'];
  card.data = serializeCardData(data);
  return last === undefined;
}

/**
 * A card in a filtered deck whose home deck is not exported (Anki's
 * `restore_cards_from_filtered_decks`): it keeps the filtered deck, which is exported as a normal
 * deck, and gets back the due date and queue it had at home.
 */
export function restoreFromFilteredDeck(card: CardRecord): void {
  if (card.odid <= 0) return;
  if (card.odue !== 0) card.due = card.odue;
  if (card.queue >= 0) {
    if (card.type === LEARN || card.type === RELEARN) card.queue = isTimestamp(card.due) ? LEARN : DAY_LEARN_QUEUE;
    else if (card.type === REVIEW) card.queue = REVIEW;
    else card.queue = NEW;
  }
  card.odid = 0;
  card.odue = 0;
}

/** A card's data rewritten as Anki writes it (known keys only, in its order). */
export function normalizedCardData(card: CardRecord): void {
  card.data = serializeCardData(parseCardData(card.data));
}

/**
 * The deck as exported (Anki's `reset_decks`): without scheduling (`resetStudy`) its study counts
 * and collapsed flags cleared and a normal deck's extended and overridden limits dropped;
 * without presets (`resetConfig`) a normal deck uses preset 1; a filtered deck becomes a plain
 * normal deck when the study state is reset or the importer could not rebuild it.
 */
export function resetDeck(deck: Deck, resetConfig: boolean, resetStudy: boolean, allowFiltered: boolean): Deck {
  const common = resetStudy ? create(DeckCommonSchema, {}) : deck.common;
  const kind = deck.kind.kind;
  if (kind.case === 'normal') {
    const normal = clone(NormalDeckSchema, kind.value);
    if (resetConfig) normal.configId = 1n;
    if (resetStudy) {
      normal.extendNew = 0;
      normal.extendReview = 0;
      normal.reviewLimit = undefined;
      normal.reviewLimitToday = undefined;
      normal.newLimit = undefined;
      normal.newLimitToday = undefined;
    }
    return { ...deck, common, kind: create(DeckKindSchema, { kind: { case: 'normal', value: normal } }) };
  }
  if (kind.case === 'filtered' && (resetStudy || !allowFiltered)) {
    const normal = create(NormalDeckSchema, { configId: 1n });
    return { ...deck, common, kind: create(DeckKindSchema, { kind: { case: 'normal', value: normal } }) };
  }
  return { ...deck, common };
}
