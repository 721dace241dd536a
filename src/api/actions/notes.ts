import { Type } from '@sinclair/typebox';
import type { Collection } from '../../collection/collection.js';
import { findNotes } from '../../collection/search.js';
import { AnkiConnectError, errorMessage } from '../../errors.js';
import { cardIdsOfNote } from '../../cards/store.js';
import { addNoteInner } from '../../notes/add.js';
import { attachNoteMedia, prepareNoteMedia, type PreparedMedia } from '../../notes/media.js';
import { parseNoteRequest } from '../../notes/parse.js';
import { checkCandidate, NoteRequestSchema, resolveNoteRequest, type NoteRequest } from '../../notes/request.js';
import { getNote } from '../../notes/store.js';
import { fieldMap } from '../../notes/field-map.js';
import { defineAction, type Action } from '../action.js';
import type { ActionContext } from '../context.js';
import { Id, IdList } from '../schemas.js';
import { fetchPolicy } from './media.js';
import { searchOnThread } from './search.js';

/**
 * Anki-Connect's addNote path: resolve the note type and deck, store and attach media, check for
 * empty and duplicate notes, add. Runs inside the action's transaction. Everything before
 * addNoteInner only reads the collection, and addNoteInner decides before it writes, so a note
 * that is refused leaves nothing behind without needing a savepoint of its own.
 */
function addOne(col: Collection, note: NoteRequest, media: readonly PreparedMedia[]): number {
  const candidate = resolveNoteRequest(col, note);
  attachNoteMedia(col.media, candidate, media);
  checkCandidate(col, note, candidate);
  return addNoteInner(col, candidate).noteId;
}

/** The check behind canAddNote*: the same path without media and without adding. */
function checkOne(col: Collection, value: unknown): void {
  const note = parseNoteRequest(value);
  checkCandidate(col, note, resolveNoteRequest(col, note));
}

export const addNote = defineAction({
  name: 'addNote',
  summary: 'Adds a note with its cards (and media) to a deck; returns the note id.',
  params: Type.Object({ note: NoteRequestSchema }),
  result: Id,
  write: true,
  prepare: ({ note }, ctx) => prepareNoteMedia(note, fetchPolicy(ctx)),
  run: ({ note }, ctx, media) => addOne(ctx.col(), note, media),
});

export const addNotes = defineAction({
  name: 'addNotes',
  summary: 'Adds several notes; each that cannot be added gives null and the others are kept.',
  params: Type.Object({ notes: Type.Array(Type.Unknown()) }),
  result: Type.Array(Type.Union([Id, Type.Null()])),
  write: true,
  prepare: ({ notes }, ctx) =>
    Promise.all(
      notes.map(async (value) => {
        try {
          const note = parseNoteRequest(value);
          return { note, media: await prepareNoteMedia(note, fetchPolicy(ctx)) };
        } catch {
          return null;
        }
      }),
    ),
  run: (_params, ctx, prepared) => {
    const col = ctx.col();
    return prepared.map((entry) => {
      if (entry === null) return null;
      try {
        return addOne(col, entry.note, entry.media);
      } catch (err) {
        // A refused note gives null and the others stay; a database failure is not a refusal,
        // so it fails the request and the transaction rolls back.
        if (err instanceof AnkiConnectError) return null;
        throw err;
      }
    });
  },
});

export const canAddNote = defineAction({
  name: 'canAddNote',
  summary: 'Whether addNote would accept the note (same checks; nothing is stored).',
  params: Type.Object({ note: Type.Unknown() }),
  result: Type.Boolean(),
  run: ({ note }, ctx) => canAdd(ctx, note),
});

export const canAddNotes = defineAction({
  name: 'canAddNotes',
  summary: 'For each note, whether addNote would accept it.',
  params: Type.Object({ notes: Type.Array(Type.Unknown()) }),
  result: Type.Array(Type.Boolean()),
  run: ({ notes }, ctx) => notes.map((note) => canAdd(ctx, note)),
});

const ErrorDetail = Type.Union([
  Type.Object({ canAdd: Type.Literal(true) }),
  Type.Object({ canAdd: Type.Literal(false), error: Type.String() }),
]);

export const canAddNoteWithErrorDetail = defineAction({
  name: 'canAddNoteWithErrorDetail',
  summary: 'Whether addNote would accept the note, with the reason when not.',
  params: Type.Object({ note: Type.Unknown() }),
  result: ErrorDetail,
  run: ({ note }, ctx) => canAddDetail(ctx, note),
});

export const canAddNotesWithErrorDetail = defineAction({
  name: 'canAddNotesWithErrorDetail',
  summary: 'For each note, whether addNote would accept it, with the reason when not.',
  params: Type.Object({ notes: Type.Array(Type.Unknown()) }),
  result: Type.Array(ErrorDetail),
  run: ({ notes }, ctx) => notes.map((note) => canAddDetail(ctx, note)),
});

function canAdd(ctx: ActionContext, note: unknown): boolean {
  return canAddDetail(ctx, note).canAdd;
}

function canAddDetail(ctx: ActionContext, note: unknown): { canAdd: true } | { canAdd: false; error: string } {
  const col = ctx.col();
  try {
    checkOne(col, note);
    return { canAdd: true };
  } catch (err) {
    return { canAdd: false, error: errorMessage(err) };
  }
}

const NoteInfo = Type.Union([
  Type.Object({
    noteId: Id,
    profile: Type.String(),
    modelName: Type.String(),
    tags: Type.Array(Type.String()),
    fields: Type.Record(Type.String(), Type.Object({ value: Type.String(), order: Type.Integer() })),
    mod: Type.Integer(),
    cards: IdList,
  }),
  Type.Object({}),
]);

export const notesInfo = defineAction({
  name: 'notesInfo',
  summary: 'Fields, tags, note type, modification time and card ids of each note; {} for an unknown id.',
  params: Type.Object({
    notes: Type.Optional(Type.Union([IdList, Type.Null()])),
    query: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
  result: Type.Array(NoteInfo),
  reads: ({ query }) => searchOnThread(query),
  run: ({ notes, query }, ctx) => {
    const col = ctx.col();
    // As in Anki-Connect, a query wins over a list of notes.
    const ids = query !== undefined && query !== null ? findNotes(col, query) : notes;
    if (ids === undefined || ids === null) throw new AnkiConnectError('Must provide either "notes" or a "query"');
    const profile = ctx.server.profileName() ?? '';
    return ids.map((id) => {
      const note = getNote(col, id);
      if (note === undefined) return {};
      const notetype = col.notetypes.get(note.notetypeId);
      if (notetype === undefined) throw new AnkiConnectError(`note type was not found: ${note.notetypeId}`);
      // Keys in Anki-Connect's order.
      return {
        noteId: note.id,
        profile,
        tags: note.tags,
        fields: fieldMap(notetype.fields.map((field) => field.name), note.fields),
        modelName: notetype.name,
        mod: note.mtimeSecs,
        cards: cardIdsOfNote(col, note.id),
      };
    });
  },
});

export const getTags = defineAction({
  name: 'getTags',
  summary: 'Every tag in the collection.',
  params: Type.Object({}),
  result: Type.Array(Type.String()),
  run: (_params, ctx) => ctx.col().tags.all(),
});

/** The notes actions, in the order the registry lists them. */
export const noteActions: Action[] = [addNote, addNotes, canAddNote, canAddNotes, canAddNoteWithErrorDetail, canAddNotesWithErrorDetail, notesInfo, getTags];
