/**
 * The dummy `collection.anki2` that modern packages carry for clients that know only that entry
 * (anki-format.md §3.1): a new schema-11 collection with the stock note types and one Basic note
 * in the default deck whose Front asks the user to update Anki. Old clients import that one note
 * instead of failing. Built as Anki builds it: a new collection, the note added, then page size
 * 512, rollback journal and VACUUM, then the downgrade to schema 11.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../collection/clock.js';
import { addNoteInner } from '../notes/add.js';
import { downgradeToSchema11 } from '../storage/downgrade/schema11.js';
import { createScratchCollection } from './scratch-collection.js';

/** Anki's English text (ftl `exporting-colpkg-too-new`). */
export const DUMMY_NOTE_TEXT = 'Please update to the latest Anki version, then import the .colpkg/.apkg file again.';

/** The bytes of a new dummy collection. */
export function dummyCollectionBytes(clock?: Clock): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'anki-dummy-'));
  try {
    const col = createScratchCollection(dir, 'dummy.anki2', clock);
    try {
      const basic = col.notetypes.byName('Basic');
      if (basic === undefined) throw new Error('the new collection has no Basic note type');
      col.transact(() => addNoteInner(col, { notetype: basic, deckId: 1, fields: [DUMMY_NOTE_TEXT, ''], tags: [] }));
      // page_size only takes effect through the VACUUM, which a WAL database cannot change it in.
      col.db.pragma('journal_mode = delete');
      col.db.pragma('page_size = 512');
      col.db.exec('vacuum');
      downgradeToSchema11(col);
    } finally {
      col.close();
    }
    return readFileSync(join(dir, 'dummy.anki2'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
