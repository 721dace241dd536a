/**
 * Parsed templates keyed by their text. Rendering many cards of one note type re-uses a handful
 * of templates, so each is parsed once; a template that fails to parse keeps its error.
 */
import { parseTemplate } from './parser.js';
import type { ParsedTemplate } from './syntax-tree.js';
import { TemplateError } from './template-error.js';

/** Enough for every template of a large collection; beyond it the cache starts over. */
const MAX_ENTRIES = 2000;

const cache = new Map<string, ParsedTemplate | TemplateError>();

/**
 * `parseTemplate` with a cache. The result is shared, which is safe: parsed templates are never
 * modified.
 *
 * @throws {TemplateError} as `parseTemplate` does (the same error object each time).
 */
export function parseTemplateCached(text: string): ParsedTemplate {
  let entry = cache.get(text);
  if (entry === undefined) {
    try {
      entry = parseTemplate(text);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      entry = error;
    }
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(text, entry);
  }
  if (entry instanceof TemplateError) throw entry;
  return entry;
}
