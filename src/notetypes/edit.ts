/**
 * A note type being edited. Each field and template remembers the ordinal it had when the edit
 * began (null for one added during the edit), which is how saving tells a rename from a removal
 * plus an addition and knows how to move note fields and card ordinals — the same bookkeeping as
 * the `ord` keys of Anki's legacy JSON.
 */
import { clone } from '@bufbuild/protobuf';
import {
  FieldConfigSchema,
  NotetypeConfigSchema,
  TemplateConfigSchema,
  type FieldConfig,
  type NotetypeConfig,
  type TemplateConfig,
} from '../storage/proto/gen/anki_storage/notetypes_pb.js';
import type { Notetype } from './notetype.js';

/** A field during an edit. */
export interface EditableField {
  /** Ordinal before the edit, or null for a new field. */
  origOrd: number | null;
  name: string;
  config: FieldConfig;
}

/** A card template during an edit. */
export interface EditableTemplate {
  /** Ordinal before the edit, or null for a new template. */
  origOrd: number | null;
  name: string;
  config: TemplateConfig;
}

/** A note type during an edit; every part is a private copy that may be changed freely. */
export interface EditableNotetype {
  id: number;
  name: string;
  config: NotetypeConfig;
  fields: EditableField[];
  templates: EditableTemplate[];
}

/** Starts editing a stored note type: a deep copy that leaves the cached original untouched. */
export function beginEdit(notetype: Notetype): EditableNotetype {
  return {
    id: notetype.id,
    name: notetype.name,
    config: clone(NotetypeConfigSchema, notetype.config),
    fields: notetype.fields.map((field) => ({
      origOrd: field.ord,
      name: field.name,
      config: clone(FieldConfigSchema, field.config),
    })),
    templates: notetype.templates.map((template) => ({
      origOrd: template.ord,
      name: template.name,
      config: clone(TemplateConfigSchema, template.config),
    })),
  };
}

/**
 * Moves `item` to `index` the way Python's `list.remove` + `list.insert` do (Anki's
 * reposition_field / reposition_template): nothing happens when it is already there; a negative
 * index counts from the end; an index past the end appends.
 */
export function reposition<T>(list: T[], item: T, index: number): void {
  const from = list.indexOf(item);
  if (from === -1 || from === index) return;
  list.splice(from, 1);
  let to = index < 0 ? index + list.length : index;
  to = Math.min(Math.max(to, 0), list.length);
  list.splice(to, 0, item);
}
