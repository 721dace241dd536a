/**
 * The counts both sides compare before a normal sync is committed (anki-sync.md §3.7). A row
 * still marked "changed here" (usn -1) at this point means something was not sent: Anki fails the
 * sync locally rather than commit a collection the server does not match.
 */
import type { Collection } from '../collection/collection.js';
import { SyncError } from './errors.js';
import type { SanityCounts } from './protocol.js';

const USN_TABLES = ['cards', 'notes', 'revlog', 'graves', 'decks', 'deck_config', 'tags', 'notetypes'] as const;

export function sanityCounts(col: Collection): SanityCounts {
  for (const table of USN_TABLES) {
    if (col.stmt(`select 1 from ${table} where usn = -1 limit 1`).get() !== undefined) {
      throw new SyncError('other', `table had usn=-1: ${table}`);
    }
  }
  const count = (table: string): number => col.stmt<[], { n: number }>(`select count() as n from ${table}`).get()?.n ?? 0;
  return {
    counts: [0, 0, 0],
    cards: count('cards'),
    notes: count('notes'),
    revlog: count('revlog'),
    graves: count('graves'),
    notetypes: count('notetypes'),
    decks: count('decks'),
    deckConfig: count('deck_config'),
  };
}
