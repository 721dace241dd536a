import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BLANK_FRONT_MESSAGE, missingClozeMessage, renderCard, type CardRenderRequest } from './render-card.js';

function request(overrides: Omit<Partial<CardRenderRequest>, 'fields'> & { fields: Record<string, string> }): CardRenderRequest {
  return {
    questionTemplate: '{{Front}}',
    answerTemplate: '{{FrontSide}}<hr id=answer>{{Back}}',
    cardOrd: 0,
    isCloze: false,
    css: '.card {}',
    latexSvg: false,
    ...overrides,
    fields: new Map(Object.entries(overrides.fields)),
  };
}

const BLANK =
  "<div>The front of this card is blank.<br><a href='https://docs.ankiweb.net/templates/errors.html#front-of-card-is-blank'>More information</a></div>";

void describe('renderCard', () => {
  void it('prefixes both sides with the CSS and puts the question in FrontSide', () => {
    const card = renderCard(request({ fields: { Front: 'q', Back: 'a' } }));
    assert.equal(card.question, '<style>.card {}</style>q');
    assert.equal(card.answer, '<style>.card {}</style>q<hr id=answer>a');
    assert.equal(card.status, 'ok');
  });

  void it('numbers sounds per side; the FrontSide keeps the question placeholders', () => {
    const card = renderCard(request({ fields: { Front: '[sound:q.mp3]', Back: '[sound:a1.mp3][sound:a2.mp3]' } }));
    assert.equal(card.questionText, '[anki:play:q:0]');
    assert.equal(card.answerText, '[anki:play:q:0]<hr id=answer>[anki:play:a:0][anki:play:a:1]');
    assert.deepEqual(
      card.answerAvTags.map((tag) => (tag.type === 'sound' ? tag.filename : '')),
      ['a1.mp3', 'a2.mp3'],
    );
  });

  void it('renders LaTeX on both sides, as .svg when the note type asks', () => {
    const card = renderCard(request({ fields: { Front: '[$]x[/$]', Back: '' }, latexSvg: true }));
    const img = '<img class=latex alt="&#x24;x&#x24;" src="latex-';
    assert.ok(card.questionText.startsWith(img) && card.questionText.endsWith('.svg">'));
    assert.equal(card.answerText, `${card.questionText}<hr id=answer>`);
  });

  void it('keeps [[type:…]] markers', () => {
    const card = renderCard(
      request({ fields: { Front: 'f', Back: 'b' }, questionTemplate: '{{Front}} {{type:Back}}', answerTemplate: '{{FrontSide}}' }),
    );
    assert.equal(card.answerText, 'f [[type:Back]]');
  });

  void it("shows Anki's message when the front is blank", () => {
    assert.equal(BLANK_FRONT_MESSAGE, BLANK);
    const card = renderCard(request({ fields: { Front: '<br>', Back: 'b' }, questionTemplate: 'Q: {{Front}}' }));
    assert.equal(card.questionText, `Q: <br>${BLANK}`);
    assert.equal(card.answerText, BLANK);
    assert.equal(card.question, `<style>.card {}</style>Q: <br>${BLANK}`);
    assert.equal(card.status, 'blank');
  });

  void it('counts special fields when deciding whether the front is blank', () => {
    const card = renderCard(request({ fields: { Front: '', Back: '', Deck: 'Default' }, questionTemplate: '{{Front}}{{Deck}}' }));
    assert.equal(card.questionText, 'Default');
  });

  void it('does not look at the answer template when the front is blank', () => {
    const card = renderCard(request({ fields: { Front: '' }, answerTemplate: '{{#Broken}}' }));
    assert.equal(card.status, 'blank');
  });

  void it("shows the missing-cloze message on a cloze card whose number is in no field", () => {
    const message = missingClozeMessage(3);
    assert.equal(
      message,
      "<div>No cloze 3 found on card.\nPlease either add a cloze deletion, or use the Empty Cards tool.<br>" +
        "<a href='https://docs.ankiweb.net/templates/errors.html#no-cloze-filter-on-cloze-note-type'>More information</a></div>",
    );
    const card = renderCard(
      request({
        fields: { Text: '{{c1::a}}', c3: '1' },
        isCloze: true,
        cardOrd: 2,
        questionTemplate: 'x{{cloze:Text}}',
        answerTemplate: '{{cloze:Text}}',
      }),
    );
    assert.equal(card.questionText, `x${message}`);
    assert.equal(card.answerText, message);
  });

  void it('does not apply the blank-front rule to cloze note types', () => {
    const card = renderCard(
      request({ fields: { Text: '{{c1::a}}', c1: '1' }, isCloze: true, questionTemplate: 'static', answerTemplate: '{{FrontSide}}!' }),
    );
    assert.equal(card.answerText, 'static!');
  });

  void it('replaces both sides with the front error, without CSS', () => {
    const card = renderCard(request({ fields: { Front: 'f' }, questionTemplate: "{{Front}}{{Isn't}}" }));
    const expected =
      'Front template has a problem:<br>Found &#x27;{{Isn&#x27;t}}&#x27;, but there is no field called &#x27;Isn&#x27;t&#x27;' +
      "<br><a href='https://docs.ankiweb.net/templates/errors.html#template-syntax-error'>More information</a>";
    assert.equal(card.question, `<style></style>${expected}`);
    assert.equal(card.answer, `<style></style>${expected}`);
    assert.equal(card.status, 'error');
  });

  void it('replaces both sides with the back error, parse errors included', () => {
    const card = renderCard(request({ fields: { Front: 'f [sound:x.mp3]' }, answerTemplate: '{{#A}}{{/B}}' }));
    const expected =
      "Back template has a problem:<br>Found &#x27;{{/B}}&#x27;, but expected &#x27;{{/A}}&#x27;<br><a href='https://docs.ankiweb.net/templates/errors.html#template-syntax-error'>More information</a>";
    assert.equal(card.questionText, expected);
    assert.equal(card.answerText, expected);
    assert.deepEqual(card.questionAvTags, []);
  });
});
