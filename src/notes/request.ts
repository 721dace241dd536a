import { Type, type Static } from '@sinclair/typebox';
import type { Collection } from '../collection/collection.js';
import { AnkiConnectError } from '../errors.js';
import type { Notetype } from '../notetypes/notetype.js';
import { FieldsState, noteFieldsCheck, scopedDuplicateCheck } from './fields-check.js';

/** One media attachment of a note request (audio, video or picture): a file and the fields that show it. */
export const MediaItemSchema = Type.Object({
  filename: Type.String(),
  data: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  path: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  url: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  skipHash: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  deleteExisting: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  fields: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
});
export type MediaItem = Static<typeof MediaItemSchema>;

const MediaField = Type.Optional(
  Type.Union([MediaItemSchema, Type.Array(Type.Union([MediaItemSchema, Type.Null()])), Type.Null()]),
);

/**
 * The note object of addNote, addNotes and canAddNote*. Unknown keys are tolerated, as in
 * Anki-Connect. Option values are not typed here because Anki-Connect reports wrong types with
 * its own messages ("option parameter … must be boolean").
 */
export const NoteRequestSchema = Type.Object({
  deckName: Type.String(),
  modelName: Type.String(),
  fields: Type.Record(Type.String(), Type.String()),
  tags: Type.Optional(Type.Union([Type.Array(Type.String()), Type.String(), Type.Null()])),
  audio: MediaField,
  video: MediaField,
  picture: MediaField,
  options: Type.Optional(
    Type.Union([
      Type.Object({
        allowDuplicate: Type.Optional(Type.Unknown()),
        duplicateScope: Type.Optional(Type.Unknown()),
        duplicateScopeOptions: Type.Optional(
          Type.Union([
            Type.Object({
              deckName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
              checkChildren: Type.Optional(Type.Unknown()),
              checkAllModels: Type.Optional(Type.Unknown()),
            }),
            Type.Null(),
          ]),
        ),
      }),
      Type.Null(),
    ]),
  ),
});
export type NoteRequest = Static<typeof NoteRequestSchema>;

/** A note request resolved against the collection: ready for media, checks and adding. */
export interface NoteCandidate {
  notetype: Notetype;
  deckId: number;
  /** Field values in note type order. */
  fields: string[];
  tags: string[];
}

/**
 * Resolves the note type and deck by name (case-insensitively, as Anki's lookups do) and places
 * the given field values by case-insensitive field name; unknown field names are ignored, as
 * upstream ignores them.
 */
export function resolveNoteRequest(col: Collection, note: NoteRequest): NoteCandidate {
  const notetype = col.notetypes.byName(note.modelName);
  if (notetype === undefined) throw new AnkiConnectError(`model was not found: ${note.modelName}`);
  const deckId = col.decks.idByName(note.deckName);
  if (deckId === undefined) throw new AnkiConnectError(`deck was not found: ${note.deckName}`);
  const fields = notetype.fields.map(() => '');
  const lowerNames = notetype.fields.map((field) => field.name.toLowerCase());
  for (const [name, value] of Object.entries(note.fields)) {
    const ord = lowerNames.indexOf(name.toLowerCase());
    if (ord >= 0) fields[ord] = value;
  }
  return { notetype, deckId, fields, tags: requestTags(note.tags) };
}

/** Tags as a list; a string is read as Anki reads a tag string (space-separated). */
function requestTags(tags: NoteRequest['tags']): string[] {
  if (tags === undefined || tags === null) return [];
  return typeof tags === 'string' ? [tags] : tags;
}

/** The duplicate-check options of a note request, type-checked with Anki-Connect's messages. */
interface DuplicateOptions {
  allowDuplicate: boolean;
  deckScope: boolean;
  scopeDeckName: string | null;
  checkChildren: boolean;
  checkAllModels: boolean;
}

function duplicateOptions(note: NoteRequest): DuplicateOptions {
  const options = note.options ?? {};
  const scopeOptions = options.duplicateScopeOptions ?? {};
  const allowDuplicate = 'allowDuplicate' in options ? options.allowDuplicate : false;
  if (typeof allowDuplicate !== 'boolean') throw new AnkiConnectError('option parameter "allowDuplicate" must be boolean');
  const checkChildren = 'checkChildren' in scopeOptions ? scopeOptions.checkChildren : false;
  if (typeof checkChildren !== 'boolean') {
    throw new AnkiConnectError('option parameter "duplicateScopeOptions.checkChildren" must be boolean');
  }
  const checkAllModels = 'checkAllModels' in scopeOptions ? scopeOptions.checkAllModels : false;
  if (typeof checkAllModels !== 'boolean') {
    throw new AnkiConnectError('option parameter "duplicateScopeOptions.checkAllModels" must be boolean');
  }
  return {
    allowDuplicate,
    deckScope: options.duplicateScope === 'deck',
    scopeDeckName: scopeOptions.deckName ?? null,
    checkChildren,
    checkAllModels,
  };
}

/**
 * Checks a candidate as Anki-Connect's createNote does, throwing its error messages. The
 * default check is Anki's own; with duplicateScope "deck" or checkAllModels, Anki-Connect's
 * custom check (no cloze checks there). allowDuplicate waives only the duplicate state.
 */
export function checkCandidate(col: Collection, note: NoteRequest, candidate: NoteCandidate): void {
  const options = duplicateOptions(note);
  const state =
    options.deckScope || options.checkAllModels
      ? scopedDuplicateCheck(col, candidate.fields, {
          notetypeId: candidate.notetype.id,
          deckId: candidate.deckId,
          deckScope: options.deckScope,
          scopeDeckName: options.scopeDeckName,
          checkChildren: options.checkChildren,
          checkAllModels: options.checkAllModels,
        })
      : noteFieldsCheck(col, candidate.notetype, candidate.fields);
  switch (state) {
    case FieldsState.Normal:
      return;
    case FieldsState.Empty:
      throw new AnkiConnectError('cannot create note because it is empty');
    case FieldsState.Duplicate:
      if (options.allowDuplicate) return;
      throw new AnkiConnectError('cannot create note because it is a duplicate');
    default:
      throw new AnkiConnectError('cannot create note for unknown reason');
  }
}
