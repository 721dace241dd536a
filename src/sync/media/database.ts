/**
 * The client media database Anki keeps beside the collection, `collection.media.db2` (rslib
 * `sync/media/database/client`). It caches the SHA-1 and mtime of every file in the media folder
 * and marks what the server has not seen yet, so a sync only reads changed files. Files written
 * here open in Anki as its own: same tables, index, meta row and pragmas, and no user_version
 * (Anki leaves it at 0 and recognises the database by its `media` table).
 *
 * Rows: `csum` is the lower-case hex SHA-1, or NULL for a file deleted locally whose deletion has
 * not been sent yet (then `mtime` is 0 and `dirty` 1). `dirty = 1` means "upload this".
 * Meta: `dirMod` is the media folder's mtime in milliseconds at the last scan (a scan is skipped
 * while it is unchanged); `lastUsn` the server media usn this client has caught up with.
 */
import Database from 'better-sqlite3';

export interface MediaEntry {
  readonly fname: string;
  /** Lower-case hex SHA-1; null when the file has been deleted locally. */
  readonly sha1: string | null;
  /** Seconds after a scan, milliseconds after a download (as Anki records them); 0 if deleted. */
  readonly mtime: number;
  /** True when the server has not seen this state of the file yet. */
  readonly dirty: boolean;
}

export interface MediaMeta {
  /** The media folder's mtime (ms) when it was last scanned; 0 forces a scan. */
  readonly dirMod: number;
  /** The server media usn this client has caught up with. */
  readonly lastUsn: number;
}

// Anki's schema.sql, statement for statement. The media table has no rowid (its key is the
// name) and the partial index keeps the upload queue cheap to find.
const SCHEMA = [
  `CREATE TABLE media (
  fname text NOT NULL PRIMARY KEY,
  csum text,
  mtime int NOT NULL,
  dirty int NOT NULL
) without rowid`,
  `CREATE INDEX idx_media_dirty ON media (dirty)
WHERE dirty = 1`,
  'CREATE TABLE meta (dirMod int, lastUsn int)',
  'INSERT INTO meta VALUES (0, 0)',
];

interface EntryRow {
  fname: string;
  csum: string | null;
  mtime: number;
  dirty: number;
}

function toEntry(row: EntryRow): MediaEntry {
  return { fname: row.fname, sha1: row.csum, mtime: row.mtime, dirty: row.dirty !== 0 };
}

export class MediaDatabase {
  private constructor(private readonly db: Database.Database) {}

  /**
   * Opens the database at `path`, creating it with Anki's schema when it has no `media` table
   * (a new file, or an empty one). The settings are Anki's: 4 KiB pages, the modern file format
   * and WAL; the lock is SQLite's normal one, so the file is only busy while a transaction runs.
   */
  static open(path: string): MediaDatabase {
    const db = new Database(path);
    try {
      db.pragma('page_size = 4096');
      db.pragma('legacy_file_format = false');
      db.pragma('journal_mode = wal');
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'media'").get() !== undefined;
      if (!exists) {
        db.transaction(() => {
          for (const statement of SCHEMA) db.prepare(statement).run();
        })();
        // Anki compacts and gathers statistics right after creating the file; doing the same
        // leaves the same set of tables (sqlite_stat1 included) as a file Anki made.
        db.exec('VACUUM');
        db.exec('ANALYZE');
      }
      return new MediaDatabase(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE, as Anki); an exception rolls it back. */
  transact<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  getEntry(fname: string): MediaEntry | undefined {
    const row = this.db.prepare('SELECT fname, csum, mtime, dirty FROM media WHERE fname = ?').get(fname) as EntryRow | undefined;
    return row === undefined ? undefined : toEntry(row);
  }

  setEntry(entry: MediaEntry): void {
    this.db
      .prepare('INSERT OR REPLACE INTO media (fname, csum, mtime, dirty) VALUES (?, ?, ?, ?)')
      .run(entry.fname, entry.sha1, entry.mtime, entry.dirty ? 1 : 0);
  }

  removeEntry(fname: string): void {
    this.db.prepare('DELETE FROM media WHERE fname = ?').run(fname);
  }

  getMeta(): MediaMeta {
    const row = this.db.prepare('SELECT dirMod, lastUsn FROM meta').get() as { dirMod: number | null; lastUsn: number | null } | undefined;
    return { dirMod: row?.dirMod ?? 0, lastUsn: row?.lastUsn ?? 0 };
  }

  setMeta(meta: MediaMeta): void {
    this.db.prepare('UPDATE meta SET dirMod = ?, lastUsn = ?').run(meta.dirMod, meta.lastUsn);
  }

  /** Files the client has (rows with a checksum): what mediaSanity compares with the server. */
  countExisting(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM media WHERE csum IS NOT NULL').get() as { n: number }).n;
  }

  /** Up to `limit` rows waiting for upload, in the order SQLite reads them off the dirty index. */
  pendingUploads(limit: number): MediaEntry[] {
    return (this.db.prepare('SELECT fname, csum, mtime, dirty FROM media WHERE dirty = 1 LIMIT ?').all(limit) as EntryRow[]).map(toEntry);
  }

  hasPendingUploads(): boolean {
    return this.pendingUploads(1).length > 0;
  }

  /** Name → recorded mtime of every file the database believes is present. */
  existingMtimes(): Map<string, number> {
    const rows = this.db.prepare('SELECT fname, mtime FROM media WHERE csum IS NOT NULL').all() as { fname: string; mtime: number }[];
    return new Map(rows.map((row) => [row.fname, row.mtime]));
  }

  /** Clears the upload mark of the named rows that have one; missing names are ignored. */
  markClean(fnames: Iterable<string>): void {
    const statement = this.db.prepare('UPDATE media SET dirty = 0 WHERE fname = ? AND dirty = 1');
    for (const fname of fnames) statement.run(fname);
  }

  /**
   * Forgets everything (Anki's answer to a failed mediaSanity): no rows, lastUsn and dirMod 0,
   * so the next sync rescans the folder and fetches the server's whole history again.
   */
  forceResync(): void {
    this.db.prepare('DELETE FROM media').run();
    this.db.prepare('UPDATE meta SET lastUsn = 0, dirMod = 0').run();
  }
}
