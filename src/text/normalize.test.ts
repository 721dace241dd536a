import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeField, normalizeToNfc, removeAsciiControls } from './normalize.js';

void describe('normalizeToNfc', () => {
  void it('maps compatibility ideographs and composes accents', () => {
    assert.equal(normalizeToNfc('\u{fa47}'), '\u{6f22}');
    assert.equal(normalizeToNfc('e\u0301'), '\u00e9');
    assert.equal(normalizeToNfc('\u1100\u1161'), '\uac00'); // Hangul jamo compose
    assert.equal(normalizeToNfc('\u212b'), '\u00c5'); // ANGSTROM SIGN
  });

  void it('leaves NFC text alone', () => {
    assert.equal(normalizeToNfc('plain ascii'), 'plain ascii');
    assert.equal(normalizeToNfc('\u00e9t\u00e9 今日'), '\u00e9t\u00e9 今日');
  });

  void it('relies on a sound fast path: nothing below U+0300 changes under NFC', () => {
    for (let code = 0; code < 0x300; code++) {
      const char = String.fromCodePoint(code);
      assert.equal(char.normalize('NFC'), char, `U+${code.toString(16)}`);
    }
  });
});

void describe('normalizeField', () => {
  void it('removes ASCII control characters except tab and newline', () => {
    assert.equal(normalizeField('a\u001fb\r\nc\td\u0000\u007fe', false), 'ab\nc\tde');
    assert.equal(normalizeField('\u0001\u0008\u000b\u000c\u001b', false), '');
  });

  void it('keeps C1 controls and other non-ASCII characters', () => {
    assert.equal(normalizeField('a\u0085b\u00a0c\u200bd', false), 'a\u0085b\u00a0c\u200bd');
  });

  void it('normalises to NFC only when asked', () => {
    assert.equal(normalizeField('e\u0301', true), '\u00e9');
    assert.equal(normalizeField('e\u0301', false), 'e\u0301');
    assert.equal(normalizeField('\u{fa47}', true), '\u{6f22}');
  });

  void it('removes controls before normalising, so separated marks compose', () => {
    assert.equal(normalizeField('e\u0000\u0301', true), '\u00e9');
  });

  void it('returns the same string when nothing changes', () => {
    const field = 'Front <b>text</b>\nline two';
    assert.equal(normalizeField(field, true), field);
  });
});

void describe('removeAsciiControls', () => {
  void it('can remove tab and newline as well', () => {
    assert.equal(removeAsciiControls('a\tb\nc\u007f', false), 'abc');
    assert.equal(removeAsciiControls('a\tb\nc\u007f', true), 'a\tb\nc');
    assert.equal(removeAsciiControls('\u0000', true), '');
  });
});
