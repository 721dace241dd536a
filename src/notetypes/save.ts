/**
 * Saving a note type the way Anki does when Anki-Connect hands it an edited legacy dict
 * (pylib `update_dict` → rslib `update_notetype`, and `add_notetype` for new ones): names are
 * fixed and made unique, the sort field follows its field, templates follow renamed and removed
 * fields, `req` is recomputed, the templates are checked, then notes and cards are brought in
 * line and the rows are written.
 */
import { create } from '@bufbuild/protobuf';
import type { Collection } from '../collection/collection.js';
import { AnkiConnectError } from '../errors.js';
import {
  NotetypeConfig_CardRequirement_Kind as ReqKind,
  NotetypeConfig_CardRequirementSchema,
  NotetypeConfig_Kind,
} from '../storage/proto/gen/anki_storage/notetypes_pb.js';
import { computeReq, type ReqKind as LegacyReqKind } from '../template/index.js';
import { checkTemplates } from './checks.js';
import type { EditableNotetype } from './edit.js';
import { fixFieldName, fixNotetypeName, fixTemplateName, uniqueNames } from './names.js';
import type { Notetype } from './notetype.js';
import {
  ensureNoNoteLosesAllCards,
  generateCardsForNotetype,
  shouldGenerateCards,
  templateOrdChanges,
  updateCardsForChangedTemplates,
  updateNotesForChangedFields,
} from './schema-change.js';
import { rewriteTemplateFields, type FieldRenames } from './template-text.js';

const REQ_KINDS: Record<LegacyReqKind, ReqKind> = { any: ReqKind.ANY, all: ReqKind.ALL, none: ReqKind.NONE };

/**
 * Brings an edited note type into the form Anki stores (prepare_for_update), in place: names
 * fixed, NFC and unique; the sort field index following its field; when `original` is given,
 * template references to renamed fields renamed and to removed fields dropped; `req` recomputed;
 * then the templates checked. Throws Anki's message when something is invalid.
 *
 * One deliberate difference: Anki computes `req` before it rewrites the templates, so right
 * after a field rename its `req` misses the renamed field until the next save. Here `req` always
 * describes the templates that are saved (old clients generate cards from it).
 */
export function prepareForSave(
  edited: EditableNotetype,
  original: Notetype | undefined,
  options: { skipChecks?: boolean } = {},
): void {
  if (edited.fields.length === 0) throw new AnkiConnectError('1 field required');
  if (edited.templates.length === 0) throw new AnkiConnectError('1 template required');
  edited.name = fixNotetypeName(edited.name);
  for (const field of edited.fields) field.name = fixFieldName(field.name);
  for (const template of edited.templates) template.name = fixTemplateName(template.name);
  uniqueNames(edited.templates.map((template) => template.name)).forEach((name, index) => {
    const template = edited.templates[index];
    if (template !== undefined) template.name = name;
  });
  uniqueNames(edited.fields.map((field) => field.name)).forEach((name, index) => {
    const field = edited.fields[index];
    if (field !== undefined) field.name = name;
  });
  repositionSortField(edited);

  const cloze = edited.config.kind === NotetypeConfig_Kind.CLOZE;
  if (original !== undefined) {
    const renames = renamedAndRemovedFields(edited, original);
    if (renames.size > 0) rewriteTemplates(edited, renames, cloze);
  }

  const fieldNames = edited.fields.map((field) => field.name);
  edited.config.reqs = computeReq(
    edited.templates.map((template) => template.config.qFormat),
    fieldNames,
  ).map(([cardOrd, kind, fieldOrds]) =>
    create(NotetypeConfig_CardRequirementSchema, { cardOrd, kind: REQ_KINDS[kind], fieldOrds }),
  );
  if (options.skipChecks === true) return;
  checkTemplates({
    name: edited.name,
    cloze,
    fieldNames,
    templates: edited.templates.map((template) => template.config),
  });
}

/** The sort field stays on the same field when fields move; if it was removed, the index is capped. */
function repositionSortField(edited: EditableNotetype): void {
  const previous = edited.config.sortFieldIdx;
  const moved = edited.fields.findIndex((field) => field.origOrd === previous);
  edited.config.sortFieldIdx = moved !== -1 ? moved : Math.min(Math.max(previous, 0), edited.fields.length - 1);
}

/** Old name → new name for renamed fields, old name → null for removed ones. */
function renamedAndRemovedFields(edited: EditableNotetype, original: Notetype): Map<string, string | null> {
  const renames = new Map<string, string | null>();
  const remaining = new Set<number>();
  for (const field of edited.fields) {
    if (field.origOrd === null) continue;
    remaining.add(field.origOrd);
    const before = original.fields[field.origOrd];
    if (before !== undefined && before.name !== field.name) renames.set(before.name, field.name);
  }
  original.fields.forEach((field, ord) => {
    if (!remaining.has(ord)) renames.set(field.name, null);
  });
  return renames;
}

/**
 * Rewrites every template for renamed and removed fields. Anki also rewrites the browser
 * templates; an empty browser template is left empty here, where Anki would put the first field
 * into it (which would replace the browser's rendered question with that field).
 */
function rewriteTemplates(edited: EditableNotetype, renames: FieldRenames, cloze: boolean): void {
  const firstField = edited.fields[0]?.name ?? '';
  const question = { side: 'question' as const, cloze, firstField };
  const answer = { side: 'answer' as const, cloze, firstField };
  for (const { config } of edited.templates) {
    config.qFormat = rewriteTemplateFields(config.qFormat, renames, question);
    config.aFormat = rewriteTemplateFields(config.aFormat, renames, answer);
    if (config.qFormatBrowser !== '') config.qFormatBrowser = rewriteTemplateFields(config.qFormatBrowser, renames, question);
    if (config.aFormatBrowser !== '') config.aFormatBrowser = rewriteTemplateFields(config.aFormatBrowser, renames, answer);
  }
}

/**
 * The stored form of a prepared note type, stamped modified now. Template rows get mtime 0 and
 * usn 0, which is what Anki writes whenever it saves a note type from its legacy JSON.
 */
function storedForm(col: Collection, edited: EditableNotetype, id: number): Notetype {
  return {
    id,
    name: edited.name,
    mtimeSecs: col.nowSecs(),
    usn: col.usn(),
    config: edited.config,
    fields: edited.fields.map((field, ord) => ({ ord, name: field.name, config: field.config })),
    templates: edited.templates.map((template, ord) => ({
      ord,
      name: template.name,
      mtimeSecs: 0,
      usn: 0,
      config: template.config,
    })),
  };
}

/** The name with `+` appended until no other note type uses it (ignoring case). */
function uniqueNotetypeName(col: Collection, name: string, id: number | undefined): string {
  let unique = name;
  for (;;) {
    const existing = col.notetypes.idByName(unique);
    if (existing === undefined || existing === id) return unique;
    unique += '+';
  }
}

/**
 * Saves an edited note type that exists, inside the caller's transaction, and returns what was
 * stored. Notes follow field changes, cards follow template changes (a removal that would leave
 * a note without cards is refused first), and missing cards are generated when a template was
 * added or a front changed. The edit is consumed.
 */
export function saveNotetype(col: Collection, edited: EditableNotetype): Notetype {
  const original = col.notetypes.get(edited.id);
  if (original === undefined) throw new AnkiConnectError(`model was not found: ${edited.id}`);
  prepareForSave(edited, original);
  edited.name = uniqueNotetypeName(col, edited.name, edited.id);

  const fieldOrds = edited.fields.map((field) => field.origOrd);
  const changes = templateOrdChanges(
    edited.templates.map((template) => template.origOrd),
    original.templates.length,
  );
  const cloze = edited.config.kind === NotetypeConfig_Kind.CLOZE;
  if (!cloze && changes.removed.length > 0) ensureNoNoteLosesAllCards(col, edited.id, changes.removed);

  const saved = storedForm(col, edited, edited.id);
  updateNotesForChangedFields(col, saved, fieldOrds, original.fields.length, original.config.sortFieldIdx);
  updateCardsForChangedTemplates(col, saved.id, changes, cloze);
  col.notetypes.save(saved);
  if (shouldGenerateCards(changes, saved, original)) generateCardsForNotetype(col, saved);
  return saved;
}

/**
 * Adds a new note type (Anki's add_notetype) inside the caller's transaction: prepared and
 * checked as on save, its name made unique with `+`, a new id allocated, and made the current
 * note type (config `curModel`), as Anki does. `skipChecks` leaves the templates unchecked, as
 * Anki's `skip_checks` does for the note type Check Database recovers. Returns what was stored.
 */
export function addNotetype(col: Collection, edited: EditableNotetype, options: { skipChecks?: boolean } = {}): Notetype {
  prepareForSave(edited, undefined, options);
  edited.name = uniqueNotetypeName(col, edited.name, undefined);
  const { id: _unused, ...stored } = storedForm(col, edited, 0);
  const added = col.notetypes.add(stored);
  col.config.set('curModel', added.id);
  return added;
}
