import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { LinearRegex } from './regex-engine.js';
import { compileRustRegex, RustRegexError, translateRustRegex } from './rust-regex.js';

// Small patterns over a small alphabet, with every construct the engine handles itself:
// alternation, groups, counted and open repetition, the dot, classes and every assertion.
const atom = fc.constantFrom('a', 'b', 'é', '.', '[ab]', '[^a]', '\\w', '\\W', '\\s', '\\d', '(?i)A', '\\x{1F600}');
const assertion = fc.constantFrom('^', '$', '\\b', '\\B', '\\A', '\\z', '\\b{start}', '\\b{end}', '\\b{start-half}', '\\b{end-half}', '(?m:^)', '(?m:$)', '(?Rm:^)', '(?Rm:$)', '(?-u:\\b)');
const pattern: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    assertion,
    fc.tuple(tie('node'), tie('node')).map(([x, y]) => x + y),
    fc.tuple(tie('node'), tie('node')).map(([x, y]) => `(?:${x}|${y})`),
    fc.tuple(tie('node'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{0,2}', '*?', '{2,}')).map(([x, q]) => `(?:${x})${q}`),
  ),
})).node;
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'é', ' ', '\n', '\r', '1', '😀', 'A'), maxLength: 10 });

describe('the linear-time regex engine', () => {
  test('answers as JavaScript\'s backtracking engine does on the same translation', () => {
    fc.assert(
      fc.property(pattern, text, (source, subject) => {
        const { source: js, flags } = translateRustRegex(source);
        assert.equal(compileRustRegex(source).test(subject), new RegExp(js, flags).test(subject), `${source} on ${JSON.stringify(subject)}`);
      }),
      { seed: 20261204, numRuns: 3000 },
    );
  });

  test('the DFA and the plain NFA run answer alike, on texts long enough to leave the DFA', () => {
    const long = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'é'), minLength: 300, maxLength: 1500 });
    fc.assert(
      fc.property(pattern, long, (source, subject) => {
        const regex = compileRustRegex(source) as LinearRegex;
        const { source: js, flags } = translateRustRegex(source);
        const expected = new RegExp(js, flags).test(subject);
        assert.equal(regex.test(subject), expected, source);
        assert.equal(regex.testOnNfa(subject), expected, source);
      }),
      { seed: 20261205, numRuns: 300 },
    );
    // A pattern with 2^21 DFA states: the run leaves the DFA part-way and must still find the end.
    const thrash = compileRustRegex('a[ab]{20}c') as LinearRegex;
    const text = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 13 < 6 ? 'a' : 'b')).join('');
    assert.equal(thrash.test(text), false);
    assert.equal(thrash.test(text + 'a'.repeat(21) + 'c'), true);
  });

  // These take a backtracking engine 2^100 steps or more; the test finishing is the point.
  test('patterns that make a backtracking engine explode answer at once', { timeout: 60_000 }, () => {
    const text = 'a'.repeat(100) + '!';
    assert.equal(compileRustRegex('^(a+)+$').test(text), false);
    assert.equal(compileRustRegex('^(a|a)+$').test(text), false);
    assert.equal(compileRustRegex('^(a|aa)+$').test(text), false);
    assert.equal(compileRustRegex('(.*a){12}x').test('a'.repeat(2000)), false);
    assert.equal(compileRustRegex('(.*a){12}x').test('a'.repeat(2000) + 'x'), true);
    assert.equal(compileRustRegex('(\\w+\\s?)+$').test('word '.repeat(500) + '!'), false);
  });

  test('a pattern past Rust\'s size limit is refused with Rust\'s reason', () => {
    assert.throws(
      () => compileRustRegex('(?:a{1000}){1000}'),
      (err: unknown) => err instanceof RustRegexError && err.message === 'Compiled regex exceeds size limit of 10485760 bytes',
    );
    assert.equal(compileRustRegex('a{1000}').test('a'.repeat(1000)), true);
    assert.equal(compileRustRegex('a{1000}').test('a'.repeat(999)), false);
  });

  test('the DFA cache starts again when full and still answers right', () => {
    // (a|b)*a(a|b){12}: the classic pattern whose DFA has 2^13 states.
    const regex = compileRustRegex('^(?:a|b)*a(?:a|b){12}$');
    const random = fc.sample(fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 13, maxLength: 200 }), { seed: 7, numRuns: 300 });
    for (const subject of random) assert.equal(regex.test(subject), subject.at(-13) === 'a', subject);
  });
});
