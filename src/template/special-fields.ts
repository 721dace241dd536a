/**
 * The field map a card is rendered with (anki-semantics.md §2.2, §2.3, rslib
 * `notetype/render.rs`): the note's fields, then the special fields and `cN`, each special one
 * only when no note field has its name.
 */
import { fieldIsEmpty } from './field-emptiness.js';

/** What the field map of one card is built from. */
export interface CardFieldsInput {
  /** The note type's field names, by ordinal. */
  readonly fieldNames: readonly string[];
  /** The note's field values, by ordinal. */
  readonly values: readonly string[];
  readonly tags: readonly string[];
  readonly notetypeName: string;
  /** Human name (`A::B`) of the card's home deck, or null when that deck does not exist. */
  readonly deckName: string | null;
  /** The card's `flags` column. */
  readonly flags: number;
  /** Name of the template the card is rendered with. */
  readonly templateName: string;
  readonly cardId: number;
  readonly cardOrd: number;
}

const MISSING_DECK = '(Deck)';

/**
 * The map from field name to value used to render a card. Values are paired with names by
 * ordinal; a value beyond the note type's fields gets the name "" and a missing one leaves its
 * field out, as in Anki. Special fields: `Tags` (space-joined), `Type`, `Deck` (home deck),
 * `Subdeck` (its last component), `CardFlag` (`flagN`), `Card`, `CardID`, and `c{ord+1}` = "1".
 */
export function cardFieldMap(input: CardFieldsInput): Map<string, string> {
  const fields = new Map<string, string>();
  const { fieldNames, values } = input;
  for (let ord = 0; ord < values.length; ord++) fields.set(fieldNames[ord] ?? '', values[ord] ?? '');
  const deck = input.deckName ?? MISSING_DECK;
  const lastSeparator = deck.lastIndexOf('::');
  addSpecial(fields, 'Tags', input.tags.join(' '));
  addSpecial(fields, 'Type', input.notetypeName);
  addSpecial(fields, 'Subdeck', lastSeparator === -1 ? deck : deck.slice(lastSeparator + 2));
  addSpecial(fields, 'Deck', deck);
  addSpecial(fields, 'CardFlag', `flag${input.flags}`);
  addSpecial(fields, 'Card', input.templateName);
  addSpecial(fields, 'CardID', String(input.cardId));
  addSpecial(fields, `c${input.cardOrd + 1}`, '1');
  return fields;
}

/** Adds a special field unless a note field already has its name. */
function addSpecial(fields: Map<string, string>, name: string, value: string): void {
  if (!fields.has(name)) fields.set(name, value);
}

/** The keys of a field map whose values are not empty. */
export function nonEmptyKeys(fields: ReadonlyMap<string, string>): Set<string> {
  const keys = new Set<string>();
  for (const [name, value] of fields) if (!fieldIsEmpty(value)) keys.add(name);
  return keys;
}
