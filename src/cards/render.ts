/**
 * Rendering a stored card (anki-semantics.md §2.8, rslib `notetype/render.rs`): the field map with
 * the special fields filled from the collection, the template the card uses, and both sides as
 * Anki's `card.question()` / `card.answer()` return them.
 */
import type { Collection } from '../collection/collection.js';
import { humanDeckName } from '../decks/names.js';
import { AnkiConnectError } from '../errors.js';
import { isCloze, type Notetype } from '../notetypes/notetype.js';
import { cardFieldMap, renderCard, type RenderedCard } from '../template/index.js';
import { latexImagesIn, RENDER_LATEX_KEY, withLatexNotices, type LatexImages } from './latex-notice.js';

/** The parts of a note type that rendering reads. */
export interface RenderableNotetype {
  readonly name: string;
  readonly css: string;
  readonly latexSvg: boolean;
  readonly isCloze: boolean;
  readonly fieldNames: readonly string[];
  readonly templates: readonly { readonly name: string; readonly questionFormat: string; readonly answerFormat: string }[];
}

/** The card columns rendering reads. */
export interface RenderableCard {
  readonly id: number;
  readonly ord: number;
  readonly flags: number;
}

/** One card with everything it is rendered from, however it was loaded. */
export interface CardRenderParts {
  readonly notetype: RenderableNotetype;
  /** The note's field values by ordinal. */
  readonly fields: readonly string[];
  readonly tags: readonly string[];
  readonly card: RenderableCard;
  /** Human name of the card's home deck (its original deck while in a filtered deck), or null. */
  readonly homeDeckName: string | null;
}

/**
 * Renders a card from its parts. Cards of cloze note types always use the first template (their
 * ord is the cloze number − 1); other cards use the template at their ord.
 *
 * @throws {AnkiConnectError} when the note type has no template for the card.
 */
export function renderCardParts(parts: CardRenderParts): RenderedCard {
  const { notetype, card } = parts;
  const template = notetype.isCloze ? notetype.templates[0] : notetype.templates[card.ord];
  if (template === undefined) {
    throw new AnkiConnectError(
      `missing template: card ${card.id} uses template ${card.ord} of note type "${notetype.name}", which has ${notetype.templates.length}`,
    );
  }
  const fields = cardFieldMap({
    fieldNames: notetype.fieldNames,
    values: parts.fields,
    tags: parts.tags,
    notetypeName: notetype.name,
    deckName: parts.homeDeckName,
    flags: card.flags,
    templateName: template.name,
    cardId: card.id,
    cardOrd: card.ord,
  });
  return renderCard({
    questionTemplate: template.questionFormat,
    answerTemplate: template.answerFormat,
    fields,
    cardOrd: card.ord,
    isCloze: notetype.isCloze,
    css: notetype.css,
    latexSvg: notetype.latexSvg,
  });
}

const renderables = new WeakMap<Notetype, RenderableNotetype>();

/** The rendering view of a stored note type, made once per loaded note type object. */
export function renderableNotetype(notetype: Notetype): RenderableNotetype {
  let renderable = renderables.get(notetype);
  if (renderable === undefined) {
    renderable = {
      name: notetype.name,
      css: notetype.config.css,
      latexSvg: notetype.config.latexSvg,
      isCloze: isCloze(notetype),
      fieldNames: notetype.fields.map((field) => field.name),
      templates: notetype.templates.map((template) => ({
        name: template.name,
        questionFormat: template.config.qFormat,
        answerFormat: template.config.aFormat,
      })),
    };
    renderables.set(notetype, renderable);
  }
  return renderable;
}

/** The human name of a card's home deck: its original deck when in a filtered deck. */
export function homeDeckName(col: Collection, card: { readonly did: number; readonly odid: number }): string | null {
  const deck = col.decks.get(card.odid !== 0 ? card.odid : card.did);
  return deck === undefined ? null : humanDeckName(deck.name);
}

/** The collection's LaTeX preference and media folder, for Anki's missing-image notice. */
export function collectionLatexImages(col: Collection): LatexImages {
  return latexImagesIn(col.media.path, col.config.getBool(RENDER_LATEX_KEY, false));
}

/** A stored card with the note it belongs to, as rendering needs them. */
export interface StoredCardForRender extends RenderableCard {
  readonly did: number;
  readonly odid: number;
  readonly notetypeId: number;
  readonly fields: readonly string[];
  readonly tags: readonly string[];
}

/**
 * Renders a stored card as `card.question()` / `card.answer()` give it, LaTeX notices included.
 *
 * @throws {AnkiConnectError} when its note type is missing or lacks the card's template.
 */
export function renderStoredCard(col: Collection, card: StoredCardForRender): RenderedCard {
  const notetype = col.notetypes.get(card.notetypeId);
  if (notetype === undefined) throw new AnkiConnectError(`note type was not found: ${card.notetypeId}`);
  const rendered = renderCardParts({
    notetype: renderableNotetype(notetype),
    fields: card.fields,
    tags: card.tags,
    card,
    homeDeckName: homeDeckName(col, card),
  });
  return withLatexNotices(rendered, collectionLatexImages(col));
}
