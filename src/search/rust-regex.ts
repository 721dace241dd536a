/**
 * Regular expressions with the syntax and meaning of Rust's `regex` crate, which Anki uses for
 * `re:`, `w:`, `tag:re:`, all-field searches and name globs, compiled to JavaScript RegExps.
 *
 * The pattern is parsed with Rust's grammar (so what Rust rejects — look-around, back-references,
 * unknown escapes, unbalanced groups — is rejected here too) and re-emitted for the `v` flag:
 * - inline flags `(?i)`, `(?-i)`, `(?s)`, `(?m)`, `(?x)`, `(?U)`, scoped `(?i:…)`: JavaScript has
 *   no inline flags, so case-insensitivity becomes the `i` flag when the whole pattern agrees,
 *   else case variants are spelled out; the other flags change what is emitted;
 * - Rust's Unicode-aware `\w`, `\d`, `\s`, `\b` and `\B` (JavaScript's are ASCII) become Unicode
 *   property classes and look-arounds;
 * - `.` never matches `\n` (JavaScript also stops at `\r`, U+2028, U+2029), `$` is the end of the
 *   text, and `^`/`$` under `(?m)` follow only `\n`;
 * - class set operations `&&`, `--`, `~~`, nested classes and `[[:alpha:]]` are expressed with
 *   the `v` flag's nested classes.
 */
import { CASE_FOLDING_DATA } from '../text/case-fold-data.js';

/** A pattern Rust's regex crate would refuse. */
export class RustRegexError extends Error {
  override readonly name = 'RustRegexError';
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
  x: boolean;
  u: boolean;
  R: boolean;
}

type PerlKind = 'd' | 'w' | 's';

type ClassItem =
  | { type: 'char'; cp: number }
  | { type: 'range'; from: number; to: number }
  | { type: 'raw'; text: string }
  | { type: 'nested'; set: ClassSet };

/** A class: a union of items, optionally combined left to right with set operators, optionally negated. */
interface ClassSet {
  negated: boolean;
  first: ClassItem[];
  rest: { op: '&&' | '--' | '~~'; items: ClassItem[] }[];
}

type Node =
  | { type: 'literal'; cp: number; ci: boolean }
  | { type: 'class'; set: ClassSet; ci: boolean }
  | { type: 'raw'; text: string; quantifiable: boolean }
  | { type: 'group'; node: Node }
  | { type: 'concat'; items: Node[] }
  | { type: 'alt'; branches: Node[] }
  | { type: 'repeat'; node: Node; min: number; max: number | undefined; greedy: boolean };

const META = new Set('\\.+*?()|[]{}^$#&-~');

const WORD_UNICODE = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
const WORD_ASCII = '0-9A-Za-z_';

function perlItems(kind: PerlKind, negated: boolean, unicode: boolean): ClassItem {
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

class Parser {
  private readonly chars: string[];
  private pos = 0;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  parse(): Node {
    const flags: Flags = { i: false, m: false, s: false, U: false, x: false, u: true, R: false };
    const node = this.parseAlternation(flags, 0);
    if (this.pos < this.chars.length) throw new RustRegexError('unopened group');
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private next(): string {
    const char = this.chars[this.pos];
    if (char === undefined) throw new RustRegexError('unexpected end of pattern');
    this.pos++;
    return char;
  }

  private skipVerbose(flags: Flags): void {
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

  /** A `\…` that stands for one character: meta or punctuation escapes, `\n`-style, hex. */
  private parseLiteralEscape(): number {
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

  private parseProperty(negatedEscape: boolean): string {
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
  private parseClass(flags: Flags): ClassSet {
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

function codePoint(char: string): number {
  return char.codePointAt(0) ?? 0;
}

function concat(items: Node[]): Node {
  return items.length === 1 ? (items[0] ?? { type: 'concat', items }) : { type: 'concat', items };
}

// ---------------------------------------------------------------------------------------------
// Unicode property names. Rust matches them loosely (case, spaces, `_` and `-` ignored) and takes
// a bare name as a general category, then a script, then a binary property; JavaScript wants
// exact names and `Script=` for scripts.

const GENERAL_CATEGORIES = [
  'Cased_Letter', 'Close_Punctuation', 'Connector_Punctuation', 'Control', 'Currency_Symbol', 'Dash_Punctuation',
  'Decimal_Number', 'Enclosing_Mark', 'Final_Punctuation', 'Format', 'Initial_Punctuation', 'Letter', 'Letter_Number',
  'Line_Separator', 'Lowercase_Letter', 'Mark', 'Math_Symbol', 'Modifier_Letter', 'Modifier_Symbol', 'Nonspacing_Mark',
  'Number', 'Open_Punctuation', 'Other', 'Other_Letter', 'Other_Number', 'Other_Punctuation', 'Other_Symbol',
  'Paragraph_Separator', 'Private_Use', 'Punctuation', 'Separator', 'Space_Separator', 'Spacing_Mark', 'Surrogate',
  'Symbol', 'Titlecase_Letter', 'Unassigned', 'Uppercase_Letter', 'C', 'Cc', 'Cf', 'Cn', 'Co', 'Cs', 'L', 'LC', 'Ll',
  'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps',
  'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs', 'digit', 'punct', 'Combining_Mark',
];
const BINARY_PROPERTIES = [
  'ASCII', 'ASCII_Hex_Digit', 'Alphabetic', 'Any', 'Assigned', 'Bidi_Control', 'Bidi_Mirrored', 'Case_Ignorable',
  'Cased', 'Changes_When_Casefolded', 'Changes_When_Casemapped', 'Changes_When_Lowercased',
  'Changes_When_NFKC_Casefolded', 'Changes_When_Titlecased', 'Changes_When_Uppercased', 'Dash',
  'Default_Ignorable_Code_Point', 'Deprecated', 'Diacritic', 'Emoji', 'Emoji_Component', 'Emoji_Modifier',
  'Emoji_Modifier_Base', 'Emoji_Presentation', 'Extended_Pictographic', 'Extender', 'Grapheme_Base',
  'Grapheme_Extend', 'Hex_Digit', 'IDS_Binary_Operator', 'IDS_Trinary_Operator', 'ID_Continue', 'ID_Start',
  'Ideographic', 'Join_Control', 'Logical_Order_Exception', 'Lowercase', 'Math', 'Noncharacter_Code_Point',
  'Pattern_Syntax', 'Pattern_White_Space', 'Quotation_Mark', 'Radical', 'Regional_Indicator', 'Sentence_Terminal',
  'Soft_Dotted', 'Terminal_Punctuation', 'Unified_Ideograph', 'Uppercase', 'Variation_Selector', 'White_Space',
  'XID_Continue', 'XID_Start',
];

const loose = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '');

let looseNames: Map<string, string> | undefined;
function canonicalName(name: string): string | undefined {
  looseNames ??= new Map([...GENERAL_CATEGORIES, ...BINARY_PROPERTIES].map((known) => [loose(known), known]));
  return looseNames.get(loose(name));
}

function validProperty(body: string): boolean {
  try {
    new RegExp(`\\p{${body}}`, 'v');
    return true;
  } catch {
    return false;
  }
}

const titleCase = (name: string): string =>
  name
    .split(/[\s_-]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('_');

function unicodeProperty(name: string, negatedEscape: boolean): string {
  let negated = negatedEscape;
  let key: string | undefined;
  let value = name;
  const op = /^(.*?)(!=|=|:)(.*)$/s.exec(name);
  if (op !== null) {
    key = op[1] ?? '';
    value = op[3] ?? '';
    if (op[2] === '!=') negated = !negated;
  }
  const candidates: string[] = [];
  const forms = [value, canonicalName(value), titleCase(value), value.toUpperCase()].filter((f): f is string => f !== undefined && f !== '');
  if (key === undefined) {
    for (const form of forms) candidates.push(form);
    for (const form of forms) candidates.push(`Script=${form}`);
  } else {
    const k = loose(key);
    const jsKey =
      k === 'gc' || k === 'generalcategory'
        ? 'General_Category'
        : k === 'sc' || k === 'script'
          ? 'Script'
          : k === 'scx' || k === 'scriptextensions'
            ? 'Script_Extensions'
            : undefined;
    if (jsKey !== undefined) for (const form of forms) candidates.push(`${jsKey}=${form}`);
  }
  const found = candidates.find(validProperty);
  if (found === undefined) throw new RustRegexError('Unicode property not found');
  return `\\${negated ? 'P' : 'p'}{${found}}`;
}

// ---------------------------------------------------------------------------------------------
// Emission.

// Characters that must be escaped outside a class (SyntaxCharacter and `/`) and inside a `v`
// class (those, plus `-` and the reserved punctuators, which may be escaped there).
const OUTSIDE_ESCAPE = new Set('^$\\.*+?()[]{}|/');
const INSIDE_ESCAPE = new Set('^$\\.*+?()[]{}|/-&!#%,:;<=>@`~');

function emitChar(cp: number, inClass: boolean): string {
  const char = String.fromCodePoint(cp);
  if ((inClass ? INSIDE_ESCAPE : OUTSIDE_ESCAPE).has(char)) return '\\' + char;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f) || /[\s\p{Cf}\p{Co}\p{Cn}\p{Cs}]/u.test(char)) {
    return `\\u{${cp.toString(16)}}`;
  }
  return char;
}

interface EmitState {
  /** Spell out case variants (when the pattern mixes case-sensitive and insensitive parts). */
  expandCase: boolean;
}

function emitItems(items: readonly ClassItem[], ci: boolean, state: EmitState): string {
  let out = '';
  for (const item of items) {
    switch (item.type) {
      case 'char':
        out += ci && state.expandCase ? caseVariants(item.cp).map((cp) => emitChar(cp, true)).join('') : emitChar(item.cp, true);
        break;
      case 'range':
        out += `${emitChar(item.from, true)}-${emitChar(item.to, true)}`;
        if (ci && state.expandCase && item.to - item.from <= 2000) {
          for (let cp = item.from; cp <= item.to; cp++) {
            for (const variant of caseVariants(cp)) if (variant < item.from || variant > item.to) out += emitChar(variant, true);
          }
        }
        break;
      case 'raw':
        out += item.text;
        break;
      case 'nested':
        out += emitSet(item.set, ci, state);
        break;
    }
  }
  return out;
}

function emitSet(set: ClassSet, ci: boolean, state: EmitState): string {
  let body = `[${emitItems(set.first, ci, state)}]`;
  for (const { op, items } of set.rest) {
    const right = `[${emitItems(items, ci, state)}]`;
    if (op === '&&') body = `[${body}&&${right}]`;
    else if (op === '--') body = `[${body}--${right}]`;
    else body = `[[${body}--${right}][${right}--${body}]]`;
  }
  return set.negated ? `[^${body}]` : body;
}

function emit(node: Node, state: EmitState): string {
  switch (node.type) {
    case 'literal':
      if (node.ci && state.expandCase) {
        const variants = caseVariants(node.cp);
        if (variants.length > 1) return `[${variants.map((cp) => emitChar(cp, true)).join('')}]`;
      }
      return emitChar(node.cp, false);
    case 'class':
      return emitSet(node.set, node.ci, state);
    case 'raw':
      return node.text;
    case 'group':
      return `(?:${emit(node.node, state)})`;
    case 'concat':
      return node.items.map((item) => emit(item, state)).join('');
    case 'alt':
      return node.branches.map((branch) => emit(branch, state)).join('|');
    case 'repeat': {
      let inner = emit(node.node, state);
      const simple = node.node.type === 'literal' || node.node.type === 'class' || node.node.type === 'group' || (node.node.type === 'raw' && node.node.quantifiable);
      if (!simple) inner = `(?:${inner})`;
      let quantifier: string;
      if (node.max === undefined) quantifier = node.min === 0 ? '*' : node.min === 1 ? '+' : `{${node.min},}`;
      else if (node.min === 0 && node.max === 1) quantifier = '?';
      else quantifier = node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
      return inner + quantifier + (node.greedy ? '' : '?');
    }
  }
}

/** The case-insensitivity of every literal and class: all on, all off, or mixed. */
function caseMode(node: Node): 'on' | 'off' | 'mixed' | 'none' {
  let seen: 'on' | 'off' | 'mixed' | 'none' = 'none';
  const visit = (n: Node): void => {
    switch (n.type) {
      case 'literal':
      case 'class': {
        const mode = n.ci ? 'on' : 'off';
        seen = seen === 'none' ? mode : seen === mode ? seen : 'mixed';
        return;
      }
      case 'group':
      case 'repeat':
        visit(n.node);
        return;
      case 'concat':
        n.items.forEach(visit);
        return;
      case 'alt':
        n.branches.forEach(visit);
        return;
      case 'raw':
        return;
    }
  };
  visit(node);
  return seen;
}

// Simple case folding orbits (CaseFolding.txt status C), for spelling out case variants.
let foldOrbits: Map<number, number[]> | undefined;
function caseVariants(cp: number): number[] {
  if (foldOrbits === undefined) {
    const byTarget = new Map<number, number[]>();
    for (const entry of CASE_FOLDING_DATA.split(';')) {
      const [from, to] = entry.split(':');
      if (from === undefined || to === undefined || to.includes(' ')) continue;
      const target = parseInt(to, 16);
      const list = byTarget.get(target) ?? [target];
      list.push(parseInt(from, 16));
      byTarget.set(target, list);
    }
    foldOrbits = new Map();
    for (const list of byTarget.values()) for (const member of list) foldOrbits.set(member, list);
  }
  return foldOrbits.get(cp) ?? [cp];
}

/** `.*` (any number of any character, greedy or not): the only quantifiable raw node is a dot. */
function isDotStar(node: Node | undefined): boolean {
  return node?.type === 'repeat' && node.min === 0 && node.max === undefined && node.node.type === 'raw' && node.node.quantifiable;
}

/**
 * Drops a leading and a trailing `.*` of the whole pattern. Every use here asks only whether
 * the text matches somewhere, and `.*X.*` matches exactly when `X` does; JavaScript's
 * backtracking engine would otherwise retry the `.*` from every position (Anki's tag regex is
 * `(?i).* tag(::| ).*`).
 */
function withoutOuterDotStars(node: Node): Node {
  if (node.type !== 'concat') return node;
  const items = [...node.items];
  if (isDotStar(items[0])) items.shift();
  if (isDotStar(items.at(-1))) items.pop();
  return items.length === node.items.length ? node : { type: 'concat', items };
}

/**
 * Translates a Rust regex into a JavaScript RegExp source and flags, for finding whether a text
 * matches (not where); throws RustRegexError.
 */
export function translateRustRegex(pattern: string): { source: string; flags: string } {
  const node = withoutOuterDotStars(new Parser(pattern).parse());
  const mode = caseMode(node);
  const source = emit(node, { expandCase: mode === 'mixed' });
  return { source, flags: mode === 'on' ? 'iv' : 'v' };
}

const CACHE_LIMIT = 512;
const cache = new Map<string, RegExp | RustRegexError>();

/**
 * The compiled RegExp for a Rust pattern, cached (searches run the same pattern on every row).
 * Throws RustRegexError when Rust would reject the pattern.
 */
export function compileRustRegex(pattern: string): RegExp {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    try {
      const { source, flags } = translateRustRegex(pattern);
      compiled = new RegExp(source, flags);
    } catch (err) {
      compiled = err instanceof RustRegexError ? err : new RustRegexError(err instanceof Error ? err.message : String(err));
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, compiled);
  }
  if (compiled instanceof RustRegexError) throw compiled;
  return compiled;
}
