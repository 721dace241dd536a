/**
 * The `check` command of the CLI: checks a collection file without changing it. It runs SQLite's
 * `pragma integrity_check` with the `unicase` collation loaded (the schema-18 indexes use it, so
 * a plain sqlite3 cannot check these files) and the project's integrity checker, which lists what
 * Anki's Check Database would repair (src/dbcheck/check.ts).
 *
 * The file is opened read-only, so nothing is ever written to it, its write-ahead log or its
 * rollback journal:
 * - a write-ahead log left by a process that did not close the file (a crash, a kill) is read, not
 *   checkpointed, so the check sees every committed transaction and the log stays as it was;
 * - a hot rollback journal is not rolled back: SQLite refuses to read the file read-only, and the
 *   command says so (exit status 2);
 * - a file Anki has open is locked (its exclusive mode), and the command says so; a file this
 *   server has open is checked as it was at its last commit (the server's WAL locking lets
 *   readers in, and a reader never sees a half-done transaction).
 * Nothing is removed from the folder either. A read-only connection to a WAL-mode file (as Anki
 * and this server leave every collection) creates the log's index, `-shm`, and an empty `-wal`
 * when they are missing, and cannot remove them: removing them afterwards would race with a
 * program that opens the file meanwhile and writes through them (its commits would go to a
 * deleted log). So a WAL-mode file without a log, whose content is then all in the file (the last
 * program to close it checkpointed and removed its log), is read into memory and checked there,
 * creating nothing beside it. A file with a log is read in place, log included; SQLite then adds
 * the index file if it is missing, as any reader of the log does. (So is a file without a log
 * that is too large to copy into memory, beside which SQLite may then leave an empty log too.)
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { systemClock } from '../collection/clock.js';
import { Collection } from '../collection/collection.js';
import { defaultMediaDir } from '../collection/open.js';
import { checkIntegrity } from '../dbcheck/check.js';
import { unicaseExtensionPath } from '../storage/database.js';
import { registerSqlFunctions } from '../storage/sql-functions.js';
import { checkSchemaVersion, SCHEMA_MAX_VERSION } from '../storage/upgrade/version.js';

/** The file cannot be checked at all (missing, not a collection, locked, …): exit status 2. */
export class CheckRefusal extends Error {}

/** What the check found: one line per problem (none when the file is clean), and remarks. */
export interface CheckReport {
  problems: string[];
  /** Remarks for the user that are not problems (printed on standard error). */
  notes: string[];
  /** Whether SQLite found the file itself damaged. */
  damaged: boolean;
}

/** Most lines `pragma integrity_check` lists (its own default is 100). */
const MAX_SQLITE_ERRORS = 100;

const sqliteCode = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const isDamage = (err: unknown): boolean => sqliteCode(err).startsWith('SQLITE_CORRUPT');

/**
 * Every line of `pragma integrity_check` ("ok" alone when the file is sound). A row may hold
 * several lines, the first naming the database ("*** in database main ***"), which is dropped.
 */
function sqliteIntegrity(db: Database.Database): string[] {
  try {
    const rows = db.pragma(`integrity_check(${MAX_SQLITE_ERRORS})`) as { integrity_check: string }[];
    return rows.flatMap((row) => row.integrity_check.split('\n')).filter((line) => line !== '' && !/^\*\*\* in database \w+ \*\*\*$/.test(line));
  } catch (err) {
    return [message(err)];
  }
}

/** The problems for a file SQLite finds damaged, one line per line of its integrity check. */
function damageReport(db: Database.Database, notes: string[]): CheckReport {
  const lines = sqliteIntegrity(db).filter((line) => line !== 'ok');
  // Reading the file failed with SQLITE_CORRUPT, so it is damaged even if the pragma passes.
  if (lines.length === 0) lines.push('database disk image is malformed');
  return { problems: lines.map((line) => `sqlite: ${line}`), notes, damaged: true };
}

/** Why SQLite would not open or read the file, as the user should read it. */
function refusalFor(path: string, err: unknown): CheckRefusal {
  const code = sqliteCode(err);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new CheckRefusal(`cannot check ${path}: the file is locked by a program that has it open (such as Anki); close it there first`);
  }
  if (code === 'SQLITE_READONLY_ROLLBACK') {
    return new CheckRefusal(
      `cannot check ${path}: ${path}-journal holds a transaction that was cut short, which only opening the file ` +
        `for writing rolls back; open it once in Anki or this server, then check again`,
    );
  }
  if (code === 'SQLITE_NOTADB') return new CheckRefusal(`cannot check ${path}: it is not a SQLite database, so not an Anki collection`);
  return new CheckRefusal(`cannot check ${path}: ${message(err)}`);
}

/** Files up to this size without a log are checked from a copy in memory (see the file comment). */
const MAX_IN_MEMORY_BYTES = 2 ** 30;

/**
 * Whether `path` is a SQLite file in WAL mode (bytes 18 and 19 of its header, the write and read
 * versions, are 2) with no log beside it.
 */
function walModeWithoutLog(path: string): boolean {
  if (existsSync(`${path}-wal`)) return false;
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, header, 0, header.length, 0) < header.length) return false;
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1', 0, 16) === 'SQLite format 3\0' && header[18] === 2 && header[19] === 2;
}

/**
 * Opens `path` read-only with the `unicase` collation and the collection's SQL functions: from a
 * copy in memory when it is in WAL mode without a log, in place otherwise (see the file comment).
 */
function openReadOnly(path: string): { db: Database.Database; close: () => void } {
  if (!existsSync(path)) throw new CheckRefusal(`cannot check ${path}: no such file`);
  if (!statSync(path).isFile()) throw new CheckRefusal(`cannot check ${path}: not a file`);
  const extension = unicaseExtensionPath();
  let db: Database.Database;
  try {
    if (walModeWithoutLog(path) && statSync(path).size <= MAX_IN_MEMORY_BYTES) {
      const bytes = readFileSync(path);
      // The copy in rollback mode: a database in memory has no log, and the file had none.
      bytes[18] = 1;
      bytes[19] = 1;
      db = new Database(bytes, { readonly: true });
    } else {
      // A program that has the file open keeps it locked for as long as it runs: no use waiting.
      db = new Database(path, { readonly: true, fileMustExist: true, timeout: 250 });
    }
  } catch (err) {
    throw refusalFor(path, err);
  }
  const close = (): void => {
    db.close();
  };
  try {
    db.loadExtension(extension);
    registerSqlFunctions(db);
    db.pragma('query_only = true');
  } catch (err) {
    close();
    throw refusalFor(path, err);
  }
  return { db, close };
}

/** The collection's schema version; refuses files that are not collections or cannot be opened. */
function schemaVersion(db: Database.Database, path: string): number {
  const hasCol = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'col'").get() !== undefined;
  if (!hasCol) throw new CheckRefusal(`cannot check ${path}: it is not an Anki collection (it has no col table)`);
  const version = (db.prepare('select ver from col').get() as { ver: unknown } | undefined)?.ver;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new CheckRefusal(`cannot check ${path}: the col table holds no schema version; it is not an Anki collection`);
  }
  try {
    checkSchemaVersion(path, version);
  } catch (err) {
    throw new CheckRefusal(message(err));
  }
  return version;
}

/** Checks the collection file at `path` without changing it. Throws a {@link CheckRefusal} when it cannot. */
export function checkCollectionFile(path: string): CheckReport {
  const { db, close } = openReadOnly(path);
  try {
    const notes: string[] = [];
    let version: number;
    try {
      version = schemaVersion(db, path);
    } catch (err) {
      if (isDamage(err)) return damageReport(db, notes);
      if (err instanceof CheckRefusal) throw err;
      throw refusalFor(path, err);
    }
    if (version < SCHEMA_MAX_VERSION) {
      // The collection checks read schema 18's tables; the server upgrades the file when it opens it.
      notes.push(
        `${path} is at schema ${version}: only SQLite's integrity check ran (the collection checks need schema ` +
          `${SCHEMA_MAX_VERSION}, to which the server upgrades the file when it opens it)`,
      );
      const lines = sqliteIntegrity(db);
      return lines.length === 1 && lines[0] === 'ok'
        ? { problems: [], notes, damaged: false }
        : { problems: lines.map((line) => `sqlite: ${line}`), notes, damaged: true };
    }
    // The checker reads through a Collection, which reads lazily and writes nothing here: the
    // connection is read-only and query-only, so a write would fail rather than happen.
    const col = new Collection(db, path, defaultMediaDir(path), systemClock);
    let found;
    try {
      found = checkIntegrity(col);
    } catch (err) {
      if (isDamage(err)) return damageReport(db, notes);
      if (err instanceof CheckRefusal) throw err;
      if (sqliteCode(err) === 'SQLITE_BUSY' || sqliteCode(err) === 'SQLITE_LOCKED') throw refusalFor(path, err);
      return { problems: [`unreadable: the collection checks stopped: ${message(err)}`], notes, damaged: false };
    }
    // The checker reports only the first line of SQLite's check; list them all.
    if (found.some((problem) => problem.rule === 'sqlite')) return damageReport(db, notes);
    return { problems: found.map((problem) => `${problem.rule}: ${problem.detail}`), notes, damaged: false };
  } catch (err) {
    if (err instanceof CheckRefusal) throw err;
    throw refusalFor(path, err);
  } finally {
    close();
  }
}

/** Output streams of the command (standard output and error unless a test passes others). */
export interface CheckOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const standardOutput: CheckOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Runs `check <path>`: prints "ok", or one line per problem, on standard output. Returns the exit
 * status: 0 when the file is clean, 1 when problems were found, 2 when it could not be checked.
 */
export function runCheckCommand(path: string, output: CheckOutput = standardOutput): number {
  let report: CheckReport;
  try {
    report = checkCollectionFile(path);
  } catch (err) {
    output.err(`anki-connect-server: ${message(err)}\n`);
    return 2;
  }
  for (const note of report.notes) output.err(`anki-connect-server: ${note}\n`);
  if (report.problems.length === 0) {
    output.out('ok\n');
    return 0;
  }
  output.out(report.problems.map((line) => `${line}\n`).join(''));
  const count = `${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`;
  output.err(
    report.damaged
      ? `anki-connect-server: ${path}: ${count}; SQLite finds the file damaged: restore a backup, or let Anki's Check Database rebuild it (on a copy)\n`
      : `anki-connect-server: ${path}: ${count}; Anki's Check Database (Tools > Check Database) repairs them\n`,
  );
  return 1;
}
