/**
 * Whether a question template would render something, judged from which fields are non-empty
 * alone (anki-semantics.md §2.6). This decides which cards a note of a normal note type gets.
 */
import type { ParsedTemplate, TemplateNode } from './syntax-tree.js';

/** Extra facts about the note that `rendersWithFields` needs. */
export interface RendersWithFieldsOptions {
  /**
   * The note has at least one tag, so the key `Tags` counts as non-empty (Anki adds it to the
   * non-empty set during card generation). Other special fields (`Deck`, `Card`, …) and `cN` keys
   * do not count during card generation; use `renderingNonEmptyFields` for the rendering view.
   */
  readonly hasTags?: boolean;
}

/**
 * True when the template produces output with these non-empty keys, Anki's rules:
 * text and comments are ignored; a replacement of a non-empty key (whatever its filters, `type:`
 * included) makes it non-empty; `{{#K}}` is entered only when K is non-empty and `{{^K}}` only
 * when K is empty. It stops at the first qualifying replacement, so it is cheap per note.
 */
export function rendersWithFields(
  template: ParsedTemplate,
  nonEmptyFields: ReadonlySet<string>,
  options: RendersWithFieldsOptions = {},
): boolean {
  return rendersNodes(template.nodes, nonEmptyFields, options.hasTags === true, true);
}

/**
 * The variant used for the legacy `req` cache: negated sections are always entered, whatever
 * their key holds, which keeps the result close to what old Anki versions stored.
 */
export function rendersWithFieldsForReqs(template: ParsedTemplate, nonEmptyFields: ReadonlySet<string>): boolean {
  return rendersNodes(template.nodes, nonEmptyFields, false, false);
}

// Plain parameters rather than a closure: this runs for every template of every added note.
function rendersNodes(
  nodes: readonly TemplateNode[],
  nonEmpty: ReadonlySet<string>,
  hasTags: boolean,
  checkNegated: boolean,
): boolean {
  for (const node of nodes) {
    if (node.type === 'replacement') {
      if (nonEmpty.has(node.fieldName) || (hasTags && node.fieldName === 'Tags')) return true;
    } else if (node.type === 'conditional') {
      const keyNonEmpty = nonEmpty.has(node.key) || (hasTags && node.key === 'Tags');
      const enter = node.negated ? !checkNegated || !keyNonEmpty : keyNonEmpty;
      if (enter && rendersNodes(node.children, nonEmpty, hasTags, checkNegated)) return true;
    }
    // Text and comments never make a question non-empty.
  }
  return false;
}
