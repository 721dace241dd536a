/**
 * The built-in field filters (anki-semantics.md §2.4, rslib `template_filters.rs`), applied the
 * way Anki does when rendering a card for the reviewer or for `cardsInfo`.
 */
import { stripHtml } from '../text/html.js';
import { clozeFilter, clozeOnlyFilter } from './cloze-render.js';
import { furiganaFilter, kanaFilter, kanjiFilter } from './furigana.js';
import { hintFilter } from './hint.js';

/** What filters need to know about the card being rendered. */
export interface FilterContext {
  /** The card's ordinal; cloze filters reveal deletion number `cardOrd + 1`. */
  readonly cardOrd: number;
  /** True while rendering the question template. */
  readonly question: boolean;
}

const TTS_PREFIX = 'tts ';

/** One filter; null when the filter is not one of Anki's built-in ones. */
function applyFilter(name: string, text: string, fieldName: string, context: FilterContext): string | null {
  switch (name) {
    case 'text':
      return stripHtml(text);
    case 'furigana':
      return furiganaFilter(text);
    case 'kanji':
      return kanjiFilter(text);
    case 'kana':
      return kanaFilter(text);
    case 'type':
      return `[[type:${fieldName}]]`;
    case 'type-cloze':
      return `[[type:cloze:${fieldName}]]`;
    case 'type-nc':
      return `[[type:nc:${fieldName}]]`;
    case 'hint':
      return hintFilter(text, fieldName);
    case 'cloze':
      return clozeFilter(text, context.cardOrd, context.question);
    case 'cloze-only':
      return clozeOnlyFilter(text, context.cardOrd, context.question);
    case '':
      // `{{a::F}}`: an empty name between two colons does nothing.
      return text;
    default:
      if (name.startsWith(TTS_PREFIX)) return `[anki:tts lang=${name.slice(TTS_PREFIX.length)}]${text}[/anki:tts]`;
      return null;
  }
}

/**
 * When `type` is the outermost filter the others are dropped; `{{type:cloze:F}}` and
 * `{{type:nc:F}}` are the two forms that keep a variant of it.
 */
function effectiveFilters(filters: readonly string[]): readonly string[] {
  if (filters.length === 0 || filters[filters.length - 1] !== 'type') return filters;
  if (filters.length === 2 && filters[0] === 'cloze') return ['type-cloze'];
  if (filters.length === 2 && filters[0] === 'nc') return ['type-nc'];
  return ['type'];
}

/**
 * Applies `filters` (innermost first) to a field's text. At the first filter that is not built
 * in, processing stops and the text so far is the result: Anki hands that filter and every one
 * after it to add-on hooks, which leave the text unchanged when no add-on claims the filter.
 */
export function applyFilters(
  text: string,
  filters: readonly string[],
  fieldName: string,
  context: FilterContext,
): string {
  let current = text;
  for (const name of effectiveFilters(filters)) {
    const output = applyFilter(name, current, fieldName, context);
    if (output === null) return current;
    current = output;
  }
  return current;
}
