/**
 * Opening a package (.apkg or .colpkg) for reading: its format, its collection extracted to a
 * temporary file (decompressed), and its media files listed with a way to read each one's bytes
 * when they are wanted. What Anki refuses is refused here with Anki's message: a file that is not
 * a zip, a `meta` version Anki does not know, a missing collection, unsafe or (latest format)
 * unnormalised media names, a media map that does not decode.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { corruptPackage, PackageError } from './errors.js';
import { COLLECTION_ENTRY, detectFormat, isZstdFormat, type PackageFormat } from './format.js';
import { parseLatestMediaMap, parseLegacyMediaMap } from './media-map.js';
import { ZipFormatError, ZipReader, type ZipEntry } from './zip-reader.js';
import { ZstdDecoder, ZstdError, zstdDecompress, type ChunkSink } from './zstd.js';

/** One media file in an open package. */
export interface PackageMedia {
  /** The name it has in the media folder: checked safe, and normalised (legacy maps are normalised here). */
  readonly name: string;
  /** The zip entry holding it ("0", "1", …). */
  readonly zipName: string;
  /** Uncompressed size: from the map (latest) or the zip entry (legacy); undefined when the entry is missing. */
  readonly size: number | undefined;
  /** SHA-1 of the bytes, from the map (latest format only; Anki uses it without checking it). */
  readonly sha1: Uint8Array | undefined;
  /** Streams the file's bytes (decompressed) to `sink`. Fails when the zip entry is missing or damaged. */
  read(sink: ChunkSink): void;
  /** The file's bytes in one buffer. */
  readBytes(): Buffer;
  /** Writes the bytes to `path` (created or truncated); returns their size and SHA-1. */
  writeTo(path: string): { size: number; sha1: Buffer };
}

/** An open package. `close()` removes the extracted collection and closes the archive. */
export interface OpenPackage {
  readonly format: PackageFormat;
  /** The inner collection, extracted (and decompressed) to a temporary file. */
  readonly collectionPath: string;
  readonly media: readonly PackageMedia[];
  close(): void;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Wraps the reader's and decoder's own errors in Anki's "not a valid package" error. */
function asPackageError(err: unknown): unknown {
  if (err instanceof ZipFormatError || err instanceof ZstdError) return corruptPackage(err.message);
  return err;
}

/** Streams `entry` to `sink`, through zstd when `zstd` is set. */
function readEntry(zip: ZipReader, entry: ZipEntry, zstd: boolean, sink: ChunkSink): void {
  try {
    if (!zstd) {
      zip.read(entry, sink);
      return;
    }
    const decoder = new ZstdDecoder(sink);
    zip.read(entry, (chunk) => decoder.write(chunk));
    decoder.end();
  } catch (err) {
    throw asPackageError(err);
  }
}

/** Streams `source` into a new file at `path`; returns size and SHA-1 of what was written. */
function writeFileFrom(path: string, source: (sink: ChunkSink) => void): { size: number; sha1: Buffer } {
  const fd = openSync(path, 'w');
  const hash = createHash('sha1');
  let size = 0;
  try {
    source((chunk) => {
      hash.update(chunk);
      let at = 0;
      while (at < chunk.length) at += writeSync(fd, chunk, at, chunk.length - at);
      size += chunk.length;
    });
  } finally {
    closeSync(fd);
  }
  return { size, sha1: hash.digest() };
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(SQLITE_MAGIC.length);
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
  }
}

function mediaOf(zip: ZipReader, format: PackageFormat): PackageMedia[] {
  const zstd = isZstdFormat(format);
  const mapEntry = zip.get('media');
  if (mapEntry === undefined) return [];
  let mapBytes: Buffer;
  try {
    mapBytes = zip.readBuffer(mapEntry, 512 * 1024 * 1024);
    if (zstd) mapBytes = zstdDecompress(mapBytes, 512 * 1024 * 1024);
  } catch (err) {
    throw asPackageError(err);
  }
  const described = zstd ? parseLatestMediaMap(mapBytes) : parseLegacyMediaMap(mapBytes);
  return described.map((item): PackageMedia => {
    const entry = zip.get(item.zipName);
    const read = (sink: ChunkSink): void => {
      if (entry === undefined) throw new PackageError(`${item.zipName} missing from archive`);
      readEntry(zip, entry, zstd, sink);
    };
    return {
      name: item.name,
      zipName: item.zipName,
      size: item.size ?? entry?.size,
      sha1: item.sha1,
      read,
      readBytes: () => {
        const parts: Buffer[] = [];
        read((chunk) => parts.push(Buffer.from(chunk)));
        return Buffer.concat(parts);
      },
      writeTo: (path) => writeFileFrom(path, read),
    };
  });
}

/**
 * Opens the package at `path`, extracting its collection into a new folder under `tempDir`.
 * Throws a {@link PackageError} (Anki's message where it has one) for a package Anki would refuse.
 */
export function openPackage(path: string, tempDir: string): OpenPackage {
  let zip: ZipReader;
  try {
    zip = ZipReader.open(path);
  } catch (err) {
    throw asPackageError(err);
  }
  let workDir: string | undefined;
  try {
    const metaEntry = zip.get('meta');
    let meta: Buffer | undefined;
    try {
      meta = metaEntry === undefined ? undefined : zip.readBuffer(metaEntry, 1024 * 1024);
    } catch (err) {
      throw asPackageError(err);
    }
    const format = detectFormat(meta, zip.has('collection.anki21'));
    const collectionEntry = zip.get(COLLECTION_ENTRY[format]);
    if (collectionEntry === undefined) throw corruptPackage(`it has no ${COLLECTION_ENTRY[format]}`);
    const media = mediaOf(zip, format);

    workDir = mkdtempSync(join(tempDir, 'package-'));
    const collectionPath = join(workDir, 'collection.anki2');
    writeFileFrom(collectionPath, (sink) => readEntry(zip, collectionEntry, isZstdFormat(format), sink));
    if (!hasSqliteHeader(collectionPath)) throw corruptPackage(`its ${COLLECTION_ENTRY[format]} is not a SQLite database`);

    const dir = workDir;
    let closed = false;
    return {
      format,
      collectionPath,
      media,
      close: () => {
        if (closed) return;
        closed = true;
        zip.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    zip.close();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
    throw err;
  }
}
