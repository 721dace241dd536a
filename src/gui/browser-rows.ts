/**
 * The rows of the card browser's table as the web UI shows them: Anki's default card columns
 * (Sort Field, Card, Due, Deck), read for one page of the table at a time so that a search over
 * a large collection does not render every row.
 */
import type { Collection } from '../collection/collection.js';
import { collectionTiming } from '../collection/search-context.js';
import { humanDeckName } from '../decks/names.js';
import { isCloze } from '../notetypes/notetype.js';

export interface BrowserRow {
  cardId: number;
  noteId: number;
  sortField: string;
  card: string;
  due: string;
  deck: string;
}

interface Row {
  id: number;
  nid: number;
  did: number;
  odid: number;
  ord: number;
  type: number;
  queue: number;
  due: number;
  odue: number;
  mid: number;
  /** Text, or a number: the column's integer affinity stores a numeric sort field as one. */
  sfld: string | number;
}

const DAY_SECS = 86_400;

function isoDate(secs: number): string {
  return new Date(secs * 1000).toISOString().slice(0, 10);
}

/**
 * Anki's Due column: a new card's position, the day a review or interday learning card is due,
 * the date of a learning card's step; in parentheses while suspended or buried. A card in a
 * filtered deck shows its original due.
 */
function dueText(row: Row, today: number, nowSecs: number): string {
  const due = row.odid !== 0 ? row.odue : row.due;
  let text: string;
  if (row.type === 0) text = `New #${due}`;
  else if (row.queue === 1 || (row.queue < 0 && due > 1_000_000_000)) text = isoDate(due);
  else text = isoDate(nowSecs + (due - today) * DAY_SECS);
  return row.queue < 0 ? `(${text})` : text;
}

/** The rows of `cardIds`, in that order (ids that no longer exist are left out). */
export function browserRows(col: Collection, cardIds: readonly number[]): BrowserRow[] {
  const found = new Map(
    col
      .stmt<[string], Row>(
        'select c.id, c.nid, c.did, c.odid, c.ord, c.type, c.queue, c.due, c.odue, n.mid, n.sfld ' +
          'from cards c join notes n on n.id = c.nid where c.id in (select value from json_each(?))',
      )
      .all(JSON.stringify(cardIds))
      .map((row) => [row.id, row]),
  );
  const { daysElapsed: today, nowSecs } = collectionTiming(col);
  return cardIds.flatMap((id) => {
    const row = found.get(id);
    if (row === undefined) return [];
    const notetype = col.notetypes.get(row.mid);
    const card =
      notetype === undefined ? '' : isCloze(notetype) ? `Cloze ${row.ord + 1}` : (notetype.templates[row.ord]?.name ?? '');
    const deck = col.decks.get(row.did);
    return [
      {
        cardId: row.id,
        noteId: row.nid,
        sortField: String(row.sfld),
        card,
        due: dueText(row, today, nowSecs),
        deck: deck === undefined ? '' : humanDeckName(deck.name),
      },
    ];
  });
}
