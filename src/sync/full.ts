/**
 * Full syncs (anki-sync.md §4): the whole collection file up, replacing the server's, or the
 * server's file down, replacing ours. Both are one-way and lose the other side's changes, so
 * they only ever run when the user chose the direction (or when one side has no cards and the
 * server says only that direction is possible, which is what the user asked for by syncing).
 */
import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Collection } from '../collection/collection.js';
import { unicaseExtensionPath } from '../storage/database.js';
import { SyncError } from './errors.js';
import type { SyncHttp } from './http.js';

/** AnkiWeb refuses collections this large; Anki checks before sending (300 MiB). */
const ANKIWEB_LIMIT = 300 * 1024 * 1024;

/**
 * Prepares the collection as Anki does before an upload (no graves, every row marked synced,
 * a new schema time and the last sync set to it), compacts it, and sends the file. The
 * collection stays open; afterwards it matches what the server holds.
 */
export async function fullUpload(col: Collection, http: SyncHttp): Promise<void> {
  col.db.transaction(() => {
    col.stmt('delete from graves').run();
    for (const table of ['notes', 'cards', 'revlog']) col.stmt(`update ${table} set usn = 0 where usn = -1`).run();
    for (const table of ['tags', 'deck_config', 'decks', 'notetypes']) col.stmt(`update ${table} set usn = 0`).run();
    const now = col.nowMs();
    col.stmt('update col set usn = usn + 1, scm = ?, ls = ?, mod = ?').run(now, now, now);
  })();
  col.resetCaches();
  col.db.exec('vacuum');
  col.db.exec('reindex');
  col.db.exec('analyze');
  // The file alone must hold everything: fold the write-ahead log in before reading it.
  col.db.pragma('wal_checkpoint(TRUNCATE)');
  const data = readFileSync(col.path);
  if (http.endpoint.includes('ankiweb') && data.length >= ANKIWEB_LIMIT) {
    throw new SyncError('other', `Your collection file is too large to send to AnkiWeb (${data.length} bytes).`);
  }
  const reply = (await http.post('sync/upload', data)).toString('utf8');
  if (reply !== 'OK') throw new SyncError('serverMessage', reply);
}

/**
 * Downloads the server's collection into a file beside ours and checks it as Anki does (the
 * integrity check passes, the schema version is one Anki opens); returns its path. The caller
 * puts it in place of the closed collection.
 */
export async function downloadCollection(collectionPath: string, http: SyncHttp, nowMs: number): Promise<string> {
  const data = await http.post('sync/download', Buffer.from('{}'));
  const temp = `${collectionPath}.download-${nowMs}.tmp`;
  writeFileSync(temp, data);
  try {
    const db = new Database(temp);
    try {
      // Schema 18 declares its names COLLATE unicase: the check reads nothing without it.
      db.loadExtension(unicaseExtensionPath());
      const check = db.pragma('integrity_check', { simple: true });
      const version = (db.prepare('select ver from col').get() as { ver: number } | undefined)?.ver ?? 0;
      if (check !== 'ok' || version < 11 || version > 18 || version === 12 || version === 13) {
        throw new SyncError('other', `the downloaded collection is not valid (${String(check)}, schema ${version})`);
      }
      db.prepare('update col set ls = mod').run();
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(temp + suffix, { force: true });
    if (err instanceof SyncError) throw err;
    throw new SyncError('other', `the downloaded collection cannot be opened: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(temp + suffix, { force: true });
  return temp;
}
