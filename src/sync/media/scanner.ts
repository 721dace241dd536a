/**
 * The change tracker (rslib `sync/media/database/client/changetracker.rs`): brings the media
 * database up to date with the folder before a sync, so that the database alone says what to
 * upload.
 *
 * Nothing is read while the folder's mtime equals the recorded `dirMod` (adding, replacing or
 * removing an entry changes it). Otherwise every regular file is considered, except:
 * names that are not valid UTF-8 or not normalised (Anki never syncs those, they need Check
 * Media), `thumbs.db` and `.ds_store`, empty files and files over 100 MiB. A file whose mtime (in
 * seconds) matches its row is not read; others are hashed, and a new hash marks the row for
 * upload. Rows whose file is gone — or no longer qualifies — become pending deletions.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isNormalizedMediaFilename } from '../../media/filename.js';
import { sha1HexOfFileAsync } from '../../media/hash.js';
import type { MediaDatabase } from './database.js';
import { mtimeMillis, scanStat } from './file-times.js';
import { MAX_MEDIA_FILE_BYTES } from './limits.js';

/**
 * Anki's `NONSYNCABLE_FILENAME`, faithfully: case-insensitive over Unicode, and its dots are
 * unescaped, so they match any character except a newline (`thumbsXdb` is skipped too).
 */
const NONSYNCABLE_NAME = /^(?:thumbs[^\n]db|[^\n]ds_store)$/iu;

/** True for a directory entry name the media sync may upload (ignoring size). */
export function isSyncableName(name: string): boolean {
  return isNormalizedMediaFilename(name) && !NONSYNCABLE_NAME.test(name);
}

interface SeenFile {
  readonly fname: string;
  readonly sha1: string;
  readonly mtime: number;
  readonly isNew: boolean;
}

export interface ScanResult {
  /** False when the folder's mtime was unchanged and nothing was read. */
  readonly scanned: boolean;
  /** Files recorded as added or changed (including mtime-only changes). */
  readonly changed: number;
  /** Rows turned into pending deletions. */
  readonly removed: number;
}

function isNotFound(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === 'ENOENT';
}

/** UTF-8 names of the folder's entries; names that are not valid UTF-8 are left out. */
function utf8EntryNames(folder: string): string[] {
  const names: string[] = [];
  for (const raw of readdirSync(folder, { encoding: 'buffer' })) {
    const name = raw.toString('utf8');
    if (Buffer.from(name, 'utf8').equals(raw)) names.push(name);
  }
  return names;
}

/**
 * Records the folder's changes in the database. Files are hashed without blocking the event
 * loop; the database is then updated in one transaction. The folder's mtime is read before the
 * listing, so anything that changes during the scan is picked up by the next one.
 */
export async function registerChanges(db: MediaDatabase, mediaDir: string): Promise<ScanResult> {
  const dirMod = mtimeMillis(mediaDir);
  if (db.getMeta().dirMod === dirMod) return { scanned: false, changed: 0, removed: 0 };

  // What is left in this map after the listing has vanished from the folder.
  const known = db.existingMtimes();
  const seen: SeenFile[] = [];
  for (const fname of utf8EntryNames(mediaDir)) {
    if (!isSyncableName(fname)) continue;
    const path = join(mediaDir, fname);
    let stat;
    try {
      stat = scanStat(path);
    } catch (err) {
      // Removed since the listing: treated as absent, like a file that was never there.
      if (isNotFound(err)) continue;
      throw err;
    }
    if (!stat.isFile || stat.size === 0 || stat.size > MAX_MEDIA_FILE_BYTES) continue;
    const previous = known.get(fname);
    if (previous !== stat.mtime) {
      let sha1;
      try {
        sha1 = await sha1HexOfFileAsync(path);
      } catch (err) {
        // Gone while being read: it stays in `known`, so a recorded file becomes a deletion.
        if (isNotFound(err)) continue;
        throw err;
      }
      seen.push({ fname, sha1, mtime: stat.mtime, isNew: previous === undefined });
    }
    known.delete(fname);
  }

  db.transact(() => {
    for (const file of seen) {
      let dirty = true;
      if (!file.isNew) {
        // Touched but identical: keep whatever upload mark it had, only the mtime moves on.
        const existing = db.getEntry(file.fname);
        if (existing !== undefined && existing.sha1 === file.sha1) dirty = existing.dirty;
      }
      db.setEntry({ fname: file.fname, sha1: file.sha1, mtime: file.mtime, dirty });
    }
    for (const fname of known.keys()) db.setEntry({ fname, sha1: null, mtime: 0, dirty: true });
    db.setMeta({ dirMod, lastUsn: db.getMeta().lastUsn });
  });
  return { scanned: true, changed: seen.length, removed: known.size };
}
