/**
 * Which card ordinals a note should have (anki-semantics.md §2.6, Anki's cardgen). The caller
 * owns the rule that a newly added note with no qualifying card still gets card 0, and creates
 * cards only for ordinals it does not have yet (existing cards are never deleted here).
 */
import { clozeNumbersInFields } from './cloze-numbers.js';
import { rendersWithFields } from './renders-with-fields.js';
import type { ParsedTemplate } from './syntax-tree.js';

/** Cloze numbers above 500 all map to this card ordinal. */
export const MAX_CLOZE_CARD_ORD = 499;

/** Options for `templatesToGenerate`. */
export interface TemplatesToGenerateOptions {
  /** The note has at least one tag (makes `{{Tags}}` / `{{#Tags}}` count). */
  readonly hasTags?: boolean;
  /** Ordinals the note already has cards for; they are left out of the result. */
  readonly existingOrds?: ReadonlySet<number>;
}

/**
 * For a normal note type: the template ordinals (ascending) whose question renders non-empty
 * with `nonEmptyFields` (see `nonEmptyFieldNames`). `questionTemplates[ord]` is null when that
 * template failed to parse; such a template never generates a card. Parse the templates once per
 * note type and reuse them across notes.
 *
 * When a note is *added* and this returns nothing (and it has no cards), Anki still creates
 * card 0; that rule is applied by the caller, not here.
 */
export function templatesToGenerate(
  questionTemplates: readonly (ParsedTemplate | null)[],
  nonEmptyFields: ReadonlySet<string>,
  options: TemplatesToGenerateOptions = {},
): number[] {
  const ords: number[] = [];
  const rendersOptions = { hasTags: options.hasTags === true };
  for (let ord = 0; ord < questionTemplates.length; ord++) {
    const template = questionTemplates[ord];
    if (template == null || options.existingOrds?.has(ord) === true) continue;
    if (rendersWithFields(template, nonEmptyFields, rendersOptions)) ords.push(ord);
  }
  return ords;
}

/**
 * For a cloze note type: one card ordinal per cloze number found in any field (ord = number − 1,
 * capped at 499), ascending and de-duplicated, minus `existingOrds`. Every such card uses
 * template 0. As for normal note types, the caller adds card 0 for a new note that gets nothing.
 */
export function clozeOrdsToGenerate(
  fieldValues: readonly string[],
  existingOrds: ReadonlySet<number> = new Set(),
): number[] {
  const ords = new Set<number>();
  for (const number of clozeNumbersInFields(fieldValues)) {
    const ord = Math.min(number - 1, MAX_CLOZE_CARD_ORD);
    if (!existingOrds.has(ord)) ords.add(ord);
  }
  return [...ords].sort((a, b) => a - b);
}
