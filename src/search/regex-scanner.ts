/**
 * The character level of the Rust regex parser: a cursor over the pattern's code points, and
 * the pieces that read one character or one class — escapes that stand for a character, `\p{…}`
 * properties, Perl classes and bracketed classes with their set operators. The structure
 * (alternation, groups, repetition) is regex-parser.ts, which builds on this.
 */
import { unicodeProperty } from './regex-properties.js';
import { RustRegexError } from './regex-syntax.js';
import type { ClassItem, ClassSet, Flags, PerlKind } from './regex-syntax.js';

const META = new Set('\\.+*?()|[]{}^$#&-~');

/** The members of Rust's Unicode `\w`, as the body of a JavaScript class. */
export const WORD_UNICODE = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
/** The members of `\w` under `(?-u)`, as the body of a JavaScript class. */
export const WORD_ASCII = '0-9A-Za-z_';

/** `\d`, `\w`, `\s` or a negation as one class item, Unicode-aware unless `(?-u)`. */
export function perlItems(kind: PerlKind, negated: boolean, unicode: boolean): ClassItem {
  let text: string;
  if (kind === 'd') text = unicode ? (negated ? '\\P{Nd}' : '\\p{Nd}') : negated ? '[^0-9]' : '[0-9]';
  else if (kind === 's') {
    text = unicode ? (negated ? '\\P{White_Space}' : '\\p{White_Space}') : negated ? '[^\\t\\n\\v\\f\\r ]' : '[\\t\\n\\v\\f\\r ]';
  } else {
    const word = unicode ? WORD_UNICODE : WORD_ASCII;
    text = negated ? `[^${word}]` : `[${word}]`;
  }
  return { type: 'raw', text };
}

/** The bodies of the ASCII classes `[[:name:]]`. */
const ASCII_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\u{0}-\\u{7f}',
  blank: '\\t ',
  cntrl: '\\u{0}-\\u{1f}\\u{7f}',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/\\:-\\@\\[-\\`\\{-\\~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** A cursor over a pattern, with the readers for single characters and classes. */
export class RegexScanner {
  protected readonly chars: string[];
  protected pos = 0;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  protected peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  protected next(): string {
    const char = this.chars[this.pos];
    if (char === undefined) throw new RustRegexError('unexpected end of pattern');
    this.pos++;
    return char;
  }

  /** Under `(?x)`, skips whitespace and `#` comments. */
  protected skipVerbose(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const char = this.peek();
      if (char === undefined) return;
      if (/^\s$/u.test(char)) {
        this.pos++;
      } else if (char === '#') {
        while (this.peek() !== undefined && this.peek() !== '\n') this.pos++;
      } else {
        return;
      }
    }
  }

  /** A `\…` that stands for one character: meta or punctuation escapes, `\n`-style, hex. */
  protected parseLiteralEscape(): number {
    const char = this.next();
    if (META.has(char)) return codePoint(char);
    switch (char) {
      case 'a':
        return 0x07;
      case 'f':
        return 0x0c;
      case 't':
        return 0x09;
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 'v':
        return 0x0b;
      case 'x':
        return this.parseHex(2);
      case 'u':
        return this.parseHex(4);
      case 'U':
        return this.parseHex(8);
    }
    if (/^[0-9]$/.test(char)) throw new RustRegexError('backreferences are not supported');
    const cp = codePoint(char);
    if (cp < 0x80 && !/^[A-Za-z<>]$/.test(char)) return cp;
    throw new RustRegexError('unrecognized escape sequence');
  }

  private parseHex(width: number): number {
    let digits = '';
    if (this.peek() === '{') {
      this.pos++;
      while (this.peek() !== undefined && this.peek() !== '}') digits += this.next();
      if (this.peek() === undefined) throw new RustRegexError('unclosed hexadecimal literal');
      this.pos++;
      if (digits === '' || digits.length > 8) throw new RustRegexError('invalid hexadecimal literal');
    } else {
      for (let k = 0; k < width; k++) {
        const d = this.peek();
        if (d === undefined) throw new RustRegexError('incomplete escape sequence, reached end of pattern prematurely');
        digits += this.next();
      }
    }
    if (!/^[0-9a-fA-F]+$/.test(digits)) throw new RustRegexError('hexadecimal literal is not a Unicode scalar value');
    const cp = parseInt(digits, 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new RustRegexError('hexadecimal literal is not a Unicode scalar value');
    return cp;
  }

  protected parseProperty(negatedEscape: boolean): string {
    let name: string;
    if (this.peek() === '{') {
      this.pos++;
      name = '';
      while (this.peek() !== undefined && this.peek() !== '}') name += this.next();
      if (this.peek() === undefined) throw new RustRegexError('unclosed Unicode class');
      this.pos++;
    } else {
      const char = this.peek();
      if (char === undefined) throw new RustRegexError('incomplete escape sequence, reached end of pattern prematurely');
      this.pos++;
      name = char;
    }
    return unicodeProperty(name, negatedEscape);
  }

  /** A bracketed class; the `[` is consumed. */
  protected parseClass(flags: Flags): ClassSet {
    let negated = false;
    if (this.peek() === '^') {
      this.pos++;
      negated = true;
    }
    const set: ClassSet = { negated, first: [], rest: [] };
    let current = set.first;
    let start = true;
    for (;;) {
      this.skipVerbose(flags);
      const char = this.peek();
      if (char === undefined) throw new RustRegexError('unclosed character class');
      if (char === ']' && !start) {
        this.pos++;
        return set;
      }
      start = false;
      const pair = char + (this.peek(1) ?? '');
      if (pair === '&&' || pair === '--' || pair === '~~') {
        // A leading `-` (or `--` right after an operator) is a literal in Rust too, but an
        // operator between two operands is what users write; `[a--b]` is a difference.
        if (current.length > 0 || pair !== '--') {
          this.pos += 2;
          const items: ClassItem[] = [];
          set.rest.push({ op: pair, items });
          current = items;
          continue;
        }
      }
      const item = this.parseClassItem(flags);
      // A range `a-b`: the `-` is an operator only between two single characters.
      if (item.type === 'char' && this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '-' && this.peek(1) !== undefined) {
        this.pos++;
        this.skipVerbose(flags);
        const end = this.parseClassItem(flags);
        if (end.type !== 'char') throw new RustRegexError('invalid range boundary, must be a literal');
        if (end.cp < item.cp) throw new RustRegexError('invalid range, the start must be <= the end');
        current.push({ type: 'range', from: item.cp, to: end.cp });
        continue;
      }
      current.push(item);
    }
  }

  private parseClassItem(flags: Flags): ClassItem {
    const char = this.next();
    if (char === '[') {
      if (this.peek() === ':') {
        const close = this.chars.indexOf(']', this.pos);
        const body = close > 0 ? this.chars.slice(this.pos, close).join('') : '';
        const match = /^:(\^?)([a-z]+):$/.exec(body);
        if (match !== null) {
          const ascii = ASCII_CLASSES[match[2] ?? ''];
          if (ascii === undefined) throw new RustRegexError('invalid ASCII class');
          this.pos = close + 1;
          return { type: 'raw', text: match[1] === '^' ? `[^${ascii}]` : `[${ascii}]` };
        }
      }
      return { type: 'nested', set: this.parseClass(flags) };
    }
    if (char !== '\\') return { type: 'char', cp: codePoint(char) };
    const escaped = this.peek();
    switch (escaped) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        this.pos++;
        return perlItems(escaped.toLowerCase() as PerlKind, escaped !== escaped.toLowerCase(), flags.u);
      case 'p':
      case 'P':
        this.pos++;
        return { type: 'raw', text: this.parseProperty(escaped === 'P') };
      case 'b':
      case 'B':
      case 'A':
      case 'z':
      case '<':
      case '>':
        throw new RustRegexError('escape sequence is not valid in a character class');
      default:
        return { type: 'char', cp: this.parseLiteralEscape() };
    }
  }
}

/** The code point of a one-character string. */
export function codePoint(char: string): number {
  return char.codePointAt(0) ?? 0;
}
