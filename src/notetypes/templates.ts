/**
 * Template and styling edits as Anki-Connect makes them (modelTemplate*, updateModelTemplates,
 * updateModelStyling, findAndReplaceInModels), applied to an editable note type; saving
 * (save.ts) then updates cards.
 */
import { create } from '@bufbuild/protobuf';
import { AnkiConnectError } from '../errors.js';
import { TemplateConfigSchema } from '../storage/proto/gen/anki_storage/notetypes_pb.js';
import { reposition, type EditableNotetype, type EditableTemplate } from './edit.js';
import { templateByName } from './lookup.js';
import { randomI64 } from './stock.js';

/** A new template as Anki's `new_template` makes it: the stock Basic one with a fresh id. */
export function newTemplate(name: string, front: string, back: string): EditableTemplate {
  return { origOrd: null, name, config: create(TemplateConfigSchema, { qFormat: front, aFormat: back, id: randomI64() }) };
}

/** Renames a template. */
export function renameTemplate(notetype: EditableNotetype, oldName: string, newName: string): void {
  templateByName(notetype, oldName).name = newName;
}

/** Moves a template to `index` (Python list semantics); saving renumbers the cards. */
export function repositionTemplate(notetype: EditableNotetype, name: string, index: number): void {
  reposition(notetype.templates, templateByName(notetype, name), index);
}

/**
 * Adds a template at the end. Returns false, changing nothing, when one with exactly that name
 * exists: Anki-Connect then edits its copy in memory and returns without saving.
 */
export function addTemplate(notetype: EditableNotetype, name: string, front: string, back: string): boolean {
  if (notetype.templates.some((template) => template.name === name)) return false;
  notetype.templates.push(newTemplate(name, front, back));
  return true;
}

/** Removes a template (the last one cannot be); saving deletes its cards. */
export function removeTemplate(notetype: EditableNotetype, name: string): void {
  const template = templateByName(notetype, name);
  if (notetype.templates.length <= 1) throw new AnkiConnectError('must have 1 template');
  notetype.templates.splice(notetype.templates.indexOf(template), 1);
}

/** New sides for templates named exactly as the keys; other names are ignored. */
export type TemplateUpdates = Readonly<Record<string, { Front?: string | null; Back?: string | null } | null | undefined>>;

/**
 * updateModelTemplates: each template whose name is a key gets the sides given. Empty or missing
 * sides are left as they are (Anki-Connect skips falsy values), and so are unknown names.
 */
export function updateTemplates(notetype: EditableNotetype, updates: TemplateUpdates): void {
  for (const template of notetype.templates) {
    const update = Object.hasOwn(updates, template.name) ? updates[template.name] : undefined;
    if (update === undefined || update === null) continue;
    if (typeof update.Front === 'string' && update.Front !== '') template.config.qFormat = update.Front;
    if (typeof update.Back === 'string' && update.Back !== '') template.config.aFormat = update.Back;
  }
}

/** Python's `str.replace(old, new)`: every occurrence, and for an empty `old` between every character. */
export function pythonReplace(text: string, find: string, replacement: string): string {
  // Python strings are sequences of code points, so an empty pattern matches between code points.
  if (find === '') return replacement + (text.match(/[\s\S]/gu) ?? []).map((char) => char + replacement).join('');
  return text.split(find).join(replacement);
}

/** Which parts findAndReplaceInModels searches. */
export interface FindAndReplaceScope {
  front: boolean;
  back: boolean;
  css: boolean;
}

/**
 * findAndReplaceInModels on one note type: plain substring replacement in the CSS and in every
 * template's front and back, as selected. Returns whether the text was found anywhere (what
 * Anki-Connect counts, even when the replacement leaves the text as it was).
 */
export function findAndReplace(notetype: EditableNotetype, find: string, replacement: string, scope: FindAndReplaceScope): boolean {
  let found = false;
  if (scope.css && notetype.config.css.includes(find)) {
    found = true;
    notetype.config.css = pythonReplace(notetype.config.css, find, replacement);
  }
  for (const { config } of notetype.templates) {
    if (scope.front && config.qFormat.includes(find)) {
      found = true;
      config.qFormat = pythonReplace(config.qFormat, find, replacement);
    }
    if (scope.back && config.aFormat.includes(find)) {
      found = true;
      config.aFormat = pythonReplace(config.aFormat, find, replacement);
    }
  }
  return found;
}
