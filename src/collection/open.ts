import { existsSync } from 'node:fs';
import { makeFolders } from '../storage/folders.js';
import { dirname } from 'node:path';
import { openDatabase } from '../storage/database.js';
import { inspectExistingFile } from '../storage/upgrade/inspect.js';
import { upgradeToLatestSchema, type UpgradeOptions } from '../storage/upgrade/upgrade.js';
import { systemClock, type Clock } from './clock.js';
import { Collection } from './collection.js';
import { lockCollection } from './lock.js';
import { removeServerTempFiles } from '../media/folder.js';
import { initializeCollection } from './create.js';

export interface OpenOptions {
  clock?: Clock;
  /** Media folder; defaults to `collection.media` beside the collection file, as in Anki. */
  mediaDir?: string;
  /**
   * Receives what the user should know about the file: that it was upgraded and where its backup
   * is, or that it still uses the v1 scheduler. Defaults to standard error.
   */
  log?: (message: string) => void;
  /** Test hooks for the schema upgrade (the random id of a note type stored with id 0). */
  upgrade?: UpgradeOptions;
  /**
   * Whether to copy a file beside itself before upgrading it (default true). Off for scratch
   * copies, such as the collection extracted from a package, whose original is the package.
   */
  backup?: boolean;
  /**
   * Whether to take the profile lock (collection/lock.ts) that keeps other servers off the file
   * while it is open: for a profile's collection, not for scratch copies.
   */
  lock?: boolean;
}

const stderrLog = (message: string): void => {
  process.stderr.write(`anki-connect-server: ${message}\n`);
};

/** The media folder Anki uses for a collection file: `<name>.media` beside it. */
export function defaultMediaDir(collectionPath: string): string {
  return collectionPath.replace(/\.anki2$/, '') + '.media';
}

/**
 * True when the collection still uses Anki's v1 scheduler: `schedVer` missing (Anki 2.0 and
 * AnkiDroid before 2.16 wrote none) or anything but 2, which is how Anki reads it.
 */
function usesV1Scheduler(col: Collection): boolean {
  return col.config.get('schedVer') !== 2;
}

/**
 * Opens an existing schema-18 collection read-only, for a reader thread: nothing is inspected,
 * upgraded or locked, since the server already has the file open and did all that.
 */
export function openReadOnlyCollection(path: string, mediaDir: string, clock: Clock): Collection {
  return new Collection(openDatabase(path, { readonly: true }), path, mediaDir, clock);
}

/**
 * Opens the collection at `path`, creating a new one when the file does not exist.
 *
 * An existing file at schema 18 opens as it is. Schemas 11 and 14 to 17 are upgraded to 18 as
 * Anki upgrades them, after the file (and its write-ahead log, if any) has been copied to
 * `<file>.schema<N>-<UTC time>.bak` beside it; the upgrade is one transaction, so a failure
 * leaves the file as it was. Other versions, damaged files and files that are not collections are
 * refused with a message that says which and what to do, before anything is written.
 */
export function openCollection(path: string, options: OpenOptions = {}): Collection {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? stderrLog;
  const isNew = !existsSync(path);
  if (isNew) makeFolders(dirname(path));
  // A new file is locked before it is made. An existing one is vetted first (its connection holds
  // SQLite's lock meanwhile), so that a refused file gets nothing created beside it.
  let lock = options.lock === true && isNew ? lockCollection(path) : undefined;
  let col: Collection;
  let existing: ReturnType<typeof inspectExistingFile> | undefined;
  try {
    // Read and vetted on a connection of its own, before the file is switched to WAL mode.
    existing = isNew ? undefined : inspectExistingFile(path, clock.nowMs(), options.backup ?? true);
    if (options.lock === true) lock ??= lockCollection(path);
    const mediaDir = options.mediaDir ?? defaultMediaDir(path);
    makeFolders(mediaDir);
    col = new Collection(openDatabase(path), path, mediaDir, clock);
  } catch (err) {
    lock?.release();
    throw err;
  }
  if (lock !== undefined) {
    const held = lock;
    col.onClose(() => held.release());
    removeServerTempFiles(col.mediaDir);
  }
  try {
    const version = existing?.version;
    const backupPath = existing?.backupPath;
    if (version === undefined) {
      initializeCollection(col);
    } else if (existing?.needsUpgrade === true) {
      // inspectExistingFile made the backup (unless told not to) because the file needs an upgrade.
      try {
        upgradeToLatestSchema(col, version, options.upgrade);
      } catch (err) {
        throw new Error(
          `cannot open ${path}: upgrading the collection from schema ${version} to 18 failed, and the collection was ` +
            `left as it was${backupPath === undefined ? '' : ` (a copy is at ${backupPath})`}: ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
      if (backupPath !== undefined) {
        log(`upgraded ${path} from schema ${version} to 18, as Anki does; the original file was copied to ${backupPath}`);
      }
    }
    if (usesV1Scheduler(col)) {
      log(
        `${path} uses Anki's v1 scheduler. Notes, cards, decks and note types read and write as usual, and ` +
          `scheduling is left as it is; Anki 23.10 and newer ask to update the collection to the v3 scheduler ` +
          `before it can be studied (a one-way change that requires a full sync).`,
      );
    }
    return col;
  } catch (err) {
    col.close();
    throw err;
  }
}
