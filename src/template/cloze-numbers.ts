/**
 * Cloze numbers found in field text (anki-semantics.md §2.5). They decide which cards a note of
 * a cloze note type gets.
 */
import { parseClozes } from './cloze-parser.js';
import type { ClozeNode } from './cloze-parser.js';

function collectNumbers(nodes: readonly ClozeNode[], into: Set<number>): void {
  for (const node of nodes) {
    if (node.type !== 'cloze') continue;
    for (const ordinal of node.ordinals) if (ordinal !== 0) into.add(ordinal);
    // Nested deletions count too, including those inside a c0 deletion.
    collectNumbers(node.children, into);
  }
}

/**
 * The cloze numbers of the closed deletions in `text`, nested ones included, 0 excluded.
 * `{{c1,,3::x}}` gives {1, 3}; `{{c0::x}}` gives nothing; an unclosed `{{c2::x` gives nothing;
 * numbers above 65535 are not numbers (`{{c70000::x}}` is plain text).
 */
export function clozeNumbersInText(text: string): Set<number> {
  const numbers = new Set<number>();
  // Cheap pre-check: most fields of a cloze note (Back Extra, …) have no cloze at all.
  if (text.includes('{{c')) collectNumbers(parseClozes(text), numbers);
  return numbers;
}

/** The union of `clozeNumbersInText` over several field values. */
export function clozeNumbersInFields(values: Iterable<string>): Set<number> {
  const numbers = new Set<number>();
  for (const value of values) {
    if (value.includes('{{c')) collectNumbers(parseClozes(value), numbers);
  }
  return numbers;
}

/**
 * True when a top-level closed deletion in `text` has a number above 0. Like Anki, deletions
 * nested inside another one are not looked at: `{{c0::{{c1::x}}}}` gives false.
 */
export function containsCloze(text: string): boolean {
  if (!text.includes('{{c')) return false;
  return parseClozes(text).some((node) => node.type === 'cloze' && node.ordinals.some((n) => n !== 0));
}
