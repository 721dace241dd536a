/**
 * The rows of Anki-Connect's `cardsInfo`: a card's columns, its note's fields and its rendered
 * question and answer (anki-semantics.md §2.8).
 */
import type { CardRecord } from './card-record.js';
import type { Collection } from '../collection/collection.js';
import { humanDeckName } from '../decks/names.js';
import { AnkiConnectError } from '../errors.js';
import { fieldMap, type FieldInfo } from '../notes/field-map.js';
import { FIELD_SEPARATOR } from '../notes/note.js';
import { splitStoredTags } from '../text/index.js';
import { withLatexNotices, type LatexImages } from './latex-notice.js';
import { collectionLatexImages, renderCardParts, renderableNotetype, homeDeckName } from './render.js';
import { SchedulingSession } from './scheduling.js';

/** One card as `cardsInfo` reports it, keys in Anki-Connect's order. */
export interface CardInfo {
  cardId: number;
  fields: Record<string, FieldInfo>;
  /** The card's ord (Anki-Connect's name for it). */
  fieldOrder: number;
  question: string;
  answer: string;
  modelName: string;
  ord: number;
  /** The deck the card is in now (a filtered deck while it is in one). */
  deckName: string;
  css: string;
  factor: number;
  interval: number;
  note: number;
  type: number;
  queue: number;
  due: number;
  reps: number;
  lapses: number;
  left: number;
  mod: number;
  /** The labels of the four answer buttons (Again, Hard, Good, Easy), e.g. `<1m`, `4d`. */
  nextReviews: string[];
  flags: number;
}

/** A card row joined with the note columns the info needs. */
interface CardInfoRow extends Omit<CardRecord, 'usn'> {
  mid: number;
  tags: string;
  flds: string;
}

const CARD_INFO_COLUMNS =
  'c.id, c.nid, c.did, c.ord, c.mod, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses, c.left, ' +
  'c.odid, c.odue, c.data, c.flags, n.mid, n.tags, n.flds';

/** Ids looked up per query; the last batch is padded with repeats so one statement serves all. */
const BATCH = 250;

// The join drops a card whose note is gone: Anki cannot load such a card's note either, and
// Anki-Connect then reports {} for it (as for a card whose deck is gone, which Anki cannot
// schedule).
const CARD_INFO_SQL =
  `select ${CARD_INFO_COLUMNS} from cards c join notes n on n.id = c.nid ` +
  `where c.id in (${Array<string>(BATCH).fill('?').join(', ')})`;

/**
 * Calls `each` with the row of every given card that exists with its note, a batch at a time,
 * so each batch's rows are garbage again before the next is read.
 */
function forEachRow(col: Collection, ids: readonly number[], each: (row: CardInfoRow) => void): void {
  const unique = [...new Set(ids)];
  const statement = col.stmt<number[], CardInfoRow>(CARD_INFO_SQL);
  for (let start = 0; start < unique.length; start += BATCH) {
    const batch = unique.slice(start, start + BATCH);
    const last = batch[batch.length - 1] ?? 0;
    while (batch.length < BATCH) batch.push(last);
    for (const row of statement.all(...batch)) each(row);
  }
}

const DEFAULT_DECK_ID = 1;

/** The name Anki's legacy deck lookup gives: the deck, or the Default deck when it is missing. */
function currentDeckName(col: Collection, did: number): string {
  const deck = col.decks.get(did) ?? col.decks.get(DEFAULT_DECK_ID);
  return deck === undefined ? 'Default' : humanDeckName(deck.name);
}

/**
 * The `cardsInfo` rows of `ids`, in order: null for an id with no card (or whose note is gone).
 * Rows are read in batches, which is what makes thousands of cards per request cheap.
 *
 * @throws {AnkiConnectError} when a card's note type is missing or lacks its template.
 */
export function cardsInfo(col: Collection, ids: readonly number[]): (CardInfo | null)[] {
  const infos = new Map<number, CardInfo>();
  const latexImages = collectionLatexImages(col);
  const scheduling = new SchedulingSession(col);
  forEachRow(col, ids, (row) => {
    const context = scheduling.contextOf(row);
    if (context !== undefined) infos.set(row.id, infoFromRow(col, row, latexImages, scheduling.labels(context)));
  });
  return ids.map((id) => infos.get(id) ?? null);
}

/** The `cardsInfo` row of one card, or null (see `cardsInfo`). */
export function cardInfo(col: Collection, id: number): CardInfo | null {
  return cardsInfo(col, [id])[0] ?? null;
}

function infoFromRow(col: Collection, row: CardInfoRow, latexImages: LatexImages, nextReviews: string[]): CardInfo {
  const stored = col.notetypes.get(row.mid);
  if (stored === undefined) throw new AnkiConnectError(`note type was not found: ${row.mid}`);
  const notetype = renderableNotetype(stored);
  const values = row.flds.split(FIELD_SEPARATOR);
  // Anki appends its notice for missing LaTeX images when rendering; see latex-notice.ts.
  const rendered = withLatexNotices(
    renderCardParts({
      notetype,
      fields: values,
      tags: splitStoredTags(row.tags),
      card: row,
      homeDeckName: homeDeckName(col, row),
    }),
    latexImages,
  );
  const fields = fieldMap(notetype.fieldNames, values);
  return {
    cardId: row.id,
    fields,
    fieldOrder: row.ord,
    question: rendered.question,
    answer: rendered.answer,
    modelName: notetype.name,
    ord: row.ord,
    deckName: currentDeckName(col, row.did),
    css: notetype.css,
    factor: row.factor,
    interval: row.ivl,
    note: row.nid,
    type: row.type,
    queue: row.queue,
    due: row.due,
    reps: row.reps,
    lapses: row.lapses,
    left: row.left,
    mod: row.mod,
    nextReviews,
    flags: row.flags,
  };
}
