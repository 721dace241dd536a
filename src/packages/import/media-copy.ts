/**
 * Copying the planned media files into the media folder, the last step of an import. Each file
 * is written to a temporary name and renamed into place, so a reader never sees half a file. If
 * a copy fails, the files this import added are removed again before the error goes on (and the
 * database work is rolled back by the caller), so a failed import leaves the folder as it was.
 * Like Anki's importer, files are not flushed one by one (a thousand fsyncs would dominate the
 * import); a crash can lose a copied file, which Anki's Check Media then reports as missing.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sha1HexOfFile } from '../../media/index.js';
import type { PlannedMedia } from './media-plan.js';
import type { PackageMediaEntry } from './source.js';

// A leading dot keeps it out of getMediaFilesNames' `*`, as the media folder's own temporaries.
const TEMP_PREFIX = '.anki-connect-server-import-';

/** Copies `planned` into `mediaDir`; returns how many files were written. */
export function copyPlannedMedia(mediaDir: string, planned: readonly PlannedMedia[]): number {
  const added: string[] = [];
  let written = 0;
  try {
    for (const media of planned) {
      const target = join(mediaDir, media.name);
      const existed = existsSync(target);
      // Written already (a `multi` that runs its items a second time): nothing to do.
      if (existed && media.sha1 !== undefined && sha1HexOfFile(target) === media.sha1) continue;
      writeAtomically(mediaDir, target, media.source.entry);
      if (!existed) added.push(target);
      written++;
    }
  } catch (err) {
    for (const path of added) rmSync(path, { force: true });
    throw err;
  }
  return written;
}

/** The entry's content written to a temporary file in the folder, then renamed over `target`. */
function writeAtomically(dir: string, target: string, entry: PackageMediaEntry): void {
  const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
  try {
    if (entry.writeTo !== undefined) {
      entry.writeTo(temp);
    } else {
      const data = entry.read();
      const fd = openSync(temp, 'wx');
      try {
        let offset = 0;
        while (offset < data.byteLength) offset += writeSync(fd, data, offset);
      } finally {
        closeSync(fd);
      }
    }
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
