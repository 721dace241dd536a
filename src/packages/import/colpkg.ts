/**
 * Importing a collection package (.colpkg), as Anki's "Import collection" (a restore) does
 * (rslib `colpkg/import.rs`): the package's collection replaces the open one whole, and its media
 * files join the media folder.
 *
 * 1. The package's collection, extracted beside the collection file, must open (schema 11 to 17
 *    are upgraded, as Anki's open does) and pass SQLite's integrity_check; it is marked modified
 *    and schema-modified (a full sync follows), else the package is refused as corrupt.
 * 2. Its media files are written into the media folder, skipping a file that is already there
 *    (same size for legacy packages, same SHA-1 for the latest format); nothing is deleted.
 * 3. Between requests, the open collection is closed, copied beside itself as
 *    `collection.anki2.before-import-<UTC time>.bak`, the new file is renamed into its place
 *    and opened, and the server goes on serving it.
 */
import { mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../collection/clock.js';
import { openCollection } from '../../collection/open.js';
import { sha1HexOfFile } from '../../media/index.js';
import { backupCopy } from '../../storage/upgrade/backup.js';
import { corruptPackage } from '../errors.js';
import { checkMediaEntries, type CheckedMediaEntry } from './media-entries.js';
import { copyPlannedMedia } from './media-copy.js';
import type { ImportPackageSource, PackageFormat } from './source.js';

/** A collection package checked and ready to replace the collection. */
export interface PreparedCollectionPackage {
  readonly format: PackageFormat;
  /** The checked collection file, on the same file system as the collection it replaces. */
  readonly collectionFile: string;
  readonly media: readonly CheckedMediaEntry[];
}

/**
 * Checks the package's collection in place (it must have been extracted beside the collection it
 * will replace) and stamps it modified. Throws Anki's "not a valid .apkg file" when it fails.
 */
export function prepareCollectionPackage(source: ImportPackageSource, clock: Clock): PreparedCollectionPackage {
  const media = checkMediaEntries(source.format, source.media);
  const scratch = mkdtempSync(join(tmpdir(), 'acs-colpkg-'));
  try {
    let col;
    try {
      col = openCollection(source.collectionPath, { clock, mediaDir: join(scratch, 'media'), backup: false, log: () => undefined });
    } catch (err) {
      throw corruptPackage(err instanceof Error ? err.message : String(err));
    }
    try {
      const now = clock.nowMs();
      col.stmt('update col set mod = ?, scm = ?').run(now, now);
      const check = col.db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw corruptPackage(`its collection fails SQLite's integrity check: ${String(check)}`);
    } finally {
      col.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { format: source.format, collectionFile: source.collectionPath, media };
}

/**
 * Writes the package's media files into the media folder, except those already there: the same
 * size for a legacy package (it states no checksums), the same SHA-1 for the latest format.
 * Returns how many were written.
 */
export function restoreCollectionMedia(prepared: PreparedCollectionPackage, mediaDir: string): number {
  const wanted = prepared.media.filter((media) => {
    const path = join(mediaDir, media.name);
    const info = statSync(path, { throwIfNoEntry: false });
    if (info === undefined || !info.isFile()) return true;
    if (prepared.format === 'latest') return info.size === 0 || sha1HexOfFile(path) !== media.sha1;
    return media.entry.size === undefined || info.size !== media.entry.size;
  });
  return copyPlannedMedia(
    mediaDir,
    wanted.map((media) => ({ source: media, name: media.name, sha1: media.sha1 })),
  );
}

/**
 * Puts the prepared collection file in place of the (closed) collection at `collectionPath`,
 * after copying the old one beside it. Returns the backup's path.
 */
export function swapCollectionFile(collectionPath: string, prepared: PreparedCollectionPackage, nowMs: number): string {
  const backup = backupCopy(collectionPath, 'before-import', nowMs);
  // A log or index left beside the old file would be read as the new file's.
  for (const suffix of ['-wal', '-shm']) rmSync(collectionPath + suffix, { force: true });
  renameSync(prepared.collectionFile, collectionPath);
  return backup;
}

/** Whether a path names a collection package: Anki's Import picks a restore by the `.colpkg` ending. */
export function isCollectionPackagePath(path: string): boolean {
  return path.toLowerCase().endsWith('.colpkg');
}
