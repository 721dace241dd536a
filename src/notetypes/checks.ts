/**
 * The template checks Anki runs before it saves a note type (rslib `notetype/mod.rs`
 * check_templates), with Anki's English messages (`card-templates-*` strings, joined with `<br>`
 * as Anki's CardTypeError description does).
 */
import { AnkiConnectError } from '../errors.js';
import { tokenizeTemplate, tryParseTemplate, type ParsedTemplate } from '../template/index.js';
import { referencedClozeFieldNames, referencedFieldNames } from './template-text.js';

/** Names a template may use besides the note type's fields (Anki's SPECIAL_FIELDS). */
export const SPECIAL_FIELDS: ReadonlySet<string> = new Set(['FrontSide', 'Card', 'CardFlag', 'CardID', 'Deck', 'Subdeck', 'Tags', 'Type']);

/** What the checks need to know about a note type about to be saved. */
export interface TemplateCheckInput {
  name: string;
  cloze: boolean;
  fieldNames: readonly string[];
  templates: readonly { qFormat: string; aFormat: string }[];
}

/**
 * How deeply a template's sections may nest. Templates are walked recursively (rendering, card
 * generation, renaming fields); far deeper than any real template, well within the stack.
 */
export const MAX_TEMPLATE_DEPTH = 100;

/** The deepest nesting of `{{#…}}`/`{{^…}}` sections in a template, counted without recursion. */
function sectionDepth(template: string): number {
  let depth = 0;
  let deepest = 0;
  for (const token of tokenizeTemplate(template)) {
    if (token.type === 'open') deepest = Math.max(deepest, ++depth);
    else if (token.type === 'close') depth = Math.max(depth - 1, 0);
  }
  return deepest;
}

/** A front may repeat another one when it shows `{{Card}}`, which tells the cards apart. */
const CARD_TAG = /\{\{\s*Card\s*\}\}/;

function cardTypeError(notetype: string, ordinal: number, detail: string): AnkiConnectError {
  // Anki numbers card templates from 1 in this message.
  return new AnkiConnectError(`Card template ${ordinal + 1} in note type '${notetype}' has a problem.<br>${detail}`);
}

/**
 * Throws Anki's CardTypeError message for the first problem: two templates with identical
 * fronts; a template that does not parse, whose front refers to no field, or that names a field
 * the note type lacks; a cloze note type whose first template has no cloze replacement on either
 * side.
 */
export function checkTemplates(input: TemplateCheckInput): void {
  input.templates.forEach((template, index) => {
    // Not one of Anki's checks: Anki's parser does not mind; ours would overflow its stack later.
    if (sectionDepth(template.qFormat) > MAX_TEMPLATE_DEPTH || sectionDepth(template.aFormat) > MAX_TEMPLATE_DEPTH) {
      throw cardTypeError(input.name, index, `Its sections are nested more than ${MAX_TEMPLATE_DEPTH} levels deep.`);
    }
  });
  const fronts = new Map<string, number>();
  input.templates.forEach((template, index) => {
    const earlier = fronts.get(template.qFormat);
    fronts.set(template.qFormat, index);
    if (earlier !== undefined && !CARD_TAG.test(template.qFormat)) {
      throw cardTypeError(input.name, index, `The front side is identical to card template ${earlier + 1}.`);
    }
  });

  const fields = new Set(input.fieldNames);
  const parsed = input.templates.map((template) => ({
    question: tryParseTemplate(template.qFormat),
    answer: tryParseTemplate(template.aFormat),
  }));
  parsed.forEach(({ question, answer }, index) => {
    if (question === null || answer === null) {
      throw cardTypeError(input.name, index, 'See the preview for more information.');
    }
    const frontNames = referencedFieldNames(question);
    if (frontNames.size === 0) {
      throw cardTypeError(input.name, index, 'Expected to find a field replacement on the front of the card template.');
    }
    for (const name of [...frontNames, ...referencedFieldNames(answer)]) {
      if (name !== '' && !SPECIAL_FIELDS.has(name) && !fields.has(name)) {
        throw cardTypeError(input.name, index, `Field '${name}' not found.`);
      }
    }
  });

  if (input.cloze) {
    const first = parsed[0];
    const hasCloze = (side: ParsedTemplate | null) => side !== null && referencedClozeFieldNames(side).size > 0;
    if (first === undefined || !hasCloze(first.question) || !hasCloze(first.answer)) {
      throw cardTypeError(
        input.name,
        0,
        "Expected to find '{{cloze:Text}}' or similar on the front and back of the card template.",
      );
    }
  }
}
