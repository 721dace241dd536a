import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ZstdDecoder, ZstdEncoder, ZstdError, zstdCompress, zstdDecompress } from './zstd.js';

test('data compressed in pieces decompresses to the same bytes, fed in any pieces', () => {
  const data = Buffer.concat([randomBytes(500_000), Buffer.alloc(2_000_000, 7), randomBytes(300_000)]);
  const parts: Buffer[] = [];
  const encoder = new ZstdEncoder((chunk) => parts.push(Buffer.from(chunk)));
  for (let at = 0; at < data.length; at += 65_536) encoder.write(data.subarray(at, at + 65_536));
  encoder.end();
  const compressed = Buffer.concat(parts);
  assert.ok(compressed.length < data.length);
  assert.deepEqual(compressed.subarray(0, 4), Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
  const out: Buffer[] = [];
  const decoder = new ZstdDecoder((chunk) => out.push(Buffer.from(chunk)));
  for (let at = 0; at < compressed.length; at += 777) decoder.write(compressed.subarray(at, at + 777));
  decoder.end();
  assert.ok(Buffer.concat(out).equals(data));
});

test('one encoder writes one frame per file, as Anki writes media files', () => {
  const encoder = new ZstdEncoder();
  const frames = ['first file', 'second file, longer', ''].map((text) => {
    const parts: Buffer[] = [];
    encoder.begin((chunk) => parts.push(Buffer.from(chunk)));
    encoder.write(Buffer.from(text));
    encoder.end();
    return Buffer.concat(parts);
  });
  assert.deepEqual(
    frames.map((frame) => zstdDecompress(frame).toString()),
    ['first file', 'second file, longer', ''],
  );
});

test('an empty input is one empty frame, the bytes of an empty latest-format media map', () => {
  assert.deepEqual([...zstdCompress(new Uint8Array(0))], [0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x00, 0x01, 0x00, 0x00]);
});

test('bytes that are not zstd, or stop inside a frame, are refused', () => {
  assert.throws(() => zstdDecompress(Buffer.from('not zstd at all')), ZstdError);
  const frame = zstdCompress(randomBytes(10_000));
  assert.throws(() => zstdDecompress(frame.subarray(0, frame.length - 10)), ZstdError);
  assert.throws(() => zstdDecompress(new Uint8Array(0)), ZstdError);
  assert.throws(() => zstdDecompress(zstdCompress(Buffer.alloc(10_000)), 100), /more than 100 bytes/);
});
