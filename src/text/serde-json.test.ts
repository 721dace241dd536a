import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringifySerdeMap, stringifySerdeValue } from './serde-json.js';

test('object keys are written sorted at every depth, as serde_json writes its BTreeMap', () => {
  const value = { rev: { minSpace: 1, fuzz: 0.05 }, new: { separate: true }, list: [{ b: 1, a: 2 }] };
  assert.equal(stringifySerdeValue(value), '{"list":[{"a":2,"b":1}],"new":{"separate":true},"rev":{"fuzz":0.05,"minSpace":1}}');
});

test('keys are compared as strings by code point, not as JavaScript orders integer-like keys', () => {
  // A JavaScript object lists "2" before "10"; a BTreeMap of strings puts "10" first.
  assert.equal(stringifySerdeValue({ b: 0, 2: 0, 10: 0 }), '{"10":0,"2":0,"b":0}');
  // U+FF5E sorts before U+1F600 by code point, after it by UTF-16 code unit.
  assert.equal(stringifySerdeMap([['😀', 1], ['～', 2]]), '{"～":2,"😀":1}');
});

test('a map of entries keeps keys JavaScript objects treat specially, and bigints exactly', () => {
  assert.equal(stringifySerdeMap([['vers', []], ['__proto__', { z: 1, a: -5320123542524274300n }]]), '{"__proto__":{"a":-5320123542524274300,"z":1},"vers":[]}');
  assert.equal(stringifySerdeValue([undefined, 'é\n"']), '[null,"é\\n\\""]');
  assert.equal(stringifySerdeValue({ a: undefined, b: null }), '{"b":null}');
});
