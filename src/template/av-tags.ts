/**
 * Sound and text-to-speech tags in rendered card text (anki-semantics.md §2.8 step 2, rslib
 * `card_rendering`): `[sound:FILE]` and `[anki:tts lang=…]…[/anki:tts]` are replaced by
 * `[anki:play:q:N]` / `[anki:play:a:N]` placeholders that the reviewer turns into play buttons.
 */
import { decodeEntities } from '../text/html.js';
import { NextIndex, NextOf } from './next-index.js';

/** A sound or video file reference, or a text-to-speech request, in order of appearance. */
export type AvTag =
  | { readonly type: 'sound'; readonly filename: string }
  | { readonly type: 'tts'; readonly lang: string; readonly text: string; readonly options: ReadonlyMap<string, string> };

/** The text with placeholders, and the tags they stand for (placeholder N is `tags[N]`). */
export interface ExtractedAvTags {
  readonly text: string;
  readonly tags: AvTag[];
}

const SOUND_OPEN = '[sound:';
const DIRECTIVE_OPEN = '[anki:';
const DIRECTIVE_CLOSE = '[/anki:';
/** Characters that end a directive name or an unquoted option. */
const DIRECTIVE_STOP = '] \t\r\n';

const isSpace = (char: string | undefined): boolean => char === ' ' || char === '\t' || char === '\r' || char === '\n';

/** `[anki:NAME opt=val …]content[/anki:NAME]`, parsed. */
interface Directive {
  readonly name: string;
  /** Options in written order; a repeated key keeps its first position and its last value. */
  readonly options: Map<string, string>;
  readonly content: string;
  readonly end: number;
}

/**
 * Searches over one text, remembered between the many openers a text may hold, so that text
 * full of unfinished tags is still read in linear time.
 */
class TagScanner {
  readonly closeBracket: NextIndex;
  /** Searches for directive options, made when the first directive is met. */
  private options: { nameEnd: NextOf; keyEnd: NextOf; valueEnd: NextOf; quote: NextIndex } | undefined;
  /** Positions of `[/anki:NAME]` by NAME, ascending; built on first use. */
  private closers: Map<string, number[]> | undefined;

  constructor(private readonly text: string) {
    this.closeBracket = new NextIndex(text, ']');
  }

  private end(index: number): number {
    return index === -1 ? this.text.length : index;
  }

  private skipSpaces(pos: number): number {
    let end = pos;
    while (isSpace(this.text[end])) end++;
    return end;
  }

  /** The first `[/anki:NAME]` at or after `from`, or -1. */
  private closer(name: string, from: number): number {
    if (this.closers === undefined) {
      this.closers = new Map();
      const closeTags = new NextIndex(this.text, DIRECTIVE_CLOSE);
      const brackets = new NextIndex(this.text, ']');
      for (let at = closeTags.from(0); at !== -1; at = closeTags.from(at + 1)) {
        const nameStart = at + DIRECTIVE_CLOSE.length;
        const bracket = brackets.from(nameStart);
        if (bracket === -1) break;
        const closeName = this.text.slice(nameStart, bracket);
        const list = this.closers.get(closeName);
        if (list === undefined) this.closers.set(closeName, [at]);
        else list.push(at);
      }
    }
    const list = this.closers.get(name);
    if (list === undefined) return -1;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((list[mid] ?? 0) < from) low = mid + 1;
      else high = mid;
    }
    return list[low] ?? -1;
  }

  /**
   * Parses a directive at `start` (where the text has `[anki:`), or returns null when it is not
   * a complete one, in which case Anki treats it as plain text.
   */
  directive(start: number): Directive | null {
    const text = this.text;
    const search = (this.options ??= {
      nameEnd: new NextOf(text, DIRECTIVE_STOP),
      keyEnd: new NextOf(text, `${DIRECTIVE_STOP}=`),
      valueEnd: new NextOf(text, `${DIRECTIVE_STOP}"`),
      quote: new NextIndex(text, '"'),
    });
    const nameStart = start + DIRECTIVE_OPEN.length;
    const nameEnd = this.end(search.nameEnd.from(nameStart));
    if (nameEnd === nameStart) return null;
    const name = text.slice(nameStart, nameEnd);
    const options = new Map<string, string>();
    let pos = this.skipSpaces(nameEnd);
    // Options: `key=value` separated by whitespace; a value is quoted, or a run of characters
    // that are not `]`, whitespace or `"`, possibly empty. An option that does not parse ends
    // the list.
    for (;;) {
      const keyEnd = this.end(search.keyEnd.from(pos));
      if (keyEnd === pos || text[keyEnd] !== '=') break;
      let valueStart = keyEnd + 1;
      let valueEnd: number;
      let after: number;
      const closingQuote = text[valueStart] === '"' ? search.quote.from(valueStart + 1) : -1;
      if (closingQuote !== -1) {
        valueStart += 1;
        valueEnd = closingQuote;
        after = closingQuote + 1;
      } else {
        valueEnd = this.end(search.valueEnd.from(valueStart));
        after = valueEnd;
      }
      options.set(text.slice(pos, keyEnd), text.slice(valueStart, valueEnd));
      pos = this.skipSpaces(after);
    }
    if (text[pos] !== ']') return null;
    const contentStart = pos + 1;
    const closeAt = this.closer(name, contentStart);
    if (closeAt === -1) return null;
    return { name, options, content: text.slice(contentStart, closeAt), end: closeAt + DIRECTIVE_CLOSE.length + name.length + 1 };
  }
}

/** How Anki writes an option back: quoted when the value holds `]` or whitespace. */
function writeOption(key: string, value: string): string {
  return /[\] \t\r\n]/.test(value) ? ` ${key}="${value}"` : ` ${key}=${value}`;
}

/**
 * Replaces every sound tag and text-to-speech directive with a play placeholder numbered from 0,
 * `side` being `q` (question) or `a` (answer). `[sound:]` with no file name stays literal. A
 * `[anki:tts]` without `lang` becomes Anki's error text instead. Other `[anki:…]` directives are
 * kept, re-written in Anki's normalised form (single spaces, quoted values only where needed).
 * Existing placeholders are plain text and are left alone.
 */
export function extractAvTags(text: string, side: 'q' | 'a'): ExtractedAvTags {
  const tags: AvTag[] = [];
  if (!text.includes('[')) return { text, tags };
  const scanner = new TagScanner(text);
  let out = '';
  let copied = 0;
  let pos = text.indexOf('[');
  while (pos !== -1) {
    let replacement: string | null = null;
    let end = pos;
    if (text.startsWith(SOUND_OPEN, pos)) {
      const close = scanner.closeBracket.from(pos + SOUND_OPEN.length);
      if (close > pos + SOUND_OPEN.length) {
        tags.push({ type: 'sound', filename: decodeEntities(text.slice(pos + SOUND_OPEN.length, close)) });
        replacement = `[anki:play:${side}:${tags.length - 1}]`;
        end = close + 1;
      }
    } else if (text.startsWith(DIRECTIVE_OPEN, pos)) {
      const directive = scanner.directive(pos);
      if (directive !== null) {
        replacement = writeDirective(directive, side, tags);
        end = directive.end;
      }
    }
    if (replacement === null) {
      pos = text.indexOf('[', pos + 1);
      continue;
    }
    out += text.slice(copied, pos) + replacement;
    copied = end;
    pos = text.indexOf('[', end);
  }
  return { text: copied === 0 ? text : out + text.slice(copied), tags };
}

function writeDirective(directive: Directive, side: 'q' | 'a', tags: AvTag[]): string {
  if (directive.name !== 'tts') {
    let written = `[anki:${directive.name}`;
    for (const [key, value] of directive.options) written += writeOption(key, value);
    return `${written}]${directive.content}[/anki:${directive.name}]`;
  }
  const lang = directive.options.get('lang') ?? '';
  if (lang === '') return "[Error in directive 'anki:tts': 'lang' not set]";
  tags.push({ type: 'tts', lang, text: directive.content, options: directive.options });
  return `[anki:play:${side}:${tags.length - 1}]`;
}
