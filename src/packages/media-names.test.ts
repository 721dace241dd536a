import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLatestMediaName, isSafeFilename, legacyMediaName } from './media-names.js';

test('only a single plain path component is safe, as Rust paths see it', () => {
  for (const name of ['a.png', 'sound ü.mp3', '_font.woff', 'a/', 'a//', '..a', 'a..', '...']) assert.ok(isSafeFilename(name), name);
  for (const name of ['', '.', '..', '../x', 'a/b', '/x', './x', 'x/../y', 'a/./b', '//x']) assert.ok(!isSafeFilename(name), name);
});

test('latest-format names must already be normalised; anything else makes the package corrupt', () => {
  assert.equal(checkLatestMediaName('a.png'), 'a.png');
  for (const name of ['../x', 'a/b', 'a:b.png', 'con', 'e\u0301.png', 'x.']) {
    assert.throws(() => checkLatestMediaName(name), /not a valid \.apkg file/, name);
  }
});

test('legacy names are normalised, unsafe ones refused', () => {
  assert.equal(legacyMediaName('con'), 'con_');
  assert.equal(legacyMediaName('a:b.png'), 'ab.png');
  assert.equal(legacyMediaName('e\u0301.png'), '\u00e9.png');
  for (const name of ['../x', 'a/b', '/etc/passwd', '..', '???']) assert.throws(() => legacyMediaName(name), /not a valid \.apkg file/, name);
});
