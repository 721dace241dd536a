/**
 * Random regular expressions in the syntax of Rust's `regex` crate, the engine behind Anki's
 * `re:`, `w:`, `tag:re:`, `field:re:` and glob searches, for comparing the server's emulation
 * (src/search/rust-regex.ts) with Anki's own `regexp()`: literals with tricky case folding,
 * escapes, classes with set operations, groups and inline flags, quantifiers, anchors, and a
 * share of broken syntax. Counts stay small: Rust refuses patterns whose compiled form passes
 * its size limit, a check the server does not reproduce.
 */
import type { Rng } from '../../bench/rng.js';

const LITERALS = ['a', 'b', 'x', 'S', 's', 'ß', 'ẞ', 'ſ', 'K', 'k', '\u212a', 'σ', 'ς', 'Σ', 'İ', 'i', 'ı', 'é', 'É', '1', '１', '_', ' ', '-', ',', '/', '<', '>', '"', "'", ':', '😀', 'ǅ', 'ǆ', 'ﬁ', '\u0301', '\u00a0'];
const ESCAPES = [
  '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\b', '\\B', '\\A', '\\z', '\\pL', '\\PL', '\\p{Greek}', '\\p{Lu}', '\\p{Ll}',
  '\\p{Nd}', '\\p{Han}', '\\p{Cyrillic}', '\\p{Emoji}', '\\p{White_Space}', '\\p{L}', '\\P{Greek}', '\\p{Letter}', '\\p{gc=Lu}',
  '\\p{sc=Greek}', '\\p{scx=Latin}', '\\x41', '\\x{263a}', '\\u{1F600}', '\\u00e9', '\\n', '\\t', '\\x1f', '\\.', '\\*', '\\\\',
  '\\-', '\\#', '\\&', '\\~', '\\ ', '\\<', '\\>', '\\b{start}', '\\b{end}', '\\b{start-half}', '\\%', '\\/', '\\:', '\\"', '\\a', '\\f', '\\v', '\\r', '\\e',
];
const CLASSES = [
  '[abc]', '[^a]', '[a-z]', '[A-Z]', '[[:alpha:]]', '[[:^digit:]]', '[[:upper:]]', '[[:word:]]', '[\\d\\s]', '[a-z&&[^aeiou]]',
  '[\\w--\\d]', '[a-c~~b-d]', '[-a]', '[a-]', '[]a]', '[^]a]', '[\\[\\]]', '[ß]', '[^\\n]', '[σς]', '[k]', '[\\pL&&\\p{Greek}]',
  '[[a-c][x-z]]', '[^[:space:]]', '[.]', '[$^]', '[a&&b]', '[&&a]', '[a--]', '[\\x00-\\x7f]', '[é-ü]', '[İı]', '[\\u{1F600}-\\u{1F64F}]',
];
const FLAGS = ['(?i)', '(?-i)', '(?s)', '(?m)', '(?x)', '(?U)', '(?u)', '(?R)', '(?is)', '(?i-s)', '(?-u)', '(?mR)', '(?i-u)'];
const QUANTIFIERS = ['*', '+', '?', '{2}', '{1,}', '{0,2}', '*?', '+?', '??', '{1,3}?', '{ 2 }', '{3,5}'];
const BROKEN = [
  '(', ')', '[', '[a', '(?=a)', '(?!a)', '(?<=a)', '(a)\\1', '\\q', '\\é', '[z-a]', 'a{2,1}', '*a', '(?z)', '(?)', '[[:foo:]]',
  '\\p{Foo}', '\\x{110000}', '\\', 'a{,2}', 'a{', '(?P<>a)', '(?P<a>x)(?P<a>y)', '(?i', '[\\b]', 'a**?+', '\\Qa\\E', '\\k<a>',
  '(?-)', '(?i-i)', '[a-\\d]', '\\p{', '\\u{}', '\\x{zz}', '\\b{foo}', '(?<1a>x)', 'x{1}{', '(?x)[ ]',
];

export class RegexGenerator {
  constructor(private readonly rng: Rng) {}

  /** `count` distinct patterns, about `brokenShare` of them with an error spliced in. */
  patterns(count: number, brokenShare = 0.15): string[] {
    const out = new Set<string>();
    let attempts = 0;
    while (out.size < count && attempts++ < count * 20) {
      let pattern = this.sequence(0);
      if (this.rng.chance(brokenShare)) {
        // Spliced between code points, so the pattern stays valid text.
        const chars = Array.from(pattern);
        const at = this.rng.int(chars.length + 1);
        pattern = chars.slice(0, at).join('') + this.rng.pick(BROKEN) + chars.slice(at).join('');
      }
      // Anki prefixes its searches' regexes with (?i); most patterns here have it too.
      out.add(this.rng.chance(0.6) ? `(?i)${pattern}` : pattern);
    }
    return [...out];
  }

  private sequence(depth: number): string {
    const branches = this.rng.chance(0.2) ? 2 : 1;
    const parts: string[] = [];
    for (let b = 0; b < branches; b++) {
      let branch = '';
      const n = this.rng.range(1, 4);
      for (let i = 0; i < n; i++) branch += this.piece(depth);
      parts.push(branch);
    }
    if (this.rng.chance(0.05)) parts.push('');
    return parts.join('|');
  }

  private piece(depth: number): string {
    let atom: string;
    switch (this.rng.weighted([8, 4, 3, 2, 2, 1])) {
      case 0:
        atom = this.rng.pick(LITERALS);
        break;
      case 1:
        atom = this.rng.pick(ESCAPES);
        break;
      case 2:
        atom = this.rng.pick(CLASSES);
        break;
      case 3:
        atom = depth < 2 ? this.group(depth + 1) : '.';
        break;
      case 4:
        atom = this.rng.pick(['^', '$', '.', '\\b']);
        break;
      default:
        atom = this.rng.pick(FLAGS);
    }
    return this.rng.chance(0.25) && !atom.startsWith('(?') ? atom + this.rng.pick(QUANTIFIERS) : atom;
  }

  private group(depth: number): string {
    const inner = this.sequence(depth);
    switch (this.rng.int(6)) {
      case 0:
        return `(?:${inner})`;
      case 1:
        return `(?${this.rng.pick(['i', '-i', 's', 'x', 'm', 'U'])}:${inner})`;
      case 2:
        return `(?P<g${this.rng.int(100)}>${inner})`;
      case 3:
        return `(?<n${this.rng.int(100)}>${inner})`;
      default:
        return `(${inner})`;
    }
  }
}

/** Texts the patterns are tested on, besides the collection's own field texts. */
export const REGEX_TEXTS = [
  '', 'a', 'aa', 'abc', 'ABC', 'x y', 'Straße', 'STRASSE', 'strasse', 'ẞ', 'ſtar', 'STAR', 'Kelvin \u212a', 'k', 'ΣΊΣΥΦΟΣ σίσυφος',
  'ς', 'İstanbul', 'ı i', 'école', 'e\u0301cole', 'café', '１２３', '123', 'a_b', 'a-b', 'line1\nline2', 'line\r\nend', 'tab\there',
  'field1\x1ffield2', ' lead', 'trail ', '😀 emoji', 'ǅemal', 'ﬁsh', '\u00a0nbsp', 'x"y', "it's", '<b>bold</b>', 'a/b', 'Привет',
];
