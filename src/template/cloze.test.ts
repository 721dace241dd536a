import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clozeFieldNames, clozeFieldOrds, clozeReplacementFieldNames } from './cloze-fields.js';
import { clozeNumbersInFields, clozeNumbersInText, containsCloze } from './cloze-numbers.js';
import { parseClozes } from './cloze-parser.js';
import type { ClozeNode } from './cloze-parser.js';
import { parseTemplate } from './parser.js';

const numbers = (text: string): number[] => [...clozeNumbersInText(text)].sort((a, b) => a - b);
const t = (text: string): ClozeNode => ({ type: 'text', text });
const c = (ordinals: number[], children: ClozeNode[], hint: string | null = null): ClozeNode => ({
  type: 'cloze',
  ordinals,
  children,
  hint,
});

void describe('parseClozes', () => {
  void it('parses text, deletions and hints', () => {
    assert.deepEqual(parseClozes('a {{c1::b::hint}} c'), [t('a '), c([1], [t('b')], 'hint'), t(' c')]);
  });

  void it('nests deletions', () => {
    assert.deepEqual(parseClozes('foo {{c1::bar {{c2::baz}}::qux}}'), [
      t('foo '),
      c([1], [t('bar '), c([2], [t('baz')]), t('')], 'qux'),
    ]);
  });

  void it('keeps }} outside deletions as text', () => {
    assert.deepEqual(parseClozes('a}}b{{c1::x}}}}'), [t('a'), t('}}'), t('b'), c([1], [t('x')]), t('}}')]);
  });

  void it('sorts and de-duplicates numbers and skips empty segments', () => {
    assert.deepEqual(parseClozes('{{c3,1,,3,::x}}'), [c([1, 3], [t('x')])]);
  });

  void it('treats invalid openings as text', () => {
    assert.deepEqual(parseClozes('{{c::x}}'), [t('{{c::x'), t('}}')]);
    assert.deepEqual(parseClozes('{{c,::x}}'), [t('{{c,::x'), t('}}')]);
    assert.deepEqual(parseClozes('{{c1:x}}'), [t('{{c1:x'), t('}}')]);
    assert.deepEqual(parseClozes('{{C1::x}}'), [t('{{C1::x'), t('}}')]);
    assert.deepEqual(parseClozes('{{ c1::x}}'), [t('{{ c1::x'), t('}}')]);
  });

  void it('finds an opening right after extra braces', () => {
    assert.deepEqual(parseClozes('{{{c1::x}}'), [t('{'), c([1], [t('x')])]);
  });

  void it('drops an unclosed deletion with its content', () => {
    assert.deepEqual(parseClozes('foo {{c1::bar {{c2::baz}}'), [t('foo ')]);
  });

  void it('does not split image-occlusion text on ::', () => {
    assert.deepEqual(parseClozes('{{c1::image-occlusion:rect:left=.1:top=.2}}'), [
      c([1], [t('image-occlusion:rect:left=.1:top=.2')]),
    ]);
  });

  void it('ignores openings nested deeper than ten', () => {
    const deep = `${'{{c1::'.repeat(10)}{{c2::x}}${'}}'.repeat(9)}`;
    assert.deepEqual(numbers(deep), [1]);
    // The eleventh opening is dropped, so its `}}` closes the tenth and the last `}}` is text.
    const nodes = parseClozes(`${deep}}}`);
    assert.equal(nodes.length, 2);
    assert.deepEqual(nodes[1], t('}}'));
  });
});

void describe('clozeNumbersInText', () => {
  void it('finds nothing in plain text', () => {
    assert.deepEqual(numbers('test'), []);
    assert.deepEqual(numbers(''), []);
    assert.deepEqual(numbers('a }} b {{ c'), []);
  });

  void it('collects numbers of closed deletions', () => {
    assert.deepEqual(numbers('{{c2::te}}{{c1::s}}t{{'), [1, 2]);
    assert.deepEqual(numbers('{{c1::a}} {{c1::b}}'), [1]);
  });

  void it('ignores c0', () => {
    assert.deepEqual(numbers('{{c0::te}}s{{c2::t}}s'), [2]);
    assert.deepEqual(numbers('{{c0::x}}'), []);
    assert.deepEqual(numbers('{{c0,2::x}}'), [2]);
  });

  void it('reads comma lists', () => {
    assert.deepEqual(numbers('{{c1,3::x}}'), [1, 3]);
    assert.deepEqual(numbers('{{c1,,3::x}}'), [1, 3]);
    assert.deepEqual(numbers('{{c,2,::x}}'), [2]);
    assert.deepEqual(numbers('{{c01::x}}'), [1]);
  });

  void it('includes nested deletions, also inside c0', () => {
    assert.deepEqual(numbers('{{c1::a {{c2::b {{c3::c}}}}}}'), [1, 2, 3]);
    assert.deepEqual(numbers('{{c0::{{c4::x}}}}'), [4]);
  });

  void it('ignores unclosed deletions', () => {
    assert.deepEqual(numbers('{{c1::x'), []);
    assert.deepEqual(numbers('{{c1::a {{c2::b}}'), []);
    assert.deepEqual(numbers('{{c1::a}} {{c2::b'), [1]);
  });

  void it('handles }} outside deletions', () => {
    assert.deepEqual(numbers('}} {{c1::x}} }} {{c2::y}}'), [1, 2]);
    assert.deepEqual(numbers('{{Front}} {{c1::x}}'), [1]);
  });

  void it('treats numbers above 65535 as no number', () => {
    assert.deepEqual(numbers('{{c65535::x}}'), [65535]);
    assert.deepEqual(numbers('{{c65536::x}}'), []);
    assert.deepEqual(numbers('{{c99999999999999999999::x}}'), []);
    assert.deepEqual(numbers('{{c70000,5::x}}'), [5]);
  });

  void it('reads hints without affecting numbers', () => {
    assert.deepEqual(numbers('{{c3::Paris::capital}}'), [3]);
  });

  void it('is linear on long inputs', () => {
    const text = '{{c1:: {{cx '.repeat(100_000);
    const started = performance.now();
    assert.deepEqual(numbers(text), []);
    assert.ok(performance.now() - started < 1000);
  });
});

void describe('clozeNumbersInFields', () => {
  void it('unions the fields', () => {
    assert.deepEqual([...clozeNumbersInFields(['{{c1::a}}', '', '{{c3::b}} {{c1::c}}'])].sort(), [1, 3]);
  });
});

void describe('containsCloze', () => {
  void it('is true for a top-level deletion with a number above 0', () => {
    assert.equal(containsCloze('a {{c1::b}}'), true);
    assert.equal(containsCloze('{{c0,1::b}}'), true);
  });

  void it('is false otherwise', () => {
    assert.equal(containsCloze('plain'), false);
    assert.equal(containsCloze('{{c0::b}}'), false);
    assert.equal(containsCloze('{{c1::unclosed'), false);
    // Only top-level deletions are looked at.
    assert.equal(containsCloze('{{c0::{{c1::x}}}}'), false);
  });
});

void describe('clozeFieldNames', () => {
  void it('reads the cloze filter from the first question template', () => {
    assert.deepEqual(clozeFieldNames(['{{cloze:Text}}']), new Set(['Text']));
    assert.deepEqual(
      clozeFieldNames(['{{#Header}}<div>{{Header}}</div>{{/Header}}\n<div style="display: none">{{cloze:Occlusion}}</div>']),
      new Set(['Occlusion']),
    );
  });

  void it('counts cloze anywhere in a filter chain and inside sections', () => {
    assert.deepEqual(clozeFieldNames(['{{text:cloze:A}}{{cloze:text:B}}{{#X}}{{cloze:C}}{{/X}}{{^Y}}{{cloze:D}}{{/Y}}']), new Set(['A', 'B', 'C', 'D']));
  });

  void it('ignores other filters, other templates and comments', () => {
    assert.deepEqual(clozeFieldNames(['{{cloze-only:A}}{{type:B}}<!--{{cloze:C}}-->', '{{cloze:D}}']), new Set());
    assert.deepEqual(clozeFieldNames([]), new Set());
  });

  void it('gives nothing when the first template does not parse', () => {
    assert.deepEqual(clozeFieldNames(['{{cloze:Text}}{{#A}}']), new Set());
  });

  void it('is available for an already parsed template', () => {
    assert.deepEqual(clozeReplacementFieldNames(parseTemplate('{{cloze:T}}')), new Set(['T']));
  });
});

void describe('clozeFieldOrds', () => {
  void it('maps names to ordinals case-insensitively', () => {
    assert.deepEqual(clozeFieldOrds(['{{cloze:text}}{{cloze:Extra}}'], ['Text', 'Back Extra', 'EXTRA']), [0, 2]);
    assert.deepEqual(clozeFieldOrds(['{{cloze:STRASSE}}'], ['Straße']), [0]);
  });

  void it('drops unknown names', () => {
    assert.deepEqual(clozeFieldOrds(['{{cloze:Nope}}'], ['Text']), []);
  });
});
