/**
 * Digests used around media: SHA-1 is Anki's content identity for media files (media DB `csum`,
 * the `-<sha1>` rename suffix); MD5 is what storeMediaFile's `skipHash` is compared against.
 */

import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';

// Same chunk size as rslib's `sha1_of_reader`: big files are hashed without loading them whole.
const CHUNK_BYTES = 64 * 1024;

/** Lower-case hex SHA-1 of `data`. */
export function sha1Hex(data: Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/** Lower-case hex MD5 of `data` (storeMediaFile's `skipHash` is compared with this). */
export function md5Hex(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}

/**
 * Lower-case hex SHA-1 of the file at `filePath`, read in 64 KiB chunks so memory stays flat.
 * Throws the usual `fs` errors (e.g. `ENOENT`, `EISDIR`).
 */
export function sha1HexOfFile(filePath: string): string {
  const hash = createHash('sha1');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const fd = openSync(filePath, 'r');
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Asynchronous `sha1HexOfFile`, streaming, for callers that must not block the event loop. */
export async function sha1HexOfFileAsync(filePath: string): Promise<string> {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK_BYTES })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
