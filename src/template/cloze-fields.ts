/**
 * Which fields of a cloze note type hold cloze deletions: those the template feeds through the
 * `cloze` filter (Anki's `Notetype::cloze_fields`).
 */
import { tryParseTemplate } from './parser.js';
import type { ParsedTemplate, TemplateNode } from './syntax-tree.js';

function collectClozeReplacements(nodes: readonly TemplateNode[], into: Set<string>): void {
  for (const node of nodes) {
    if (node.type === 'replacement') {
      // Anywhere in the chain counts: `{{text:cloze:F}}` and `{{cloze:text:F}}` both do.
      if (node.filters.includes('cloze')) into.add(node.fieldName);
    } else if (node.type === 'conditional') {
      collectClozeReplacements(node.children, into);
    }
  }
}

/**
 * Field names (as written, not checked against the note type) that a parsed template passes
 * through the `cloze` filter, including inside conditional sections of either kind.
 */
export function clozeReplacementFieldNames(template: ParsedTemplate): Set<string> {
  const names = new Set<string>();
  collectClozeReplacements(template.nodes, names);
  return names;
}

/**
 * The fields a cloze note type uses with the `cloze` filter. Like Anki, only the **question**
 * side of the **first** template is scanned; pass every template's question text in order (the
 * rest are ignored). A first template that fails to parse, or no templates, gives an empty set.
 * Only meaningful for cloze note types: Anki reports no cloze fields for normal ones.
 */
export function clozeFieldNames(questionTemplates: readonly string[]): Set<string> {
  const first = questionTemplates[0];
  const parsed = first === undefined ? null : tryParseTemplate(first);
  return parsed === null ? new Set() : clozeReplacementFieldNames(parsed);
}

/**
 * Approximates Rust `unicase` equality (full Unicode case folding) without tables: upper- then
 * lower-casing maps `ß`/`SS`, final sigma and most other pairs together.
 */
function foldCase(name: string): string {
  return name.toUpperCase().toLowerCase();
}

/**
 * Ordinals (ascending) of the note type's fields that `clozeFieldNames` names. Names are matched
 * case-insensitively, as Anki does, and the first matching field wins.
 */
export function clozeFieldOrds(questionTemplates: readonly string[], fieldNames: readonly string[]): number[] {
  const wanted = new Set([...clozeFieldNames(questionTemplates)].map(foldCase));
  const ords = new Set<number>();
  const folded = fieldNames.map(foldCase);
  for (const name of wanted) {
    const ord = folded.indexOf(name);
    if (ord !== -1) ords.add(ord);
  }
  return [...ords].sort((a, b) => a - b);
}
