/**
 * The Rust regex parser: the structure of a pattern — alternation, groups (capturing, named,
 * flag groups and scoped flags), repetition, anchors and escapes — read in the order and with
 * the errors of regex-syntax's `ast::parse`, so that what Rust refuses is refused here with the
 * same reason. Escapes are read by regex-scanner.ts, bracketed classes by regex-class-parser.ts.
 */
import { byteClassItems, ClassParser } from './regex-class-parser.js';
import { codePoint, isRustWhitespace, MESSAGES, perlItems, type Assertion, type Primitive } from './regex-scanner.js';
import { RustRegexError } from './regex-syntax.js';
import type { AssertionKind, Flags, Node } from './regex-syntax.js';

const U32_MAX = 4_294_967_295;
const REPETITION_MISSING = 'repetition operator missing expression';

/** A flag group such as `(?i)` in a sequence: no expression, so nothing may repeat it. */
const FLAGS_MARK = Symbol('flags');
type Item = Node | typeof FLAGS_MARK;

function countOrThrow(count: number | RustRegexError): number {
  if (count instanceof RustRegexError) throw count;
  return count;
}

/** Rust's `is_capture_char`: a letter or `_` first, then also digits, `.`, `[` and `]`. */
function isCaptureChar(char: string, first: boolean): boolean {
  if (char === '_' || /^\p{Alphabetic}$/u.test(char)) return true;
  return !first && (char === '.' || char === '[' || char === ']' || /^\p{N}$/u.test(char));
}

/** Parses one pattern into its syntax tree; throws RustRegexError. */
export class Parser extends ClassParser {
  private readonly captureNames = new Set<string>();

  /** The whole pattern, under Rust's default flags. */
  parse(): Node {
    const flags: Flags = { i: false, m: false, s: false, U: false, x: false, u: true, R: false };
    const node = this.parseAlternation(flags, 0);
    if (!this.atEnd()) throw new RustRegexError('unopened group');
    if (this.deferred !== undefined) throw this.deferred;
    return node;
  }

  /** Alternation up to the end of the pattern or the `)` closing the current group (not consumed). */
  private parseAlternation(outer: Flags, depth: number): Node {
    // Flags set by `(?i)` last until the end of the enclosing group, across `|`.
    const flags = { ...outer };
    const branches: Node[] = [];
    let items: Item[] = [];
    for (;;) {
      this.skipVerbose(flags);
      const char = this.peek();
      if (char === undefined) break;
      if (char === ')') {
        if (depth === 0) throw new RustRegexError('unopened group');
        break;
      }
      if (char === '|') {
        this.pos++;
        branches.push(concat(items));
        items = [];
        continue;
      }
      if (char === '*' || char === '+' || char === '?' || char === '{') {
        const last = items.pop();
        if (last === undefined || last === FLAGS_MARK) throw new RustRegexError(REPETITION_MISSING);
        items.push(this.parseRepetition(last, flags));
        continue;
      }
      items.push(this.parseAtom(flags, depth));
    }
    branches.push(concat(items));
    const [only] = branches;
    return branches.length === 1 && only !== undefined ? only : { type: 'alt', branches };
  }

  private parseRepetition(node: Node, flags: Flags): Node {
    const char = this.peek();
    this.pos++;
    let min: number;
    let max: number | undefined;
    if (char === '*') [min, max] = [0, undefined];
    else if (char === '+') [min, max] = [1, undefined];
    else if (char === '?') [min, max] = [0, 1];
    else {
      [min, max] = this.parseCounted(flags);
      // After `}`, `(?x)` space may come before the `?` of a lazy repetition.
      this.skipVerbose(flags);
    }
    let greedy = true;
    if (this.peek() === '?') {
      this.pos++;
      greedy = false;
    }
    if (flags.U) greedy = !greedy;
    return { type: 'repeat', node, min, max, greedy };
  }

  /**
   * The counts of `{n}`, `{n,}` or `{n,m}`, after the `{`, as regex-syntax reads them: each number
   * may be surrounded by whitespace in any mode (and hold comments under `x`), `{,m}` is refused
   * (Anki does not enable regex-syntax's empty-minimum option), a missing count is reported only
   * once the comma is read, and anything but `}` after the counts leaves the repetition unclosed.
   */
  private parseCounted(flags: Flags): [number, number | undefined] {
    const unclosed = (): RustRegexError => new RustRegexError('unclosed counted repetition');
    this.skipVerbose(flags);
    if (this.atEnd()) throw unclosed();
    const start = this.parseDecimal(flags);
    if (this.atEnd()) throw unclosed();
    let min: number;
    let max: number | undefined;
    if (this.peek() === ',') {
      if (!this.bumpSpace(flags)) throw unclosed();
      min = countOrThrow(start);
      max = this.peek() === '}' ? undefined : countOrThrow(this.parseDecimal(flags));
    } else {
      min = countOrThrow(start);
      max = min;
    }
    if (this.peek() !== '}') throw unclosed();
    this.pos++;
    if (max !== undefined && min > max) throw new RustRegexError('invalid repetition count range, the start must be <= the end');
    return [min, max];
  }

  /**
   * A repetition count: whitespace, ASCII digits, whitespace (regex-syntax's `parse_decimal`).
   * Its error is returned rather than thrown, as Rust reports a missing first count only after
   * reading what follows it.
   */
  private parseDecimal(flags: Flags): number | RustRegexError {
    while (isRustWhitespace(this.peek())) this.pos++;
    let digits = '';
    while (/^[0-9]$/.test(this.peek() ?? '')) {
      digits += this.char();
      this.pos++;
      this.skipVerbose(flags);
    }
    while (isRustWhitespace(this.peek())) {
      this.pos++;
      this.skipVerbose(flags);
    }
    if (digits === '') return new RustRegexError('repetition quantifier expects a valid decimal');
    const value = Number(digits);
    return value > U32_MAX ? new RustRegexError('decimal literal invalid') : value;
  }

  /** One atom, or the mark of a flag group such as `(?i)`, which only changes `flags`. */
  private parseAtom(flags: Flags, depth: number): Item {
    const char = this.char();
    switch (char) {
      case '(':
        return this.parseGroup(flags, depth);
      case '[': {
        const { set, bytes } = this.parseBracketed(flags);
        // A (?-u) class is worked out to its bytes, ASCII case folding included.
        if (bytes !== undefined) return { type: 'class', set: { negated: false, first: byteClassItems(bytes), rest: [] }, ci: false };
        return { type: 'class', set, ci: flags.i };
      }
      case '\\':
        return this.escapeNode(this.parseEscape(flags), flags);
    }
    this.pos++;
    switch (char) {
      case '.':
        if (!flags.u) this.defer(MESSAGES.invalidUtf8);
        return { type: 'dot', text: flags.s ? '[\\s\\S]' : flags.R ? '[\\p{Any}--[\\n\\r]]' : '[\\p{Any}--\\n]' };
      // Line anchors under (?m), also after/before `\r` under (?R) but never between `\r` and `\n`.
      case '^':
        return { type: 'assert', kind: flags.m ? 'line-start' : 'text-start', crlf: flags.R, unicode: flags.u };
      case '$':
        return { type: 'assert', kind: flags.m ? 'line-end' : 'text-end', crlf: flags.R, unicode: flags.u };
      default:
        return this.literalNode(codePoint(char), false, flags);
    }
  }

  /**
   * A literal. Under `(?-u)` Rust folds case for ASCII letters only, so the variants are spelled
   * out; a `\xNN` above 0x7F is a byte there, which a UTF-8 pattern refuses.
   */
  private literalNode(cp: number, byte: boolean, flags: Flags): Node {
    if (flags.u) return { type: 'literal', cp, ci: flags.i };
    if (byte && cp >= 0x80) this.defer(MESSAGES.invalidUtf8);
    const char = String.fromCodePoint(cp);
    if (flags.i && /^[A-Za-z]$/.test(char)) {
      const other = codePoint(char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase());
      return { type: 'class', set: { negated: false, first: [{ type: 'char', cp }, { type: 'char', cp: other }], rest: [] }, ci: false };
    }
    return { type: 'literal', cp, ci: false };
  }

  private escapeNode(primitive: Primitive, flags: Flags): Node {
    switch (primitive.kind) {
      case 'literal':
        return this.literalNode(primitive.cp, primitive.byte, flags);
      case 'assertion':
        return { type: 'assert', kind: ASSERTION_KINDS[primitive.assertion], crlf: flags.R, unicode: flags.u };
      case 'perl':
        if (!flags.u && primitive.negated) this.defer(MESSAGES.invalidUtf8);
        return { type: 'class', set: { negated: false, first: [perlItems(primitive.perl, primitive.negated, flags.u)], rest: [] }, ci: flags.i && flags.u };
      case 'unicode':
        return { type: 'class', set: { negated: false, first: [this.propertyItem(primitive, flags)], rest: [] }, ci: flags.i };
    }
  }

  /** A group or flag group at its `(`. */
  private parseGroup(flags: Flags, depth: number): Item {
    this.pos++;
    this.skipVerbose(flags);
    if (this.startsWith('?=') || this.startsWith('?!') || this.startsWith('?<=') || this.startsWith('?<!')) {
      throw new RustRegexError('look-around, including look-ahead and look-behind, is not supported');
    }
    if (this.startsWith('?P<') || this.startsWith('?<')) {
      this.pos += this.startsWith('?P<') ? 3 : 2;
      this.parseCaptureName();
      return this.finishGroup(flags, depth);
    }
    if (this.peek() !== '?') return this.finishGroup(flags, depth);
    this.pos++;
    if (this.atEnd()) throw new RustRegexError('unclosed group');
    const changed = this.parseFlags(flags);
    const end = this.peek();
    this.pos++;
    if (end === ':') return this.finishGroup(changed.flags, depth);
    // `(?)` is read as a repetition with nothing to repeat.
    if (!changed.any) throw new RustRegexError(REPETITION_MISSING);
    Object.assign(flags, changed.flags);
    return FLAGS_MARK;
  }

  /** The flags of `(?…)` up to its `:` or `)` (not consumed). */
  private parseFlags(flags: Flags): { flags: Flags; any: boolean } {
    const changed = { ...flags };
    const seen = new Set<string>();
    let negation = false;
    let lastWasNegation = false;
    let any = false;
    while (this.peek() !== ':' && this.peek() !== ')') {
      const flag = this.char();
      if (flag === '-') {
        if (negation) throw new RustRegexError('flag negation operator repeated');
        negation = true;
        lastWasNegation = true;
        any = true;
      } else {
        if (!'imsUuxR'.includes(flag)) throw new RustRegexError('unrecognized flag');
        if (seen.has(flag)) throw new RustRegexError('duplicate flag');
        seen.add(flag);
        changed[flag as keyof Flags] = !negation;
        lastWasNegation = false;
        any = true;
      }
      this.pos++;
      if (this.atEnd()) throw new RustRegexError('expected flag but got end of regex');
    }
    if (lastWasNegation) throw new RustRegexError('dangling flag negation operator');
    return { flags: changed, any };
  }

  /** A capture group's name after its `<`, through the `>`; names must be unique. */
  private parseCaptureName(): void {
    const unclosed = (): RustRegexError => new RustRegexError('unclosed capture group name');
    if (this.atEnd()) throw unclosed();
    const start = this.pos;
    while (this.peek() !== '>') {
      if (!isCaptureChar(this.char(), this.pos === start)) throw new RustRegexError('invalid capture group character');
      this.pos++;
      if (this.atEnd()) throw unclosed();
    }
    const name = this.chars.slice(start, this.pos).join('');
    this.pos++;
    if (name === '') throw new RustRegexError('empty capture group name');
    if (this.captureNames.has(name)) throw new RustRegexError('duplicate capture group name');
    this.captureNames.add(name);
  }

  private finishGroup(flags: Flags, depth: number): Node {
    const node = this.parseAlternation(flags, depth + 1);
    if (this.peek() !== ')') throw new RustRegexError('unclosed group');
    this.pos++;
    return { type: 'group', node };
  }
}

const ASSERTION_KINDS: Record<Assertion, AssertionKind> = {
  A: 'text-start',
  z: 'text-end',
  b: 'word',
  B: 'not-word',
  start: 'word-start',
  end: 'word-end',
  'start-half': 'word-start-half',
  'end-half': 'word-end-half',
};

/** A sequence node, or the single item itself; flag marks are not expressions. */
function concat(items: readonly Item[]): Node {
  const nodes = items.filter((item): item is Node => item !== FLAGS_MARK);
  const [only] = nodes;
  return nodes.length === 1 && only !== undefined ? only : { type: 'concat', items: nodes };
}
