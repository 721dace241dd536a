/**
 * The read-only views of a note type that Anki-Connect's model actions return, computed from
 * the legacy dict the way its Python code does.
 */
import type { Notetype } from './notetype.js';

/** Anki-Connect's pattern (from aqt's `_fieldsOnTemplate`): handlebars without `#`, `/` or `}` inside. */
const HANDLEBAR = /\{\{[^#/}]+?\}\}/g;

function fieldsOnSide(text: string): string[] {
  return [...text.matchAll(HANDLEBAR)].map((match) => {
    const inner = match[0].replace(/[{}]/g, '');
    return inner.split(':').at(-1) ?? '';
  });
}

/**
 * modelFieldsOnTemplates: for each template, the field names on its front and on its back, in
 * order and with repeats. Braces and filters are stripped, `FrontSide` is skipped, and the back
 * leaves out names already on the front. `{{^Field}}` openers match the pattern and so appear as
 * `^Field`, exactly as in Anki-Connect.
 */
export function fieldsOnTemplates(notetype: Notetype): Record<string, [string[], string[]]> {
  return Object.fromEntries(
    notetype.templates.map((template) => {
      const front = fieldsOnSide(template.config.qFormat).filter((name) => name !== 'FrontSide');
      const back = fieldsOnSide(template.config.aFormat).filter((name) => name !== 'FrontSide' && !front.includes(name));
      return [template.name, [front, back]];
    }),
  );
}

/** modelTemplates: each template's front and back by template name. */
export function templatesByName(notetype: Notetype): Record<string, { Front: string; Back: string }> {
  return Object.fromEntries(
    notetype.templates.map((template) => [template.name, { Front: template.config.qFormat, Back: template.config.aFormat }]),
  );
}

/** modelFieldFonts: each field's font and size by field name. */
export function fieldFonts(notetype: Notetype): Record<string, { font: string; size: number }> {
  return Object.fromEntries(
    notetype.fields.map((field) => [field.name, { font: field.config.fontName, size: field.config.fontSize & 0xffff }]),
  );
}
