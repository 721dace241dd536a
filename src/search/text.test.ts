import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { f32AsSqlNumber, f32ToU32, parseF32, parseI64, parseSigned, parseUnsigned } from './numbers.js';
import { SearchError } from './errors.js';
import {
  isGlob,
  regexEscape,
  stripClozes,
  toCustomRe,
  toRe,
  toSql,
  toText,
  unescape,
  unescapeQuotes,
  unescapeQuotesAndBackslashes,
  withoutCombining,
} from './text.js';

describe('wildcard converters (Anki text.rs vectors)', () => {
  test('to_re escapes regex syntax and keeps \\*', () => {
    assert.equal(toRe('[te\\*st]'), '\\[te\\*st\\]');
  });
  test('to_custom_re uses the given wildcard', () => {
    assert.equal(toCustomRe('f_o*', '\\d'), 'f\\do\\d*');
  });
  test('to_re: \\_ is a literal underscore, \\\\ stays escaped', () => {
    assert.equal(toRe('a\\_b\\\\c'), 'a_b\\\\c');
    assert.equal(toRe('a.b-c'), 'a\\.b\\-c');
  });
  test('to_sql: % escaped, * becomes %, _ stays', () => {
    assert.equal(toSql('%f_o*'), '\\%f_o%');
    assert.equal(toSql('a\\*b'), 'a*b');
    assert.equal(toSql('a\\\\*'), 'a\\\\%');
  });
  test('to_text removes every backslash escape', () => {
    assert.equal(toText('\\*\\_*_'), '*_*_');
  });
  test('is_glob: an unescaped * or _ (even run of backslashes)', () => {
    assert.ok(isGlob('\\\\\\\\_'));
    assert.ok(!isGlob('\\\\\\_'));
    assert.ok(isGlob('a*'));
    assert.ok(!isGlob('a\\*'));
    assert.ok(!isGlob('abc'));
  });
  test("regex::escape's meta characters", () => {
    assert.equal(regexEscape('a.b*c#d&e~f-g'), 'a\\.b\\*c\\#d\\&e\\~f\\-g');
    assert.equal(regexEscape('a b:c'), 'a b:c');
  });
});

describe('unescaping', () => {
  test('the parser resolves \\" \\: \\( \\) \\- and keeps \\\\ \\* \\_', () => {
    assert.equal(unescape('\\"\\:\\(\\)\\-'), '":()-');
    assert.equal(unescape('\\\\\\*\\_'), '\\\\\\*\\_');
  });
  test('an unknown escape is an error naming it', () => {
    assert.throws(() => unescape('a\\b'), (err: unknown) => err instanceof SearchError && err.detail.provided === '\\b');
    assert.throws(() => unescape('a\\'), (err: unknown) => err instanceof SearchError && err.detail.provided === '\\');
    assert.doesNotThrow(() => unescape('a\\\\b'));
  });
  test('regex values only lose the backslash before a quote', () => {
    assert.equal(unescapeQuotes('te\\"st\\d'), 'te"st\\d');
    assert.equal(unescapeQuotes('\\d'), '\\d');
  });
  test('dupe text loses escaped quotes, then doubled backslashes', () => {
    assert.equal(unescapeQuotesAndBackslashes('a\\"b\\\\c'), 'a"b\\c');
  });
});

describe('accents and clozes', () => {
  test('without_combining: NFKD, marks removed, extra letters mapped', () => {
    assert.equal(withoutCombining('naïve café'), 'naive cafe');
    assert.equal(withoutCombining('Straße'), 'Strase');
    assert.equal(withoutCombining('Æsir Øre Łódź'), 'AEsir Ore Lodz');
    assert.equal(withoutCombining('ﬁ'), 'fi');
    assert.equal(withoutCombining('plain'), 'plain');
  });
  test('strip_clozes keeps the text, drops the hint', () => {
    assert.equal(stripClozes('The {{c1::capital}} of {{c2::France::country}}'), 'The capital of France');
    assert.equal(stripClozes('{{c1,2::both}}'), 'both');
    assert.equal(stripClozes('a {{c1::multi\nline}}'), 'a multi\nline');
  });
});

describe('numbers as Rust parses them', () => {
  test('unsigned: optional +, digits only, within range', () => {
    assert.equal(parseUnsigned('+7', 255), 7);
    assert.equal(parseUnsigned('007', 255), 7);
    assert.equal(parseUnsigned('256', 255), undefined);
    assert.equal(parseUnsigned('-0', 255), undefined);
    assert.equal(parseUnsigned('', 255), undefined);
    assert.equal(parseUnsigned('1.0', 255), undefined);
    assert.equal(parseUnsigned(' 1', 255), undefined);
  });
  test('signed and i64', () => {
    assert.equal(parseSigned('-5', -10, 10), -5);
    assert.equal(parseSigned('11', -10, 10), undefined);
    assert.equal(parseI64('9223372036854775807'), 9223372036854775807n);
    assert.equal(parseI64('9223372036854775808'), undefined);
  });
  test('f32: forms Rust accepts, rounded to single precision', () => {
    assert.equal(parseF32('2.5'), 2.5);
    assert.equal(parseF32('.5'), 0.5);
    assert.equal(parseF32('5.'), 5);
    assert.equal(parseF32('1e2'), 100);
    assert.equal(parseF32('1.1'), Math.fround(1.1));
    assert.equal(parseF32('inf'), Infinity);
    assert.ok(Number.isNaN(parseF32('NaN')));
    assert.equal(parseF32('.'), undefined);
    assert.equal(parseF32('1,3'), undefined);
    assert.equal(parseF32('one'), undefined);
  });
  test('an f32 written into SQL is its shortest decimal', () => {
    assert.equal(f32AsSqlNumber(Math.fround(1.1)), 1.1);
    assert.equal(f32AsSqlNumber(Math.fround(0.9)), 0.9);
    assert.equal(f32AsSqlNumber(2.5), 2.5);
  });
  test('f32 as u32 saturates', () => {
    assert.equal(f32ToU32(Math.fround(Math.fround(2.3) * 1000)), 2300);
    assert.equal(f32ToU32(-1), 0);
    assert.equal(f32ToU32(Number.NaN), 0);
    assert.equal(f32ToU32(1e20), 0xffff_ffff);
  });
});
