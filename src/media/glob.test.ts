import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { compileGlob, fnmatchCase } from './glob.js';

// Expected values were checked against CPython 3.11 `fnmatch.fnmatchcase` / `glob.glob`.
function check(pattern: string, yes: readonly string[], no: readonly string[]): void {
  const matcher = compileGlob(pattern);
  for (const name of yes) assert.equal(matcher.matches(name), true, `${pattern} should match ${JSON.stringify(name)}`);
  for (const name of no) assert.equal(matcher.matches(name), false, `${pattern} should not match ${JSON.stringify(name)}`);
}

void describe('compileGlob', () => {
  void it('handles * and ?', () => {
    check('*', ['a', 'a.jpg', '_x', 'x y'], ['.hidden', '']);
    check('_tes*.txt', ['_test.txt', '_tes.txt', '_test-abc.txt'], ['_test.txtx', 'test.txt']);
    check('?.jpg', ['a.jpg', '😀.jpg'], ['ab.jpg', '.jpg']);
    check('a*b*c', ['abc', 'aXbYc', 'abbbc', 'acbc'], ['ab', 'acb']);
    check('**', ['anything'], ['.x']);
  });

  void it('lets * and ? match newlines (regex DOTALL)', () => {
    check('a*b', ['a\nb'], []);
    check('a?b', ['a\nb'], []);
  });

  void it('is case-sensitive', () => {
    check('*.JPG', ['A.JPG'], ['a.jpg']);
  });

  void it('hides dot-names unless the pattern starts with a dot', () => {
    check('.*', ['.hidden', '.a.jpg'], ['a']);
    check('?hidden', [], ['.hidden']);
    check('[.]hidden', [], ['.hidden']);
    check('*hidden', ['xhidden'], ['.hidden']);
  });

  void it('treats a pattern without wildcards as an exact name', () => {
    check('a.jpg', ['a.jpg'], ['A.jpg', 'a.jpgx', 'xa.jpg']);
  });

  void it('supports [seq] and [!seq], with ranges', () => {
    check('[ab].txt', ['a.txt', 'b.txt'], ['c.txt', 'ab.txt']);
    check('[!ab].txt', ['c.txt', '-.txt'], ['a.txt', 'b.txt']);
    check('[a-c]', ['a', 'b', 'c'], ['d', '-']);
    check('[^a]', ['^', 'a'], ['b']); // ^ is not negation in glob
  });

  void it('reads ] first in a set as a member and an unclosed [ as a literal', () => {
    check('[]]', [']'], ['[', '[]]']);
    check('[!]]', ['a'], [']']);
    check('[]a]', [']', 'a'], ['b']);
    check('[a', ['[a'], ['a']);
    check('[!]', ['[!]'], ['!']);
    check('a[', ['a['], ['a']);
  });

  void it('places hyphens like CPython: leading and trailing hyphens are members', () => {
    check('[-a]', ['-', 'a'], ['b']);
    check('[a-]', ['-', 'a'], ['b']);
    check('[!-a]', ['b'], ['-', 'a']);
    check('[---]', ['-'], ['a']);
    // After a range, the next hyphen is a member: a-c, then '-' and 'e'.
    check('[a-c-e]', ['a', 'b', 'c', '-', 'e'], ['d']);
  });

  void it('drops reversed ranges together with their ends', () => {
    check('[z-a]', [], ['z', 'a', 'm', '-']);
    check('[!z-a]', ['z', 'a', '-', '!'], ['']);
    check('[z-a-q]', ['-', 'q'], ['z', 'a', 'm']);
    check('[a--b]', ['b'], ['a', '-']);
    check('[--a]', ['-', '0', 'A', 'a'], ['b']);
  });

  void it('treats backslash and regex specials literally', () => {
    check('a\\*', ['a\\', 'a\\x'], ['a*x']);
    check('[\\]', ['\\'], ['a']);
    check('a.b', ['a.b'], ['axb']);
    check('(a|b)+', ['(a|b)+'], ['a']);
    check('[&~|]', ['&', '~', '|'], ['a']);
  });

  void it('compares ranges by code point, not UTF-16 unit', () => {
    check('[😀-😂]', ['😁'], ['😃', '\ud83d']);
    check('[!😀]', ['a'], ['😀']);
  });

  void it('never matches a name containing a slash', () => {
    check('*', [], ['a/b']);
  });
});

void describe('fnmatchCase', () => {
  void it('matches without the hidden-file rule', () => {
    assert.equal(fnmatchCase('.hidden', '*'), true);
    assert.equal(fnmatchCase('.hidden', '?hidden'), true);
    assert.equal(fnmatchCase('a', 'b'), false);
  });
});

describe('glob: patterns far longer than names', () => {
  // Both would take minutes with a quadratic tokenizer or an unbounded star search; the test
  // finishing is the point, and the answers are Python's.
  it('160,000 unclosed [ are literal characters, worked out in one pass', { timeout: 60_000 }, () => {
    const glob = compileGlob('['.repeat(160_000));
    assert.equal(glob.matches('['), false);
    assert.equal(compileGlob('['.repeat(160_000) + ']').matches('x'), false);
    assert.equal(compileGlob('[['.repeat(80_000) + '*').matches('[['), false);
    assert.equal(compileGlob('[[*').matches('[[abc'), true);
  });

  it('a pattern needing more characters than a name has is refused before any star search', { timeout: 60_000 }, () => {
    const glob = compileGlob('*a'.repeat(100_000));
    assert.equal(glob.matches('a'.repeat(255)), false);
    assert.equal(compileGlob('*a'.repeat(100)).matches('a'.repeat(100)), true);
    assert.equal(compileGlob('*a'.repeat(100) + '*b').matches('a'.repeat(200)), false);
  });
});
