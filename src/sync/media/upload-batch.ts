/**
 * Building one upload batch from the rows waiting in the database (rslib `sync/media/upload.rs`).
 * Files are read in row order until their total passes 2.5 MiB. A row whose file has vanished is
 * sent as a deletion. A row that cannot be sent at all — a name that is not normalised, a file
 * that is empty, over 100 MiB, not a regular file or unreadable — is dropped from the database
 * and the batch is rebuilt; such files never sync (Anki's Check Media is what repairs them).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isNormalizedMediaFilename } from '../../media/filename.js';
import type { MediaDatabase, MediaEntry } from './database.js';
import { MAX_MEDIA_FILE_BYTES, TARGET_BATCH_BYTES } from './limits.js';
import type { UploadChange } from './zip.js';

/** One change of the batch, with the row it came from. */
export interface BatchItem extends UploadChange {
  /** True when the row still listed a file that has since disappeared. */
  readonly vanished: boolean;
}

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

type FileRead = { kind: 'data'; data: Buffer } | { kind: 'missing' } | { kind: 'invalid' };

async function readForUpload(mediaDir: string, fname: string): Promise<FileRead> {
  // Checked before the path is built: a name from the database must never reach outside.
  if (!isNormalizedMediaFilename(fname)) return { kind: 'invalid' };
  const path = join(mediaDir, fname);
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size === 0 || info.size > MAX_MEDIA_FILE_BYTES) return { kind: 'invalid' };
    const data = await readFile(path);
    // Checked again: the file may have changed between stat and read.
    if (data.length === 0 || data.length > MAX_MEDIA_FILE_BYTES) return { kind: 'invalid' };
    return { kind: 'data', data };
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid' };
  }
}

/**
 * The changes to send for `pending` (a prefix of it when the size target is reached), or null
 * when some rows were invalid and have been removed, in which case the caller starts over.
 */
export async function gatherUploadBatch(db: MediaDatabase, mediaDir: string, pending: readonly MediaEntry[]): Promise<BatchItem[] | null> {
  const items: BatchItem[] = [];
  const invalid: string[] = [];
  let bytes = 0;
  for (const entry of pending) {
    if (bytes > TARGET_BATCH_BYTES) break;
    if (entry.sha1 === null) {
      items.push({ fname: entry.fname, data: null, vanished: false });
      continue;
    }
    const read = await readForUpload(mediaDir, entry.fname);
    if (read.kind === 'invalid') {
      invalid.push(entry.fname);
    } else if (read.kind === 'missing') {
      items.push({ fname: entry.fname, data: null, vanished: true });
    } else {
      bytes += read.data.length;
      items.push({ fname: entry.fname, data: read.data, vanished: false });
    }
  }
  if (invalid.length > 0) {
    db.transact(() => {
      for (const fname of invalid) db.removeEntry(fname);
    });
    return null;
  }
  return items;
}
