/**
 * The character level of the Rust regex parser, following regex-syntax's `ast::parse` (the
 * crate behind Rust's `regex`, which Anki uses): a cursor over the pattern's code points, `(?x)`
 * whitespace and comments, and escapes — what they stand for and the error for each malformed
 * one, in the order regex-syntax checks them. Bracketed classes are regex-class-parser.ts, the
 * structure (alternation, groups, repetition) regex-parser.ts.
 *
 * regex-syntax parses the whole pattern before it translates it, so a translation error (an
 * unknown `\p{…}` name, Unicode syntax under `(?-u)`) is reported only when the pattern has no
 * syntax error anywhere: such errors are kept in `deferred` and thrown once parsing is done.
 */
import { unicodeProperty } from './regex-properties.js';
import { RustRegexError } from './regex-syntax.js';
import type { ClassItem, Flags, PerlKind } from './regex-syntax.js';

/** The members of Rust's Unicode `\w`, as the body of a JavaScript class. */
export const WORD_UNICODE = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
/** The members of `\w` under `(?-u)`, as the body of a JavaScript class. */
export const WORD_ASCII = '0-9A-Za-z_';

/** Messages of regex-syntax's errors that more than one reader raises. */
export const MESSAGES = {
  escapeEof: 'incomplete escape sequence, reached end of pattern prematurely',
  invalidUtf8: 'pattern can match invalid UTF-8',
  unicodeNotAllowed: 'Unicode not allowed here',
  classUnclosed: 'unclosed character class',
} as const;

/** Rust's meta characters: escaped, they stand for themselves everywhere. */
const META = new Set('\\.+*?()|[]{}^$#&-~');

/** Word-boundary assertions: `\b`, `\B`, `\b{start}` (also `\<`), `\b{end}` (also `\>`), the halves. */
export type Assertion = 'b' | 'B' | 'A' | 'z' | 'start' | 'end' | 'start-half' | 'end-half';

/**
 * What an escape (or a plain character inside a class) stands for, before translation:
 * `byte` marks a `\xNN` literal, which under `(?-u)` is a byte rather than a character.
 */
export type Primitive =
  | { kind: 'literal'; cp: number; byte: boolean }
  | { kind: 'assertion'; assertion: Assertion }
  | { kind: 'perl'; perl: PerlKind; negated: boolean }
  | { kind: 'unicode'; name: string; oneLetter: boolean; negated: boolean };

/** Rust's `char::is_whitespace`: the Unicode White_Space property. */
export const isRustWhitespace = (char: string | undefined): boolean => char !== undefined && /^\p{White_Space}$/u.test(char);

const isHex = (char: string | undefined): boolean => char !== undefined && /^[0-9A-Fa-f]$/.test(char);

/** Characters a backslash may precede to stand for themselves (regex-syntax's `is_escapeable_character`). */
function isEscapable(char: string): boolean {
  if (META.has(char)) return true;
  return char.length === 1 && char.charCodeAt(0) < 0x80 && !/[0-9A-Za-z<>]/.test(char);
}

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

/** A cursor over a pattern, with the readers for escapes. */
export class RegexScanner {
  protected readonly chars: string[];
  protected pos = 0;
  /** The first translation error, thrown when the whole pattern has parsed. */
  protected deferred: RustRegexError | undefined;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  protected peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  /** The current character; '' at the end (callers check the end first). */
  protected char(): string {
    return this.chars[this.pos] ?? '';
  }

  protected atEnd(): boolean {
    return this.pos >= this.chars.length;
  }

  protected startsWith(prefix: string): boolean {
    return this.chars.slice(this.pos, this.pos + prefix.length).join('') === prefix;
  }

  /** Keeps the first translation error (see the module comment). */
  protected defer(message: string): void {
    this.deferred ??= new RustRegexError(message);
  }

  /** Under `(?x)`, skips whitespace and `#` comments (to the end of the line). */
  protected skipVerbose(flags: Flags): void {
    if (!flags.x) return;
    while (!this.atEnd()) {
      if (isRustWhitespace(this.peek())) {
        this.pos++;
      } else if (this.peek() === '#') {
        while (!this.atEnd() && this.chars[this.pos++] !== '\n');
      } else {
        return;
      }
    }
  }

  /** Past the current character and any `(?x)` space after it; false at the end (`bump_and_bump_space`). */
  protected bumpSpace(flags: Flags): boolean {
    this.pos++;
    this.skipVerbose(flags);
    return !this.atEnd();
  }

  /**
   * The character after the current one, past `(?x)` space (regex-syntax's `peek_space`, which
   * after a `#` takes the first non-space character, comment or not).
   */
  protected peekSpace(flags: Flags): string | undefined {
    if (!flags.x) return this.peek(1);
    let inComment = false;
    for (const char of this.chars.slice(this.pos + 1)) {
      if (isRustWhitespace(char)) continue;
      if (!inComment && char === '#') inComment = true;
      else return char;
    }
    return undefined;
  }

  /** An escape, at its backslash. */
  protected parseEscape(flags: Flags): Primitive {
    this.pos++;
    const char = this.peek();
    if (char === undefined) throw new RustRegexError(MESSAGES.escapeEof);
    if (/^[0-9]$/.test(char)) throw new RustRegexError('backreferences are not supported');
    if (char === 'x' || char === 'u' || char === 'U') return this.parseHex(flags, char);
    if (char === 'p' || char === 'P') return this.parseUnicodeClass(flags);
    if (/^[dswDSW]$/.test(char)) {
      this.pos++;
      return { kind: 'perl', perl: char.toLowerCase() as PerlKind, negated: char !== char.toLowerCase() };
    }
    this.pos++;
    if (isEscapable(char)) return { kind: 'literal', cp: codePoint(char), byte: false };
    const special: Record<string, number> = { a: 0x07, f: 0x0c, t: 0x09, n: 0x0a, r: 0x0d, v: 0x0b };
    const cp = special[char];
    if (cp !== undefined) return { kind: 'literal', cp, byte: false };
    switch (char) {
      case 'A':
      case 'z':
      case 'B':
        return { kind: 'assertion', assertion: char };
      case '<':
        return { kind: 'assertion', assertion: 'start' };
      case '>':
        return { kind: 'assertion', assertion: 'end' };
      case 'b':
        return { kind: 'assertion', assertion: this.peek() === '{' ? this.specialWordBoundary(flags) : 'b' };
    }
    throw new RustRegexError('unrecognized escape sequence');
  }

  /**
   * `\b{start}` and the like, at the `{`. A `{` not followed by a letter or `-` is left for
   * counted repetition (`\b{2}` repeats `\b`).
   */
  private specialWordBoundary(flags: Flags): Assertion {
    const brace = this.pos;
    if (!this.bumpSpace(flags)) {
      throw new RustRegexError(
        'found either the beginning of a special word boundary or a bounded repetition on a \\b with an opening brace, but no closing brace',
      );
    }
    const isNameChar = (char: string | undefined): boolean => char !== undefined && /^[A-Za-z-]$/.test(char);
    if (!isNameChar(this.peek())) {
      this.pos = brace;
      return 'b';
    }
    let name = '';
    while (isNameChar(this.peek())) {
      name += this.char();
      this.bumpSpace(flags);
    }
    if (this.peek() !== '}') throw new RustRegexError('special word boundary assertion is either unclosed or contains an invalid character');
    this.pos++;
    if (name === 'start' || name === 'end' || name === 'start-half' || name === 'end-half') return name;
    throw new RustRegexError('unrecognized special word boundary assertion, valid choices are: start, end, start-half or end-half');
  }

  /** `\xNN`, `\uNNNN`, `\UNNNNNNNN` or any of them with `{…}`, at the letter. */
  private parseHex(flags: Flags, letter: 'x' | 'u' | 'U'): Primitive {
    if (!this.bumpSpace(flags)) throw new RustRegexError(MESSAGES.escapeEof);
    let digits = '';
    if (this.peek() === '{') {
      while (this.bumpSpace(flags) && this.peek() !== '}') {
        if (!isHex(this.peek())) throw new RustRegexError('invalid hexadecimal digit');
        digits += this.char();
      }
      if (this.atEnd()) throw new RustRegexError(MESSAGES.escapeEof);
      this.bumpSpace(flags);
      if (digits === '') throw new RustRegexError('hexadecimal literal empty');
      return { kind: 'literal', cp: scalarValue(digits), byte: false };
    }
    const width = letter === 'x' ? 2 : letter === 'u' ? 4 : 8;
    for (let i = 0; i < width; i++) {
      if (i > 0 && !this.bumpSpace(flags)) throw new RustRegexError(MESSAGES.escapeEof);
      if (!isHex(this.peek())) throw new RustRegexError('invalid hexadecimal digit');
      digits += this.char();
    }
    this.bumpSpace(flags);
    return { kind: 'literal', cp: scalarValue(digits), byte: letter === 'x' };
  }

  /** `\pL`, `\p{…}` or their `\P` negations, at the letter; the name is looked up in translation. */
  private parseUnicodeClass(flags: Flags): Primitive {
    const negated = this.peek() === 'P';
    if (!this.bumpSpace(flags)) throw new RustRegexError(MESSAGES.escapeEof);
    if (this.peek() === '{') {
      let name = '';
      while (this.bumpSpace(flags) && this.peek() !== '}') name += this.char();
      if (this.atEnd()) throw new RustRegexError(MESSAGES.escapeEof);
      this.pos++;
      return { kind: 'unicode', name, oneLetter: false, negated };
    }
    const letter = this.char();
    if (letter === '\\') throw new RustRegexError('invalid Unicode character class');
    this.bumpSpace(flags);
    return { kind: 'unicode', name: letter, oneLetter: true, negated };
  }

  /**
   * A `\p{…}` as one JavaScript class item, or under `(?-u)` (where Rust refuses it in
   * translation) a placeholder, with the error deferred.
   */
  protected propertyItem(primitive: Extract<Primitive, { kind: 'unicode' }>, flags: Flags): ClassItem {
    if (!flags.u) {
      this.defer(MESSAGES.unicodeNotAllowed);
      return { type: 'raw', text: '\\p{Any}' };
    }
    try {
      return { type: 'raw', text: unicodeProperty(primitive.name, primitive.negated, primitive.oneLetter) };
    } catch (err) {
      if (!(err instanceof RustRegexError)) throw err;
      this.defer(err.message);
      return { type: 'raw', text: '\\p{Any}' };
    }
  }
}

/** The character of a hex literal; a value past u32 or not a Unicode scalar value is refused. */
function scalarValue(digits: string): number {
  const value = parseInt(digits, 16);
  if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) throw new RustRegexError('hexadecimal literal is not a Unicode scalar value');
  return value;
}

/** The code point of a one-character string. */
export function codePoint(char: string): number {
  return char.codePointAt(0) ?? 0;
}
