/**
 * Writing a zip file entry by entry, each entry streamed to disk as it is produced, the way the
 * Rust `zip` crate behind modern Anki writes packages: a local header whose CRC and sizes are
 * filled in once the data is written (no data descriptors), "made by" Unix with mode 0644, the
 * time of writing, no extra fields, then the central directory. Zip64 records are added only where
 * a count or offset needs them.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { Deflate } from 'fflate';
import { ZipFormatError } from './zip-reader.js';

/** How an entry's bytes are stored: as they are, or deflated (Anki's default level, 6). */
export type ZipMethod = 'stored' | 'deflated';

interface WrittenEntry {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  dosTime: number;
  dosDate: number;
}

/** One entry being written: feed it bytes, then end it. */
export interface ZipEntrySink {
  write(chunk: Uint8Array): void;
  end(): void;
}

const U32_MAX = 0xffffffff;

/** MS-DOS time and date of `date` in local time, as zip headers hold them (two-second steps, from 1980). */
function dosDateTime(date: Date): { dosTime: number; dosDate: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    dosTime: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    dosDate: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export class ZipWriter {
  private fd: number | undefined;
  private position = 0;
  private readonly written: WrittenEntry[] = [];
  private open = false;
  private readonly stamp: { dosTime: number; dosDate: number };

  constructor(path: string, now: Date = new Date()) {
    this.fd = openSync(path, 'w');
    this.stamp = dosDateTime(now);
  }

  /** Starts an entry; the previous one must have been ended. */
  startEntry(name: string, method: ZipMethod): ZipEntrySink {
    if (this.open) throw new Error('zip: the previous entry is still open');
    this.open = true;
    const nameBytes = Buffer.from(name, 'utf8');
    const entry: WrittenEntry = {
      name: nameBytes,
      method: method === 'deflated' ? 8 : 0,
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset: this.position,
      ...this.stamp,
    };
    this.append(this.localHeader(entry));
    const dataStart = this.position;
    const emit = (chunk: Uint8Array): void => this.append(chunk);
    let deflate: Deflate | undefined;
    if (entry.method === 8) deflate = new Deflate({ level: 6 }, (chunk) => emit(chunk));
    let crc = 0;
    let size = 0;
    return {
      write: (chunk: Uint8Array): void => {
        if (chunk.length === 0) return;
        crc = crc32(chunk, crc);
        size += chunk.length;
        if (deflate === undefined) emit(chunk);
        else deflate.push(chunk);
      },
      end: (): void => {
        if (deflate !== undefined) deflate.push(new Uint8Array(0), true);
        entry.crc = crc >>> 0;
        entry.size = size;
        entry.compressedSize = this.position - dataStart;
        if (entry.size > U32_MAX || entry.compressedSize > U32_MAX) {
          throw new ZipFormatError(`${name} is larger than 4 GiB, which a package cannot hold`);
        }
        // Fill in the CRC and sizes the local header left blank.
        const fields = Buffer.alloc(12);
        fields.writeUInt32LE(entry.crc, 0);
        fields.writeUInt32LE(entry.compressedSize, 4);
        fields.writeUInt32LE(entry.size, 8);
        writeSync(this.handle(), fields, 0, 12, entry.offset + 14);
        this.written.push(entry);
        this.open = false;
      },
    };
  }

  /** Writes a whole entry from memory. */
  addBuffer(name: string, data: Uint8Array, method: ZipMethod = 'stored'): void {
    const sink = this.startEntry(name, method);
    sink.write(data);
    sink.end();
  }

  /** Writes the central directory and closes the file. */
  finish(): void {
    if (this.open) throw new Error('zip: an entry is still open');
    const directoryOffset = this.position;
    for (const entry of this.written) this.append(this.centralHeader(entry));
    const directorySize = this.position - directoryOffset;
    const count = this.written.length;
    if (count > 0xffff || directoryOffset > U32_MAX || directorySize > U32_MAX) {
      const zip64Offset = this.position;
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE((3 << 8) | 45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(directorySize), 40);
      record.writeBigUInt64LE(BigInt(directoryOffset), 48);
      this.append(record);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(zip64Offset), 8);
      locator.writeUInt32LE(1, 16);
      this.append(locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, 0xffff), 8);
    end.writeUInt16LE(Math.min(count, 0xffff), 10);
    end.writeUInt32LE(Math.min(directorySize, U32_MAX), 12);
    end.writeUInt32LE(Math.min(directoryOffset, U32_MAX), 16);
    this.append(end);
    this.close();
  }

  /** Closes the file without finishing it (the caller deletes it). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private handle(): number {
    if (this.fd === undefined) throw new Error('zip: the archive is closed');
    return this.fd;
  }

  private append(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) at += writeSync(this.handle(), bytes, at, bytes.length - at, this.position + at);
    this.position += bytes.length;
  }

  private versionNeeded(entry: WrittenEntry): number {
    return entry.method === 8 ? 20 : 10;
  }

  private flags(entry: WrittenEntry): number {
    // Bit 11: the name is UTF-8 (set, as the zip crate sets it, only for non-ASCII names).
    return entry.name.some((byte) => byte > 0x7f) ? 0x800 : 0;
  }

  private localHeader(entry: WrittenEntry): Buffer {
    const header = Buffer.alloc(30 + entry.name.length);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(this.versionNeeded(entry), 4);
    header.writeUInt16LE(this.flags(entry), 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt16LE(entry.dosTime, 10);
    header.writeUInt16LE(entry.dosDate, 12);
    // CRC and sizes (14..25) are written once known.
    header.writeUInt16LE(entry.name.length, 26);
    header.writeUInt16LE(0, 28);
    entry.name.copy(header, 30);
    return header;
  }

  private centralHeader(entry: WrittenEntry): Buffer {
    const needsZip64 = entry.offset > U32_MAX;
    const extra = needsZip64 ? Buffer.alloc(12) : Buffer.alloc(0);
    if (needsZip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(entry.offset), 4);
    }
    const header = Buffer.alloc(46 + entry.name.length + extra.length);
    const version = needsZip64 ? 45 : this.versionNeeded(entry);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE((3 << 8) | version, 4);
    header.writeUInt16LE(version, 6);
    header.writeUInt16LE(this.flags(entry), 8);
    header.writeUInt16LE(entry.method, 10);
    header.writeUInt16LE(entry.dosTime, 12);
    header.writeUInt16LE(entry.dosDate, 14);
    header.writeUInt32LE(entry.crc, 16);
    header.writeUInt32LE(entry.compressedSize, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(entry.name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    header.writeUInt16LE(0, 32);
    header.writeUInt16LE(0, 34);
    header.writeUInt16LE(0, 36);
    // Unix regular file, mode 0644.
    header.writeUInt32LE(0o100644 * 0x10000, 38);
    header.writeUInt32LE(needsZip64 ? U32_MAX : entry.offset, 42);
    entry.name.copy(header, 46);
    extra.copy(header, 46 + entry.name.length);
    return header;
  }
}
