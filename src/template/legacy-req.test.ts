import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeReq } from './legacy-req.js';
import { parseTemplate } from './parser.js';

const FIELDS = ['a', 'b', 'c'];
const req = (template: string): unknown => computeReq([template], FIELDS)[0];

void describe('computeReq', () => {
  void it('lists every field that suffices alone as "any"', () => {
    assert.deepEqual(req('{{a}}{{b}}'), [0, 'any', [0, 1]]);
    assert.deepEqual(req('{{c}} {{text:a}}'), [0, 'any', [0, 2]]);
  });

  void it('falls back to the fields that are all needed', () => {
    assert.deepEqual(req('{{#a}}{{b}}{{/a}}'), [0, 'all', [0, 1]]);
    assert.deepEqual(req('{{#a}}{{#b}}{{a}}{{/b}}{{/a}}'), [0, 'all', [0, 1]]);
  });

  void it('always enters negated sections', () => {
    assert.deepEqual(req('{{^a}}{{b}}{{/a}}'), [0, 'any', [1]]);
    assert.deepEqual(req('{{^a}}{{#b}}{{c}}{{/b}}{{/a}}'), [0, 'all', [1, 2]]);
    assert.deepEqual(req('\n{{^a}}\n    {{b}}\n{{/a}}\n\n{{#a}}\n    {{a}}\n    {{b}}\n{{/a}}\n'), [0, 'any', [0, 1]]);
  });

  void it('ignores commented-out handlebars', () => {
    assert.deepEqual(req('<!--{{^a}}-->{{b}}<!--{{/a}}-->{{#c}}<!--{{a}}-->{{b}}<!--{{c}}-->{{/c}}'), [0, 'any', [1]]);
  });

  void it('gives "none" for unknown fields, special fields and text', () => {
    assert.deepEqual(req('{{z}}'), [0, 'none', []]);
    assert.deepEqual(req('{{Deck}}{{Tags}}'), [0, 'none', []]);
    assert.deepEqual(req('text only'), [0, 'none', []]);
    assert.deepEqual(req('{{#c1}}{{a}}{{/c1}}'), [0, 'none', []]);
  });

  void it('gives "none" for templates that fail to parse or are null', () => {
    assert.deepEqual(computeReq(['{{#a}}', null, '{{b}}'], FIELDS), [
      [0, 'none', []],
      [1, 'none', []],
      [2, 'any', [1]],
    ]);
  });

  void it('accepts parsed templates and numbers entries by position', () => {
    assert.deepEqual(computeReq([parseTemplate('{{c}}'), '{{a}}'], FIELDS), [
      [0, 'any', [2]],
      [1, 'any', [0]],
    ]);
  });

  void it('handles a note type without fields or templates', () => {
    assert.deepEqual(computeReq(['{{a}}'], []), [[0, 'none', []]]);
    assert.deepEqual(computeReq([], FIELDS), []);
  });
});
