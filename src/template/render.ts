/**
 * Rendering one side of a card from its parsed template (anki-semantics.md §2.2, rslib
 * `template.rs`), as Anki does for the reviewer and for `cardsInfo`.
 */
import { applyFilters } from './filters.js';
import type { ParsedTemplate, TemplateNode } from './syntax-tree.js';
import { TemplateError } from './template-error.js';

/** The field map and card facts one side is rendered with. */
export interface RenderContext {
  /** Note fields, special fields and `cN` (see `cardFieldMap`). */
  readonly fields: ReadonlyMap<string, string>;
  /** The keys of `fields` whose values are not empty (see `fieldIsEmpty`). */
  readonly nonEmpty: ReadonlySet<string>;
  readonly cardOrd: number;
  /**
   * null while rendering the question; the finished question text while rendering the answer,
   * which is what `{{FrontSide}}` shows there.
   */
  readonly frontSide: string | null;
}

const COMMENT_START = '<!--';
const COMMENT_END = '-->';
const FRONT_SIDE = 'FrontSide';
const MAX_U32 = 0xffffffff;

/** `c` followed by a number Rust parses as u32 (an optional `+`, then digits): `{{#c2}}`. */
export function isClozeConditional(key: string): boolean {
  if (key.length < 2 || key[0] !== 'c') return false;
  const digits = key[1] === '+' ? key.slice(2) : key.slice(1);
  return /^[0-9]+$/.test(digits) && Number(digits) <= MAX_U32;
}

/**
 * Whether a conditional's children apply: a non-empty key for `{{#K}}`, an empty one for
 * `{{^K}}`. `cN` keys of other cards are simply empty.
 *
 * @throws {TemplateError} when K is neither a field nor `cN`.
 */
function conditionHolds(key: string, negated: boolean, context: RenderContext): boolean {
  if (context.nonEmpty.has(key)) return !negated;
  if (context.fields.has(key) || isClozeConditional(key)) return negated;
  throw TemplateError.noSuchConditional(key, negated);
}

function renderNodes(nodes: readonly TemplateNode[], context: RenderContext): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += node.text;
        break;
      case 'comment':
        out += COMMENT_START + node.text + COMMENT_END;
        break;
      case 'replacement':
        out += renderReplacement(node.fieldName, node.filters, context);
        break;
      case 'conditional':
        if (conditionHolds(node.key, node.negated, context)) out += renderNodes(node.children, context);
        // Sections that are not shown must still be free of errors.
        else checkNodes(node.children, context);
        break;
    }
  }
  return out;
}

function renderReplacement(fieldName: string, filters: readonly string[], context: RenderContext): string {
  // FrontSide is always the question, whatever fields or filters say; empty on the question.
  if (fieldName === FRONT_SIDE) return context.frontSide ?? '';
  // `{{tts-voices:}}` and similar: a filter with no field is for add-ons to fill in.
  if (fieldName === '' && filters.length > 0) return '';
  const value = context.fields.get(fieldName);
  if (value === undefined) throw TemplateError.fieldNotFound(fieldName, filters);
  return applyFilters(value, filters, fieldName, { cardOrd: context.cardOrd, question: context.frontSide === null });
}

/** The errors rendering would raise, without producing output. */
function checkNodes(nodes: readonly TemplateNode[], context: RenderContext): void {
  for (const node of nodes) {
    if (node.type === 'replacement') {
      const { fieldName, filters } = node;
      if (fieldName === FRONT_SIDE || (fieldName === '' && filters.length > 0)) continue;
      if (!context.fields.has(fieldName)) throw TemplateError.fieldNotFound(fieldName, filters);
    } else if (node.type === 'conditional') {
      conditionHolds(node.key, node.negated, context);
      checkNodes(node.children, context);
    }
  }
}

/**
 * Renders a parsed template with the built-in filters. Comments are copied, `{{#K}}`/`{{^K}}`
 * sections follow K's emptiness, and a filter that is not built in ends that replacement's
 * filtering (see `applyFilters`).
 *
 * @throws {TemplateError} for a replacement naming an unknown field, or a conditional naming
 *   neither a field nor `cN`, anywhere in the template (shown sections or not).
 */
export function renderTemplate(template: ParsedTemplate, context: RenderContext): string {
  return renderNodes(template.nodes, context);
}
