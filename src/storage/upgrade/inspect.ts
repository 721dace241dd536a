import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { unicaseExtensionPath } from '../database.js';
import { backupCollectionFile } from './backup.js';
import { checkSchemaVersion, SCHEMA_MAX_VERSION } from './version.js';

/** What opening an existing file needs to know before the collection connection touches it. */
export interface ExistingFile {
  /** `col.ver`, or undefined for a database without a `col` table (an empty file). */
  version: number | undefined;
  /** Whether the file is at an older schema that opening upgrades. */
  needsUpgrade?: boolean;
  /** The copy made before an upgrade (only when one is needed and backups are wanted). */
  backupPath?: string;
}

/** A SQLite error code saying the file is not a database or is damaged. */
function isDamage(err: unknown): err is Error & { code: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'));
}

/**
 * Looks at an existing collection file before it is opened for good: reads its schema version and
 * refuses versions that cannot be opened, without changing the file (the collection connection
 * switches the file to WAL mode as soon as it opens, so the version is read on a connection of its
 * own, which changes nothing). When the file needs an upgrade, it is first checked for damage
 * (`pragma quick_check`; a damaged file is refused rather than rewritten) and copied beside itself
 * (see {@link backupCollectionFile}) while this connection holds its lock, so the copy has the
 * file's bytes as they were.
 */
export function inspectExistingFile(path: string, nowMs: number, backup = true): ExistingFile {
  const extension = unicaseExtensionPath();
  if (!existsSync(extension)) {
    throw new Error(`the unicase SQLite extension is not built (${extension}); run npm install`);
  }
  let db: Database.Database;
  try {
    // No waiting on a lock: a collection another program has open (Anki, another server) stays
    // locked until that program closes it, and waiting would only hold every client here.
    db = new Database(path, { fileMustExist: true, timeout: 0 });
  } catch (err) {
    throw new Error(`cannot open ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  try {
    // The schema-15 to 17 tables declare `unicase`; quick_check compares their index keys.
    db.loadExtension(extension);
    db.pragma('locking_mode = exclusive');
    const hasCol = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'col'").get() !== undefined;
    if (!hasCol) return { version: undefined };
    const row = db.prepare('select ver from col').get() as { ver: unknown } | undefined;
    const version = row?.ver;
    if (typeof version !== 'number' || !Number.isInteger(version)) {
      throw new Error(`cannot open ${path}: the col table holds no schema version; it is not an Anki collection`);
    }
    checkSchemaVersion(path, version);
    if (version === SCHEMA_MAX_VERSION) return { version };
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new Error(
        `cannot open ${path}: the collection file is damaged (${String(check)}), so it is not upgraded from schema ` +
          `${version}. Repair it with Anki's Check Database or restore a backup.`,
      );
    }
    return backup ? { version, needsUpgrade: true, backupPath: backupCollectionFile(path, version, nowMs) } : { version, needsUpgrade: true };
  } catch (err) {
    if (err instanceof Database.SqliteError && (err.code === 'SQLITE_BUSY' || err.code === 'SQLITE_LOCKED')) {
      throw new Error(`cannot open ${path}: another program has the collection open (Anki, or another server); close it there first`, { cause: err });
    }
    if (isDamage(err)) {
      throw new Error(`cannot open ${path}: the file is damaged or not an Anki collection (${err.message})`, { cause: err });
    }
    throw err;
  } finally {
    db.close();
  }
}
