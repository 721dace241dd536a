import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCard } from '../template/index.js';
import { LATEX_GENERATION_DISABLED, latexImagesIn, withLatexNotices, type LatexImages } from './latex-notice.js';

function card(front: string, back: string) {
  return renderCard({
    questionTemplate: '{{Front}}',
    answerTemplate: '{{Back}}',
    fields: new Map([
      ['Front', front],
      ['Back', back],
    ]),
    cardOrd: 0,
    isCloze: false,
    css: '',
    latexSvg: false,
  });
}

const images = (present: string[], generationEnabled = false): LatexImages => ({
  generationEnabled,
  has: (filename) => present.includes(filename),
});

void describe('withLatexNotices (pylib latex.py, as card.question() runs it)', () => {
  void it('appends the notice once to each side with a missing image', () => {
    const rendered = card('[$]a[/$] [$]b[/$]', 'no latex');
    const [a, b] = rendered.questionLatex;
    assert.ok(a !== undefined && b !== undefined);
    const out = withLatexNotices(rendered, images([a.filename]));
    assert.equal(out.questionText, rendered.questionText + LATEX_GENERATION_DISABLED);
    assert.equal(out.question, `<style></style>${rendered.questionText}${LATEX_GENERATION_DISABLED}`);
    assert.equal(out.answer, rendered.answer);
    assert.equal(LATEX_GENERATION_DISABLED, 'LaTeX image generation is disabled in the preferences.');
  });

  void it('says nothing when every image is there, or when generation is on', () => {
    const rendered = card('[latex]x[/latex]', '[$$]y[/$$]');
    const all = [...rendered.questionLatex, ...rendered.answerLatex].map((item) => item.filename);
    assert.equal(withLatexNotices(rendered, images(all)), rendered);
    // With generation on Anki would compile the image; the server compiles nothing.
    assert.equal(withLatexNotices(rendered, images([], true)), rendered);
  });

  void it('leaves template error pages alone: Anki returns them before LaTeX runs', () => {
    const rendered = card('[$]a[/$]', '');
    const broken = renderCard({
      questionTemplate: '{{Nope}}[$]a[/$]',
      answerTemplate: '',
      fields: new Map([['Front', 'x']]),
      cardOrd: 0,
      isCloze: false,
      css: '',
      latexSvg: false,
    });
    assert.equal(broken.status, 'error');
    assert.equal(withLatexNotices(broken, images([])), broken);
    assert.equal(rendered.questionLatex.length, 1);
  });

  void it('looks the images up in the media folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'latex-notice-'));
    try {
      const rendered = card('[$]a[/$]', '');
      const name = rendered.questionLatex[0]?.filename ?? '';
      assert.match(name, /^latex-[0-9a-f]{40}\.png$/);
      assert.equal(withLatexNotices(rendered, latexImagesIn(dir, false)).questionText.endsWith(LATEX_GENERATION_DISABLED), true);
      writeFileSync(join(dir, name), 'png');
      assert.equal(withLatexNotices(rendered, latexImagesIn(dir, false)), rendered);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
