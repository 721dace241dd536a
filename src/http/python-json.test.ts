import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeJsonError, parsePythonCompatibleJson, parsePythonJson } from './python-json.js';
import type { PythonJsonResult } from './python-json.js';

// Vectors: str(exception) from CPython 3.9.18 and 3.13.0 `json.loads(text)`, or null where it
// returns a value.
// Same text and message under CPython 3.9 and 3.13.
const BOTH: readonly (readonly [string, string | null])[] = [
  ["", "Expecting value: line 1 column 1 (char 0)"],
  [" ", "Expecting value: line 1 column 2 (char 1)"],
  ["\n\n", "Expecting value: line 3 column 1 (char 2)"],
  ["{1: 2}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"],
  ["{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"],
  ["{\"a\"", "Expecting ':' delimiter: line 1 column 5 (char 4)"],
  ["{\"a\" 1}", "Expecting ':' delimiter: line 1 column 6 (char 5)"],
  ["{\"a\":", "Expecting value: line 1 column 6 (char 5)"],
  ["{\"a\": }", "Expecting value: line 1 column 7 (char 6)"],
  ["{\"a\": 1", "Expecting ',' delimiter: line 1 column 8 (char 7)"],
  ["{\"a\": 1 \"b\": 2}", "Expecting ',' delimiter: line 1 column 9 (char 8)"],
  ["{,}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"],
  ["{'a': 1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"],
  ["[", "Expecting value: line 1 column 2 (char 1)"],
  ["[1", "Expecting ',' delimiter: line 1 column 3 (char 2)"],
  ["[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"],
  ["[,", "Expecting value: line 1 column 2 (char 1)"],
  ["]", "Expecting value: line 1 column 1 (char 0)"],
  ["}", "Expecting value: line 1 column 1 (char 0)"],
  ["x", "Expecting value: line 1 column 1 (char 0)"],
  ["nul", "Expecting value: line 1 column 1 (char 0)"],
  ["tru", "Expecting value: line 1 column 1 (char 0)"],
  ["fals", "Expecting value: line 1 column 1 (char 0)"],
  ["True", "Expecting value: line 1 column 1 (char 0)"],
  ["None", "Expecting value: line 1 column 1 (char 0)"],
  ["nan", "Expecting value: line 1 column 1 (char 0)"],
  ["-", "Expecting value: line 1 column 1 (char 0)"],
  ["-a", "Expecting value: line 1 column 1 (char 0)"],
  ["+1", "Expecting value: line 1 column 1 (char 0)"],
  [".5", "Expecting value: line 1 column 1 (char 0)"],
  ["01", "Extra data: line 1 column 2 (char 1)"],
  ["1.", "Extra data: line 1 column 2 (char 1)"],
  ["1.e5", "Extra data: line 1 column 2 (char 1)"],
  ["1e", "Extra data: line 1 column 2 (char 1)"],
  ["1e+", "Extra data: line 1 column 2 (char 1)"],
  ["-0.0e-", "Extra data: line 1 column 5 (char 4)"],
  ["1 2", "Extra data: line 1 column 3 (char 2)"],
  ["[] []", "Extra data: line 1 column 4 (char 3)"],
  ["{} x", "Extra data: line 1 column 4 (char 3)"],
  ["\"abc", "Unterminated string starting at: line 1 column 1 (char 0)"],
  ["\"abc\\", "Unterminated string starting at: line 1 column 1 (char 0)"],
  ["\"\\x\"", "Invalid \\escape: line 1 column 2 (char 1)"],
  ["\"\\u12\"", "Invalid \\uXXXX escape: line 1 column 3 (char 2)"],
  ["\"\\u12", "Invalid \\uXXXX escape: line 1 column 3 (char 2)"],
  ["\"\\u0041", "Invalid \\uXXXX escape: line 1 column 3 (char 2)"],
  ["\"\\u0041\"", null],
  ["\"\\uzzzz\"", "Invalid \\uXXXX escape: line 1 column 3 (char 2)"],
  ["\"\\ud800\\u12\"", "Invalid \\uXXXX escape: line 1 column 9 (char 8)"],
  ["\"\\ud800\\udc00", "Invalid \\uXXXX escape: line 1 column 9 (char 8)"],
  ["\"\\ud800\"", null],
  ["\"a\tb\"", "Invalid control character at: line 1 column 3 (char 2)"],
  ["\"a\nb\"", "Invalid control character at: line 1 column 3 (char 2)"],
  ["\"\u0000\"", "Invalid control character at: line 1 column 2 (char 1)"],
  ["\"\u001f\"", "Invalid control character at: line 1 column 2 (char 1)"],
  ["\"\u007f\"", null],
  ["\ufeff{}", "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"],
  ["\ufeff", "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"],
  [" \ufeff{}", "Expecting value: line 1 column 2 (char 1)"],
  ["\ufeff\"x\"", "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"],
  ["{\"action\": \"version\",\n \"params\": {\n  \"x\": ]\n}}", "Expecting value: line 3 column 8 (char 42)"],
  ["[\n\n  1,\n  2\n  3]", "Expecting ',' delimiter: line 5 column 3 (char 14)"],
  ["[\"\ud83d\ude00\", x]", "Expecting value: line 1 column 7 (char 6)"],
  ["[\"\ud83d\ude00\ud83d\ude00\",\n \"\u00e9\ud83d\ude00\", x]", "Expecting value: line 2 column 8 (char 14)"],
  ["{\"\ud83d\ude00\": 1 \"x\"}", "Expecting ',' delimiter: line 1 column 9 (char 8)"],
  ["\"\ud83d\ude00\\q\"", "Invalid \\escape: line 1 column 3 (char 2)"],
  ["NaN", null],
  ["Infinity", null],
  ["-Infinity", null],
  ["[NaN, Infinity, -Infinity]", null],
  ["{\"action\": \"version\", \"params\": {\"x\": NaN}}", null],
  ["NaNx", "Extra data: line 1 column 4 (char 3)"],
  ["-Inf", "Expecting value: line 1 column 1 (char 0)"],
  ["Infinit", "Expecting value: line 1 column 1 (char 0)"],
];

// Trailing commas: [text, CPython 3.9–3.12 message, CPython 3.13 message].
const TRAILING_COMMA: readonly (readonly [string, string, string])[] = [
  ["{\"a\": 1,}", "Expecting property name enclosed in double quotes: line 1 column 9 (char 8)", "Illegal trailing comma before end of object: line 1 column 8 (char 7)"],
  ["{\"a\": 1, }", "Expecting property name enclosed in double quotes: line 1 column 10 (char 9)", "Illegal trailing comma before end of object: line 1 column 8 (char 7)"],
  ["[1,]", "Expecting value: line 1 column 4 (char 3)", "Illegal trailing comma before end of array: line 1 column 3 (char 2)"],
  ["[1,\n ]", "Expecting value: line 2 column 2 (char 5)", "Illegal trailing comma before end of array: line 1 column 3 (char 2)"],
  ["\r\n[1,2,]", "Expecting value: line 2 column 6 (char 7)", "Illegal trailing comma before end of array: line 2 column 5 (char 6)"],
];

function errorOf(result: PythonJsonResult): string | null {
  return result.ok ? null : result.error;
}

void test('describeJsonError reproduces CPython json.loads messages', () => {
  for (const [text, expected] of BOTH) {
    assert.equal(describeJsonError(text), expected, JSON.stringify(text));
    assert.equal(describeJsonError(text, { pythonMinor: 13 }), expected, JSON.stringify(text));
  }
});

void test('describeJsonError: trailing commas by Python version', () => {
  for (const [text, before313, since313] of TRAILING_COMMA) {
    assert.equal(describeJsonError(text), before313, JSON.stringify(text));
    assert.equal(describeJsonError(text, { pythonMinor: 12 }), before313, JSON.stringify(text));
    assert.equal(describeJsonError(text, { pythonMinor: 13 }), since313, JSON.stringify(text));
  }
});

void test('describeJsonError: the upstream test body {1: 2} mentions "in double quotes"', () => {
  assert.match(describeJsonError('{1: 2}') ?? '', /in double quotes/);
});

void test('describeJsonError: integers over 4300 digits hit the int() limit, worded by version', () => {
  const py39 = (n: number) =>
    `Exceeds the limit (4300) for integer string conversion: value has ${n} digits; ` +
    'use sys.set_int_max_str_digits() to increase the limit';
  const py311 = (n: number) =>
    `Exceeds the limit (4300 digits) for integer string conversion: value has ${n} digits; ` +
    'use sys.set_int_max_str_digits() to increase the limit';
  assert.equal(describeJsonError('1'.repeat(4301)), py39(4301));
  assert.equal(describeJsonError('-' + '1'.repeat(4301)), py39(4301));
  assert.equal(describeJsonError('[' + '9'.repeat(4301) + ', x]'), py39(4301));
  assert.equal(describeJsonError('[' + '9'.repeat(5000) + ', x]', { pythonMinor: 11 }), py311(5000));
  assert.equal(describeJsonError('1'.repeat(4301), { pythonMinor: 13 }), py311(4301));
  // The limit is for ints only, and the error comes where Python meets the number, not before.
  assert.equal(describeJsonError('1'.repeat(4300) + 'x'), 'Extra data: line 1 column 4301 (char 4300)');
  assert.equal(describeJsonError('1.' + '1'.repeat(5000) + 'x'), 'Extra data: line 1 column 5003 (char 5002)');
  assert.equal(describeJsonError('1e' + '1'.repeat(5000) + ' x'), 'Extra data: line 1 column 5004 (char 5003)');
  assert.equal(describeJsonError('[x, ' + '1'.repeat(5000) + ']'), 'Expecting value: line 1 column 2 (char 1)');
});

void test('describeJsonError counts positions in code points, not UTF-16 units', () => {
  const text = '{"k": "😀😀😀"\n, "\u{1F600}": 1 2}';
  // Four emoji before the "2": it is at UTF-16 index 25 but Python index 21 (checked with CPython).
  assert.equal(describeJsonError(text), "Expecting ',' delimiter: line 2 column 10 (char 21)");
});

void test('describeJsonError returns null for text Python accepts', () => {
  for (const text of ['NaN', '-Infinity', '[Infinity]', '{"a": 1}', ' "x" ', '\r\n\t1\n']) {
    assert.equal(describeJsonError(text), null, text);
  }
});

void test('parsePythonJson builds the same values as JSON.parse', () => {
  const texts = [
    '{"action": "addNote", "version": 6, "params": {"note": {"fields": {"Front": "é\\u00e9\\ud83d\\ude00"}, "tags": []}}}',
    '[0, -0, 1.5, -2.5e-3, 1E+2, 1e400, 123456789012345678901234567890, true, false, null, ""]',
    '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\ud800\\udc00x\\udc00"',
    '{"a": 1, "a": 2, "b": {"c": [[], {}, [{}]]}}',
    '  [ 1 , [ 2 , [ 3 ] ] ]  ',
  ];
  for (const text of texts) {
    assert.deepEqual(parsePythonJson(text), { ok: true, value: JSON.parse(text) as unknown }, text);
  }
});

void test('parsePythonJson keeps "__proto__" as an own key, like JSON.parse', () => {
  const text = '{"__proto__": {"polluted": true}, "x": 1}';
  const result = parsePythonJson('[' + text + ', NaN]');
  assert.ok(result.ok);
  const [object] = result.value as [Record<string, unknown>];
  assert.deepEqual(Object.keys(object), ['__proto__', 'x']);
  assert.equal(Object.getPrototypeOf(object), Object.prototype);
  assert.deepEqual(object, (JSON.parse(text) as Record<string, unknown>));
});

void test('parsePythonJson survives nesting far deeper than any call stack', () => {
  const depth = 100_000;
  const result = parsePythonJson('['.repeat(depth) + ']'.repeat(depth - 1) + ' x');
  assert.deepEqual(errorOf(result), `Expecting ',' delimiter: line 1 column ${2 * depth + 1} (char ${2 * depth})`);
  const valid = parsePythonJson('{"a":'.repeat(depth) + 'NaN' + '}'.repeat(depth));
  assert.ok(valid.ok);
});

void test('parsePythonCompatibleJson: valid JSON comes from JSON.parse', () => {
  assert.deepEqual(parsePythonCompatibleJson('{"action": "version", "version": 6}'), {
    ok: true,
    value: { action: 'version', version: 6 },
  });
  assert.deepEqual(parsePythonCompatibleJson('1.2'), { ok: true, value: 1.2 });
});

void test('parsePythonCompatibleJson accepts NaN and Infinity as Python does', () => {
  const result = parsePythonCompatibleJson('{"action": "version", "params": {"x": NaN, "y": [Infinity, -Infinity]}}');
  assert.ok(result.ok);
  assert.deepEqual(result.value, { action: 'version', params: { x: NaN, y: [Infinity, -Infinity] } });
});

void test('parsePythonCompatibleJson reports Python messages, including the BOM', () => {
  assert.deepEqual(parsePythonCompatibleJson('\uFEFF{"action": "version"}'), {
    ok: false,
    error: 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)',
  });
  assert.deepEqual(parsePythonCompatibleJson('{1: 2}'), {
    ok: false,
    error: 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
  });
  assert.deepEqual(parsePythonCompatibleJson(''), { ok: false, error: 'Expecting value: line 1 column 1 (char 0)' });
  assert.deepEqual(parsePythonCompatibleJson('[1,]', { pythonMinor: 13 }), {
    ok: false,
    error: 'Illegal trailing comma before end of array: line 1 column 3 (char 2)',
  });
});

// A request of about 10 MB: many notes with text and numbers, as an addNotes call would send.
function bigRequest(): string {
  const notes = [];
  for (let i = 0; i < 40_000; i++) {
    notes.push({
      deckName: 'Default',
      modelName: 'Basic',
      fields: { Front: `question ${i} é中😀`, Back: `answer ${i} `.repeat(12) },
      tags: ['tag1', `t${i % 97}`],
      options: { allowDuplicate: false, scale: i / 7 },
    });
  }
  return JSON.stringify({ action: 'addNotes', version: 6, params: { notes } });
}

void test('parsePythonCompatibleJson finds an error at the end of a 10 MB body', () => {
  const text = bigRequest();
  const broken = text.slice(0, -2) + ',}';
  const result = parsePythonCompatibleJson(broken);
  // Python counts code points: each emoji (a surrogate pair) is one.
  const pairs = broken.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0;
  const lastChar = broken.length - pairs - 1;
  assert.deepEqual(result, {
    ok: false,
    error: `Expecting property name enclosed in double quotes: line 1 column ${lastChar + 1} (char ${lastChar})`,
  });
});
