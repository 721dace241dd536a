/**
 * Bracketed classes of Rust regexes, read as regex-syntax reads them: `^`, leading `-` and a
 * first `]` as literals, nested classes, `[:name:]` ASCII classes (a name that is not one makes
 * an ordinary nested class), ranges between literals, and the set operators `&&`, `--` and `~~`
 * wherever they are doubled, with regex-syntax's error for each malformed piece.
 *
 * Under `(?-u)` Rust builds byte classes, which may hold ASCII only in a pattern that must match
 * UTF-8: such a class is worked out here to its ASCII members (with ASCII case folding), and
 * what Rust refuses in translation (non-ASCII members, negation) is deferred as there.
 */
import { codePoint, MESSAGES, perlItems, RegexScanner, type Primitive } from './regex-scanner.js';
import { RustRegexError } from './regex-syntax.js';
import type { ClassItem, ClassSet, Flags, PerlKind } from './regex-syntax.js';

type Ranges = readonly (readonly [number, number])[];

const DIGIT: Ranges = [[0x30, 0x39]];
const SPACE: Ranges = [[0x09, 0x0d], [0x20, 0x20]];
const WORD: Ranges = [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f]];

/** The members of the ASCII classes `[[:name:]]`, as code point ranges. */
const ASCII_CLASSES = new Map<string, Ranges>([
  ['alnum', [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]]],
  ['alpha', [[0x41, 0x5a], [0x61, 0x7a]]],
  ['ascii', [[0x00, 0x7f]]],
  ['blank', [[0x09, 0x09], [0x20, 0x20]]],
  ['cntrl', [[0x00, 0x1f], [0x7f, 0x7f]]],
  ['digit', DIGIT],
  ['graph', [[0x21, 0x7e]]],
  ['lower', [[0x61, 0x7a]]],
  ['print', [[0x20, 0x7e]]],
  ['punct', [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]]],
  ['space', SPACE],
  ['upper', [[0x41, 0x5a]]],
  ['word', WORD],
  ['xdigit', [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]]],
]);

const PERL_ASCII: Record<PerlKind, Ranges> = { d: DIGIT, s: SPACE, w: WORD };

/** A set of bytes 0–255, for `(?-u)` classes. */
type ByteSet = Set<number>;

const bytesOf = (ranges: Ranges): ByteSet => {
  const set: ByteSet = new Set();
  for (const [from, to] of ranges) for (let b = from; b <= to; b++) set.add(b);
  return set;
};

function foldAscii(set: ByteSet): void {
  for (const b of [...set]) {
    if (b >= 0x41 && b <= 0x5a) set.add(b + 0x20);
    else if (b >= 0x61 && b <= 0x7a) set.add(b - 0x20);
  }
}

const complement = (set: ByteSet): ByteSet => new Set(Array.from({ length: 256 }, (_, b) => b).filter((b) => !set.has(b)));
const isAscii = (set: ByteSet): boolean => [...set].every((b) => b < 0x80);

type SetOperator = '&&' | '--' | '~~';

/** One operand of a class while it is read: its items, and under `(?-u)` its bytes. */
interface Operand {
  items: ClassItem[];
  bytes: ByteSet;
}

export class ClassParser extends RegexScanner {
  /** A bracketed class at its `[`, with the item the rest of the pattern sees. */
  protected parseBracketed(flags: Flags): { set: ClassSet; bytes: ByteSet | undefined } {
    const unclosed = (): RustRegexError => new RustRegexError(MESSAGES.classUnclosed);
    if (!this.bumpSpace(flags)) throw unclosed();
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      if (!this.bumpSpace(flags)) throw unclosed();
    }
    const first: Operand = { items: [], bytes: new Set() };
    const rest: { op: SetOperator; operand: Operand }[] = [];
    let current = first;
    const literal = (cp: number): void => {
      current.items.push({ type: 'char', cp });
      this.addLiteralByte(current.bytes, { kind: 'literal', cp, byte: false }, flags);
    };
    // Any number of leading `-`, then a `]` if nothing came before it, are literals.
    while (this.peek() === '-') {
      literal(codePoint('-'));
      if (!this.bumpSpace(flags)) throw unclosed();
    }
    if (current.items.length === 0 && this.peek() === ']') {
      literal(codePoint(']'));
      if (!this.bumpSpace(flags)) throw unclosed();
    }
    for (;;) {
      this.skipVerbose(flags);
      if (this.atEnd()) throw unclosed();
      const char = this.char();
      if (char === '[') {
        const ascii = this.asciiClass();
        if (ascii !== undefined) {
          const ranges = ascii.ranges.map(([from, to]): ClassItem => ({ type: 'range', from, to }));
          current.items.push({ type: 'nested', set: { negated: ascii.negated, first: ranges, rest: [] } });
          if (!flags.u) this.addBytes(current.bytes, bytesOf(ascii.ranges), ascii.negated, flags);
          continue;
        }
        const nested = this.parseBracketed(flags);
        current.items.push({ type: 'nested', set: nested.set });
        if (nested.bytes !== undefined) for (const b of nested.bytes) current.bytes.add(b);
        continue;
      }
      if (char === ']') {
        this.pos++;
        const set: ClassSet = { negated, first: first.items, rest: rest.map(({ op, operand }) => ({ op, items: operand.items })) };
        return { set, bytes: flags.u ? undefined : this.classBytes(first, rest, negated, flags) };
      }
      const pair = char + (this.peek(1) ?? '');
      if (pair === '&&' || pair === '--' || pair === '~~') {
        this.pos += 2;
        current = { items: [], bytes: new Set() };
        rest.push({ op: pair, operand: current });
        continue;
      }
      this.parseRange(current, flags);
    }
  }

  /** `[:name:]` or `[:^name:]` at a `[` inside a class, when the name is an ASCII class's. */
  private asciiClass(): { ranges: Ranges; negated: boolean } | undefined {
    const match = /^\[:(\^?)([^:]*):\]/.exec(this.chars.slice(this.pos, this.pos + 16).join(''));
    const ranges = match === null ? undefined : ASCII_CLASSES.get(match[2] ?? '');
    if (match === null || ranges === undefined) return undefined;
    this.pos += Array.from(match[0]).length;
    return { ranges, negated: match[1] === '^' };
  }

  /** A literal, escape or range `a-z`, added to `operand`. */
  private parseRange(operand: Operand, flags: Flags): void {
    const unclosed = (): RustRegexError => new RustRegexError(MESSAGES.classUnclosed);
    const first = this.parseClassPrimitive(flags);
    this.skipVerbose(flags);
    if (this.atEnd()) throw unclosed();
    const next = this.peekSpace(flags);
    if (this.peek() !== '-' || next === ']' || next === '-') {
      this.addPrimitive(operand, first, flags);
      return;
    }
    if (!this.bumpSpace(flags)) throw unclosed();
    const second = this.parseClassPrimitive(flags);
    if (first.kind !== 'literal' || second.kind !== 'literal') throw new RustRegexError('invalid range boundary, must be a literal');
    if (first.cp > second.cp) throw new RustRegexError('invalid character class range, the start must be <= the end');
    operand.items.push({ type: 'range', from: first.cp, to: second.cp });
    if (!flags.u) {
      this.addLiteralByte(operand.bytes, first, flags);
      this.addLiteralByte(operand.bytes, second, flags);
      for (let b = first.cp + 1; b < second.cp && b < 0x80; b++) operand.bytes.add(b);
    }
  }

  private parseClassPrimitive(flags: Flags): Primitive {
    if (this.peek() === '\\') return this.parseEscape(flags);
    const char = this.char();
    this.pos++;
    return { kind: 'literal', cp: codePoint(char), byte: false };
  }

  /** One class member: a literal, `\d`-style or `\p{…}` class; an assertion is refused. */
  private addPrimitive(operand: Operand, primitive: Primitive, flags: Flags): void {
    switch (primitive.kind) {
      case 'literal':
        operand.items.push({ type: 'char', cp: primitive.cp });
        this.addLiteralByte(operand.bytes, primitive, flags);
        return;
      case 'perl':
        operand.items.push(perlItems(primitive.perl, primitive.negated, flags.u));
        if (!flags.u) this.addBytes(operand.bytes, bytesOf(PERL_ASCII[primitive.perl]), primitive.negated, flags);
        return;
      case 'unicode':
        operand.items.push(this.propertyItem(primitive, flags));
        return;
      case 'assertion':
        throw new RustRegexError('invalid escape sequence found in character class');
    }
  }

  /** Under `(?-u)`, a literal's byte; a character beyond ASCII cannot be one. */
  private addLiteralByte(bytes: ByteSet, literal: Extract<Primitive, { kind: 'literal' }>, flags: Flags): void {
    if (flags.u) return;
    if (literal.cp < 0x80) bytes.add(literal.cp);
    else this.defer(literal.byte ? MESSAGES.invalidUtf8 : MESSAGES.unicodeNotAllowed);
  }

  /** Under `(?-u)`, a class's bytes (negated: all the others, which a UTF-8 pattern refuses). */
  private addBytes(bytes: ByteSet, members: ByteSet, negated: boolean, flags: Flags): void {
    if (flags.u) return;
    let set = members;
    if (flags.i) foldAscii(set);
    if (negated) set = complement(set);
    if (!isAscii(set)) this.defer(MESSAGES.invalidUtf8);
    for (const b of set) bytes.add(b);
  }

  /** Under `(?-u)`, the bytes of the whole class: operators left to right, folded, negated. */
  private classBytes(first: Operand, rest: readonly { op: SetOperator; operand: Operand }[], negated: boolean, flags: Flags): ByteSet {
    let result = new Set(first.bytes);
    for (const { op, operand } of rest) {
      const right = new Set(operand.bytes);
      if (flags.i) {
        foldAscii(result);
        foldAscii(right);
      }
      const left = result;
      if (op === '&&') result = new Set([...left].filter((b) => right.has(b)));
      else if (op === '--') result = new Set([...left].filter((b) => !right.has(b)));
      else result = new Set([...[...left].filter((b) => !right.has(b)), ...[...right].filter((b) => !left.has(b))]);
    }
    if (flags.i) foldAscii(result);
    if (negated) result = complement(result);
    if (!isAscii(result)) this.defer(MESSAGES.invalidUtf8);
    return result;
  }
}

/** A `(?-u)` class as explicit members, for the emitter. */
export function byteClassItems(bytes: ByteSet): ClassItem[] {
  return [...bytes].sort((a, b) => a - b).map((cp) => ({ type: 'char', cp }));
}

