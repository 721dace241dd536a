import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openMemoryDatabase } from './database.js';

// Expected results are written from the folding rules (CaseFolding.txt statuses C and F, then
// code point order), not from running the collation.

const db = openMemoryDatabase();
const equal = (a: string, b: string) =>
  (db.prepare('select ? = ? collate unicase as eq').get(a, b) as { eq: number }).eq === 1;
const compare = (a: string, b: string) => {
  const row = db.prepare('select (? < ? collate unicase) as lt, (? = ? collate unicase) as eq').get(a, b, a, b) as {
    lt: number;
    eq: number;
  };
  return row.eq === 1 ? 0 : row.lt === 1 ? -1 : 1;
};

test('ASCII strings compare after lower-casing', () => {
  assert.ok(equal('Default', 'DEFAULT'));
  assert.equal(compare('apple', 'Banana'), -1);
  assert.equal(compare('B', 'a'), 1);
  assert.equal(compare('abc', 'ABCD'), -1, 'a prefix sorts first');
  // '_' (0x5F) sorts after upper-case letters but before lower-case ones; folding makes it follow letters.
  assert.equal(compare('_', 'A'), -1, "'_' (0x5F) sorts before 'a' (0x61)");
});

test('sharp s folds to ss (full folding, status F)', () => {
  assert.ok(equal('ß', 'ss'));
  assert.ok(equal('ß', 'SS'));
  assert.ok(equal('ẞ', 'ss'), 'capital sharp s folds to ss');
  assert.ok(equal('Straße', 'STRASSE'));
  assert.equal(compare('ß', 'st'), -1, 'ss < st');
});

test('long s and Kelvin sign fold to ASCII letters', () => {
  assert.ok(equal('ſ', 's'));
  assert.ok(equal('ſ', 'S'));
  assert.ok(equal('\u212a', 'k'), 'KELVIN SIGN folds to k');
  assert.ok(equal('\u212a', 'K'));
});

test('all three sigmas are equal', () => {
  assert.ok(equal('Σ', 'σ'));
  assert.ok(equal('Σ', 'ς'));
  assert.ok(equal('σ', 'ς'));
  assert.ok(equal('ΟΔΥΣΣΕΥΣ', 'οδυσσευς'));
});

test('dotted capital I folds to i + combining dot, not to i', () => {
  assert.ok(equal('İ', 'i\u0307'));
  assert.ok(!equal('İ', 'i'));
  assert.equal(compare('i', 'İ'), -1, 'i is a prefix of i + U+0307');
});

test('letters outside the BMP fold too', () => {
  assert.ok(equal('𐐀', '𐐨'), 'DESERET CAPITAL LONG I folds to its small letter');
  assert.ok(equal('𞤀', '𞤢'), 'ADLAM CAPITAL ALIF');
});

test('order is by code point, not by UTF-16 unit', () => {
  // U+FF42 (fullwidth b) < U+10428: in UTF-16 the surrogate 0xD801 would sort before 0xFF42.
  assert.equal(compare('ｂ', '𐐨'), -1);
  assert.equal(compare('\ue000', '𐐨'), -1, 'private use U+E000 < U+10428');
  assert.equal(compare('é', 'z'), 1, 'é (U+E9) > z (U+7A)');
});

test('an index built with unicase passes integrity_check and orders by the folding rules', () => {
  const mem = openMemoryDatabase();
  mem.exec('create table t (name text not null collate unicase); create unique index ix on t (name);');
  const names = ['zeta', 'Alpha', 'ß-word', 'Straßburg', 'ſtar', 'Σίσυφος', 'İstanbul', '𐐨', 'ｂ', 'beta', 'Émile', 'apple'];
  const insert = mem.prepare('insert into t values (?)');
  for (const name of names) insert.run(name);
  assert.equal(mem.pragma('integrity_check', { simple: true }), 'ok');
  const ordered = (mem.prepare('select name from t order by name').all() as { name: string }[]).map((r) => r.name);
  // Folded keys: alpha, apple, beta, i\u0307stanbul, ss-word, star, strassburg, zeta,
  // \u00e9mile, \u03c3\u03af…, U+FF42, U+10428.
  assert.deepEqual(ordered, [
    'Alpha',
    'apple',
    'beta',
    'İstanbul',
    'ß-word',
    'ſtar',
    'Straßburg',
    'zeta',
    'Émile',
    'Σίσυφος',
    'ｂ',
    '𐐨',
  ]);
  assert.throws(() => insert.run('STRASSBURG'), /UNIQUE/, 'a name equal under folding violates the unique index');
});
