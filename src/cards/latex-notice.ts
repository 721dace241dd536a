/**
 * What Anki appends to a rendered side whose LaTeX image is not in the media folder (pylib
 * `latex.py`, run by `card.question()` / `card.answer()` and so by Anki-Connect's `cardsInfo`).
 * With LaTeX generation off, which is Anki's default (`renderLatex` missing or false), it appends
 * one notice per side; with it on, Anki compiles the image with the local LaTeX install, which a
 * headless server does not do (a documented deviation: the side is left as it is).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedLatex, RenderedCard } from '../template/index.js';

/** Anki's English text (ftl `preferences-latex-generation-disabled`). */
export const LATEX_GENERATION_DISABLED = 'LaTeX image generation is disabled in the preferences.';

/** The config key of the preference (rslib `BoolKey::RenderLatex`); false when missing. */
export const RENDER_LATEX_KEY = 'renderLatex';

/** Where a notice is decided: the preference and a test for an image in the media folder. */
export interface LatexImages {
  readonly generationEnabled: boolean;
  readonly has: (filename: string) => boolean;
}

/** The media folder of a collection as the notice sees it: Python's `os.path.exists`. */
export function latexImagesIn(mediaDir: string, generationEnabled: boolean): LatexImages {
  return { generationEnabled, has: (filename) => existsSync(join(mediaDir, filename)) };
}

function noticeFor(latex: readonly ExtractedLatex[], images: LatexImages): string {
  // Anki stops at the first missing image and appends the notice once.
  return latex.some((item) => !images.has(item.filename)) ? LATEX_GENERATION_DISABLED : '';
}

/** The card with Anki's notice appended to each side that links to a missing LaTeX image. */
export function withLatexNotices(card: RenderedCard, images: LatexImages): RenderedCard {
  if (images.generationEnabled || (card.questionLatex.length === 0 && card.answerLatex.length === 0)) return card;
  const question = noticeFor(card.questionLatex, images);
  const answer = noticeFor(card.answerLatex, images);
  if (question === '' && answer === '') return card;
  return {
    ...card,
    question: card.question + question,
    answer: card.answer + answer,
    questionText: card.questionText + question,
    answerText: card.answerText + answer,
  };
}
