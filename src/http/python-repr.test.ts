import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonFloatRepr, pythonNumberRepr, pythonRepr, pythonStringRepr } from './python-repr.js';

// [text, repr(text) in CPython 3.9.18].
const STRINGS: readonly (readonly [string, string])[] = [
  ['', "''"],
  ['abc', "'abc'"],
  ["it's", '"it\'s"'],
  ['say "hi"', '\'say "hi"\''],
  ['both \' and "', '\'both \\\' and "\''],
  ['back\\slash', "'back\\\\slash'"],
  ['tab\tnl\ncr\r', "'tab\\tnl\\ncr\\r'"],
  ['\u0000\u0001\u001f\u007f', "'\\x00\\x01\\x1f\\x7f'"],
  ['\u0080\u009f', "'\\x80\\x9f'"],
  ['\u00a0\u00ad', "'\\xa0\\xad'"],
  ['\u00e9\u4e2d\ud83d\ude00', "'\u00e9\u4e2d\ud83d\ude00'"],
  ['\u2028\u2029', "'\\u2028\\u2029'"],
  ['\u3000', "'\\u3000'"],
  ['\ufeff', "'\\ufeff'"],
  ['\ue000', "'\\ue000'"],
  ['\udb40\udc01', "'\\U000e0001'"],
  ['\udbff\udfff', "'\\U0010ffff'"],
  ['\ud800', "'\\ud800'"],
  ['\udc00x', "'\\udc00x'"],
  ['\u0378', "'\\u0378'"],
  ['\u02bcn', "'\u02bcn'"],
  [' ', "' '"],
  ['~', "'~'"],
  // Assigned after Unicode 13.0, so unassigned (escaped) for Python 3.9.
  ['\ud83e\udee0', "'\\U0001fae0'"],
  ['\u0870', "'\\u0870'"],
  ['\ud884\udf50', "'\\U00031350'"],
  ['\u2ffc', "'\\u2ffc'"],
];

void test('pythonStringRepr reproduces CPython 3.9 repr()', () => {
  for (const [text, expected] of STRINGS) assert.equal(pythonStringRepr(text), expected, JSON.stringify(text));
});

void test('pythonStringRepr follows the Unicode version of the chosen Python', () => {
  // [text, 3.10, 3.11, 3.12, 3.13], from each CPython's repr().
  const cases: readonly (readonly [string, string, string, string, string])[] = [
    ['\u{1FAE0}', "'\\U0001fae0'", "'\u{1FAE0}'", "'\u{1FAE0}'", "'\u{1FAE0}'"], // Unicode 14.0
    ['\u0870', "'\\u0870'", "'\u0870'", "'\u0870'", "'\u0870'"], // Unicode 14.0
    ['\u{31350}', "'\\U00031350'", "'\\U00031350'", "'\u{31350}'", "'\u{31350}'"], // Unicode 15.0
    ['\u2ffc', "'\\u2ffc'", "'\\u2ffc'", "'\\u2ffc'", "'\u2ffc'"], // Unicode 15.1
    ['\u0897', "'\\u0897'", "'\\u0897'", "'\\u0897'", "'\\u0897'"], // Unicode 16.0
  ];
  for (const [text, ...expected] of cases) {
    [10, 11, 12, 13].forEach((pythonMinor, i) => {
      assert.equal(pythonStringRepr(text, { pythonMinor }), expected[i], `3.${pythonMinor} ${text}`);
    });
  }
});

void test('pythonStringRepr leaves long plain text alone and handles long escaped text', () => {
  const plain = 'x'.repeat(1_000_000);
  assert.equal(pythonStringRepr(plain), `'${plain}'`);
  assert.equal(pythonStringRepr('é\n'.repeat(3)), "'é\\né\\né\\n'");
});

void test('pythonFloatRepr reproduces CPython float repr()', () => {
  const cases: readonly (readonly [number, string])[] = [
    [1.5, '1.5'],
    [-2.5, '-2.5'],
    [0.1, '0.1'],
    [1 / 3, '0.3333333333333333'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1e16, '1e+16'],
    [1e15 + 0.5, '1000000000000000.5'],
    [1e15, '1000000000000000.0'],
    [1e300, '1e+300'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
    [-0, '-0.0'],
    [0, '0.0'],
    [6, '6.0'],
    [123.456, '123.456'],
    [1e22, '1e+22'],
    [2.5e-7, '2.5e-07'],
    [1.2345678901234567e-100, '1.2345678901234567e-100'],
  ];
  for (const [value, expected] of cases) assert.equal(pythonFloatRepr(value), expected, String(value));
});

void test('pythonNumberRepr: integral numbers below 1e16 print as ints, the rest as floats', () => {
  assert.equal(pythonNumberRepr(0), '0');
  assert.equal(pythonNumberRepr(-0), '0');
  assert.equal(pythonNumberRepr(6), '6'); // JSON 6.0 too: JavaScript cannot tell them apart
  assert.equal(pythonNumberRepr(-12), '-12');
  assert.equal(pythonNumberRepr(1700000000000), '1700000000000');
  assert.equal(pythonNumberRepr(9999999999999998), '9999999999999998');
  assert.equal(pythonNumberRepr(1e16), '1e+16');
  assert.equal(pythonNumberRepr(1e300), '1e+300');
  assert.equal(pythonNumberRepr(1.2), '1.2');
  assert.equal(pythonNumberRepr(NaN), 'nan');
});

void test('pythonRepr prints JSON values as Python would', () => {
  assert.equal(pythonRepr(null), 'None');
  assert.equal(pythonRepr(true), 'True');
  assert.equal(pythonRepr(false), 'False');
  assert.equal(pythonRepr(1.2), '1.2');
  assert.equal(pythonRepr(''), "''");
  assert.equal(pythonRepr([]), '[]');
  assert.equal(pythonRepr({}), '{}');
  assert.equal(pythonRepr([1, [2, [3, {}]], { a: null, b: [true, false] }]), "[1, [2, [3, {}]], {'a': None, 'b': [True, False]}]");
  assert.equal(pythonRepr({ "it's": 'x', k: { n: [1.5, 'é'] } }), '{"it\'s": \'x\', \'k\': {\'n\': [1.5, \'é\']}}');
  assert.equal(pythonRepr([NaN, Infinity, -Infinity]), '[nan, inf, -inf]');
  assert.equal(pythonRepr(12345678901234567890123n), '12345678901234567890123');
  assert.equal(pythonRepr(undefined), 'None');
});

void test('pythonRepr: dict order is JavaScript key order', () => {
  // Python would print {'b': 1, '2': 0}; JavaScript objects put integer-like keys first.
  assert.equal(pythonRepr(JSON.parse('{"b": 1, "2": 0}')), "{'2': 0, 'b': 1}");
});

void test('pythonRepr marks self-containing containers as Python does', () => {
  const list: unknown[] = [1];
  list.push(list);
  assert.equal(pythonRepr(list), '[1, [...]]');
  const dict: Record<string, unknown> = { a: 1 };
  dict['self'] = dict;
  assert.equal(pythonRepr(dict), "{'a': 1, 'self': {...}}");
  // A container seen twice but not inside itself is printed both times.
  const shared = [2];
  assert.equal(pythonRepr([shared, shared]), '[[2], [2]]');
});

void test('pythonRepr handles nesting far deeper than the call stack', () => {
  let value: unknown = 0;
  for (let i = 0; i < 200_000; i++) value = [value];
  assert.equal(pythonRepr(value), '['.repeat(200_000) + '0' + ']'.repeat(200_000));
});
