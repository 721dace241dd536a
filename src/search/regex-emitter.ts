/**
 * The JavaScript side of the Rust regex translation: a parsed pattern re-emitted as a RegExp
 * source for the `v` flag. Class set operations and nested classes use the `v` flag's nested
 * classes; where a pattern mixes case-sensitive and case-insensitive parts, the insensitive
 * literals and classes spell out their case variants (JavaScript has no inline flags).
 */
import { CASE_FOLDING_DATA } from '../text/case-fold-data.js';
import type { ClassItem, ClassSet, Node } from './regex-syntax.js';

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
