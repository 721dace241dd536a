import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate } from './parser.js';
import { rendersWithFields, rendersWithFieldsForReqs } from './renders-with-fields.js';

const renders = (template: string, fields: string[], hasTags = false): boolean =>
  rendersWithFields(parseTemplate(template), new Set(fields), { hasTags });

void describe('rendersWithFields', () => {
  void it('ignores text and comments', () => {
    assert.equal(renders('just text', ['A']), false);
    assert.equal(renders('<!-- {{A}} -->', ['A']), false);
    assert.equal(renders('', ['A']), false);
  });

  void it('needs one replacement of a non-empty field', () => {
    assert.equal(renders('{{B}}{{A}}', ['A', 'C']), true);
    assert.equal(renders('{{B}}', ['A', 'C']), false);
    assert.equal(renders('{{B}}{{D}}', ['A', 'C']), false);
  });

  void it('counts replacements whatever their filters, type: included', () => {
    assert.equal(renders('{{text:A}}', ['A']), true);
    assert.equal(renders('{{type:A}}', ['A']), true);
    assert.equal(renders('{{type:cloze:A}}', ['A']), true);
    assert.equal(renders('{{hint:furigana:A}}', ['A']), true);
  });

  void it('enters {{#X}} only when X is non-empty', () => {
    assert.equal(renders('{{#A}}{{B}}{{/A}}', ['B']), false);
    assert.equal(renders('{{#A}}{{B}}{{/A}}', ['A', 'B']), true);
    assert.equal(renders('{{#A}}{{/A}}', ['A']), false);
    assert.equal(renders('{{#A}}text{{/A}}', ['A']), false);
  });

  void it('enters {{^X}} only when X is empty', () => {
    assert.equal(renders('{{^A}}{{B}}{{/A}}', ['B']), true);
    assert.equal(renders('{{^A}}{{B}}{{/A}}', ['A', 'B']), false);
    assert.equal(renders('{{#C}}{{^B}}{{A}}{{/B}}{{/C}}', ['A', 'C']), true);
    assert.equal(renders('{{^A}}{{C}}{{/A}}', ['A', 'C']), false);
  });

  void it('keeps looking after a section that renders nothing', () => {
    assert.equal(renders('{{#A}}{{B}}{{/A}}{{C}}', ['A', 'C']), true);
  });

  void it('counts Tags only when the note has tags', () => {
    assert.equal(renders('{{Tags}}', []), false);
    assert.equal(renders('{{Tags}}', [], true), true);
    assert.equal(renders('{{#Tags}}{{Front}}{{/Tags}}', ['Front']), false);
    assert.equal(renders('{{#Tags}}{{Front}}{{/Tags}}', ['Front'], true), true);
    assert.equal(renders('{{^Tags}}{{Front}}{{/Tags}}', ['Front'], true), false);
  });

  void it('does not count other special fields, FrontSide or cN during card generation', () => {
    assert.equal(renders('{{Deck}}{{Card}}{{Type}}{{Subdeck}}{{CardFlag}}{{CardID}}', []), false);
    assert.equal(renders('{{FrontSide}}', [], true), false);
    assert.equal(renders('{{#c1}}{{Front}}{{/c1}}', ['Front']), false);
    assert.equal(renders('{{^c1}}{{Front}}{{/c1}}', ['Front']), true);
  });

  void it('counts special fields when given the rendering key set', () => {
    assert.equal(renders('{{Deck}}', ['Deck']), true);
    assert.equal(renders('{{#c1}}{{Front}}{{/c1}}', ['Front', 'c1']), true);
  });

  void it('matches field names exactly (case and spaces matter)', () => {
    assert.equal(renders('{{front}}', ['Front']), false);
    assert.equal(renders('{{text: Front}}', ['Front']), false);
  });
});

void describe('rendersWithFieldsForReqs', () => {
  void it('always enters negated sections', () => {
    const template = parseTemplate('{{^A}}{{C}}{{/A}}');
    assert.equal(rendersWithFields(template, new Set(['A', 'C'])), false);
    assert.equal(rendersWithFieldsForReqs(template, new Set(['A', 'C'])), true);
  });

  void it('ignores Tags', () => {
    assert.equal(rendersWithFieldsForReqs(parseTemplate('{{Tags}}'), new Set()), false);
  });
});
