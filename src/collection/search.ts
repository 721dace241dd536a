/**
 * Running searches on a collection: findCards and findNotes return the ids matching an Anki
 * search, in ascending order (Anki itself gives no order; rowid order is what its plans yield
 * for most queries, and clients compare lists).
 */
import type { Statement } from 'better-sqlite3';
import { buildSearchSql, SearchError, TOO_BIG, type SearchItem } from '../search/index.js';
import type { Collection } from './collection.js';
import { searchContext } from './search-context.js';

/** Ids of the cards matching `query`, ascending. Throws SearchError for an invalid query. */
export function findCards(col: Collection, query: string): number[] {
  return runSearch(col, query, 'cards');
}

/** Ids of the notes matching `query`, ascending. Throws SearchError for an invalid query. */
export function findNotes(col: Collection, query: string): number[] {
  return runSearch(col, query, 'notes');
}

/** The distinct note ids of the given cards, ascending; unknown card ids are ignored. */
export function noteIdsOfCards(col: Collection, cardIds: readonly number[]): number[] {
  if (cardIds.length === 0) return [];
  return col
    .stmt<[string], number>('select distinct nid from cards where id in (select value from json_each(?)) order by nid')
    .pluck()
    .all(JSON.stringify(cardIds));
}

// Search SQL varies with the query's shape, so statements are cached per collection with a
// bound on their number rather than in the collection's unbounded statement cache.
const STATEMENT_LIMIT = 128;
const statementsByCollection = new WeakMap<Collection, Map<string, Statement<unknown[], number>>>();

function statement(col: Collection, sql: string): Statement<unknown[], number> {
  let cache = statementsByCollection.get(col);
  if (cache === undefined) {
    cache = new Map();
    statementsByCollection.set(col, cache);
  }
  let prepared = cache.get(sql);
  if (prepared !== undefined) {
    // Most recently used last, so the oldest is evicted first.
    cache.delete(sql);
  } else {
    try {
      prepared = col.db.prepare<unknown[], number>(sql).pluck();
    } catch (err) {
      // The SQL is well formed by construction; SQLite refuses it only when it is too big.
      if (err instanceof Error && err.name === 'SqliteError') {
        throw new SearchError('Other', { info: TOO_BIG });
      }
      throw err;
    }
    if (cache.size >= STATEMENT_LIMIT) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
  }
  cache.set(sql, prepared);
  return prepared;
}

function runSearch(col: Collection, query: string, item: SearchItem): number[] {
  const { sql, params, repeats } = buildSearchSql(query, item, searchContext(col));
  let ids: number[];
  try {
    ids = statement(col, sql).all(...params);
  } catch (err) {
    // SQLite refuses a LIKE pattern over 50,000 bytes only when it runs it.
    if (err instanceof Error && err.name === 'SqliteError' && err.message.includes('pattern too complex')) {
      throw new SearchError('Other', { info: TOO_BIG });
    }
    throw err;
  }
  return repeats === true ? ascendingUnique(ids) : ascending(ids);
}

/** `ids` sorted ascending; most plans already return them so, which is checked in one pass. */
function ascending(ids: number[]): number[] {
  for (let i = 1; i < ids.length; i++) {
    if ((ids[i] ?? 0) < (ids[i - 1] ?? 0)) return Array.from(Float64Array.from(ids).sort());
  }
  return ids;
}

/**
 * `ids` sorted ascending with repeats removed, in place. Card scans in id order mostly yield
 * note ids already in order (a note's cards are made together), so sorting is skipped then.
 */
function ascendingUnique(ids: number[]): number[] {
  let sorted = ids;
  for (let i = 1; i < ids.length; i++) {
    if ((ids[i] ?? 0) < (ids[i - 1] ?? 0)) {
      sorted = Array.from(Float64Array.from(ids).sort());
      break;
    }
  }
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i] ?? 0;
    if (kept === 0 || id !== sorted[kept - 1]) sorted[kept++] = id;
  }
  sorted.length = kept;
  return sorted;
}
