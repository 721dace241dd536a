import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCardData, serializeCardData } from './card-data.js';

test('FSRS values are rounded in f32 and written as serde writes an f32 (as Anki writes them)', () => {
  // Anki's own test of the column (rslib storage/card/data.rs) gives this for these values.
  assert.equal(
    serializeCardData({ s: 123.45678, d: 1.234567, dr: 0.987654, decay: 0.123456 }),
    '{"s":123.4568,"d":1.235,"dr":0.99,"decay":0.123}',
  );
  // Whole numbers keep their ".0", as serde_json writes floats.
  assert.equal(serializeCardData({ pos: 3, s: 10, d: 10, dr: 0.9, decay: 0.1542, lrt: 1_700_000_000 }), '{"pos":3,"s":10.0,"d":10.0,"dr":0.9,"decay":0.154,"lrt":1700000000}');
});

test('keys in Anki\'s order; unknown keys, values of the wrong type and empty custom data dropped', () => {
  assert.equal(serializeCardData({ lrt: 5, x: 1, pos: 2, cd: '' }), '{"pos":2,"lrt":5}');
  assert.equal(serializeCardData({ pos: -1, s: 'a', lrt: 1.5, cd: '{"k":1}' }), '{"cd":"{\\"k\\":1}"}');
  assert.equal(serializeCardData({}), '{}');
});

test('reading: anything that is not a JSON object reads as empty', () => {
  assert.deepEqual(parseCardData(''), {});
  assert.deepEqual(parseCardData('[1]'), {});
  assert.deepEqual(parseCardData('{"s":1.5'), {});
  assert.deepEqual(parseCardData('{"s":1.5}'), { s: 1.5 });
});
