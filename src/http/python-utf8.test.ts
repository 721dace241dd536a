import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeUtf8Error } from './python-utf8.js';

function bytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

// [hex bytes, str(UnicodeDecodeError) from CPython 3.9.18's bytes.decode('utf-8'), or null if valid].
const VECTORS: readonly (readonly [string, string | null])[] = [
  // A sequence cut short by the end of the input: the span runs to the end.
  ['e78c', "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"],
  ['e7', "'utf-8' codec can't decode byte 0xe7 in position 0: unexpected end of data"],
  ['c2', "'utf-8' codec can't decode byte 0xc2 in position 0: unexpected end of data"],
  ['df', "'utf-8' codec can't decode byte 0xdf in position 0: unexpected end of data"],
  ['e0', "'utf-8' codec can't decode byte 0xe0 in position 0: unexpected end of data"],
  ['e0a0', "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"],
  ['ed', "'utf-8' codec can't decode byte 0xed in position 0: unexpected end of data"],
  ['ee80', "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"],
  ['e1', "'utf-8' codec can't decode byte 0xe1 in position 0: unexpected end of data"],
  ['f0', "'utf-8' codec can't decode byte 0xf0 in position 0: unexpected end of data"],
  ['f090', "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"],
  ['f09080', "'utf-8' codec can't decode bytes in position 0-2: unexpected end of data"],
  ['f09f98', "'utf-8' codec can't decode bytes in position 0-2: unexpected end of data"],
  ['f4', "'utf-8' codec can't decode byte 0xf4 in position 0: unexpected end of data"],
  ['f48f', "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"],
  ['f1', "'utf-8' codec can't decode byte 0xf1 in position 0: unexpected end of data"],
  ['f18080', "'utf-8' codec can't decode bytes in position 0-2: unexpected end of data"],
  ['41e7', "'utf-8' codec can't decode byte 0xe7 in position 1: unexpected end of data"],
  ['4142e78c', "'utf-8' codec can't decode bytes in position 2-3: unexpected end of data"],
  ['41f09f9880f09f', "'utf-8' codec can't decode bytes in position 5-6: unexpected end of data"],
  ['c3a9e28c', "'utf-8' codec can't decode bytes in position 2-3: unexpected end of data"],
  // Bytes that can never start a sequence: continuation bytes, overlong leads, above U+10FFFF.
  ['80', "'utf-8' codec can't decode byte 0x80 in position 0: invalid start byte"],
  ['c0af', "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"],
  ['c1bf', "'utf-8' codec can't decode byte 0xc1 in position 0: invalid start byte"],
  ['f5', "'utf-8' codec can't decode byte 0xf5 in position 0: invalid start byte"],
  ['f8', "'utf-8' codec can't decode byte 0xf8 in position 0: invalid start byte"],
  ['fe', "'utf-8' codec can't decode byte 0xfe in position 0: invalid start byte"],
  ['ff', "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"],
  ['e282ac80', "'utf-8' codec can't decode byte 0x80 in position 3: invalid start byte"],
  // A bad second byte is reported at the lead byte alone, even when the input ends early.
  ['c241', "'utf-8' codec can't decode byte 0xc2 in position 0: invalid continuation byte"],
  ['c2c2', "'utf-8' codec can't decode byte 0xc2 in position 0: invalid continuation byte"],
  ['e080', "'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte"],
  ['e08080', "'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte"],
  ['e09f80', "'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte"],
  ['e141', "'utf-8' codec can't decode byte 0xe1 in position 0: invalid continuation byte"],
  ['f08f', "'utf-8' codec can't decode byte 0xf0 in position 0: invalid continuation byte"],
  ['f08fbfbf', "'utf-8' codec can't decode byte 0xf0 in position 0: invalid continuation byte"],
  ['f0414141', "'utf-8' codec can't decode byte 0xf0 in position 0: invalid continuation byte"],
  ['f490', "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"],
  ['f4908080', "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"],
  // Surrogates U+D800–DFFF (ED A0–BF …).
  ['eda0', "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"],
  ['eda080', "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"],
  ['edbfbf', "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"],
  // A bad third or fourth byte widens the span to the bytes before it.
  ['e18041', "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"],
  ['41e78c41', "'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte"],
  ['f0904141', "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"],
  ['f0908041', "'utf-8' codec can't decode bytes in position 0-2: invalid continuation byte"],
  // Inside a JSON body: {"action":"v\xe9"}
  ['7b22616374696f6e223a2276e9227d', "'utf-8' codec can't decode byte 0xe9 in position 12: invalid continuation byte"],
  // Valid: boundaries of each form, the BOM, the last code point.
  ['e0a080', null],
  ['ed9fbf', null],
  ['e18080', null],
  ['efbbbf', null],
  ['f09f9880', null],
  ['f1808080', null],
  ['f48fbfbf', null],
];

void test('describeUtf8Error reproduces CPython for every vector', () => {
  for (const [hex, expected] of VECTORS) {
    assert.equal(describeUtf8Error(bytes(hex)), expected, hex);
  }
});

void test('describeUtf8Error: the upstream test body \\xe7\\x8c mentions "can\'t decode"', () => {
  assert.match(describeUtf8Error(bytes('e78c')) ?? '', /can't decode/);
});

void test('describeUtf8Error returns null for valid and empty input', () => {
  assert.equal(describeUtf8Error(new Uint8Array(0)), null);
  assert.equal(describeUtf8Error(new TextEncoder().encode('{"action": "deckNames", "x": "é中😀"}')), null);
  assert.equal(describeUtf8Error(Buffer.from('plain ascii')), null);
});

void test('describeUtf8Error reports only the first error, at its byte offset in a long body', () => {
  const body = new Uint8Array(100_000).fill(0x61);
  body[70_000] = 0xff;
  body[80_000] = 0x80;
  assert.equal(describeUtf8Error(body), "'utf-8' codec can't decode byte 0xff in position 70000: invalid start byte");
});

void test('describeUtf8Error agrees with TextDecoder on validity for every 1- and 2-byte input', () => {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const pair = new Uint8Array(2);
  for (let a = 0; a < 256; a++) {
    for (let b = 0; b < 256; b++) {
      pair[0] = a;
      pair[1] = b;
      let valid = true;
      try {
        strict.decode(pair);
      } catch {
        valid = false;
      }
      assert.equal(describeUtf8Error(pair) === null, valid, `${a.toString(16)} ${b.toString(16)}`);
    }
  }
});
