import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compareCodePoints, compareIgnoringCase, equalsIgnoringCase, foldCase } from './case-fold.js';

void describe('foldCase', () => {
  void it('lower-cases ASCII', () => {
    assert.equal(foldCase('Hello WORLD 123'), 'hello world 123');
  });

  void it('applies full folding where toLowerCase differs', () => {
    assert.equal(foldCase('Straße'), 'strasse');
    assert.equal(foldCase('\u1e9e'), 'ss'); // CAPITAL SHARP S
    assert.equal(foldCase('ΣΑΣ'), 'σασ');
    assert.equal(foldCase('σας'), 'σασ'); // final sigma folds to sigma
    assert.equal(foldCase('\ufb03'), 'ffi'); // LATIN SMALL LIGATURE FFI
    assert.equal(foldCase('\u0130'), 'i\u0307'); // I WITH DOT ABOVE, full (not Turkic) folding
    assert.equal(foldCase('\u212a'), 'k'); // KELVIN SIGN
    assert.equal(foldCase('\uab70'), '\u13a0'); // Cherokee folds to the capital letters
  });

  void it('folds characters outside the BMP', () => {
    assert.equal(foldCase('\u{10400}'), '\u{10428}'); // DESERET CAPITAL LONG I
  });

  void it('leaves uncased text alone', () => {
    assert.equal(foldCase('今日 ✓'), '今日 ✓');
  });

  void it('agrees with the native collation’s table, entry for entry', () => {
    // Both tables come from one generator (scripts/gen-casefold.ts); CI checks them against
    // CaseFolding.txt. This keeps JavaScript and SQLite folding identical.
    const header = readFileSync(new URL('../../native/casefold_table.h', import.meta.url), 'utf8');
    const numbers = (name: string) =>
      [...(header.split(name)[1]?.split('};')[0] ?? '').matchAll(/0x([0-9A-F]+)/g)].map((m) => parseInt(m[1] ?? '', 16));
    const from = numbers('CASEFOLD_FROM[CASEFOLD_COUNT] =');
    const to = numbers('CASEFOLD_TO[CASEFOLD_COUNT][3] =');
    assert.ok(from.length > 1000);
    from.forEach((cp, i) => {
      const folded = String.fromCodePoint(...to.slice(i * 3, i * 3 + 3).filter((v) => v !== 0));
      assert.equal(foldCase(String.fromCodePoint(cp)), folded, `U+${cp.toString(16)}`);
    });
  });

});

void describe('equalsIgnoringCase', () => {
  void it('compares with full folding', () => {
    assert.equal(equalsIgnoringCase('Foo', 'fOO'), true);
    assert.equal(equalsIgnoringCase('STRASSE', 'straße'), true);
    assert.equal(equalsIgnoringCase('\u13a0', '\uab70'), true);
    assert.equal(equalsIgnoringCase('ä', 'a'), false);
    assert.equal(equalsIgnoringCase('i', '\u0131'), false); // dotless i has no folding
  });
});

void describe('compareIgnoringCase', () => {
  void it('orders by folded code points', () => {
    assert.ok(compareIgnoringCase('a', 'B') < 0);
    assert.ok(compareIgnoringCase('B', 'a') > 0);
    assert.equal(compareIgnoringCase('straße', 'STRASSE'), 0);
    // "_" (U+005F) sorts before lower-case letters, but after upper-case ones without folding.
    assert.ok(compareIgnoringCase('_x', 'A') < 0);
    assert.ok(compareIgnoringCase('ab', 'abc') < 0);
  });
});

void describe('compareCodePoints', () => {
  void it('puts characters above U+FFFF after the rest of the BMP', () => {
    const utf16Less = (a: string, b: string): boolean => a < b;
    assert.ok(utf16Less('\u{10000}', '\uffff')); // UTF-16 order disagrees
    assert.ok(compareCodePoints('\u{10000}', '\uffff') > 0);
    assert.ok(compareCodePoints('\ue000', '\u{1f600}') < 0);
    assert.ok(compareCodePoints('\u{1f600}', '\u{1f601}') < 0);
    assert.equal(compareCodePoints('x\u{1f600}', 'x\u{1f600}'), 0);
  });
});
