import type { Collection } from '../collection/collection.js';
import { AnkiConnectError } from '../errors.js';
import { queueFromType } from './queue.js';

/** The suspended queue. */
export const SUSPENDED_QUEUE = -1;

// Unsuspending queues a card by its type.
const QUEUE_FROM_TYPE = queueFromType();

/** The queue of each listed card that exists. */
function queuesById(col: Collection, cardIds: readonly number[]): Map<number, number> {
  const rows = col
    .stmt<[string], { id: number; queue: number }>('select id, queue from cards where id in (select value from json_each(?))')
    .all(JSON.stringify(cardIds));
  return new Map(rows.map((row) => [row.id, row.queue]));
}

/**
 * Suspends (or, with `suspend` false, unsuspends) cards, as Anki-Connect's suspend/unsuspend:
 * every id must be a card (else `Card was not found: <id>`, before anything changes); the cards
 * not already in the wanted state change and are stamped modified. Returns true when at least
 * one card changed, false when all were already in that state (or no card was given).
 */
export function setSuspended(col: Collection, cardIds: readonly number[], suspend: boolean): boolean {
  if (cardIds.length === 0) return false;
  const queues = queuesById(col, cardIds);
  const change: number[] = [];
  for (const id of cardIds) {
    const queue = queues.get(id);
    if (queue === undefined) throw new AnkiConnectError(`Card was not found: ${id}`);
    if ((queue === SUSPENDED_QUEUE) !== suspend) change.push(id);
  }
  if (change.length === 0) return false;
  const queue = suspend ? String(SUSPENDED_QUEUE) : QUEUE_FROM_TYPE;
  col
    .stmt(`update cards set queue = ${queue}, mod = ?, usn = ? where id in (select value from json_each(?))`)
    .run(col.nowSecs(), col.usn(), JSON.stringify(change));
  return true;
}

/** Whether a card is suspended; `Card was not found: <id>` for an unknown one. */
export function isSuspended(col: Collection, cardId: number): boolean {
  const queue = queuesById(col, [cardId]).get(cardId);
  if (queue === undefined) throw new AnkiConnectError(`Card was not found: ${cardId}`);
  return queue === SUSPENDED_QUEUE;
}

/** For each id, whether the card is suspended, or null when there is no such card. */
export function areSuspended(col: Collection, cardIds: readonly number[]): (boolean | null)[] {
  const queues = queuesById(col, cardIds);
  return cardIds.map((id) => {
    const queue = queues.get(id);
    return queue === undefined ? null : queue === SUSPENDED_QUEUE;
  });
}
