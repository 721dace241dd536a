import type { Collection } from '../collection/collection.js';
import { AnkiConnectError } from '../errors.js';

/** One column of each listed card that exists, by card id. */
function columnById(col: Collection, sql: string, cardIds: readonly number[]): Map<number, number> {
  const rows = col.stmt<[string], { id: number; value: number }>(sql).all(JSON.stringify(cardIds));
  return new Map(rows.map((row) => [row.id, row.value]));
}

/** A card's modification time, or `{}` for an unknown card. */
export type CardModTime = { cardId: number; mod: number } | Record<string, never>;

/** Each card's modification time in seconds, as `{cardId, mod}`, or `{}` for an unknown id. */
export function cardModTimes(col: Collection, cardIds: readonly number[]): CardModTime[] {
  const mods = columnById(col, 'select id, mod as value from cards where id in (select value from json_each(?))', cardIds);
  return cardIds.map((cardId): CardModTime => {
    const mod = mods.get(cardId);
    return mod === undefined ? {} : { cardId, mod };
  });
}

/** Each card's ease factor in permille (2500 = 250%; 0 for a new card), or null for an unknown id. */
export function easeFactors(col: Collection, cardIds: readonly number[]): (number | null)[] {
  const factors = columnById(col, 'select id, factor as value from cards where id in (select value from json_each(?))', cardIds);
  return cardIds.map((id) => factors.get(id) ?? null);
}

/**
 * Sets ease factors (permille), the i-th value for the i-th card: true for each card that
 * exists, which is stamped modified, false for an unknown id. Anki-Connect would fail half-way
 * on a short value list; here it is refused before anything changes.
 */
export function setEaseFactors(col: Collection, cardIds: readonly number[], factors: readonly number[]): boolean[] {
  if (factors.length < cardIds.length) {
    throw new AnkiConnectError(`easeFactors has ${factors.length} values for ${cardIds.length} cards`);
  }
  const existing = columnById(col, 'select id, id as value from cards where id in (select value from json_each(?))', cardIds);
  const update = col.stmt('update cards set factor = ?, mod = ?, usn = ? where id = ?');
  return cardIds.map((id, i) => {
    if (!existing.has(id)) return false;
    update.run(factors[i] ?? 0, col.nowSecs(), col.usn(), id);
    return true;
  });
}
