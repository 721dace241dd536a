import type { Collection } from '../collection/collection.js';
import { isFilteredDeck } from '../decks/deck.js';
import { errorMessage } from '../errors.js';
import { isCloze } from '../notetypes/notetype.js';

/**
 * Keys Anki-Connect only lets setSpecificValueOfCard change with `warning_check`, because a
 * wrong value can break the card or its scheduling.
 */
export const PROTECTED_CARD_KEYS: ReadonlySet<string> = new Set([
  'did', 'id', 'ivl', 'lapses', 'left', 'mod', 'nid', 'odid', 'odue', 'ord', 'queue', 'reps', 'type', 'usn',
]);

/** The card columns setSpecificValueOfCard can set (Anki's card properties, plus `data`). */
const INTEGER_COLUMNS = [
  'nid', 'did', 'ord', 'mod', 'usn', 'type', 'queue', 'due', 'ivl', 'factor', 'reps', 'lapses', 'left', 'odue', 'odid', 'flags',
] as const;
type IntegerColumn = (typeof INTEGER_COLUMNS)[number];

interface CardRow extends Record<IntegerColumn, number> {
  id: number;
  data: string;
}

/** What setSpecificValueOfCard answers: one true per key, or one `[false, reason]`. */
export type SpecificValuesResult = (true | [false, string])[];

class InvalidValue extends Error {}

const INT32_MAX = 2 ** 31 - 1;

/**
 * Sets card properties by name, as Anki-Connect's setSpecificValueOfCard: the values are
 * assigned and the card saved, which stamps it modified now with usn -1 (so `mod` and `usn`
 * cannot really be set, as in Anki). Integer properties take integers or integer strings (the
 * README's sample sends "1"). The card must stay loadable and consistent after the change (a
 * type, queue, deck, note and template that exist, no second card for the same template, a
 * filtered-deck origin only inside a filtered deck); otherwise nothing is written and the result
 * is `[[false, reason]]`, as for an unknown card. `id` cannot be changed.
 *
 * The protected-key rule (`warning_check`) and the argument-shape checks are the caller's.
 */
export function setSpecificCardValues(
  col: Collection,
  cardId: number,
  keys: readonly string[],
  values: readonly unknown[],
): SpecificValuesResult {
  const original = col
    .stmt<[number], CardRow>(
      'select id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data from cards where id = ?',
    )
    .get(cardId);
  if (original === undefined) return [[false, `Card was not found: ${cardId}`]];
  const card: CardRow = { ...original };
  try {
    keys.forEach((key, i) => assign(card, key, values[i]));
    checkCard(col, card, original.nid);
  } catch (err) {
    if (err instanceof InvalidValue) return [[false, errorMessage(err)]];
    throw err;
  }
  if (keys.length === 0) return [];
  col
    .stmt(
      'update cards set nid = ?, did = ?, ord = ?, mod = ?, usn = ?, type = ?, queue = ?, due = ?, ivl = ?, factor = ?, ' +
        'reps = ?, lapses = ?, left = ?, odue = ?, odid = ?, flags = ?, data = ? where id = ?',
    )
    .run(
      card.nid, card.did, card.ord, col.nowSecs(), col.usn(), card.type, card.queue, card.due, card.ivl, card.factor,
      card.reps, card.lapses, card.left, card.odue, card.odid, card.flags, card.data, card.id,
    );
  return keys.map(() => true);
}

function assign(card: CardRow, key: string, value: unknown): void {
  if (key === 'id') throw new InvalidValue('the id of a card cannot be changed');
  if (key === 'data') {
    if (typeof value !== 'string') throw new InvalidValue(`data must be a string: ${String(value)}`);
    card.data = value;
    return;
  }
  if (!(INTEGER_COLUMNS as readonly string[]).includes(key)) throw new InvalidValue(`unknown card property: ${key}`);
  card[key as IntegerColumn] = integerValue(key, value);
}

function integerValue(key: string, value: unknown): number {
  const number = typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new InvalidValue(`${key} must be an integer: ${JSON.stringify(value)}`);
  }
  return number;
}

function within(card: CardRow, key: IntegerColumn, min: number, max: number): void {
  if (card[key] < min || card[key] > max) throw new InvalidValue(`${key} must be from ${min} to ${max}: ${card[key]}`);
}

/**
 * The checks that keep Anki able to load the card and its Check Database silent: ranges of the
 * enum and counter columns, a due that means what the queue says, and references that exist.
 */
function checkCard(col: Collection, card: CardRow, originalNoteId: number): void {
  within(card, 'type', 0, 3);
  within(card, 'queue', -3, 4);
  within(card, 'ivl', 0, INT32_MAX);
  within(card, 'factor', 0, 65_535);
  within(card, 'reps', 0, INT32_MAX);
  within(card, 'lapses', 0, INT32_MAX);
  within(card, 'left', 0, INT32_MAX);
  within(card, 'flags', 0, 255);
  within(card, 'due', -INT32_MAX - 1, INT32_MAX);
  within(card, 'odue', -INT32_MAX - 1, INT32_MAX);
  if (card.type === 0 && card.queue !== 4 && card.due >= 1_000_000) throw new InvalidValue(`a new card's position must be below 1000000: ${card.due}`);
  if (card.queue === 2 && card.due > 100_000) throw new InvalidValue(`a review card's due day must be at most 100000: ${card.due}`);

  const deck = col.decks.get(card.did);
  if (deck === undefined) throw new InvalidValue(`deck was not found: ${card.did}`);
  if (card.odid !== 0) {
    const home = col.decks.get(card.odid);
    if (!isFilteredDeck(deck)) throw new InvalidValue('odid may only be set while the card is in a filtered deck');
    if (home === undefined || isFilteredDeck(home)) throw new InvalidValue(`odid must be a normal deck: ${card.odid}`);
  } else if (card.odue > 0 && (card.type === 1 || card.queue === 2)) {
    throw new InvalidValue('odue may only be set while the card is in a filtered deck');
  }

  const note = col.stmt<[number], { mid: number }>('select mid from notes where id = ?').get(card.nid);
  if (note === undefined) throw new InvalidValue(`Note was not found: ${card.nid}`);
  const notetype = col.notetypes.get(note.mid);
  const ords = notetype === undefined || isCloze(notetype) ? 500 : notetype.templates.length;
  within(card, 'ord', 0, ords - 1);
  if (card.nid !== originalNoteId) {
    const sibling = col.stmt<[number, number], { id: number }>('select id from cards where nid = ? and id != ? limit 1').get(originalNoteId, card.id);
    if (sibling === undefined) throw new InvalidValue(`note ${originalNoteId} would be left without cards`);
  }
  const twin = col.stmt<[number, number, number], { id: number }>('select id from cards where nid = ? and ord = ? and id != ?').get(card.nid, card.ord, card.id);
  if (twin !== undefined) throw new InvalidValue(`note ${card.nid} already has card ${twin.id} for template ${card.ord}`);
}
