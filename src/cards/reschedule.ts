/**
 * Rescheduling cards by hand, as Anki-Connect asks Anki to: forgetCards (Anki's "reset" to new,
 * keeping counts and restoring the position), setDueDate, and relearnCards (Anki-Connect's own
 * raw update). Each manual change is logged in the revlog as Anki logs it: button 0, type 4.
 */
import type { Collection } from '../collection/collection.js';
import { collectionTiming } from '../collection/search-context.js';
import { deckConfigId } from '../decks/deck.js';
import { AnkiConnectError } from '../errors.js';
import { dueDateInterval, parseDueDateSpec } from '../scheduler/due-date.js';
import type { CardRecord } from './card-record.js';
import { cardDataNumber, parseCardData, serializeCardData, type CardData } from '../storage/card-data.js';

type CardRow = Pick<CardRecord, 'id' | 'did' | 'odid' | 'due' | 'odue' | 'type' | 'queue' | 'ivl' | 'factor' | 'data'>;

const MANUAL = 4;

/** The listed cards that exist, once each, in the order given. */
function cardsInOrder(col: Collection, cardIds: readonly number[]): CardRow[] {
  const rows = col
    .stmt<[string], CardRow>(
      'select id, did, odid, due, odue, type, queue, ivl, factor, data from cards where id in (select value from json_each(?))',
    )
    .all(JSON.stringify(cardIds));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const seen = new Set<number>();
  const out: CardRow[] = [];
  for (const id of cardIds) {
    const row = byId.get(id);
    if (row !== undefined && !seen.has(id)) {
      seen.add(id);
      out.push(row);
    }
  }
  return out;
}

/** The position a card had in the new queue, if it is known (Anki's `last_position`). */
function lastPosition(card: CardRow, data: CardData): number | undefined {
  if (card.type === 0) return card.odid !== 0 ? card.odue : card.due;
  return cardDataNumber(data, 'pos');
}

/** The revlog factor of a manual entry: the ease, or with FSRS memory the difficulty's form. */
function loggedFactor(factor: number, data: CardData): number {
  const stability = cardDataNumber(data, 's');
  const difficulty = cardDataNumber(data, 'd');
  if (stability === undefined || difficulty === undefined) return factor;
  return Math.round(((difficulty - 1) / 9 + 0.1) * 1000);
}

function logManual(col: Collection, cardId: number, ivl: number, lastIvl: number, factor: number): void {
  col
    .stmt('insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, ?, 0, ?, ?, ?, 0, ?)')
    .run(col.nextId('revlog'), cardId, col.usn(), ivl, lastIvl, factor, MANUAL);
}

const WRITE_CARD =
  'update cards set did = ?, odid = 0, odue = 0, due = ?, type = ?, queue = ?, ivl = ?, factor = ?, data = ?, mod = ?, usn = ? where id = ?';

/**
 * Makes cards new again: back in their home deck, at their old position in the new queue when
 * it is known (else at the next position), interval, ease and FSRS memory cleared, reviews and
 * lapses kept; each gets a manual revlog entry.
 */
export function forgetCards(col: Collection, cardIds: readonly number[]): void {
  let nextPosition = col.config.getNumber('nextPos', 0);
  for (const card of cardsInOrder(col, cardIds)) {
    const data = parseCardData(card.data);
    let position = lastPosition(card, data);
    if (position === undefined) position = nextPosition++;
    delete data.pos;
    delete data.s;
    delete data.d;
    col
      .stmt(WRITE_CARD)
      .run(card.odid !== 0 ? card.odid : card.did, position, 0, 0, 0, 0, serializeCardData(data), col.nowSecs(), col.usn(), card.id);
    logManual(col, card.id, 0, card.ivl, 0);
  }
  col.config.set('nextPos', nextPosition);
}

/**
 * Sets cards due `days` from today ("0", "3", "3-7", with "!" to reset the interval): they
 * become review cards in their home deck; a new card remembers its position, and a card
 * without an ease gets its preset's starting ease. `random` picks the day in a range.
 */
export function setDueDate(col: Collection, cardIds: readonly number[], days: string, random: () => number = Math.random): void {
  const spec = parseDueDateSpec(days);
  if (spec === undefined) {
    throw new AnkiConnectError(`invalid days: ${JSON.stringify(days)}; expected a number of days or a range such as 3-7, optionally followed by !`);
  }
  const { daysElapsed: today, nextDayAt } = collectionTiming(col);
  if (today + spec.max > 2 ** 31 - 1) throw new AnkiConnectError(`invalid days: ${JSON.stringify(days)} is too far ahead`);
  const fsrs = col.config.getBool('fsrs', false);
  const easeByDeck = new Map<number, number>();
  for (const card of cardsInOrder(col, cardIds)) {
    const homeDeck = card.odid !== 0 ? card.odid : card.did;
    let ease = easeByDeck.get(homeDeck);
    if (ease === undefined) {
      const deck = col.decks.get(homeDeck);
      const configId = deck === undefined ? undefined : deckConfigId(deck);
      if (configId === undefined) throw new AnkiConnectError(`card ${card.id}: its home deck is missing or filtered`);
      ease = Math.round(col.deckConfigs.getOrDefault(configId).config.initialEase * 1000);
      easeByDeck.set(homeDeck, ease);
    }
    const data = parseCardData(card.data);
    const daysFromToday = spec.min + Math.floor(random() * (spec.max - spec.min + 1));
    const ivl = dueDateInterval(
      { ...card, lastReviewSecs: cardDataNumber(data, 'lrt') },
      { today, nextDayAt },
      daysFromToday,
      spec.resetInterval,
      fsrs,
    );
    const position = lastPosition(card, data);
    if (position === undefined) delete data.pos;
    else data.pos = position;
    const factor = card.factor === 0 ? ease : card.factor;
    col.stmt(WRITE_CARD).run(homeDeck, today + daysFromToday, 2, 2, ivl, factor, serializeCardData(data), col.nowSecs(), col.usn(), card.id);
    logManual(col, card.id, ivl, card.ivl, loggedFactor(factor, data));
  }
}

/**
 * Anki-Connect's relearnCards: type relearning, queue learning, nothing else changed but the
 * modification stamp (which upstream's raw update leaves, so a sync would miss the change).
 */
export function relearnCards(col: Collection, cardIds: readonly number[]): void {
  col
    .stmt('update cards set type = 3, queue = 1, mod = ?, usn = ? where id in (select value from json_each(?))')
    .run(col.nowSecs(), col.usn(), JSON.stringify(cardIds));
}
