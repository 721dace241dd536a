/**
 * Importing cards and the review log (rslib `apkg/import/cards.rs`). A card joins its imported
 * note unless that note already has a card of the same ordinal; existing cards are never
 * changed. Its deck ids follow the imported decks, its ordinal the merged templates, and its
 * review due dates (day numbers counted from the collection's creation) move by the difference
 * between the two collections' days, so a card due tomorrow there is due tomorrow here. Ids
 * move on by 999 until free. Review log rows come with the cards they belong to, keeping their
 * ids; a row whose id is taken is left out.
 */
import type { Collection } from '../../collection/collection.js';
import { collectionTiming } from '../../collection/search-context.js';
import { cardDataNumber, parseCardData, serializeCardData } from '../../storage/card-data.js';
import { schedulerUpgradeRequired } from './errors.js';
import type { ImportCard, ImportRevlog } from './exchange.js';

const QUEUE_REVIEW = 2;
const QUEUE_DAY_LEARN = 3;
const TYPE_REVIEW = 2;

export interface CardImportMaps {
  /** Package note id → note id in the collection. */
  notes: ReadonlyMap<number, number>;
  /** Package note id → its package note type id. */
  notetypeOfNote: ReadonlyMap<number, number>;
  /** Package note type id → package template ordinal → ordinal in the collection. */
  templates: ReadonlyMap<number, ReadonlyMap<number, number>>;
  /** Package deck id → deck id in the collection. */
  decks: ReadonlyMap<number, number>;
}

/** Imports the cards and review log; returns how many cards were added. */
export function importCardsAndRevlog(
  col: Collection,
  cards: readonly ImportCard[],
  revlog: readonly ImportRevlog[],
  sourceDaysElapsed: number,
  maps: CardImportMaps,
): number {
  if (col.config.get('schedVer') !== 2) throw schedulerUpgradeRequired();
  const delta = sourceDaysElapsed - collectionTiming(col).daysElapsed;
  const existing = new Set<string>();
  const existingIds = new Set<number>();
  for (const row of col.stmt<[], { id: number; nid: number; ord: number }>('select id, nid, ord from cards').iterate()) {
    existing.add(`${row.nid} ${row.ord}`);
    existingIds.add(row.id);
  }
  const imported = new Map<number, number>();
  const insert = col.stmt(
    'insert or ignore into cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) ' +
      'values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const source of cards) {
    const nid = maps.notes.get(source.nid);
    // Anki compares the ordinal before it follows merged templates.
    if (nid === undefined || existing.has(`${nid} ${source.ord}`)) continue;
    const card = { ...source, nid, usn: col.usn() };
    card.did = maps.decks.get(card.did) ?? card.did;
    card.odid = maps.decks.get(card.odid) ?? card.odid;
    const ntid = maps.notetypeOfNote.get(source.nid);
    card.ord = (ntid === undefined ? undefined : maps.templates.get(ntid)?.get(card.ord)) ?? card.ord;
    if (card.queue === QUEUE_REVIEW || card.queue === QUEUE_DAY_LEARN || card.type === TYPE_REVIEW) card.due -= delta;
    if (card.type === TYPE_REVIEW && card.odue !== 0) card.odue -= delta;
    while (existingIds.has(card.id)) card.id += 999;
    insert.run(
      card.id,
      card.nid,
      card.did,
      card.ord,
      card.mod,
      card.usn,
      card.type,
      card.queue,
      card.due,
      card.ivl,
      card.factor,
      card.reps,
      card.lapses,
      card.left,
      card.odue,
      card.odid,
      card.flags,
      storedCardData(card.data),
    );
    existingIds.add(card.id);
    imported.set(source.id, card.id);
  }
  col.forgetMaxId('cards');
  const insertRevlog = col.stmt(
    'insert or ignore into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const entry of revlog) {
    const cid = imported.get(entry.cid);
    if (cid === undefined) continue;
    insertRevlog.run(entry.id, cid, col.usn(), entry.ease, entry.ivl, entry.lastIvl, entry.factor, entry.time, entry.type);
  }
  col.forgetMaxId('revlog');
  return imported.size;
}

/**
 * `data` as Anki writes it back after reading it into a card: known keys only, and the FSRS
 * memory state only when both stability and difficulty are there.
 */
export function storedCardData(text: string): string {
  const data = parseCardData(text);
  if (cardDataNumber(data, 's') === undefined || cardDataNumber(data, 'd') === undefined) {
    delete data['s'];
    delete data['d'];
  }
  return serializeCardData(data);
}

/**
 * Moves the collection's next new-card position past the imported new cards. Anki's importer
 * leaves it (its Check Database moves it later, silently); moved now, cards added after the
 * import queue up behind the imported ones instead of among them, and the collection passes the
 * same check at once.
 */
export function keepNextPositionAhead(col: Collection): void {
  const highest = col.stmt<[], { due: number | null }>('select max(due) as due from cards where type = 0').get()?.due ?? null;
  if (highest !== null && col.config.getNumber('nextPos', 0) <= highest) col.config.set('nextPos', highest + 1);
}
