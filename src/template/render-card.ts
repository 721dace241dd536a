/**
 * Both sides of a card as Anki's `card.question()` / `card.answer()` return them, which is what
 * Anki-Connect's `cardsInfo` reports (anki-semantics.md §2.8): the templates rendered, play
 * placeholders for sounds, `{{FrontSide}}` on the answer, LaTeX links, and the note type's CSS
 * in front. Blank fronts and template errors produce Anki's messages.
 */
import { extractAvTags, type AvTag } from './av-tags.js';
import { clozeNumbersInFields } from './cloze-numbers.js';
import { encodeMinimal } from './html-escape.js';
import { extractLatex, type ExtractedLatex } from './latex.js';
import { renderTemplate, type RenderContext } from './render.js';
import { rendersWithFields } from './renders-with-fields.js';
import { nonEmptyKeys } from './special-fields.js';
import { parseTemplateCached } from './template-cache.js';
import { TemplateError } from './template-error.js';

/** Everything needed to render one card. */
export interface CardRenderRequest {
  readonly questionTemplate: string;
  readonly answerTemplate: string;
  /** The card's field map (see `cardFieldMap`). */
  readonly fields: ReadonlyMap<string, string>;
  readonly cardOrd: number;
  readonly isCloze: boolean;
  readonly css: string;
  /** The note type's `latexsvg`: LaTeX images are `.svg` rather than `.png`. */
  readonly latexSvg: boolean;
}

/** How rendering went. */
export type RenderStatus =
  /** Both sides rendered. */
  | 'ok'
  /** The front is blank (or, for cloze, the card's deletion is missing): Anki's message is shown. */
  | 'blank'
  /** A template has an error: both sides are Anki's error message. */
  | 'error';

/** The rendered card. */
export interface RenderedCard {
  /** `<style>css</style>` followed by the question, as `card.question()`. */
  readonly question: string;
  /** `<style>css</style>` followed by the answer, as `card.answer()`. */
  readonly answer: string;
  readonly questionText: string;
  readonly answerText: string;
  /** The sounds and TTS behind `[anki:play:q:N]`, in order. */
  readonly questionAvTags: readonly AvTag[];
  /** The sounds and TTS behind `[anki:play:a:N]`, in order. */
  readonly answerAvTags: readonly AvTag[];
  /** The LaTeX images the question links to, in order (whether they exist is not checked). */
  readonly questionLatex: readonly ExtractedLatex[];
  /** The LaTeX images the answer links to, in order. */
  readonly answerLatex: readonly ExtractedLatex[];
  readonly status: RenderStatus;
}

const HELP = 'https://docs.ankiweb.net/templates/errors.html';
const MORE_INFO = 'More information';

/** Anki's message for a card whose front renders blank. */
export const BLANK_FRONT_MESSAGE =
  `<div>The front of this card is blank.<br><a href='${HELP}#front-of-card-is-blank'>${MORE_INFO}</a></div>`;

/** Anki's message for a cloze card whose deletion number no field contains. */
export function missingClozeMessage(clozeNumber: number): string {
  return (
    `<div>No cloze ${clozeNumber} found on card.\nPlease either add a cloze deletion, or use the Empty Cards tool.` +
    `<br><a href='${HELP}#no-cloze-filter-on-cloze-note-type'>${MORE_INFO}</a></div>`
  );
}

/** Anki's HTML for a template error on one side: header, escaped message, help link. */
export function templateErrorHtml(error: TemplateError, side: 'front' | 'back'): string {
  const header = side === 'front' ? 'Front template has a problem:' : 'Back template has a problem:';
  return `${header}<br>${encodeMinimal(error.message)}<br><a href='${HELP}#template-syntax-error'>${MORE_INFO}</a>`;
}

/** Anki shows an error on both sides, with no CSS, no sound extraction and no LaTeX. */
function errorCard(error: TemplateError, side: 'front' | 'back'): RenderedCard {
  const text = templateErrorHtml(error, side);
  return {
    question: `<style></style>${text}`,
    answer: `<style></style>${text}`,
    questionText: text,
    answerText: text,
    questionAvTags: [],
    answerAvTags: [],
    questionLatex: [],
    answerLatex: [],
    status: 'error',
  };
}

function renderSide(source: string, context: RenderContext, side: 'front' | 'back'): string | RenderedCard {
  try {
    return renderTemplate(parseTemplateCached(source), context);
  } catch (error) {
    if (error instanceof TemplateError) return errorCard(error, side);
    throw error;
  }
}

/** The message replacing a blank front, or null when the front shows something. */
function blankMessage(request: CardRenderRequest, nonEmpty: ReadonlySet<string>): string | null {
  if (request.isCloze) {
    // Any value counts, special fields included, as in Anki.
    const present = clozeNumbersInFields(request.fields.values()).has(request.cardOrd + 1);
    return present ? null : missingClozeMessage(request.cardOrd + 1);
  }
  return rendersWithFields(parseTemplateCached(request.questionTemplate), nonEmpty) ? null : BLANK_FRONT_MESSAGE;
}

/**
 * Renders a card the way Anki's reviewer and `cardsInfo` see it. The question is rendered, its
 * sounds become `[anki:play:q:N]`; the answer is rendered with `{{FrontSide}}` = that question
 * (placeholders and `[[type:…]]` included) and its own sounds become `[anki:play:a:N]`; LaTeX
 * becomes image links on both sides; the CSS is prefixed in a `<style>` element.
 */
export function renderCard(request: CardRenderRequest): RenderedCard {
  const nonEmpty = nonEmptyKeys(request.fields);
  const context: RenderContext = { fields: request.fields, nonEmpty, cardOrd: request.cardOrd, frontSide: null };
  const question = renderSide(request.questionTemplate, context, 'front');
  if (typeof question !== 'string') return question;

  const blank = blankMessage(request, nonEmpty);
  let questionText: string;
  let answerText: string;
  let questionAvTags: AvTag[];
  let answerAvTags: AvTag[];
  if (blank !== null) {
    // The answer template is not even parsed: both sides show the message.
    ({ text: questionText, tags: questionAvTags } = extractAvTags(question + blank, 'q'));
    ({ text: answerText, tags: answerAvTags } = extractAvTags(blank, 'a'));
  } else {
    ({ text: questionText, tags: questionAvTags } = extractAvTags(question, 'q'));
    const answer = renderSide(request.answerTemplate, { ...context, frontSide: questionText }, 'back');
    if (typeof answer !== 'string') return answer;
    ({ text: answerText, tags: answerAvTags } = extractAvTags(answer, 'a'));
  }
  const questionLatex = extractLatex(questionText, request.latexSvg);
  const answerLatex = extractLatex(answerText, request.latexSvg);
  const style = `<style>${request.css}</style>`;
  return {
    question: style + questionLatex.text,
    answer: style + answerLatex.text,
    questionText: questionLatex.text,
    answerText: answerLatex.text,
    questionAvTags,
    answerAvTags,
    questionLatex: questionLatex.latex,
    answerLatex: answerLatex.latex,
    status: blank === null ? 'ok' : 'blank',
  };
}
