import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeJsonError,
  describeUtf8Error,
  parsePythonCompatibleJson,
  parseRequestBody,
  pythonRepr,
  validateRequestEnvelope,
} from './python-errors.js';

const encode = (text: string) => new TextEncoder().encode(text);

void test('the upstream test_server.py bodies get the texts its assertions look for', () => {
  const cases: readonly (readonly [Uint8Array, string])[] = [
    [Uint8Array.from([0xe7, 0x8c]), "can't decode"],
    [encode('{1: 2}'), 'in double quotes'],
    [encode('1.2'), "is not of type 'object'"],
    [encode('{}'), "'action' is a required property"],
    [encode('{"action": 1}'), "1 is not of type 'string'"],
  ];
  for (const [body, fragment] of cases) {
    const result = parseRequestBody(body);
    assert.ok(!result.ok && result.error.includes(fragment), `${JSON.stringify(result)} should mention ${fragment}`);
  }
});

void test('parseRequestBody gives the full add-on texts, in the add-on\'s order of checks', () => {
  const error = (body: Uint8Array) => {
    const result = parseRequestBody(body);
    return result.ok ? null : result.error;
  };
  assert.equal(error(Uint8Array.from([0xe7, 0x8c])), "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data");
  // Decoding comes first: bad bytes win over bad JSON after them.
  assert.equal(error(Uint8Array.from([0x7b, 0x31, 0xff])), "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte");
  assert.equal(error(encode('{1: 2}')), 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)');
  assert.equal(error(encode('1.2')), "1.2 is not of type 'object'");
  assert.equal(error(encode('{}')), "'action' is a required property");
  assert.equal(error(encode('{"action": 1}')), "1 is not of type 'string'");
  assert.equal(error(encode('{"action": ""}')), "'' is too short");
  // Python's decode keeps the byte order mark, and json.loads then refuses it.
  assert.equal(
    error(Uint8Array.from([0xef, 0xbb, 0xbf, ...encode('{"action": "version"}')])),
    'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)',
  );
  // The add-on answers an empty body with its banner before parsing; parsed, it is this.
  assert.equal(error(new Uint8Array(0)), 'Expecting value: line 1 column 1 (char 0)');
});

void test('parseRequestBody returns the envelope when all is well', () => {
  assert.deepEqual(parseRequestBody(Buffer.from('{"action": "deckNames", "version": 6, "key": null}')), {
    ok: true,
    value: { action: 'deckNames', version: 6, key: null },
  });
  const withNaN = parseRequestBody(encode('{"action": "version", "params": {"x": NaN}}'));
  assert.ok(withNaN.ok);
  assert.deepEqual(withNaN.value, { action: 'version', params: { x: NaN } });
});

void test('parseRequestBody passes the version options on', () => {
  const result = parseRequestBody(encode('{"action": "", "version": "6"}'), { jsonschema: 'latest' });
  assert.deepEqual(result, { ok: false, error: "'6' is not of type 'integer'" });
  assert.deepEqual(parseRequestBody(encode('[1,]'), { pythonMinor: 13 }), {
    ok: false,
    error: 'Illegal trailing comma before end of array: line 1 column 3 (char 2)',
  });
});

void test('python-errors re-exports the building blocks', () => {
  assert.equal(describeUtf8Error(Uint8Array.from([0x80])), "'utf-8' codec can't decode byte 0x80 in position 0: invalid start byte");
  assert.equal(describeJsonError('[1 2]'), "Expecting ',' delimiter: line 1 column 4 (char 3)");
  assert.deepEqual(parsePythonCompatibleJson('[1]'), { ok: true, value: [1] });
  assert.equal(pythonRepr({ a: [null] }), "{'a': [None]}");
  assert.equal(validateRequestEnvelope([]), "[] is not of type 'object'");
});
