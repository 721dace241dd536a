import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase } from '../storage/database.js';
import { SCHEMA_VERSION } from '../storage/schema18.js';
import { systemClock, type Clock } from './clock.js';
import { Collection } from './collection.js';
import { initializeCollection } from './create.js';

export interface OpenOptions {
  clock?: Clock;
  /** Media folder; defaults to `collection.media` beside the collection file, as in Anki. */
  mediaDir?: string;
}

/** The media folder Anki uses for a collection file: `<name>.media` beside it. */
export function defaultMediaDir(collectionPath: string): string {
  return collectionPath.replace(/\.anki2$/, '') + '.media';
}

/**
 * Opens the collection at `path`, creating a new one when the file does not exist. Refuses a
 * file whose schema version this server does not write, with a message that says which.
 */
export function openCollection(path: string, options: OpenOptions = {}): Collection {
  const isNew = !existsSync(path);
  if (isNew) mkdirSync(dirname(path), { recursive: true });
  const mediaDir = options.mediaDir ?? defaultMediaDir(path);
  mkdirSync(mediaDir, { recursive: true });
  const db = openDatabase(path);
  const col = new Collection(db, path, mediaDir, options.clock ?? systemClock);
  try {
    const hasCol = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'col'").get() !== undefined;
    if (!hasCol) {
      initializeCollection(col);
    } else {
      const row = db.prepare('select ver from col').get() as { ver: number } | undefined;
      const version = row?.ver;
      if (version !== SCHEMA_VERSION) {
        throw new Error(
          `cannot open ${path}: collection schema version ${String(version)} is not supported ` +
            `(this server reads and writes schema ${SCHEMA_VERSION}; open the file once in Anki 2.1.50 or newer to upgrade it)`,
        );
      }
    }
    return col;
  } catch (err) {
    col.close();
    throw err;
  }
}

