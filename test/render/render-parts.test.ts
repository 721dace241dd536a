// Which template a stored card uses, and what happens when it is missing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderCardParts, type CardRenderParts, type RenderableNotetype } from '../../src/cards/render.js';
import { AnkiConnectError } from '../../src/errors.js';

const NORMAL: RenderableNotetype = {
  name: 'Two cards',
  css: '',
  latexSvg: false,
  isCloze: false,
  fieldNames: ['A', 'B'],
  templates: [
    { name: 'First', questionFormat: '1:{{A}}|{{Card}}', answerFormat: '{{FrontSide}}' },
    { name: 'Second', questionFormat: '2:{{B}}|{{Card}}', answerFormat: '{{FrontSide}}' },
  ],
};

const parts = (notetype: RenderableNotetype, ord: number, fields: string[] = ['a', 'b']): CardRenderParts => ({
  notetype,
  fields,
  tags: [],
  card: { id: 1, ord, flags: 0 },
  homeDeckName: 'Default',
});

void describe('renderCardParts', () => {
  void it('uses the template at the card ord for a normal note type', () => {
    assert.equal(renderCardParts(parts(NORMAL, 0)).questionText, '1:a|First');
    assert.equal(renderCardParts(parts(NORMAL, 1)).questionText, '2:b|Second');
  });

  void it('uses the first template for every card of a cloze note type', () => {
    const cloze: RenderableNotetype = { ...NORMAL, isCloze: true, templates: [{ name: 'Cloze', questionFormat: '{{cloze:A}}|{{Card}}', answerFormat: '' }] };
    const card = renderCardParts(parts(cloze, 4, ['{{c5::x}}', '']));
    assert.equal(card.questionText, '<span class="cloze" data-cloze="x" data-ordinal="5">[...]</span>|Cloze');
  });

  void it('refuses a card whose template does not exist', () => {
    assert.throws(
      () => renderCardParts(parts(NORMAL, 2)),
      (error: unknown) =>
        error instanceof AnkiConnectError &&
        error.message === 'missing template: card 1 uses template 2 of note type "Two cards", which has 2',
    );
  });
});
