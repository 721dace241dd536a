import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringifyJson } from './json-int64.js';

test('bigints are written as JSON integers with every digit', () => {
  const value = { id: -5320123542524274300n, max: 9223372036854775807n, list: [1n, 'x'], safe: 1 };
  assert.equal(stringifyJson(value), '{"id":-5320123542524274300,"max":9223372036854775807,"list":[1,"x"],"safe":1}');
  assert.equal(stringifyJson({ a: [2n] }, 2), '{\n  "a": [\n    2\n  ]\n}');
});

test('values without bigints come out exactly as JSON.stringify writes them', () => {
  const value = { a: 'π', b: [1, null, true], c: { d: 'int64-' } };
  assert.equal(stringifyJson(value), JSON.stringify(value));
  assert.equal(stringifyJson(undefined), 'null');
});

test('strings that look like the marker stay strings', () => {
  // The marker is random per call, so text a client sent cannot be turned into a number.
  const value = { s: 'int64-00:123', n: 5n };
  assert.deepEqual(JSON.parse(stringifyJson(value)), { s: 'int64-00:123', n: 5 });
});
