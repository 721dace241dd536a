/**
 * Anki's Check Database with its repairs (rslib dbcheck.rs `check_database`), for the
 * `guiCheckDatabase` action. The order is Anki's: SQLite's quick check (a damaged file is refused
 * with Anki's text and left alone), then the "optimize" Anki runs before it repairs anything
 * (VACUUM, REINDEX, ANALYZE — outside any transaction, as SQLite requires for VACUUM), then
 * every repair in one transaction: card properties, cards without notes, missing decks, cards
 * with an original deck outside a filtered deck, the note pass (note types, fields, cards, tags),
 * the review log, missing parent decks, the next new-card position and ids in the future.
 *
 * The checker in check.ts reports the same conditions without repairing anything.
 */
import type { Collection } from '../collection/collection.js';
import { deleteOrphanedCards, fixCardProperties, fixCardsOutsideFilteredDecks, recoverMissingDecks } from './card-fixes.js';
import { addMissingParentDecks, fixFutureIds, fixRevlog, updateNextPosition } from './history-fixes.js';
import { checkNotes } from './note-fixes.js';
import { CORRUPT_TEXT, emptyCounts, REBUILT_TEXT, reportLines } from './report.js';

export interface CheckDatabaseOutcome {
  /** Anki's English report lines, in the order Anki's Check Database shows them; none when nothing was repaired. */
  problems: string[];
  /** Whether anything was repaired (Anki's "ok" is the opposite: no problem lines). */
  changed: boolean;
  /** The whole message Anki's GUI shows: the problem lines, then "Database rebuilt and optimized." */
  message: string;
}

/** The collection file failed SQLite's quick check; the message is Anki's. Nothing was changed. */
export class DatabaseCorruptError extends Error {
  constructor() {
    super(CORRUPT_TEXT);
    this.name = 'DatabaseCorruptError';
  }
}

/** True when SQLite's quick check does not answer "ok" (or cannot run at all). */
function quickCheckFails(col: Collection): boolean {
  try {
    return col.db.pragma('quick_check', { simple: true }) !== 'ok';
  } catch {
    return true;
  }
}

/**
 * Runs Check Database on `col` and returns what it repaired. Must be called outside a
 * transaction (VACUUM cannot run inside one). Throws DatabaseCorruptError for a damaged file.
 * Every collection-wide side effect Anki has is reproduced: `col.mod` is stamped now even when
 * nothing was repaired, and `col.scm` is stamped (forcing a full sync) by the repairs that Anki
 * marks as schema changes.
 */
export function checkDatabase(col: Collection): CheckDatabaseOutcome {
  if (col.inTransaction) throw new Error('internal error: checkDatabase must not run inside a transaction');
  if (quickCheckFails(col)) throw new DatabaseCorruptError();
  col.db.exec('vacuum; reindex; analyze');

  const counts = emptyCounts();
  col.transact(() => {
    fixCardProperties(col, counts);
    deleteOrphanedCards(col, counts);
    recoverMissingDecks(col, counts);
    fixCardsOutsideFilteredDecks(col, counts);
    checkNotes(col, counts);
    fixRevlog(col, counts);
    addMissingParentDecks(col, counts);
    updateNextPosition(col);
    fixFutureIds(col, counts);
    // Anki's check is an operation without undo, which always stamps the collection modified.
    col.stmt('update col set mod = ?').run(col.nowMs());
  });
  // Raw SQL above went around the stores' caches (decks, note types, config, ids).
  col.resetCaches();

  const problems = reportLines(counts);
  return { problems, changed: problems.length > 0, message: [...problems, REBUILT_TEXT].join('\n') };
}
