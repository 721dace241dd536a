import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TagMatcher } from './matcher.js';

test('a listed tag matches itself and its descendants, ignoring case, and nothing that only shares a prefix', () => {
  const matcher = new TagMatcher('one  Two::x');
  assert.equal(matcher.matches('ONE'), true);
  assert.equal(matcher.matches('one::child::deeper'), true);
  assert.equal(matcher.matches('two::X::y'), true);
  assert.equal(matcher.matches('oneone'), false);
  assert.equal(matcher.matches('two'), false, 'a parent of a listed tag is not listed');
  assert.equal(matcher.matches('x::one'), false);
});

test('listed tags are literal (no wildcards), separators overlap as in the regex, folding is Unicode-aware', () => {
  assert.equal(new TagMatcher('a*').matches('abc'), false);
  assert.equal(new TagMatcher('a*').matches('a*'), true);
  assert.equal(new TagMatcher('a:').matches('a:::b'), true);
  assert.equal(new TagMatcher('STRASSE').matches('straße::x'), true);
  assert.equal(new TagMatcher('').isEmpty, true);
  assert.deepEqual(new TagMatcher('b').remove(['a', 'B', 'b::c', 'bc']), ['a', 'bc']);
});
