import { constants, copyFileSync, existsSync, statSync } from 'node:fs';

/** `20261127-100000`: a UTC time stamp for file names, to the second. */
function fileStamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-27T10:00:00.000Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

/**
 * Copies a collection file about to be upgraded to `<file>.schema<N>-<UTC stamp>.bak` beside it,
 * with its write-ahead log (when there is a non-empty one) as `<backup>-wal`, so that SQLite opens
 * the copy with its log if the two are renamed back. An existing backup is never overwritten: a
 * second one in the same second gets `-2`, `-3`, … Returns the backup's path.
 *
 * The caller holds the collection's lock, so nothing writes to the file while it is copied.
 */
export function backupCollectionFile(path: string, version: number, nowMs: number): string {
  return backupCopy(path, `schema${version}`, nowMs);
}

/**
 * Copies a collection file (and its non-empty write-ahead log) to `<file>.<label>-<UTC stamp>.bak`
 * beside it, never over an existing backup. Returns the backup's path.
 */
export function backupCopy(path: string, label: string, nowMs: number): string {
  const base = `${path}.${label}-${fileStamp(nowMs)}`;
  let backup = `${base}.bak`;
  for (let n = 2; existsSync(backup) || existsSync(`${backup}-wal`); n++) backup = `${base}-${n}.bak`;
  copyFileSync(path, backup, constants.COPYFILE_EXCL);
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) copyFileSync(wal, `${backup}-wal`, constants.COPYFILE_EXCL);
  return backup;
}
