import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePythonCompatibleJson } from './python-json.js';
import { validateRequestEnvelope } from './python-schema.js';

// [request body, message under jsonschema 4.1.2 (Anki's pin), message under jsonschema ≥ 4.21].
// Computed with python-jsonschema 4.26 on CPython 3.11: the 4.21+ column directly, the 4.1.2 column
// with 4.1.2's best_match key (depth, weak, strong; first wins ties) and its minLength wording.
const VECTORS: readonly (readonly [string, string | null, string | null])[] = [
  ["1.2", "1.2 is not of type 'object'", "1.2 is not of type 'object'"],
  ["[]", "[] is not of type 'object'", "[] is not of type 'object'"],
  ["\"x\"", "'x' is not of type 'object'", "'x' is not of type 'object'"],
  ["null", "None is not of type 'object'", "None is not of type 'object'"],
  ["true", "True is not of type 'object'", "True is not of type 'object'"],
  ["{}", "'action' is a required property", "'action' is a required property"],
  ["{\"action\": 1}", "1 is not of type 'string'", "1 is not of type 'string'"],
  ["{\"action\": \"\"}", "'' is too short", "'' should be non-empty"],
  ["{\"action\": null}", "None is not of type 'string'", "None is not of type 'string'"],
  ["{\"action\": [\"a\"]}", "['a'] is not of type 'string'", "['a'] is not of type 'string'"],
  ["{\"action\": {\"a\": 1}}", "{'a': 1} is not of type 'string'", "{'a': 1} is not of type 'string'"],
  ["{\"action\": true}", "True is not of type 'string'", "True is not of type 'string'"],
  ["{\"action\": \"version\"}", null, null],
  ["{\"action\": \"version\", \"version\": 6}", null, null],
  ["{\"action\": \"version\", \"version\": 6.0}", null, null],
  ["{\"action\": \"version\", \"version\": \"6\"}", "'6' is not of type 'integer'", "'6' is not of type 'integer'"],
  ["{\"action\": \"version\", \"version\": 6.5}", "6.5 is not of type 'integer'", "6.5 is not of type 'integer'"],
  ["{\"action\": \"version\", \"version\": true}", "True is not of type 'integer'", "True is not of type 'integer'"],
  ["{\"action\": \"version\", \"version\": null}", "None is not of type 'integer'", "None is not of type 'integer'"],
  ["{\"action\": \"version\", \"version\": NaN}", "nan is not of type 'integer'", "nan is not of type 'integer'"],
  ["{\"action\": \"version\", \"version\": -Infinity}", "-inf is not of type 'integer'", "-inf is not of type 'integer'"],
  // Python reads 1e400 as inf, so Anki-Connect itself answers this (issue 14, finding 9).
  ["{\"action\": \"version\", \"version\": 1e400}", "inf is not of type 'integer'", "inf is not of type 'integer'"],
  ["{\"action\": \"version\", \"params\": []}", "[] is not of type 'object'", "[] is not of type 'object'"],
  ["{\"action\": \"version\", \"params\": \"x\"}", "'x' is not of type 'object'", "'x' is not of type 'object'"],
  ["{\"action\": \"version\", \"params\": null}", "None is not of type 'object'", "None is not of type 'object'"],
  ["{\"action\": \"version\", \"params\": {}}", null, null],
  ["{\"action\": \"version\", \"key\": 123, \"other\": [1]}", null, null],
  ["{\"version\": \"6\"}", "'action' is a required property", "'action' is a required property"],
  ["{\"params\": 1, \"version\": 1.5}", "'action' is a required property", "'action' is a required property"],
  ["{\"action\": 1, \"version\": \"6\"}", "1 is not of type 'string'", "'6' is not of type 'integer'"],
  ["{\"action\": \"\", \"params\": 1}", "'' is too short", "1 is not of type 'object'"],
  ["{\"action\": 1, \"params\": []}", "1 is not of type 'string'", "[] is not of type 'object'"],
  ["{\"action\": \"a\", \"version\": \"6\", \"params\": []}", "'6' is not of type 'integer'", "'6' is not of type 'integer'"],
  ["{\"action\": \"\", \"version\": 1.5, \"params\": 2}", "'' is too short", "1.5 is not of type 'integer'"],
  ["{\"action\": \"it's\"}", null, null],
  ["{\"action\": \"a\", \"version\": \"it's \\\"q\\\"\"}", "'it\\'s \"q\"' is not of type 'integer'", "'it\\'s \"q\"' is not of type 'integer'"],
  ["{\"action\": \"a\", \"params\": [1, \"\\u00e9\\n\", {\"k\": null}]}", "[1, '\u00e9\\n', {'k': None}] is not of type 'object'", "[1, '\u00e9\\n', {'k': None}] is not of type 'object'"],
];

function parse(text: string): unknown {
  const result = parsePythonCompatibleJson(text);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

void test('validateRequestEnvelope reproduces jsonschema 4.1.2 as bundled with Anki', () => {
  for (const [text, anki] of VECTORS) assert.equal(validateRequestEnvelope(parse(text)), anki, text);
});

void test('validateRequestEnvelope reproduces jsonschema 4.21 and later on request', () => {
  for (const [text, , latest] of VECTORS) {
    assert.equal(validateRequestEnvelope(parse(text), { jsonschema: 'latest' }), latest, text);
  }
});

void test('validateRequestEnvelope: the upstream test bodies', () => {
  assert.ok(validateRequestEnvelope(parse('1.2'))?.startsWith("1.2 is not of type 'object'"));
  assert.equal(validateRequestEnvelope(parse('{}')), "'action' is a required property");
  assert.equal(validateRequestEnvelope(parse('{"action": 1}')), "1 is not of type 'string'");
});

void test('validateRequestEnvelope: booleans are not integers, integral numbers are', () => {
  assert.equal(validateRequestEnvelope({ action: 'a', version: false }), "False is not of type 'integer'");
  assert.equal(validateRequestEnvelope({ action: 'a', version: 6 }), null);
  assert.equal(validateRequestEnvelope({ action: 'a', version: 2n ** 70n }), null);
  assert.equal(validateRequestEnvelope({ action: 'a', version: 1e300 }), null); // Python: float 1e300 is_integer()
});

void test('validateRequestEnvelope: "action" must be an own key', () => {
  const inherited = Object.create({ action: 'version' }) as object;
  assert.equal(validateRequestEnvelope(inherited), "'action' is a required property");
});

void test('validateRequestEnvelope prints strings with the chosen Python\'s Unicode tables', () => {
  const value = { action: 'a', version: '\u{1FAE0}' };
  assert.equal(validateRequestEnvelope(value), "'\\U0001fae0' is not of type 'integer'");
  assert.equal(validateRequestEnvelope(value, { pythonMinor: 13 }), "'\u{1FAE0}' is not of type 'integer'");
});
