/**
 * Field edits as Anki-Connect makes them (its modelField* actions), applied to an editable note
 * type; saving (save.ts) then moves note contents and rewrites template references.
 */
import { create } from '@bufbuild/protobuf';
import { FieldConfigSchema } from '../storage/proto/gen/anki_storage/notetypes_pb.js';
import { reposition, type EditableField, type EditableNotetype } from './edit.js';
import { fieldByName } from './lookup.js';
import { randomI64 } from './stock.js';

/** A new field as Anki's `new_field` makes it: a copy of the stock Basic field with a fresh id. */
export function newField(name: string): EditableField {
  return {
    origOrd: null,
    name,
    config: create(FieldConfigSchema, { fontName: 'Arial', fontSize: 20, id: randomI64(), preventDeletion: false }),
  };
}

/** Renames a field; saving renames its `{{…}}` references in every template. */
export function renameField(notetype: EditableNotetype, oldName: string, newName: string): void {
  fieldByName(notetype, oldName).name = newName;
}

/** Moves a field to `index` (Python list semantics, see reposition). */
export function repositionField(notetype: EditableNotetype, name: string, index: number): void {
  reposition(notetype.fields, fieldByName(notetype, name), index);
}

/**
 * Adds a field at the end unless one with exactly that name exists, then moves it to `index`
 * when given, as Anki-Connect's modelFieldAdd does (an existing field is only moved).
 */
export function addField(notetype: EditableNotetype, name: string, index: number | null): void {
  let field = notetype.fields.findLast((candidate) => candidate.name === name);
  if (field === undefined) {
    field = newField(name);
    notetype.fields.push(field);
  }
  if (index !== null) reposition(notetype.fields, field, index);
}

/** Removes a field; saving drops it from every note and its references from the templates. */
export function removeField(notetype: EditableNotetype, name: string): void {
  const field = fieldByName(notetype, name);
  notetype.fields.splice(notetype.fields.indexOf(field), 1);
}
