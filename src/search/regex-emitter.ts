/**
 * The JavaScript side of the Rust regex translation: a parsed pattern re-emitted as a RegExp
 * source for the `v` flag. Class set operations and nested classes use the `v` flag's nested
 * classes; where a pattern mixes case-sensitive and case-insensitive parts, the insensitive
 * literals and classes spell out their case variants (JavaScript has no inline flags).
 *
 * NOTES: a class negated with `[^…]` at the top level is written `[\p{Any}--[…]]` instead (the
 * same set, also under `i`): V8 (Node 20) with the `v` flag misses matches of such a class inside a
 * repeated group followed by more pattern (`/(?:[^\n]s)+$/v` finds nothing in "it's").
 */
import { CASE_FOLDING_DATA } from '../text/case-fold-data.js';
import { WORD_ASCII, WORD_UNICODE } from './regex-scanner.js';
import type { AssertionKind, ClassItem, ClassSet, Node } from './regex-syntax.js';

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

/** How a pattern is emitted. */
export interface EmitState {
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
        if (ci && state.expandCase) {
          out += foldExtras(`${item.from}-${item.to}`, (cp) => cp >= item.from && cp <= item.to).map((cp) => emitChar(cp, true)).join('');
        }
        break;
      case 'raw':
        out += ci && state.expandCase ? foldedRaw(item.text) : item.text;
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
  // Not `[^…]`: see the note on V8 at the top of this file.
  return set.negated ? `[\\p{Any}--${body}]` : body;
}

/** The RegExp source for a node (for the `v` flag). */
export function emit(node: Node, state: EmitState): string {
  switch (node.type) {
    case 'literal':
      if (node.ci && state.expandCase) {
        const variants = caseVariants(node.cp);
        if (variants.length > 1) return `[${variants.map((cp) => emitChar(cp, true)).join('')}]`;
      }
      return emitChar(node.cp, false);
    case 'class':
      return emitSet(node.set, node.ci, state);
    case 'dot':
      return node.text;
    case 'assert':
      return assertionText(node);
    case 'group':
      return `(?:${emit(node.node, state)})`;
    case 'concat':
      return node.items.map((item) => emit(item, state)).join('');
    case 'alt':
      return node.branches.map((branch) => emit(branch, state)).join('|');
    case 'repeat': {
      let inner = emit(node.node, state);
      const simple = node.node.type === 'literal' || node.node.type === 'class' || node.node.type === 'group' || node.node.type === 'dot';
      if (!simple) inner = `(?:${inner})`;
      let quantifier: string;
      if (node.max === undefined) quantifier = node.min === 0 ? '*' : node.min === 1 ? '+' : `{${node.min},}`;
      else if (node.min === 0 && node.max === 1) quantifier = '?';
      else quantifier = node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
      return inner + quantifier + (node.greedy ? '' : '?');
    }
  }
}

/**
 * An assertion as JavaScript: Rust's word boundaries with Unicode `\w` unless `(?-u)`. Every
 * look-around is written positively ("preceded by a non-word character or the start"):
 * V8 also tries positions inside a surrogate pair, where a negative look-around sees no
 * character and succeeds, while a positive one fails as it should. Negated classes are written
 * as differences from `\p{Any}` (see NOTES above).
 */
function assertionText(node: { kind: AssertionKind; crlf: boolean; unicode: boolean }): string {
  const word = node.unicode ? WORD_UNICODE : WORD_ASCII;
  const afterWord = `(?<=[${word}])`;
  const afterNonWord = `(?<=^|[\\p{Any}--[${word}]])`;
  const beforeWord = `(?=[${word}])`;
  const beforeNonWord = `(?=[\\p{Any}--[${word}]]|$)`;
  switch (node.kind) {
    case 'text-start':
      return '^';
    case 'text-end':
      return '$';
    // Line anchors follow `\n`, also `\r` under (?R) but never between `\r` and `\n`.
    case 'line-start':
      return node.crlf ? '(?:(?<=^|\\n)|(?<=\\r)(?=[\\p{Any}--\\n]|$))' : '(?<=^|\\n)';
    case 'line-end':
      return node.crlf ? '(?:(?=$|\\r)|(?=\\n)(?<=^|[\\p{Any}--\\r]))' : '(?=$|\\n)';
    case 'word':
      return `(?:${afterWord}${beforeNonWord}|${afterNonWord}${beforeWord})`;
    case 'not-word':
      return `(?:${afterWord}${beforeWord}|${afterNonWord}${beforeNonWord})`;
    case 'word-start':
      return afterNonWord + beforeWord;
    case 'word-end':
      return afterWord + beforeNonWord;
    case 'word-start-half':
      return afterNonWord;
    case 'word-end-half':
      return beforeNonWord;
  }
}

/** The case-insensitivity of every literal and class: all on, all off, or mixed. */
export function caseMode(node: Node): 'on' | 'off' | 'mixed' | 'none' {
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
      case 'dot':
      case 'assert':
        return;
    }
  };
  visit(node);
  return seen;
}

/**
 * Simple case folding pairs that the full-folding data (statuses C and F, for unicase) lacks:
 * CaseFolding.txt's status S entries, and the status C entries of characters added in Unicode
 * 16, the version of Rust's regex tables (`ẞ` folds to `ß`, `ᾈ` to `ᾀ`, …).
 */
const SIMPLE_ONLY_PAIRS =
  '1C8A:1C89;1E9E:00DF;1F88:1F80;1F89:1F81;1F8A:1F82;1F8B:1F83;1F8C:1F84;1F8D:1F85;1F8E:1F86;1F8F:1F87;' +
  '1F98:1F90;1F99:1F91;1F9A:1F92;1F9B:1F93;1F9C:1F94;1F9D:1F95;1F9E:1F96;1F9F:1F97;1FA8:1FA0;1FA9:1FA1;' +
  '1FAA:1FA2;1FAB:1FA3;1FAC:1FA4;1FAD:1FA5;1FAE:1FA6;1FAF:1FA7;1FBC:1FB3;1FCC:1FC3;1FD3:0390;1FE3:03B0;' +
  '1FFC:1FF3;A7CB:0264;A7CD:A7CC;A7DB:A7DA;A7DC:019B;FB06:FB05;10D70:10D50;10D71:10D51;10D72:10D52;' +
  '10D73:10D53;10D74:10D54;10D75:10D55;10D76:10D56;10D77:10D57;10D78:10D58;10D79:10D59;10D7A:10D5A;' +
  '10D7B:10D5B;10D7C:10D5C;10D7D:10D5D;10D7E:10D5E;10D7F:10D5F;10D80:10D60;10D81:10D61;10D82:10D62;' +
  '10D83:10D63;10D84:10D64;10D85:10D65';

// Simple case folding orbits (the characters that fold to one another), for spelling out case variants.
let foldOrbits: Map<number, number[]> | undefined;
function orbits(): Map<number, number[]> {
  if (foldOrbits === undefined) {
    const byTarget = new Map<number, number[]>();
    const pairs = [...CASE_FOLDING_DATA.split(';'), ...SIMPLE_ONLY_PAIRS.split(';')];
    for (const entry of pairs) {
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
  return foldOrbits;
}

function caseVariants(cp: number): number[] {
  return orbits().get(cp) ?? [cp];
}

const extrasCache = new Map<string, number[]>();

/**
 * The characters a case-insensitive set gains by folding: the other members of every orbit
 * that has a member in the set. `key` names the set for the cache.
 */
function foldExtras(key: string, has: (cp: number) => boolean): number[] {
  let extras = extrasCache.get(key);
  if (extras === undefined) {
    extras = [];
    const seen = new Set<number[]>();
    for (const orbit of orbits().values()) {
      if (seen.has(orbit)) continue;
      seen.add(orbit);
      if (orbit.some(has)) extras.push(...orbit.filter((cp) => !has(cp)));
    }
    if (extrasCache.size > 256) extrasCache.clear();
    extrasCache.set(key, extras);
  }
  return extras;
}

/**
 * A class item given as JavaScript text (`\p{…}`, a Perl class) made case-insensitive. Rust
 * folds a property before negating it, so `(?i)\P{Lu}` is everything outside folded `Lu`.
 */
function foldedRaw(text: string): string {
  const negatedProperty = /^\\P(\{[^}]*\})$/.exec(text);
  const positive = negatedProperty === null ? text : `\\p${negatedProperty[1] ?? ''}`;
  const members = new RegExp(`^[${positive}]$`, 'v');
  const extras = foldExtras(positive, (cp) => members.test(String.fromCodePoint(cp)))
    .map((cp) => emitChar(cp, true))
    .join('');
  if (extras === '') return text;
  return negatedProperty === null ? `${text}${extras}` : `[^${positive}${extras}]`;
}
