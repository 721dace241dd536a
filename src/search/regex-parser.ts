/**
 * The Rust regex parser: Rust's grammar for alternation, groups (capturing, named, flag groups
 * and scoped flags), repetition, anchors and the escapes that are assertions or classes, so what
 * Rust rejects — look-around, back-references, unknown escapes, unbalanced groups — is rejected
 * here too. Single characters and bracketed classes are read by regex-scanner.ts.
 */
import { codePoint, perlItems, RegexScanner, WORD_ASCII, WORD_UNICODE } from './regex-scanner.js';
import { RustRegexError } from './regex-syntax.js';
import type { Flags, Node, PerlKind } from './regex-syntax.js';

/** Parses one pattern into its syntax tree; throws RustRegexError. */
export class Parser extends RegexScanner {
  /** The whole pattern, under Rust's default flags. */
  parse(): Node {
    const flags: Flags = { i: false, m: false, s: false, U: false, x: false, u: true, R: false };
    const node = this.parseAlternation(flags, 0);
    if (this.pos < this.chars.length) throw new RustRegexError('unopened group');
    return node;
  }

  /** Alternation up to the end of the pattern or the `)` closing the current group (not consumed). */
  private parseAlternation(outer: Flags, depth: number): Node {
    // Flags set by `(?i)` last until the end of the enclosing group, across `|`.
    const flags = { ...outer };
    const branches: Node[] = [];
    let items: Node[] = [];
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
        if (last === undefined) throw new RustRegexError('repetition operator missing expression');
        items.push(this.parseRepetition(last, flags));
        continue;
      }
      const atom = this.parseAtom(flags, depth);
      if (atom !== undefined) items.push(atom);
    }
    branches.push(concat(items));
    return branches.length === 1 ? (branches[0] ?? concat([])) : { type: 'alt', branches };
  }

  private parseRepetition(node: Node, flags: Flags): Node {
    const char = this.next();
    let min: number;
    let max: number | undefined;
    if (char === '*') [min, max] = [0, undefined];
    else if (char === '+') [min, max] = [1, undefined];
    else if (char === '?') [min, max] = [0, 1];
    else [min, max] = this.parseCounted(flags);
    let greedy = true;
    if (this.peek() === '?') {
      this.pos++;
      greedy = false;
    }
    if (flags.U) greedy = !greedy;
    return { type: 'repeat', node, min, max, greedy };
  }

  private parseCounted(flags: Flags): [number, number | undefined] {
    const readNumber = (): number | undefined => {
      this.skipVerbose(flags);
      let digits = '';
      while (/^[0-9]$/.test(this.peek() ?? '')) digits += this.next();
      this.skipVerbose(flags);
      return digits === '' ? undefined : Number(digits);
    };
    const min = readNumber();
    let max: number | undefined = min;
    if (this.peek() === ',') {
      this.pos++;
      max = readNumber();
      if (min === undefined && max === undefined) throw new RustRegexError('repetition quantifier expects a valid decimal');
    } else if (min === undefined) {
      throw new RustRegexError(this.peek() === undefined ? 'unclosed counted repetition' : 'repetition quantifier expects a valid decimal');
    }
    if (this.peek() !== '}') {
      throw new RustRegexError(this.peek() === undefined ? 'unclosed counted repetition' : 'repetition quantifier expects a valid decimal');
    }
    this.pos++;
    const lower = min ?? 0;
    if (max !== undefined && lower > max) throw new RustRegexError('invalid repetition count range, the start must be <= the end');
    return [lower, max];
  }

  /** One atom; undefined for a flag group such as `(?i)`, which only changes `flags`. */
  private parseAtom(flags: Flags, depth: number): Node | undefined {
    const char = this.next();
    switch (char) {
      case '(':
        return this.parseGroup(flags, depth);
      case '[':
        return { type: 'class', set: this.parseClass(flags), ci: flags.i };
      case '.':
        return { type: 'raw', text: flags.s ? '[\\s\\S]' : flags.R ? '[^\\n\\r]' : '[^\\n]', quantifiable: true };
      case '^':
        return { type: 'raw', text: flags.m ? (flags.R ? '(?<![^\\n\\r])' : '(?<![^\\n])') : '^', quantifiable: false };
      case '$':
        return { type: 'raw', text: flags.m ? (flags.R ? '(?![^\\n\\r])' : '(?![^\\n])') : '$', quantifiable: false };
      case '\\':
        return this.parseEscape(flags);
      default:
        return { type: 'literal', cp: codePoint(char), ci: flags.i };
    }
  }

  private parseGroup(flags: Flags, depth: number): Node | undefined {
    if (this.peek() === '?') {
      this.pos++;
      const kind = this.peek();
      if (kind === '=' || kind === '!' || (kind === '<' && (this.peek(1) === '=' || this.peek(1) === '!'))) {
        throw new RustRegexError('look-around, including look-ahead and look-behind, is not supported');
      }
      if (kind === 'P' || kind === '<') {
        if (kind === 'P') {
          this.pos++;
          if (this.peek() !== '<') throw new RustRegexError('unrecognized flag');
        }
        this.pos++;
        let name = '';
        while (this.peek() !== undefined && this.peek() !== '>') name += this.next();
        if (this.peek() === undefined) throw new RustRegexError('unclosed capture group name');
        if (!/^[_\p{L}\p{N}][_\p{L}\p{N}.[\]]*$/u.test(name)) throw new RustRegexError('invalid capture group character');
        this.pos++;
        return this.finishGroup(flags, depth);
      }
      // Flags: `(?flags)` changes the rest of the enclosing group, `(?flags:…)` only its body.
      const changed = { ...flags };
      let negate = false;
      let any = false;
      for (;;) {
        const f = this.peek();
        if (f === undefined) throw new RustRegexError('unclosed group');
        this.pos++;
        if (f === ')' || f === ':') {
          if (!any && f === ')') throw new RustRegexError('empty flag group');
          if (negate && this.chars[this.pos - 2] === '-') throw new RustRegexError('dangling flag negation operator');
          if (f === ')') {
            Object.assign(flags, changed);
            return undefined;
          }
          return this.finishGroup(changed, depth);
        }
        if (f === '-') {
          if (negate) throw new RustRegexError('repeated negation');
          negate = true;
          continue;
        }
        if (!'imsUuxR'.includes(f)) throw new RustRegexError('unrecognized flag');
        changed[f as keyof Flags] = !negate;
        any = true;
      }
    }
    return this.finishGroup(flags, depth);
  }

  private finishGroup(flags: Flags, depth: number): Node {
    const node = this.parseAlternation(flags, depth + 1);
    if (this.peek() !== ')') throw new RustRegexError('unclosed group');
    this.pos++;
    return { type: 'group', node };
  }

  private parseEscape(flags: Flags): Node {
    const char = this.peek();
    if (char === undefined) throw new RustRegexError('incomplete escape sequence, reached end of pattern prematurely');
    switch (char) {
      case 'A':
        this.pos++;
        return { type: 'raw', text: '^', quantifiable: false };
      case 'z':
        this.pos++;
        return { type: 'raw', text: '$', quantifiable: false };
      case 'b':
      case 'B':
      case '<':
      case '>':
        this.pos++;
        return { type: 'raw', text: this.wordAssertion(char, flags), quantifiable: false };
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        this.pos++;
        return {
          type: 'class',
          set: { negated: false, first: [perlItems(char.toLowerCase() as PerlKind, char !== char.toLowerCase(), flags.u)], rest: [] },
          ci: flags.i,
        };
      case 'p':
      case 'P':
        this.pos++;
        return { type: 'class', set: { negated: false, first: [{ type: 'raw', text: this.parseProperty(char === 'P') }], rest: [] }, ci: flags.i };
      default: {
        const cp = this.parseLiteralEscape();
        return { type: 'literal', cp, ci: flags.i };
      }
    }
  }

  private wordAssertion(char: string, flags: Flags): string {
    const w = `[${flags.u ? WORD_UNICODE : WORD_ASCII}]`;
    let kind: string = char;
    if (char === 'b' && this.peek() === '{') {
      this.pos++;
      let name = '';
      while (this.peek() !== undefined && this.peek() !== '}') name += this.next();
      if (this.peek() === undefined) throw new RustRegexError('unclosed word boundary');
      this.pos++;
      kind = name;
    }
    switch (kind) {
      case 'b':
        return `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
      case 'B':
        return `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))`;
      case '<':
      case 'start':
        return `(?<!${w})(?=${w})`;
      case '>':
      case 'end':
        return `(?<=${w})(?!${w})`;
      case 'start-half':
        return `(?<!${w})`;
      case 'end-half':
        return `(?!${w})`;
      default:
        throw new RustRegexError('unrecognized word boundary');
    }
  }
}

/** A sequence node, or the single item itself. */
function concat(items: Node[]): Node {
  return items.length === 1 ? (items[0] ?? { type: 'concat', items }) : { type: 'concat', items };
}
