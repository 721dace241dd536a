/**
 * Exporting the whole collection as a .colpkg (Anki's `export_colpkg`): the collection file
 * itself and every file of the media folder. Anki closes the collection to copy it; the server
 * keeps it open and instead moves the write-ahead log into the file (a checkpoint) and reads the
 * file while it holds the collection's exclusive lock, between two requests, so the copy is
 * consistent. Inside `multi`, where a transaction is open and no checkpoint can run, the
 * collection is read through SQLite instead (what the transaction has written so far included).
 * The legacy format gets a copy downgraded to schema 11.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collection } from '../../collection/collection.js';
import { openCollection } from '../../collection/open.js';
import { downgradeToSchema11 } from '../../storage/downgrade/schema11.js';
import { checkOutputPath, writePackage, type MediaSourceFile } from '../write.js';
import { mediaFilesIn } from './apkg.js';
import { stderrProgress, throttledProgress, type ProgressLog } from './progress.js';

export interface CollectionPackageOptions {
  readonly outPath: string;
  readonly includeMedia: boolean;
  readonly legacy: boolean;
  readonly log?: ProgressLog;
}

/** Every file of the media folder that Anki would pack (sub-folders are skipped, as Anki skips them). */
function allMedia(col: Collection, log: ProgressLog): MediaSourceFile[] {
  let names: string[];
  try {
    names = readdirSync(col.mediaDir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  return mediaFilesIn(col.mediaDir, names, log);
}

/** Writes a consistent copy of the open collection's file to `path`. */
function snapshotCollection(col: Collection, path: string): void {
  if (col.inTransaction) {
    writeFileSync(path, col.db.serialize());
    return;
  }
  col.db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(col.path, path);
}

/** Writes the package of the whole collection. */
export function exportCollectionPackage(col: Collection, options: CollectionPackageOptions): void {
  checkOutputPath(options.outPath);
  const log = options.log ?? stderrProgress;
  const workDir = mkdtempSync(join(tmpdir(), 'anki-colpkg-'));
  try {
    const copy = join(workDir, 'collection.anki2');
    snapshotCollection(col, copy);
    if (options.legacy) {
      const legacy = openCollection(copy, { clock: col.clock, mediaDir: join(workDir, 'media'), log: () => undefined });
      try {
        downgradeToSchema11(legacy);
      } finally {
        legacy.close();
      }
    }
    writePackage(options.outPath, {
      format: options.legacy ? 'legacy' : 'latest',
      collectionPath: copy,
      media: options.includeMedia ? allMedia(col, log) : [],
      onMedia: throttledProgress(log, 'exporting media files'),
      clock: col.clock,
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
