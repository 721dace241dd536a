/**
 * Writing an imported note type as Anki's importer does (rslib `prepare_for_update` with the
 * template checks skipped, then `add_or_update_notetype_with_existing_id_inner`): names fixed and
 * made unique, the sort field following its field, `req` recomputed, template references
 * following renamed fields; for an update, the notes and cards of the note type follow its
 * field and template changes.
 */
import { create } from '@bufbuild/protobuf';
import type { Collection } from '../../collection/collection.js';
import { fixFieldName, fixNotetypeName, fixTemplateName, uniqueNames } from '../../notetypes/names.js';
import type { Notetype } from '../../notetypes/notetype.js';
import {
  generateCardsForNotetype,
  shouldGenerateCards,
  templateOrdChanges,
  updateCardsForChangedTemplates,
  updateNotesForChangedFields,
} from '../../notetypes/schema-change.js';
import { rewriteTemplateFields } from '../../notetypes/template-text.js';
import {
  NotetypeConfig_CardRequirement_Kind as ReqKind,
  NotetypeConfig_CardRequirementSchema,
} from '../../storage/proto/gen/anki_storage/notetypes_pb.js';
import { computeReq, type ReqKind as LegacyReqKind } from '../../template/index.js';
import { AnkiConnectError } from '../../errors.js';
import type { ImportNotetype } from './exchange.js';
import { fieldOrds, isClozeNotetype, templateOrds } from './notetype-merge.js';

const REQ_KINDS: Record<LegacyReqKind, ReqKind> = { any: ReqKind.ANY, all: ReqKind.ALL, none: ReqKind.NONE };

/**
 * Anki's `prepare_for_update(existing, skip_checks = true)`, in place. `req` is computed before
 * templates follow renamed fields, in Anki's order.
 */
export function prepareImportedNotetype(notetype: ImportNotetype, existing: Notetype | undefined): void {
  if (notetype.fields.length === 0) throw new AnkiConnectError('1 field required');
  if (notetype.templates.length === 0) throw new AnkiConnectError('1 template required');
  notetype.name = fixNotetypeName(notetype.name);
  for (const field of notetype.fields) field.name = fixFieldName(field.name);
  for (const template of notetype.templates) template.name = fixTemplateName(template.name);
  uniqueNames(notetype.fields.map((field) => field.name)).forEach((name, i) => {
    const field = notetype.fields[i];
    if (field !== undefined) field.name = name;
  });
  uniqueNames(notetype.templates.map((template) => template.name)).forEach((name, i) => {
    const template = notetype.templates[i];
    if (template !== undefined) template.name = name;
  });
  const sortIdx = notetype.config.sortFieldIdx;
  const moved = notetype.fields.findIndex((field) => field.ord === sortIdx);
  notetype.config.sortFieldIdx = moved !== -1 ? moved : Math.min(Math.max(sortIdx, 0), notetype.fields.length - 1);

  const fieldNames = notetype.fields.map((field) => field.name);
  const reqs = computeReq(
    notetype.templates.map((template) => template.config.qFormat),
    fieldNames,
  ).map(([cardOrd, kind, ords]) => create(NotetypeConfig_CardRequirementSchema, { cardOrd, kind: REQ_KINDS[kind], fieldOrds: ords }));
  if (existing !== undefined) followRenamedFields(notetype, existing);
  notetype.config.reqs = reqs;
}

/** Template references follow renamed fields and lose removed ones. */
function followRenamedFields(notetype: ImportNotetype, existing: Notetype): void {
  const renames = new Map<string, string | null>();
  const kept = new Set<number>();
  for (const field of notetype.fields) {
    if (field.ord === null) continue;
    kept.add(field.ord);
    const before = existing.fields[field.ord];
    if (before !== undefined && before.name !== field.name) renames.set(before.name, field.name);
  }
  existing.fields.forEach((field, ord) => {
    if (!kept.has(ord)) renames.set(field.name, null);
  });
  if (renames.size === 0) return;
  const cloze = isClozeNotetype(notetype);
  const firstField = notetype.fields[0]?.name ?? '';
  const question = { side: 'question' as const, cloze, firstField };
  const answer = { side: 'answer' as const, cloze, firstField };
  for (const { config } of notetype.templates) {
    config.qFormat = rewriteTemplateFields(config.qFormat, renames, question);
    config.aFormat = rewriteTemplateFields(config.aFormat, renames, answer);
    if (config.qFormatBrowser !== '') config.qFormatBrowser = rewriteTemplateFields(config.qFormatBrowser, renames, question);
    if (config.aFormatBrowser !== '') config.aFormatBrowser = rewriteTemplateFields(config.aFormatBrowser, renames, answer);
  }
}

/** Appends `+` until no other note type has the name (ignoring case); a renamed one is stamped modified. */
export function ensureNotetypeNameUnique(col: Collection, notetype: ImportNotetype): void {
  for (;;) {
    const holder = col.notetypes.idByName(notetype.name);
    if (holder === undefined || holder === notetype.id) return;
    notetype.name += '+';
    notetype.mtimeSecs = col.nowSecs();
    notetype.usn = col.usn();
  }
}

/** The stored form: fields and templates numbered by position. */
export function storedNotetype(notetype: ImportNotetype): Notetype {
  return {
    id: notetype.id,
    name: notetype.name,
    mtimeSecs: notetype.mtimeSecs,
    usn: notetype.usn,
    config: notetype.config,
    fields: notetype.fields.map((field, ord) => ({ ord, name: field.name, config: field.config })),
    templates: notetype.templates.map((template, ord) => ({
      ord,
      name: template.name,
      mtimeSecs: template.mtimeSecs,
      usn: template.usn,
      config: template.config,
    })),
  };
}

/**
 * Writes an existing note type over `original` (same id): its notes follow field changes, its
 * cards template changes, and missing cards are generated when a front changed. The object is
 * owned by the store afterwards.
 */
export function saveUpdatedNotetype(col: Collection, notetype: ImportNotetype, original: Notetype): Notetype {
  prepareImportedNotetype(notetype, original);
  ensureNotetypeNameUnique(col, notetype);
  const saved = storedNotetype(notetype);
  updateNotesForChangedFields(col, saved, fieldOrds(notetype), original.fields.length, original.config.sortFieldIdx);
  const changes = templateOrdChanges(templateOrds(notetype), original.templates.length);
  updateCardsForChangedTemplates(col, saved.id, changes, isClozeNotetype(notetype));
  col.notetypes.save(saved);
  if (shouldGenerateCards(changes, saved, original)) generateCardsForNotetype(col, saved);
  return saved;
}

/** Writes a note type that is new to the collection, keeping its id. */
export function saveNewNotetype(col: Collection, notetype: ImportNotetype): Notetype {
  prepareImportedNotetype(notetype, undefined);
  ensureNotetypeNameUnique(col, notetype);
  notetype.usn = col.usn();
  const saved = storedNotetype(notetype);
  col.notetypes.save(saved);
  return saved;
}
