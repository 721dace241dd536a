import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFilters } from './filters.js';

const Q = { cardOrd: 0, question: true };
const A = { cardOrd: 0, question: false };
const apply = (text: string, filters: string[], context = Q): string => applyFilters(text, filters, 'Field', context);

void describe('applyFilters', () => {
  void it('returns the text unchanged without filters or with an empty filter name', () => {
    assert.equal(apply('<b>x</b>', []), '<b>x</b>');
    assert.equal(apply('<b>x</b>', ['']), '<b>x</b>');
  });

  void it('text strips HTML and decodes entities', () => {
    assert.equal(apply('<b>a</b>&amp;<!-- c --><style>s</style>b&nbsp;c', ['text']), 'a&b c');
  });

  void it('type turns into a marker for the reviewer', () => {
    assert.equal(apply('x', ['type']), '[[type:Field]]');
    assert.equal(apply('x', ['cloze', 'type']), '[[type:cloze:Field]]');
    assert.equal(apply('x', ['nc', 'type']), '[[type:nc:Field]]');
  });

  void it('type as the outermost filter discards the others', () => {
    assert.equal(apply('x', ['some', 'unknown', 'type']), '[[type:Field]]');
    assert.equal(apply('x', ['text', 'cloze', 'type']), '[[type:Field]]');
  });

  void it('type below another filter is just a filter', () => {
    assert.equal(apply('x', ['type', 'text']), '[[type:Field]]');
  });

  void it('tts wraps the text in a directive', () => {
    assert.equal(apply('foo', ['tts en_US voices=Bob,Jane']), '[anki:tts lang=en_US voices=Bob,Jane]foo[/anki:tts]');
  });

  void it('applies filters innermost first', () => {
    assert.equal(apply('{{c1::<b>x</b>}}', ['cloze', 'text'], A), 'x');
    assert.equal(apply('<b>日本[にほん]</b>', ['text', 'furigana']), '<ruby><rb>日本</rb><rt>にほん</rt></ruby>');
  });

  void it('stops at the first filter that is not built in', () => {
    assert.equal(apply('<b>x</b>', ['unknown', 'text']), '<b>x</b>');
    assert.equal(apply('<b>x</b>', ['text', 'unknown', 'kana']), 'x');
    assert.equal(apply('x', ['nc']), 'x');
  });

  void it('passes the card and side to the cloze filters', () => {
    assert.equal(apply('{{c1::a}} {{c2::b}}', ['cloze-only'], { cardOrd: 1, question: false }), 'b');
    assert.equal(apply('{{c1::a}}', ['cloze'], { cardOrd: 1, question: true }), '');
  });

  void it('hint uses the field name', () => {
    assert.match(apply('x', ['hint']), /^\n<a class=hint href="#"\n[\s\S]*>\nField<\/a>\n<div id="hint[0-9a-f]{16}" class=hint style="display: none">x<\/div>\n$/);
  });
});
