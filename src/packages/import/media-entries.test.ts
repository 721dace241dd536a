import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMediaEntries, isSafeFilename, isStaticMedia } from './media-entries.js';

test("safe names are one plain path component, as Rust's Path::components sees them", () => {
  for (const name of ['a.jpg', 'a/', 'a/.', 'a\\b.jpg', '..a']) assert.equal(isSafeFilename(name), true, name);
  for (const name of ['', '.', '..', '../a', 'a/b', '/a', './a', 'a/..']) assert.equal(isSafeFilename(name), false, name);
});

test('legacy names are normalised; latest names must be normalised already and carry a SHA-1', () => {
  const entry = (name: string, sha1?: string) => ({ name, sha1, read: () => new Uint8Array() });
  assert.equal(checkMediaEntries('legacy1', [entry('a?b.jpg')])[0]?.name, 'ab.jpg');
  assert.throws(() => checkMediaEntries('legacy2', [entry('../x')]), /not a valid \.apkg file/);
  assert.throws(() => checkMediaEntries('latest', [entry('a?b.jpg', 'a'.repeat(40))]), /not a valid \.apkg file/);
  assert.throws(() => checkMediaEntries('latest', [entry('ab.jpg', 'abc')]), /not a valid \.apkg file/);
  assert.equal(checkMediaEntries('latest', [entry('ab.jpg', 'A'.repeat(40))])[0]?.sha1, 'a'.repeat(40));
});

test('static media: underscore and latex files', () => {
  assert.equal(isStaticMedia('_style.css'), true);
  assert.equal(isStaticMedia('latex-0123.png'), true);
  assert.equal(isStaticMedia('photo.jpg'), false);
});
