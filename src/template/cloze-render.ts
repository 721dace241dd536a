/**
 * Rendering cloze deletions for one card (anki-semantics.md §2.5, rslib `cloze.rs`): the `cloze`
 * and `cloze-only` filters.
 */
import { stripHtmlPreservingEntities } from '../text/html.js';
import { parseClozes, type ClozeDeletionNode, type ClozeNode } from './cloze-parser.js';
import { encodeAttribute } from './html-escape.js';
import { occlusionDataAttributes } from './image-occlusion.js';
import { NextIndex } from './next-index.js';

const IMAGE_OCCLUSION_PREFIX = 'image-occlusion:';
const DEFAULT_HINT = '...';

/** What the walk over one field's deletions needs and finds. */
interface RevealState {
  /** The card's cloze number (card ord + 1). */
  readonly ordinal: number;
  readonly question: boolean;
  /** Set when any deletion (nested ones included) is active for this card. */
  activeFound: boolean;
}

const ordinalsText = (cloze: ClozeDeletionNode): string => cloze.ordinals.join(',');

/** The deletion's text with every nested deletion's text, without hints or markup. */
function clozedText(cloze: ClozeDeletionNode): string {
  let out = '';
  for (const node of cloze.children) out += node.type === 'text' ? node.text : clozedText(node);
  return out;
}

/** The shape text when the deletion is an image occlusion (its first run starts with the prefix). */
function imageOcclusionText(cloze: ClozeDeletionNode): string | null {
  const first = cloze.children[0];
  if (first?.type !== 'text' || !first.text.startsWith(IMAGE_OCCLUSION_PREFIX)) return null;
  return first.text.slice(IMAGE_OCCLUSION_PREFIX.length);
}

function renderImageOcclusion(shape: string, cloze: ClozeDeletionNode, state: RevealState, active: boolean): string {
  // Ordinal 0 marks a shape shown on every card.
  const cls =
    (state.question && active) || cloze.ordinals.includes(0)
      ? 'cloze'
      : !active
        ? 'cloze-inactive'
        : 'cloze-highlight';
  return `<div class="${cls}" data-ordinal="${ordinalsText(cloze)}" ${occlusionDataAttributes(shape)}></div>`;
}

function renderChildren(nodes: readonly ClozeNode[], state: RevealState): string {
  let out = '';
  for (const node of nodes) out += node.type === 'text' ? node.text : renderDeletion(node, state);
  return out;
}

function renderDeletion(cloze: ClozeDeletionNode, state: RevealState): string {
  const active = cloze.ordinals.includes(state.ordinal);
  if (active) state.activeFound = true;
  const shape = imageOcclusionText(cloze);
  if (shape !== null) return renderImageOcclusion(shape, cloze, state, active);
  if (!active) {
    // Inactive: the text stays visible, and nested deletions may still be active.
    return `<span class="cloze-inactive" data-ordinal="${ordinalsText(cloze)}">${renderChildren(cloze.children, state)}</span>`;
  }
  if (state.question) {
    // The hidden content, nested deletions rendered, travels in data-cloze for scripts.
    const hidden = renderChildren(cloze.children, state);
    return (
      `<span class="cloze" data-cloze="${encodeAttribute(hidden)}" data-ordinal="${ordinalsText(cloze)}">` +
      `[${cloze.hint ?? DEFAULT_HINT}]</span>`
    );
  }
  return `<span class="cloze" data-ordinal="${ordinalsText(cloze)}">${renderChildren(cloze.children, state)}</span>`;
}

/**
 * The field with its deletions rendered for card number `ordinal` on the given side. When no
 * deletion of the field is active for the card the result is "", so that the field counts as
 * empty (add-ons rely on this).
 */
export function revealClozes(text: string, ordinal: number, question: boolean): string {
  if (!text.includes('{{c')) return '';
  const state: RevealState = { ordinal, question, activeFound: false };
  const out = renderChildren(parseClozes(text), state);
  return state.activeFound ? out : '';
}

/**
 * Removes HTML tags inside MathJax delimiters, keeping entities (so `&lt;` survives). A span runs
 * from `\(` or `\[` to the first `\)` or `\]` after it, which need not be the matching kind, as
 * with Anki's regex; scanned rather than matched, so that many unclosed openers stay linear.
 */
export function stripHtmlInsideMathJax(text: string): string {
  if (!text.includes('\\')) return text;
  const backslashes = new NextIndex(text, '\\');
  const roundClose = new NextIndex(text, '\\)');
  const squareClose = new NextIndex(text, '\\]');
  let out = '';
  let copied = 0;
  let pos = backslashes.from(0);
  while (pos !== -1) {
    const next = text[pos + 1];
    if (next !== '(' && next !== '[') {
      pos = backslashes.from(pos + 1);
      continue;
    }
    const round = roundClose.from(pos + 2);
    const square = squareClose.from(pos + 2);
    // No closer after this opener means none after any later opener.
    if (round === -1 && square === -1) break;
    const close = round === -1 ? square : square === -1 ? round : Math.min(round, square);
    out += text.slice(copied, pos + 2) + stripHtmlPreservingEntities(text.slice(pos + 2, close)) + text.slice(close, close + 2);
    copied = close + 2;
    pos = backslashes.from(copied);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The `cloze` filter: the deletions revealed for this card, then MathJax cleaned of tags. */
export function clozeFilter(text: string, cardOrd: number, question: boolean): string {
  return stripHtmlInsideMathJax(revealClozes(text, cardOrd + 1, question));
}

function collectActiveTexts(nodes: readonly ClozeNode[], ordinal: number, question: boolean, into: string[]): void {
  for (const node of nodes) {
    if (node.type !== 'cloze') continue;
    if (node.ordinals.includes(ordinal)) into.push(question ? (node.hint ?? DEFAULT_HINT) : clozedText(node));
    collectActiveTexts(node.children, ordinal, question, into);
  }
}

/**
 * The `cloze-only` filter: the texts of the deletions active on this card, outer before inner,
 * joined with ", ". On the question side each is its hint, or `...` without one.
 */
export function clozeOnlyFilter(text: string, cardOrd: number, question: boolean): string {
  if (!text.includes('{{c')) return '';
  const texts: string[] = [];
  collectActiveTexts(parseClozes(text), cardOrd + 1, question, texts);
  return texts.join(', ');
}
