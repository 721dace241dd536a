import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ZipFormatError, ZipReader } from './zip-reader.js';
import { ZipWriter } from './zip-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'acs-zip-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function readAll(zip: ZipReader, name: string): Buffer {
  const entry = zip.get(name);
  assert.ok(entry, name);
  return zip.readBuffer(entry);
}

test('entries written stored and deflated read back in order, streamed in pieces', () => {
  const path = join(dir, 'a.zip');
  const big = randomBytes(3 * 1024 * 1024);
  const text = Buffer.from('hello '.repeat(100_000));
  const zip = new ZipWriter(path, new Date(2026, 0, 2, 3, 4, 6));
  zip.addBuffer('meta', Buffer.from([8, 3]));
  const sink = zip.startEntry('big', 'stored');
  for (let at = 0; at < big.length; at += 100_000) sink.write(big.subarray(at, at + 100_000));
  sink.end();
  zip.addBuffer('text', text, 'deflated');
  zip.addBuffer('empty', Buffer.alloc(0), 'deflated');
  zip.finish();

  const reader = ZipReader.open(path);
  try {
    assert.deepEqual(
      reader.entries.map((e) => [e.name, e.method]),
      [['meta', 0], ['big', 0], ['text', 8], ['empty', 8]],
    );
    assert.deepEqual(readAll(reader, 'meta'), Buffer.from([8, 3]));
    assert.ok(readAll(reader, 'big').equals(big));
    assert.ok(readAll(reader, 'text').equals(text));
    assert.equal(readAll(reader, 'empty').length, 0);
    assert.ok(reader.get('text')!.compressedSize < text.length / 10);
  } finally {
    reader.close();
  }
});

test('headers are those of the zip crate behind Anki: made by Unix, mode 0644, no extra fields, no data descriptors', () => {
  const path = join(dir, 'b.zip');
  const zip = new ZipWriter(path, new Date(2026, 0, 2, 3, 4, 6));
  zip.addBuffer('meta', Buffer.from([8, 3]));
  zip.addBuffer('collection.anki21', Buffer.from('x'.repeat(1000)), 'deflated');
  zip.finish();
  const bytes = readFileSync(path);
  // Local header of `meta`: version needed 1.0, flags 0, stored, CRC and sizes filled in.
  assert.equal(bytes.readUInt32LE(0), 0x04034b50);
  assert.equal(bytes.readUInt16LE(4), 10);
  assert.equal(bytes.readUInt16LE(6), 0);
  assert.equal(bytes.readUInt16LE(8), 0);
  assert.equal(bytes.readUInt32LE(18), 2);
  assert.equal(bytes.readUInt16LE(28), 0);
  assert.equal(bytes.subarray(30, 36).toString('latin1'), 'meta\x08\x03');
  const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  assert.equal(bytes.readUInt16LE(central + 4), 0x030a);
  assert.equal(bytes.readUInt32LE(central + 38), 0x81a40000);
  const second = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), central + 4);
  assert.equal(bytes.readUInt16LE(second + 4), 0x0314);
  assert.equal(bytes.readUInt16LE(second + 10), 8);
  // DOS time 03:04:06 and date 2026-01-02.
  assert.equal(bytes.readUInt16LE(central + 12), (3 << 11) | (4 << 5) | 3);
  assert.equal(bytes.readUInt16LE(central + 14), ((2026 - 1980) << 9) | (1 << 5) | 2);
});

test('junk, empty and truncated files are refused with a zip error', () => {
  const junk = join(dir, 'junk.zip');
  writeFileSync(junk, randomBytes(5000));
  assert.throws(() => ZipReader.open(junk), ZipFormatError);
  const empty = join(dir, 'empty.zip');
  writeFileSync(empty, '');
  assert.throws(() => ZipReader.open(empty), /too short/);

  const path = join(dir, 'cut.zip');
  const zip = new ZipWriter(path);
  zip.addBuffer('data', randomBytes(10_000));
  zip.finish();
  truncateSync(path, 6000);
  assert.throws(() => ZipReader.open(path), ZipFormatError);
});

test('a damaged entry fails its CRC check rather than reading short or wrong', () => {
  const path = join(dir, 'crc.zip');
  const zip = new ZipWriter(path);
  zip.addBuffer('data', Buffer.from('some bytes that matter'));
  zip.finish();
  const bytes = readFileSync(path);
  bytes.writeUInt8(bytes.readUInt8(30 + 4 + 3) ^ 0xff, 30 + 4 + 3);
  writeFileSync(path, bytes);
  const reader = ZipReader.open(path);
  try {
    assert.throws(() => readAll(reader, 'data'), /CRC/);
  } finally {
    reader.close();
  }
});
