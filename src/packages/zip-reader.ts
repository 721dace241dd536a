/**
 * Reading a zip file by its central directory, entry by entry, straight from the file: a package
 * with a thousand media files is never read into memory as a whole, and an entry's bytes are only
 * read when asked for. Stored and deflated entries are read (the two methods any Anki, genanki or
 * AnkiDroid writes); sizes and CRC-32 are checked on every read, so a damaged or truncated entry is
 * an error, never silently short data. Zip64 is understood.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';
import type { ChunkSink } from './zstd.js';

/** A file that is not a zip we can read: not a zip at all, truncated, damaged or using an unknown method. */
export class ZipFormatError extends Error {}

/** One file in the archive, as its central directory entry describes it. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  /** Size after decompression (the zip level only; a zstd entry is still compressed). */
  readonly size: number;
  readonly crc32: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const READ_CHUNK = 1 << 20;

/** A 64-bit little-endian value that must fit a JavaScript number exactly. */
function u64(buffer: Buffer, offset: number): number {
  const value = buffer.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('invalid Zip archive: a size or offset is out of range');
  return Number(value);
}

export class ZipReader {
  private fd: number | undefined;
  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  readonly fileSize: number;

  private constructor(fd: number, fileSize: number, entries: ZipEntry[]) {
    this.fd = fd;
    this.fileSize = fileSize;
    this.entries = entries;
    // The first of two entries with one name wins, as the central directory lists it.
    for (const entry of entries) if (!this.byName.has(entry.name)) this.byName.set(entry.name, entry);
  }

  /** Opens `path` and reads its central directory; throws {@link ZipFormatError} for anything not a readable zip. */
  static open(path: string): ZipReader {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      return new ZipReader(fd, size, readCentralDirectory(fd, size));
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  get(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /**
   * Passes the entry's bytes (decompressed at the zip level) to `sink` in pieces, then checks
   * their size and CRC-32 against the central directory.
   */
  read(entry: ZipEntry, sink: ChunkSink): void {
    const fd = this.openFd();
    const local = Buffer.alloc(30);
    if (readSync(fd, local, 0, 30, entry.localHeaderOffset) !== 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE) {
      throw new ZipFormatError(`invalid Zip archive: the local header of ${entry.name} is missing`);
    }
    const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (dataStart + entry.compressedSize > this.fileSize) throw new ZipFormatError(`invalid Zip archive: ${entry.name} is truncated`);

    let crc = 0;
    let produced = 0;
    // What the sink throws passes through as it is; anything else the inflater throws means damage.
    let sinkError: unknown;
    const check = (chunk: Uint8Array): void => {
      produced += chunk.length;
      if (produced > entry.size) throw new ZipFormatError(`invalid Zip archive: ${entry.name} is longer than its directory entry says`);
      crc = crc32(chunk, crc);
      try {
        sink(chunk);
      } catch (err) {
        sinkError = err;
        throw err;
      }
    };
    let inflater: Inflate | undefined;
    if (entry.method === 8) inflater = new Inflate((chunk) => check(chunk));
    else if (entry.method !== 0) throw new ZipFormatError(`invalid Zip archive: ${entry.name} uses compression method ${entry.method}, which is not supported`);

    const buffer = Buffer.allocUnsafe(Math.min(READ_CHUNK, Math.max(entry.compressedSize, 1)));
    let position = dataStart;
    let left = entry.compressedSize;
    try {
      while (left > 0) {
        const want = Math.min(buffer.length, left);
        const got = readSync(fd, buffer, 0, want, position);
        if (got <= 0) throw new ZipFormatError(`invalid Zip archive: ${entry.name} is truncated`);
        const chunk = buffer.subarray(0, got);
        position += got;
        left -= got;
        if (inflater === undefined) check(chunk);
        else inflater.push(chunk, left === 0);
      }
      if (inflater !== undefined && entry.compressedSize === 0) inflater.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof ZipFormatError || err === sinkError || inflater === undefined) throw err;
      throw new ZipFormatError(`invalid Zip archive: ${entry.name} is damaged (${err instanceof Error ? err.message : String(err)})`, { cause: err });
    }
    if (produced !== entry.size) throw new ZipFormatError(`invalid Zip archive: ${entry.name} is shorter than its directory entry says`);
    if (crc >>> 0 !== entry.crc32) throw new ZipFormatError(`invalid Zip archive: ${entry.name} is damaged (CRC mismatch)`);
  }

  /** The entry's bytes in one buffer; refused past `maxBytes` (the size is known before reading). */
  readBuffer(entry: ZipEntry, maxBytes = 256 * 1024 * 1024): Buffer {
    if (entry.size > maxBytes) throw new ZipFormatError(`invalid Zip archive: ${entry.name} is larger than ${maxBytes} bytes`);
    const out = Buffer.allocUnsafe(entry.size);
    let at = 0;
    this.read(entry, (chunk) => {
      out.set(chunk, at);
      at += chunk.length;
    });
    return out;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private openFd(): number {
    if (this.fd === undefined) throw new Error('zip: the archive is closed');
    return this.fd;
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const got = readSync(fd, buffer, 0, length, position);
  if (got !== length) throw new ZipFormatError('invalid Zip archive: the file is truncated');
  return buffer;
}

/** Finds the end-of-central-directory record (it may be followed by a comment of up to 64 KiB). */
function findEndRecord(fd: number, fileSize: number): { record: Buffer; offset: number } {
  if (fileSize < 22) throw new ZipFormatError('invalid Zip archive: the file is too short to be a zip archive');
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + 22 + tail.readUInt16LE(i + 20) === tailLength) {
      return { record: tail.subarray(i, i + 22), offset: fileSize - tailLength + i };
    }
  }
  throw new ZipFormatError('invalid Zip archive: no end of central directory record (not a zip file, or truncated)');
}

function readCentralDirectory(fd: number, fileSize: number): ZipEntry[] {
  const { record, offset: endOffset } = findEndRecord(fd, fileSize);
  let count = record.readUInt16LE(10);
  let directorySize = record.readUInt32LE(12);
  let directoryOffset = record.readUInt32LE(16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    // Zip64: the locator sits just before the classic record and points at the zip64 record.
    if (endOffset < 20) throw new ZipFormatError('invalid Zip archive: the zip64 locator is missing');
    const locator = readAt(fd, endOffset - 20, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE) throw new ZipFormatError('invalid Zip archive: the zip64 locator is missing');
    const zip64Offset = u64(locator, 8);
    if (zip64Offset + 56 > fileSize) throw new ZipFormatError('invalid Zip archive: the file is truncated');
    const zip64 = readAt(fd, zip64Offset, 56);
    if (zip64.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw new ZipFormatError('invalid Zip archive: the zip64 end record is missing');
    count = u64(zip64, 32);
    directorySize = u64(zip64, 40);
    directoryOffset = u64(zip64, 48);
  }
  if (directoryOffset + directorySize > fileSize) throw new ZipFormatError('invalid Zip archive: the central directory lies past the end of the file (truncated)');
  const directory = readAt(fd, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw new ZipFormatError('invalid Zip archive: the central directory is damaged');
    }
    const flags = directory.readUInt16LE(at + 8);
    const method = directory.readUInt16LE(at + 10);
    const crc = directory.readUInt32LE(at + 16);
    let compressedSize = directory.readUInt32LE(at + 20);
    let size = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    let localHeaderOffset = directory.readUInt32LE(at + 42);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > directory.length) throw new ZipFormatError('invalid Zip archive: the central directory is damaged');
    if ((flags & 1) !== 0) throw new ZipFormatError('invalid Zip archive: encrypted entries are not supported');
    const nameBytes = directory.subarray(at + 46, at + 46 + nameLength);
    // Bit 11 says UTF-8; Anki's names are ASCII, and other writers use UTF-8 in practice too.
    const name = nameBytes.toString('utf8');
    const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      ({ size, compressedSize, localHeaderOffset } = readZip64Extra(extra, size, compressedSize, localHeaderOffset));
    }
    entries.push({ name, method, compressedSize, size, crc32: crc, localHeaderOffset });
    at = end;
  }
  return entries;
}

/** The 64-bit values of a zip64 extra field, present only for the fields whose 32-bit value is saturated. */
function readZip64Extra(
  extra: Buffer,
  size: number,
  compressedSize: number,
  localHeaderOffset: number,
): { size: number; compressedSize: number; localHeaderOffset: number } {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + length) throw new ZipFormatError('invalid Zip archive: a zip64 extra field is too short');
        const value = u64(extra, field);
        field += 8;
        return value;
      };
      const out = { size, compressedSize, localHeaderOffset };
      if (size === 0xffffffff) out.size = next();
      if (compressedSize === 0xffffffff) out.compressedSize = next();
      if (localHeaderOffset === 0xffffffff) out.localHeaderOffset = next();
      return out;
    }
    at += 4 + length;
  }
  throw new ZipFormatError('invalid Zip archive: a zip64 extra field is missing');
}
