/**
 * Writing a package with exactly the entries, order and compression modern Anki writes
 * (colpkg/export.rs, used for .apkg too; anki-format.md §3.1):
 *
 * 1. `meta`, stored: `08 03` (latest) or `08 02` (legacy);
 * 2. the collection: `collection.anki21b` zstd-compressed and stored (latest), or
 *    `collection.anki21` deflated (legacy, schema 11);
 * 3. `collection.anki2`, stored: the dummy for old clients;
 * 4. the media files `0`, `1`, … stored, each its own zstd frame in the latest format;
 * 5. `media`, stored: zstd(protobuf MediaEntries) or the legacy JSON map.
 *
 * The package is written to a temporary file beside `outPath` and renamed over it at the end, so a
 * failure leaves no partial file behind and an existing file is replaced only by a complete one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Clock } from '../collection/clock.js';
import { dummyCollectionBytes } from './dummy.js';
import { PackageError } from './errors.js';
import { COLLECTION_ENTRY, encodeMeta, type PackageFormat } from './format.js';
import { encodeLatestMediaMap, encodeLegacyMediaMap } from './media-map.js';
import { ZipWriter, type ZipEntrySink } from './zip-writer.js';
import { ZstdEncoder, zstdCompress } from './zstd.js';

/** A media file to pack: its name in the media folder and where its bytes are. */
export interface MediaSourceFile {
  readonly name: string;
  readonly path: string;
}

export interface WritePackageOptions {
  /** `legacy` writes modern Anki's "support older versions" form (legacy 2 with a `meta`). */
  readonly format: 'latest' | 'legacy';
  /**
   * A closed collection file in the format's schema: 18 for latest, 11 for legacy
   * (see downgradeToSchema11). Its bytes are copied as they are.
   */
  readonly collectionPath: string;
  readonly media: readonly MediaSourceFile[];
  /** Called after each media file with the count done and the total. */
  readonly onMedia?: (done: number, total: number) => void;
  /** Clock for the dummy collection (tests). */
  readonly clock?: Clock;
}

const READ_CHUNK = 1 << 20;

/** Streams the file at `path` to `sink` in pieces. */
function streamFile(path: string, sink: (chunk: Uint8Array) => void): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const got = readSync(fd, buffer, 0, buffer.length, null);
      if (got === 0) break;
      sink(buffer.subarray(0, got));
    }
  } finally {
    closeSync(fd);
  }
}

/** Copies a file into a zip entry, through `encoder` (a new zstd frame) when given. */
function copyInto(entry: ZipEntrySink, path: string, encoder: ZstdEncoder | undefined, expectedBytes: number): { size: number; sha1: Buffer } {
  const hash = createHash('sha1');
  let size = 0;
  encoder?.begin((chunk) => entry.write(chunk), expectedBytes);
  streamFile(path, (chunk) => {
    hash.update(chunk);
    size += chunk.length;
    if (encoder === undefined) entry.write(chunk);
    else encoder.write(chunk);
  });
  encoder?.end();
  entry.end();
  return { size, sha1: hash.digest() };
}

/** Refuses an output path that is a folder; the folder it is in must exist. */
export function checkOutputPath(outPath: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(outPath).isDirectory();
  } catch {
    // Does not exist yet: fine, it is created.
  }
  if (isDirectory) throw new PackageError(`${outPath} is a folder; give the path of the file to write`);
  try {
    if (!statSync(dirname(outPath)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new PackageError(`No such file or directory: '${outPath}'`);
  }
}

/** Writes the package; see the module comment. */
export function writePackage(outPath: string, options: WritePackageOptions): void {
  checkOutputPath(outPath);
  const format: PackageFormat = options.format === 'latest' ? 'latest' : 'legacy2';
  const zstd = format === 'latest';
  const dummy = dummyCollectionBytes(options.clock);
  const tempPath = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString('hex')}.tmp`);
  const zip = new ZipWriter(tempPath);
  try {
    zip.addBuffer('meta', encodeMeta(format));
    const collectionSize = statSync(options.collectionPath).size;
    copyInto(
      zip.startEntry(COLLECTION_ENTRY[format], zstd ? 'stored' : 'deflated'),
      options.collectionPath,
      zstd ? new ZstdEncoder() : undefined,
      collectionSize,
    );
    zip.addBuffer('collection.anki2', dummy);

    const written: { name: string; size: number; sha1: Buffer }[] = [];
    // One encoder for all media files, each its own frame.
    const mediaEncoder = zstd ? new ZstdEncoder() : undefined;
    options.media.forEach((file, index) => {
      const { size, sha1 } = copyInto(zip.startEntry(String(index), 'stored'), file.path, mediaEncoder, 0);
      written.push({ name: file.name, size, sha1 });
      options.onMedia?.(index + 1, options.media.length);
    });
    const map = zstd ? zstdCompress(encodeLatestMediaMap(written)) : encodeLegacyMediaMap(written.map((file) => file.name));
    zip.addBuffer('media', map);
    zip.finish();
    renameSync(tempPath, outPath);
  } catch (err) {
    zip.close();
    rmSync(tempPath, { force: true });
    throw err;
  }
}
