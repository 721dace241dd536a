import Database from 'better-sqlite3';

/** What holds a profile's collection for this process: release it when the collection closes. */
export interface CollectionLock {
  release(): void;
}

/** The file beside a collection whose lock says a server has it open. */
export function lockPathOf(collectionPath: string): string {
  return `${collectionPath}.lock`;
}

/**
 * Takes the lock that keeps a second server (or a `sync` command) off a collection this one has
 * open. The collection's own connections use SQLite's normal WAL locking, which lets several
 * connections in, so the lock is held elsewhere: an exclusive SQLite lock on an empty file beside
 * the collection. The operating system drops it when the process ends, however it ends, so a
 * crash leaves nothing to clean up; the empty file stays (removing it could let two processes
 * lock two different files of the same name).
 */
export function lockCollection(collectionPath: string): CollectionLock {
  const path = lockPathOf(collectionPath);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 0 });
  } catch (err) {
    throw new Error(`cannot open ${collectionPath}: its lock file ${path} cannot be created: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  try {
    db.pragma('locking_mode = exclusive');
    // An exclusive transaction takes the lock; in exclusive locking mode it outlives the commit.
    db.exec('begin exclusive; commit');
  } catch (err) {
    db.close();
    if (err instanceof Database.SqliteError && (err.code === 'SQLITE_BUSY' || err.code === 'SQLITE_LOCKED')) {
      throw new Error(`cannot open ${collectionPath}: another anki-connect-server (or its sync command) has the collection open`, { cause: err });
    }
    throw err;
  }
  return {
    release: () => {
      if (db.open) db.close();
    },
  };
}
