import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LegacyJsonError, parseLegacyJson } from './json.js';

test('integers beyond 2^53 are exact bigints; everything else reads as JSON.parse reads it', () => {
  assert.deepEqual(parseLegacyJson('{"id": -5320123542524274300, "n": 9007199254740991, "f": 2.5, "e": 1e3}'), {
    id: -5320123542524274300n,
    n: 9007199254740991,
    f: 2.5,
    e: 1000,
  });
  const text = ' {"a": [true, false, null, "x\\u00e9\\n\\ud83d\\ude00\\/"], "b": {}, "c": []} ';
  assert.deepEqual(parseLegacyJson(text), JSON.parse(text));
});

test('a repeated key keeps its last value, and "__proto__" is an ordinary key', () => {
  const parsed = parseLegacyJson('{"a": 1, "a": 2, "__proto__": {"polluted": true}}') as Record<string, unknown>;
  assert.equal(parsed['a'], 2);
  assert.deepEqual(Object.keys(parsed), ['a', '__proto__']);
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  assert.equal((parsed as { polluted?: unknown }).polluted, undefined);
});

test('texts serde_json refuses are refused', () => {
  for (const text of ['', '{', '{"a": 1,}', '[1 2]', '"\\ud800"', '"\\udc00"', '"a\tb"', '01', '{"a": 1} x', 'NaN', "{'a': 1}", '"\\x"']) {
    assert.throws(() => parseLegacyJson(text), LegacyJsonError, JSON.stringify(text));
  }
  assert.throws(() => parseLegacyJson('['.repeat(128) + ']'.repeat(128)), /recursion limit/);
  assert.doesNotThrow(() => parseLegacyJson('['.repeat(127) + ']'.repeat(127)));
});
