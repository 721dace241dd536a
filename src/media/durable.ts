/**
 * Writing files so that a crash leaves either nothing or the whole file: the data is flushed
 * to disk before the caller renames it into place, and the folder is flushed after the rename.
 */
import * as fs from 'node:fs';

/** Creates `path` (it must not exist) holding `data`, flushed to disk. */
export function writeNewFileDurably(path: string, data: Uint8Array): void {
  const fd = fs.openSync(path, 'wx');
  try {
    let offset = 0;
    while (offset < data.byteLength) offset += fs.writeSync(fd, data, offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Best effort: persists a rename in `dir`. Not possible on Windows (no fsync on folders). */
export function syncFolderEntries(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some filesystems refuse fsync on directories; the file content is already durable.
  }
}
