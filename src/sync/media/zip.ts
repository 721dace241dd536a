/**
 * The two zip formats of the media sync (rslib `sync/media/zip.rs`), both with Stored entries
 * (the transport's zstd does the compressing):
 *
 * - download (server → client): entries `0`, `1`, … hold file data; `_meta` is a JSON object
 *   from entry name to file name.
 * - upload (client → server): one slot per change in batch order, entry `<slot>` for data;
 *   `_meta` is a JSON array of `[fname, "<slot>"]` pairs, with `null` (older clients: `""`)
 *   for a deletion, which has no entry.
 *
 * Encoders and decoders of both exist so that tests can play the server. The project's zip
 * reader and writer work on files, so each call goes through a scratch file that is removed
 * before it returns.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipFormatError, ZipReader } from '../../packages/zip-reader.js';
import { ZipWriter } from '../../packages/zip-writer.js';
import { SyncError } from '../errors.js';
import { MAX_FILES_PER_BATCH, MAX_MEDIA_FILE_BYTES, MAX_SERVER_FILENAME_BYTES, ZIP_META_ENTRY } from './limits.js';

/** One file of a download zip. */
export interface DownloadedFile {
  readonly fname: string;
  readonly data: Buffer;
}

/** One change of an upload zip: data to add or replace, or null to delete. */
export interface UploadChange {
  readonly fname: string;
  readonly data: Uint8Array | null;
}

/** The server reads at most this much of an upload's `_meta`. */
const MAX_UPLOAD_META_BYTES = 50 * 1024;

function withScratchFile<T>(fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'acs-media-zip-'));
  try {
    return fn(join(dir, 'batch.zip'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function malformed(detail: string): SyncError {
  return new SyncError('other', `malformed media zip: ${detail}`);
}

function writeZip(entries: readonly (readonly [string, Uint8Array])[]): Buffer {
  return withScratchFile((path) => {
    const writer = new ZipWriter(path);
    try {
      for (const [name, data] of entries) writer.addBuffer(name, data, 'stored');
      writer.finish();
    } finally {
      writer.close();
    }
    return readFileSync(path);
  });
}

function readZip<T>(zip: Uint8Array, fn: (reader: ZipReader) => T): T {
  return withScratchFile((path) => {
    writeFileSync(path, zip);
    let reader: ZipReader;
    try {
      reader = ZipReader.open(path);
    } catch (err) {
      throw err instanceof ZipFormatError ? malformed(err.message) : err;
    }
    try {
      return fn(reader);
    } catch (err) {
      throw err instanceof ZipFormatError ? malformed(err.message) : err;
    } finally {
      reader.close();
    }
  });
}

function readMeta(reader: ZipReader, maxBytes: number): unknown {
  const entry = reader.get(ZIP_META_ENTRY);
  if (entry === undefined) throw malformed('no _meta entry');
  if (entry.size > maxBytes) throw malformed('_meta is too large');
  try {
    return JSON.parse(reader.readBuffer(entry, maxBytes).toString('utf8'));
  } catch (err) {
    if (err instanceof SyncError) throw err;
    throw malformed('_meta is not JSON');
  }
}

/**
 * True for a name the server takes in an upload: at most 255 bytes, NFC, no path separator
 * (the server's own platform's; `/` everywhere, and `\\` on Windows).
 */
export function serverAcceptsName(fname: string): boolean {
  if (Buffer.byteLength(fname, 'utf8') > MAX_SERVER_FILENAME_BYTES) return false;
  if (fname.normalize('NFC') !== fname) return false;
  return !fname.includes('/') && !(process.platform === 'win32' && fname.includes('\\'));
}

/** A download reply: the files in zip order. */
export function encodeDownloadZip(files: readonly DownloadedFile[]): Buffer {
  const meta: Record<string, string> = {};
  const entries: [string, Uint8Array][] = files.map((file, index) => {
    meta[String(index)] = file.fname;
    return [String(index), file.data];
  });
  entries.push([ZIP_META_ENTRY, Buffer.from(JSON.stringify(meta), 'utf8')]);
  return writeZip(entries);
}

/**
 * The files of a download reply, in zip order. Like Anki, an entry that `_meta` does not name
 * makes the whole reply malformed; each file is capped at the sync's 100 MiB limit.
 */
export function decodeDownloadZip(zip: Uint8Array): DownloadedFile[] {
  return readZip(zip, (reader) => {
    const meta = readMeta(reader, MAX_MEDIA_FILE_BYTES);
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw malformed('_meta is not an object');
    const names = new Map<string, unknown>(Object.entries(meta as Record<string, unknown>));
    const files: DownloadedFile[] = [];
    for (const entry of reader.entries) {
      if (entry.name === ZIP_META_ENTRY) continue;
      const fname = names.get(entry.name);
      if (typeof fname !== 'string') throw malformed(`entry ${entry.name} is not in _meta`);
      files.push({ fname, data: reader.readBuffer(entry, MAX_MEDIA_FILE_BYTES) });
    }
    return files;
  });
}

/** An upload request body: additions get an entry named by their slot, deletions only a `null`. */
export function encodeUploadZip(changes: readonly UploadChange[]): Buffer {
  const meta: [string, string | null][] = [];
  const entries: [string, Uint8Array][] = [];
  changes.forEach((change, index) => {
    if (change.data === null) {
      meta.push([change.fname, null]);
    } else {
      entries.push([String(index), change.data]);
      meta.push([change.fname, String(index)]);
    }
  });
  entries.push([ZIP_META_ENTRY, Buffer.from(JSON.stringify(meta), 'utf8')]);
  return writeZip(entries);
}

/**
 * The changes of an upload, checked as the server checks them (`unzip_and_validate_files`):
 * at most 25, names of at most 255 bytes in NFC without a path separator, data non-empty and
 * at most 100 MiB. Throws a SyncError for anything the server would answer with 400.
 */
export function decodeUploadZip(zip: Uint8Array): UploadChange[] {
  return readZip(zip, (reader) => {
    const meta = readMeta(reader, MAX_UPLOAD_META_BYTES);
    if (!Array.isArray(meta)) throw malformed('_meta is not an array');
    if (meta.length > MAX_FILES_PER_BATCH) throw malformed('too many files in zip');
    return meta.map((pair: unknown): UploadChange => {
      if (!Array.isArray(pair) || pair.length !== 2) throw malformed('a _meta item is not a pair');
      const [fname, slot] = pair as unknown[];
      if (typeof fname !== 'string') throw malformed('a file name is not a string');
      if (!serverAcceptsName(fname)) throw malformed(`file name refused: ${fname}`);
      if (slot === null || slot === '') return { fname, data: null };
      if (typeof slot !== 'string') throw malformed('a zip entry name is not a string');
      const entry = reader.get(slot);
      if (entry === undefined) throw malformed(`no entry ${slot}`);
      if (entry.size > MAX_MEDIA_FILE_BYTES) throw malformed('file too large');
      const data = reader.readBuffer(entry, MAX_MEDIA_FILE_BYTES);
      if (data.length === 0) throw malformed('file entry was zero bytes');
      return { fname, data };
    });
  });
}
