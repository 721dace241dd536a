/**
 * Finding a note type, field or template by name with Anki-Connect's rules and error texts: note
 * types by name ignoring case (Anki's unicase lookup), fields and templates by exact name (its
 * `field_map` and template loop compare exactly).
 */
import type { Collection } from '../collection/collection.js';
import { AnkiConnectError } from '../errors.js';
import type { EditableField, EditableNotetype, EditableTemplate } from './edit.js';
import type { Notetype } from './notetype.js';

/** The note type called `name`, or Anki-Connect's "model was not found" error. */
export function notetypeByName(col: Collection, name: string): Notetype {
  const notetype = col.notetypes.byName(name);
  if (notetype === undefined) throw new AnkiConnectError(`model was not found: ${name}`);
  return notetype;
}

/** The field called exactly `name`, or Anki-Connect's "field was not found" error. */
export function fieldByName(notetype: EditableNotetype, name: string): EditableField {
  // Anki-Connect's field_map is a dict, so with duplicate names the last field wins.
  const field = notetype.fields.findLast((candidate) => candidate.name === name);
  if (field === undefined) throw new AnkiConnectError(`field was not found in ${notetype.name}: ${name}`);
  return field;
}

/** The first template called exactly `name`, or Anki-Connect's "template was not found" error. */
export function templateByName(notetype: EditableNotetype, name: string): EditableTemplate {
  const template = notetype.templates.find((candidate) => candidate.name === name);
  if (template === undefined) throw new AnkiConnectError(`template was not found in ${notetype.name}: ${name}`);
  return template;
}
