import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CORRUPT_MESSAGE, TOO_NEW_MESSAGE } from './errors.js';
import { detectFormat, encodeMeta } from './format.js';

test('meta bytes are 08 03 for latest and 08 02 for legacy', () => {
  assert.deepEqual([...encodeMeta('latest')], [8, 3]);
  assert.deepEqual([...encodeMeta('legacy2')], [8, 2]);
});

test('the format follows meta, or without one the collection entries, as in Anki', () => {
  assert.equal(detectFormat(Uint8Array.of(8, 3), false), 'latest');
  assert.equal(detectFormat(Uint8Array.of(8, 2), false), 'legacy2');
  assert.equal(detectFormat(Uint8Array.of(8, 1), true), 'legacy1');
  assert.equal(detectFormat(undefined, true), 'legacy2');
  assert.equal(detectFormat(undefined, false), 'legacy1');
});

test('version 0, an unknown version or an empty meta is a package from a newer Anki', () => {
  for (const meta of [Uint8Array.of(8, 0), Uint8Array.of(8, 4), Uint8Array.of(8, 99), new Uint8Array(0)]) {
    assert.throws(() => detectFormat(meta, false), { message: TOO_NEW_MESSAGE });
  }
  assert.throws(() => detectFormat(Uint8Array.of(0xff, 0xff), false), (err: Error) => err.message.startsWith(CORRUPT_MESSAGE));
});
