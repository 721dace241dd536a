import type { Notetype } from '../notetypes/notetype.js';
import { isCloze } from '../notetypes/notetype.js';
import {
  clozeFieldOrds,
  clozeOrdsToGenerate,
  nonEmptyFieldNames,
  templatesToGenerate,
  tryParseTemplate,
  type ParsedTemplate,
} from '../template/index.js';

/**
 * What card generation needs to know about a note type, derived once per loaded note type:
 * the parsed question templates, each template's deck override and, for cloze note types, the
 * fields that hold clozes.
 */
export interface CardGenInfo {
  cloze: boolean;
  fieldNames: string[];
  questions: (ParsedTemplate | null)[];
  /** Deck override of each template (0 means none). */
  targetDecks: number[];
  /** Field ords a cloze note type renders with the cloze filter. */
  clozeFieldOrds: number[];
}

const cache = new WeakMap<Notetype, CardGenInfo>();

/** Card generation data for `notetype`, cached for as long as the note type object lives. */
export function cardGenInfo(notetype: Notetype): CardGenInfo {
  let info = cache.get(notetype);
  if (info === undefined) {
    const fieldNames = notetype.fields.map((field) => field.name);
    const questionTexts = notetype.templates.map((template) => template.config.qFormat);
    info = {
      cloze: isCloze(notetype),
      fieldNames,
      questions: questionTexts.map((text) => tryParseTemplate(text)),
      targetDecks: notetype.templates.map((template) => Number(template.config.targetDeckId)),
      clozeFieldOrds: isCloze(notetype) ? clozeFieldOrds(questionTexts, fieldNames) : [],
    };
    cache.set(notetype, info);
  }
  return info;
}

/**
 * The card ords a new note gets (anki-semantics.md §2.6): for a normal note type, each template
 * whose question shows a non-empty field; for a cloze note type, one card per cloze number.
 * When nothing qualifies, card 0 is still made, so every note has at least one card.
 */
export function ordsForNewNote(info: CardGenInfo, fields: readonly string[], hasTags: boolean): number[] {
  const ords = info.cloze
    ? clozeOrdsToGenerate(fields)
    : templatesToGenerate(info.questions, nonEmptyFieldNames(info.fieldNames, fields), { hasTags });
  return ords.length === 0 ? [0] : ords;
}
