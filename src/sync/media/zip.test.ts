import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ZipReader } from '../../packages/zip-reader.js';
import { ZipWriter } from '../../packages/zip-writer.js';
import { SyncError } from '../errors.js';
import { decodeDownloadZip, decodeUploadZip, encodeDownloadZip, encodeUploadZip } from './zip.js';

const dir = mkdtempSync(join(tmpdir(), 'acs-media-zip-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

/** The entries of a zip held in memory: name, method, content. */
function inspect(zip: Buffer): [string, number, string][] {
  const path = join(dir, `z${++counter}.zip`);
  writeFileSync(path, zip);
  const reader = ZipReader.open(path);
  try {
    return reader.entries.map((e) => [e.name, e.method, reader.readBuffer(e).toString('utf8')]);
  } finally {
    reader.close();
  }
}

/** A zip made by the project's writer, deflated, as a third-party zip could be. */
function zipOf(entries: [string, string][]): Buffer {
  const path = join(dir, `w${++counter}.zip`);
  const writer = new ZipWriter(path);
  for (const [name, text] of entries) writer.addBuffer(name, Buffer.from(text), 'deflated');
  writer.finish();
  return readFileSync(path);
}

test('download zip: stored entries 0..n and a _meta object; decodes in zip order', () => {
  const zip = encodeDownloadZip([
    { fname: 'dog.jpg', data: Buffer.from('woof') },
    { fname: 'bärk.mp3', data: Buffer.from('bark') },
  ]);
  assert.deepEqual(inspect(zip), [
    ['0', 0, 'woof'],
    ['1', 0, 'bark'],
    ['_meta', 0, '{"0":"dog.jpg","1":"bärk.mp3"}'],
  ]);
  assert.deepEqual(
    decodeDownloadZip(zip).map((f) => [f.fname, f.data.toString()]),
    [
      ['dog.jpg', 'woof'],
      ['bärk.mp3', 'bark'],
    ],
  );
});

test('download zip: an entry missing from _meta, or no _meta at all, is malformed', () => {
  assert.throws(() => decodeDownloadZip(zipOf([['0', 'x'], ['_meta', '{}']])), SyncError);
  assert.throws(() => decodeDownloadZip(zipOf([['0', 'x']])), SyncError);
  assert.throws(() => decodeDownloadZip(Buffer.from('not a zip')), SyncError);
});

test('upload zip: entries named by batch slot, deletions as null pairs in _meta', () => {
  const zip = encodeUploadZip([
    { fname: 'dog.jpg', data: Buffer.from('woof') },
    { fname: 'old.png', data: null },
    { fname: 'bark.mp3', data: Buffer.from('bark') },
  ]);
  assert.deepEqual(inspect(zip), [
    ['0', 0, 'woof'],
    ['2', 0, 'bark'],
    ['_meta', 0, '[["dog.jpg","0"],["old.png",null],["bark.mp3","2"]]'],
  ]);
  assert.deepEqual(
    decodeUploadZip(zip).map((c) => [c.fname, c.data?.toString() ?? null]),
    [
      ['dog.jpg', 'woof'],
      ['old.png', null],
      ['bark.mp3', 'bark'],
    ],
  );
});

test('upload zip: decoded with the server\'s checks', () => {
  // Older clients and AnkiDroid mark a deletion with "".
  assert.deepEqual(decodeUploadZip(zipOf([['_meta', '[["a.jpg",""]]']])), [{ fname: 'a.jpg', data: null }]);
  const refused = (meta: string, extra: [string, string][] = []): void => {
    assert.throws(() => decodeUploadZip(zipOf([...extra, ['_meta', meta]])), SyncError, meta);
  };
  refused(JSON.stringify(Array.from({ length: 26 }, (_, i) => [`f${i}.jpg`, null])));
  refused('[["e\u0301.jpg", null]]');
  refused('[["a/b.jpg", null]]');
  refused(JSON.stringify([['x'.repeat(256), null]]));
  refused('[["a.jpg","0"]]', [['0', '']]);
  refused('[["a.jpg","1"]]', [['0', 'x']]);
  refused('{"0":"a.jpg"}', [['0', 'x']]);
});
