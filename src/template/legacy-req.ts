/**
 * The legacy `req` cache stored in note type JSON (anki-semantics.md §2.7). Informational only:
 * card generation does not read it, but Anki writes it and old clients rely on it.
 */
import { tryParseTemplate } from './parser.js';
import { rendersWithFieldsForReqs } from './renders-with-fields.js';
import type { ParsedTemplate } from './syntax-tree.js';

/** How a template's requirement is expressed. */
export type ReqKind = 'any' | 'all' | 'none';

/** One `req` entry: `[templateOrd, kind, ascending field ordinals]`. */
export type LegacyReq = [ord: number, kind: ReqKind, fieldOrds: number[]];

/** The requirement of one parsed question template over the given fields. */
function templateReq(template: ParsedTemplate, fieldNames: readonly string[]): [ReqKind, number[]] {
  // Anki keys fields by name; with duplicate names the later field would win.
  const ordByName = new Map<string, number>();
  fieldNames.forEach((name, ord) => ordByName.set(name, ord));

  const any: number[] = [];
  for (const [name, ord] of ordByName) {
    if (rendersWithFieldsForReqs(template, new Set([name]))) any.push(ord);
  }
  if (any.length > 0) return ['any', any.sort((a, b) => a - b)];

  const all = new Set(ordByName.keys());
  const required: number[] = [];
  for (const [name, ord] of ordByName) {
    // A field is required if the template stops rendering without it.
    all.delete(name);
    if (!rendersWithFieldsForReqs(template, all)) required.push(ord);
    all.add(name);
  }
  if (required.length > 0 && rendersWithFieldsForReqs(template, all)) {
    return ['all', required.sort((a, b) => a - b)];
  }
  return ['none', []];
}

/**
 * Computes `req` the way Anki does, from each template's question side and the note type's field
 * names in ordinal order. A `null` entry, or a string that fails to parse, gives `"none"`.
 * Conditionals on special fields or `cN` never count, since only real fields are considered, and
 * negated sections are always entered. Cloze note types are computed the same way.
 */
export function computeReq(
  questionTemplates: readonly (string | ParsedTemplate | null)[],
  fieldNames: readonly string[],
): LegacyReq[] {
  return questionTemplates.map((source, ord): LegacyReq => {
    const template = typeof source === 'string' ? tryParseTemplate(source) : source;
    if (template === null) return [ord, 'none', []];
    const [kind, fieldOrds] = templateReq(template, fieldNames);
    return [ord, kind, fieldOrds];
  });
}
