import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node, SearchTerm } from './ast.js';
import { SearchError } from './errors.js';
import { parseSearch } from './parser.js';

const term = (t: SearchTerm): Node => ({ type: 'search', term: t });
const text = (value: string): Node => term({ type: 'unqualified', text: value });
const AND: Node = { type: 'and' };
const OR: Node = { type: 'or' };

describe('parser: the syntax tree', () => {
  test('an empty or blank query is the whole collection', () => {
    assert.deepEqual(parseSearch(''), [term({ type: 'wholeCollection' })]);
    assert.deepEqual(parseSearch('  '), [term({ type: 'wholeCollection' })]);
  });

  test('implicit AND, explicit operators, negation and groups, in order', () => {
    assert.deepEqual(parseSearch('hello  -(world and "foo:bar baz") OR test'), [
      text('hello'),
      AND,
      { type: 'not', node: { type: 'group', nodes: [text('world'), AND, term({ type: 'field', field: 'foo', text: 'bar baz', mode: 'normal' })] } },
      OR,
      text('test'),
    ]);
  });

  test('spaces inside groups are skipped', () => {
    assert.deepEqual(parseSearch('(  t   t2  )'), [{ type: 'group', nodes: [text('t'), AND, text('t2')] }]);
  });

  test('field modes re: and nc:', () => {
    assert.deepEqual(parseSearch('foo:re:bar'), [term({ type: 'field', field: 'foo', text: 'bar', mode: 'regex' })]);
    assert.deepEqual(parseSearch('foo:nc:bar'), [term({ type: 'field', field: 'foo', text: 'bar', mode: 'nc' })]);
  });

  test('escaping is independent of quoting', () => {
    const expected = [term({ type: 'field', field: 'field', text: 'va"lue', mode: 'normal' })];
    assert.deepEqual(parseSearch('"field:va\\"lue"'), expected);
    assert.deepEqual(parseSearch('field:"va\\"lue"'), expected);
    assert.deepEqual(parseSearch('field:va\\"lue'), expected);
  });

  test('escaping brackets is optional only inside quotes; a colon after a colon needs none', () => {
    assert.deepEqual(parseSearch('"\\)\\("'), parseSearch('")("'));
    assert.deepEqual(parseSearch('field:val:ue'), parseSearch('field:val\\:ue'));
    assert.deepEqual(parseSearch('"field:val:ue"'), parseSearch('field:val\\:ue'));
  });

  test('escaping - is optional where it cannot be a negation', () => {
    assert.deepEqual(parseSearch('-'), parseSearch('\\-'));
    assert.deepEqual(parseSearch('A-'), parseSearch('A\\-'));
    assert.deepEqual(parseSearch('"-A"'), parseSearch('\\-A'));
    assert.notDeepEqual(parseSearch('-A'), parseSearch('\\-A'));
  });

  test('any character may follow a backslash in re:; \\" is still unescaped', () => {
    assert.deepEqual(parseSearch('"re:\\btest\\%"'), [term({ type: 'regex', pattern: '\\btest\\%' })]);
    assert.deepEqual(parseSearch('re:te\\"st'), [term({ type: 'regex', pattern: 'te"st' })]);
  });

  test('spaces are optional where terms are clearly separated', () => {
    assert.deepEqual(parseSearch('a"b"(c)'), parseSearch('a b (c)'));
  });

  test('keywords', () => {
    assert.deepEqual(parseSearch('added:3'), [term({ type: 'added', days: 3 })]);
    assert.deepEqual(parseSearch('card:front'), [term({ type: 'template', template: { kind: 'name', name: 'front' } })]);
    assert.deepEqual(parseSearch('card:3'), [term({ type: 'template', template: { kind: 'ordinal', ord: 2 } })]);
    assert.deepEqual(parseSearch('card:0'), [term({ type: 'template', template: { kind: 'ordinal', ord: 0 } })]);
    assert.deepEqual(parseSearch('deck:"default one"'), [term({ type: 'deck', name: 'default one' })]);
    assert.deepEqual(parseSearch('preset:default'), [term({ type: 'preset', name: 'default' })]);
    assert.deepEqual(parseSearch('tag:re:\\\\'), [term({ type: 'tag', tag: '\\\\', mode: 'regex' })]);
    assert.deepEqual(parseSearch('nid:1237123712,2,3'), [term({ type: 'noteIds', ids: '1237123712,2,3' })]);
    assert.deepEqual(parseSearch('prop:ease<=3.3'), [
      term({ type: 'property', operator: '<=', property: { kind: 'ease', value: Math.fround(3.3) } }),
    ]);
    assert.deepEqual(parseSearch('prop:cdn:abc<=1'), [term({ type: 'property', operator: '<=', property: { kind: 'cdn', key: 'abc', value: 1 } })]);
    assert.deepEqual(parseSearch('"prop:cds:abc=foo bar"'), [
      term({ type: 'property', operator: '=', property: { kind: 'cds', key: 'abc', value: 'foo bar' } }),
    ]);
    assert.deepEqual(parseSearch('has-cd:r'), [term({ type: 'customData', key: 'r' })]);
    assert.deepEqual(parseSearch('rated:0:2'), [term({ type: 'rated', days: 1, rating: { kind: 'button', button: 2 } })]);
    assert.deepEqual(parseSearch('resched:0'), [term({ type: 'rated', days: 0, rating: { kind: 'reschedule' } })]);
    assert.deepEqual(parseSearch('dupe:5,a\\\\b'), [term({ type: 'dupe', notetypeId: '5', text: 'a\\b' })]);
    assert.deepEqual(parseSearch('DECK:x'), [term({ type: 'deck', name: 'x' })]);
  });
});

describe('parser: errors, with Anki\'s texts', () => {
  const cases: [string, string][] = [
    ['foo and', 'Invalid search: an `and` was found but it is not connecting two search terms. If you want to search for the word itself, wrap it in double quotes: `"and"`.'],
    ['or', 'Invalid search: an `or` was found but it is not connecting two search terms. If you want to search for the word itself, wrap it in double quotes: `"or"`.'],
    ['()', 'Invalid search: a group `(...)` was found, but there was nothing between the brackets to search for. If you want to search for literal brackets, wrap them in double quotes: `"( )"`.'],
    [')', 'Invalid search: a closing bracket `)` was found, but there was no opening bracket `(` preceding it. If you want to search for a literal `)`, wrap it in double quotes or prepend a backslash: `")"` or `\\)`.'],
    ['(', 'Invalid search: an opening bracket `(` was found, but there was no closing bracket `)` following it. If you want to search for a literal `(`, wrap it in double quotes or prepend a backslash: `"("` or `\\(` .'],
    ['""', 'Invalid search: a pair of double quotes `""` was found, but there was nothing between them to search for. If you want to search for literal double quotes, prepend backslashes: `\\"\\"`.'],
    ['"foo', 'Invalid search: an opening double quote `"` was found, but there was no second one to close it. If you want to search for a literal `"`, prepend a backslash: `\\"`.'],
    [':foo', 'Invalid search: a colon `:` was found, but there was no keyword preceding it. If you want to search for a literal `:`, prepend a backslash: `\\:`.'],
    ['\\foo', 'Invalid search: the escape sequence `\\f` is not defined. If you want to search for a literal backslash `\\`, prepend another one: `\\\\`.'],
    ['is:foo', "Invalid search: `is:` was given an invalid argument '`foo`'."],
    ['flag:9', 'Invalid search: `flag:` must be followed by a valid flag number: `1` (red), `2` (orange), `3` (green), `4` (blue), `5` (pink), `6` (turquoise), `7` (purple) or `0` (no flag).'],
    ['prop:foo>1', "Invalid search: `prop:` was given an invalid argument '`foo>1`'."],
    ['prop:ivl~1', 'Invalid search: `prop:ivl` must be followed by one of the following comparison operators: `=`, `!=`, `<`, `>`, `<=` or `>=`.'],
    ['prop:ease>x', 'Invalid search: expected a number in "`ease>x`", but found "`x`".'],
    ['prop:due>1.5', 'Invalid search: expected a whole number in "`due>1.5`", but found "`1.5`".'],
    ['added:x', 'Invalid search: expected a positive whole number in "`added:`", but found "`x`".'],
    ['prop:rated>1', 'Invalid search: expected a whole number less than or equal to 0 in "`rated>1`", but found "`1`".'],
    ['rated:1:9', 'Invalid search: expected an answer button between 1-4 in "`1:9`", but found "`9`".'],
    ['nid:x', 'Invalid search: expected only digits and commas in nid:'],
    ['NID:x', 'Invalid search: expected only digits and commas in NID:'],
    ['dupe:5', "Invalid search: invalid 'dupe:' search"],
    ['is:`x`', "Invalid search: `is:` was given an invalid argument '`'x'`'."],
  ];
  for (const [query, message] of cases) {
    test(JSON.stringify(query), () => {
      assert.throws(() => parseSearch(query), (err: unknown) => err instanceof SearchError && err.message === message);
    });
  }

  test('a negated operator (`-and`, `-or`), which Anki turns into invalid SQL, is a misplaced operator', () => {
    for (const [query, kind] of [['-and', 'MisplacedAnd'], ['a -OR b', 'MisplacedOr'], ['(a (b -and c))', 'MisplacedAnd'], ['-(a -or)', 'MisplacedOr']] as const) {
      assert.throws(() => parseSearch(query), (err: unknown) => err instanceof SearchError && err.kind === kind, query);
    }
    // Anki reports a parse error anywhere in the query first.
    assert.throws(() => parseSearch('-and ('), (err: unknown) => err instanceof SearchError && err.kind === 'UnclosedGroup');
    // Quoted, or with more after the hyphen, it is text.
    assert.deepEqual(parseSearch('-"and"'), [{ type: 'not', node: text('and') }]);
    assert.deepEqual(parseSearch('--and'), [{ type: 'not', node: text('-and') }]);
  });

  test('a backslash before a space reports the rest of the input', () => {
    assert.throws(() => parseSearch('a\\ b c'), (err: unknown) => err instanceof SearchError && err.kind === 'UnknownEscape' && err.detail.provided === '\\ b c');
  });
});
