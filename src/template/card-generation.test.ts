import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CLOZE_CARD_ORD, clozeOrdsToGenerate, templatesToGenerate } from './card-generation.js';
import { parseTemplate, tryParseTemplate } from './parser.js';

void describe('templatesToGenerate', () => {
  const fronts = ['{{A}}', '{{B}}', '{{#A}}{{B}}{{/A}}', '{{Tags}}', '{{#Tags}}{{A}}{{/Tags}}'].map((t) => parseTemplate(t));

  void it('returns ascending ords whose question renders', () => {
    assert.deepEqual(templatesToGenerate(fronts, new Set(['A', 'B'])), [0, 1, 2]);
    assert.deepEqual(templatesToGenerate(fronts, new Set(['B'])), [1]);
    assert.deepEqual(templatesToGenerate(fronts, new Set()), []);
  });

  void it('counts Tags when the note has tags', () => {
    assert.deepEqual(templatesToGenerate(fronts, new Set(['A']), { hasTags: true }), [0, 3, 4]);
  });

  void it('never generates from a template that failed to parse', () => {
    const templates = [tryParseTemplate('{{#A}}{{A}}'), tryParseTemplate('{{A}}')];
    assert.equal(templates[0], null);
    assert.deepEqual(templatesToGenerate(templates, new Set(['A'])), [1]);
  });

  void it('skips ords that already have cards', () => {
    assert.deepEqual(templatesToGenerate(fronts, new Set(['A', 'B']), { existingOrds: new Set([0, 2]) }), [1]);
  });

  void it('does not add card 0 by itself when nothing qualifies', () => {
    assert.deepEqual(templatesToGenerate([parseTemplate('{{Deck}}')], new Set(['Front'])), []);
  });

  void it('gives the same answer over many repeated calls (no state kept between calls)', () => {
    const many = Array.from({ length: 10 }, (_, i) => parseTemplate(`{{#F${i}}}<b>{{F${i + 1}}}</b>{{/F${i}}}{{text:G}}`));
    const present = new Set(['F3', 'F4']);
    for (let i = 0; i < 1_000; i++) assert.deepEqual(templatesToGenerate(many, present), [3]);
    assert.deepEqual(templatesToGenerate(many, present), [3]);
  });
});

void describe('clozeOrdsToGenerate', () => {
  void it('maps numbers to ords across fields, sorted and de-duplicated', () => {
    assert.deepEqual(clozeOrdsToGenerate(['{{c2::a}} {{c1::b}}', '{{c2::c}}']), [0, 1]);
  });

  void it('ignores c0 and applies comma lists', () => {
    assert.deepEqual(clozeOrdsToGenerate(['{{c0::a}}']), []);
    assert.deepEqual(clozeOrdsToGenerate(['{{c1,3::a}}']), [0, 2]);
  });

  void it('caps the ord at 499', () => {
    assert.equal(MAX_CLOZE_CARD_ORD, 499);
    assert.deepEqual(clozeOrdsToGenerate(['{{c500::a}}']), [499]);
    assert.deepEqual(clozeOrdsToGenerate(['{{c501::a}}']), [499]);
    assert.deepEqual(clozeOrdsToGenerate(['{{c499::a}}{{c501::b}}{{c65535::c}}']), [498, 499]);
  });

  void it('skips ords that already have cards', () => {
    assert.deepEqual(clozeOrdsToGenerate(['{{c1::a}}{{c2::b}}'], new Set([0])), [1]);
    assert.deepEqual(clozeOrdsToGenerate(['{{c600::a}}'], new Set([499])), []);
  });

  void it('does not add card 0 by itself when there is no cloze', () => {
    assert.deepEqual(clozeOrdsToGenerate(['plain', '{{c1::unclosed']), []);
  });
});
