import Database from 'better-sqlite3';
import { builtAddonPath } from '../native/addons.js';
import { registerSqlFunctions } from './sql-functions.js';

/** A connection to a collection file; better-sqlite3's type under a name of our own. */
export type Db = Database.Database;

/** Address space mapped for reading a collection; larger files read the rest as usual. */
const MMAP_BYTES = 2 ** 30;

/** The `unicase` collation extension, native/unicase.c: node-gyp's build or the prebuilt one. */
export function unicaseExtensionPath(): string {
  return builtAddonPath('unicase');
}

/**
 * Opens a SQLite file with the settings Anki uses for a collection and the `unicase`
 * collation loaded. Schema 18 declares `COLLATE unicase` on names, so without the collation
 * even `select count() from tags` fails.
 *
 * Locking is SQLite's normal WAL locking, not Anki's exclusive mode, so that the server's reader
 * threads can read on connections of their own while the main one writes. Anki and AnkiDroid
 * still cannot open the file meanwhile: a WAL connection holds a shared lock on the file for as
 * long as it is open, and Anki's exclusive mode needs the file to itself ("Anki already open").
 * Another server is kept out by the profile lock (collection/lock.ts).
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  const extension = unicaseExtensionPath();
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: false });
  try {
    // SQLite derives the entry point from the file name: unicase.node → sqlite3_unicase_init.
    db.loadExtension(extension);
    registerSqlFunctions(db);
    // Searches scan the notes and cards tables whole (a tag or field search reads every note),
    // and a collection of 100k notes is larger than the 40 MiB page cache, so every scan would
    // copy each page in again from the OS. Mapped, the pages are read in place, at no cost to
    // the heap. (In WAL mode SQLite never truncates the file under a reader's map.)
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    if (!options.readonly) {
      db.pragma('page_size = 4096');
      db.pragma('cache_size = -40960');
      db.pragma('legacy_file_format = false');
      db.pragma('journal_mode = wal');
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Opens an in-memory database with the collation loaded (tests and scratch work). */
export function openMemoryDatabase(): Db {
  const db = new Database(':memory:');
  db.loadExtension(unicaseExtensionPath());
  registerSqlFunctions(db);
  return db;
}
