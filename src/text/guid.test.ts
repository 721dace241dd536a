import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { base91, randomGuid } from './guid.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';

void describe('base91', () => {
  void it('matches the Anki test vectors', () => {
    assert.equal(base91(1n), 'b');
    assert.equal(base91(1234567890n), 'saAKk');
    assert.equal(base91((1n << 64n) - 1n), 'Rj&Z5m[>Zp');
  });

  void it('writes zero as the empty string and has no padding', () => {
    assert.equal(base91(0n), '');
    assert.equal(base91(90n), '~');
    assert.equal(base91(91n), 'ba');
    assert.equal(base91(91n * 91n), 'baa');
  });

  void it('refuses values outside u64', () => {
    assert.throws(() => base91(-1n), RangeError);
    assert.throws(() => base91(1n << 64n), RangeError);
  });
});

void describe('randomGuid', () => {
  void it('produces distinct base-91 strings of at most 10 characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const guid = randomGuid();
      assert.ok(guid.length <= 10);
      for (const char of guid) assert.ok(ALPHABET.includes(char), guid);
      seen.add(guid);
    }
    assert.equal(seen.size, 2000);
  });
});
