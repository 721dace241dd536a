/**
 * Note type comparison and merging during import (rslib `notetype/merge.rs` and the helpers of
 * `apkg/import/notes.rs`). Fields and templates are matched by their stable id when both have
 * one, else by exact name. A field's `ord` is where it was in the note type it came from (null
 * when merged in), which is how notes and cards are remapped afterwards.
 */
import { clone } from '@bufbuild/protobuf';
import { FieldConfigSchema, NotetypeConfig_Kind, TemplateConfigSchema } from '../../storage/proto/gen/anki_storage/notetypes_pb.js';
import type { ImportField, ImportNotetype, ImportTemplate } from './exchange.js';

export const isClozeNotetype = (notetype: ImportNotetype): boolean => notetype.config.kind === NotetypeConfig_Kind.CLOZE;

/** A field or template as far as matching goes. */
interface Matchable {
  readonly name: string;
  readonly config: { readonly id?: bigint | undefined };
}

/** Anki's `is_match`: the same stable id when both have one, else the same name. */
function sameItem(a: Matchable, b: Matchable): boolean {
  return a.config.id !== undefined && b.config.id !== undefined ? a.config.id === b.config.id : a.name === b.name;
}

/** Same fields and templates, in the same order (Anki's `equal_schema`). */
export function equalSchema(
  a: { readonly fields: readonly Matchable[]; readonly templates: readonly Matchable[] },
  b: { readonly fields: readonly Matchable[]; readonly templates: readonly Matchable[] },
): boolean {
  return (
    a.fields.length === b.fields.length &&
    a.templates.length === b.templates.length &&
    a.fields.every((field, i) => sameItem(field, b.fields[i] as Matchable)) &&
    a.templates.every((template, i) => sameItem(template, b.templates[i] as Matchable))
  );
}

/**
 * Aligns `list` with `other` and inserts what it lacks (Anki's merge_fields/merge_templates):
 * an item matching at another position is swapped into place when that position exists; a
 * missing one is inserted (without an original ordinal) at its position, or appended.
 */
function mergeItems<T extends Matchable & { ord: number | null }>(
  list: T[],
  other: readonly T[],
  copy: (item: T) => T,
): void {
  other.forEach((item, index) => {
    const found = list.findIndex((candidate) => sameItem(candidate, item));
    if (found === index) return;
    if (found !== -1) {
      if (index < list.length) {
        const swapped = list[found] as T;
        list[found] = list[index] as T;
        list[index] = swapped;
      }
      return;
    }
    list.splice(Math.min(index, list.length), 0, { ...copy(item), ord: null });
  });
}

const copyField = (field: ImportField): ImportField => ({ ...field, config: clone(FieldConfigSchema, field.config) });
const copyTemplate = (template: ImportTemplate): ImportTemplate => ({
  ...template,
  config: clone(TemplateConfigSchema, template.config),
});

/** Inserts the fields (and, unless cloze, templates) of `other` that `notetype` lacks. */
export function mergeNotetype(notetype: ImportNotetype, other: ImportNotetype): void {
  mergeItems(notetype.fields, other.fields, copyField);
  if (!isClozeNotetype(notetype)) mergeItems(notetype.templates, other.templates, copyTemplate);
}

/** Gives `notetype`'s fields and templates the ordinals of `other`'s, position by position. */
export function copyOrds(notetype: ImportNotetype, other: ImportNotetype): void {
  notetype.fields.forEach((field, i) => {
    const source = other.fields[i];
    if (source !== undefined) field.ord = source.ord;
  });
  notetype.templates.forEach((template, i) => {
    const source = other.templates[i];
    if (source !== undefined) template.ord = source.ord;
  });
}

export const fieldOrds = (notetype: ImportNotetype): (number | null)[] => notetype.fields.map((field) => field.ord);
export const templateOrds = (notetype: ImportNotetype): (number | null)[] => notetype.templates.map((template) => template.ord);

/** Chains two field maps: what the note's fields were before the first, in the second's order. */
export function combineFieldOrds(old: readonly (number | null)[], next: readonly (number | null)[]): (number | null)[] {
  return next.map((ord) => (ord === null ? null : (old[ord] ?? null)));
}

/** Old template position → new position, for the templates that came from the package. */
export function templateMap(notetype: ImportNotetype): Map<number, number> {
  const map = new Map<number, number>();
  notetype.templates.forEach((template, index) => {
    if (template.ord !== null) map.set(template.ord, index);
  });
  return map;
}

/** Chains a template map through a further reordering of `notetype` (Anki's combine_template_ords_maps). */
export function combineTemplateMaps(map: Map<number, number>, notetype: ImportNotetype): void {
  const ords = templateOrds(notetype);
  for (const [from, to] of map) {
    const at = ords.indexOf(to);
    if (at !== -1) map.set(from, at);
  }
}
