import { Type } from '@sinclair/typebox';
import { AnkiConnectError } from '../../errors.js';
import { changeNoteNotetype, fieldsByName } from '../../notes/change-notetype.js';
import { deleteNotes, removeEmptyNotes } from '../../notes/delete.js';
import { prepareNoteMedia, type PreparedMedia } from '../../notes/media.js';
import { noteModTimes } from '../../notes/mod-times.js';
import { NoteRequestSchema, type NoteRequest } from '../../notes/request.js';
import { addTagsToNotes, removeTagsFromNotes, replaceTagInAllNotes, replaceTagInNotes, setNoteTags } from '../../notes/tag-edits.js';
import { requireNote, updateNoteFieldsByName } from '../../notes/update.js';
import { defineAction, type Action } from '../action.js';
import type { ActionContext } from '../context.js';
import { Id, IdList } from '../schemas.js';
import { fetchPolicy } from './media.js';

const { audio, video, picture } = NoteRequestSchema.properties;
const FieldValues = Type.Record(Type.String(), Type.String());
/** A tag string (space-separated tags) or a list of them; clients send both. */
const TagString = Type.Union([Type.String(), Type.Array(Type.String())]);
const tagString = (tags: string | string[]): string => (typeof tags === 'string' ? tags : tags.join(' '));

/** The media attachments of an update request, fetched before the collection is touched. */
function prepareMedia(note: Pick<NoteRequest, 'audio' | 'video' | 'picture'>, ctx: ActionContext): Promise<PreparedMedia[]> {
  // Most updates carry no media; a multi of a thousand of them should not pay for the machinery.
  if (note.audio == null && note.video == null && note.picture == null) return Promise.resolve([]);
  return prepareNoteMedia({ deckName: '', modelName: '', fields: {}, audio: note.audio, video: note.video, picture: note.picture }, fetchPolicy(ctx));
}

/** updateNoteTags' check of `tags`: a string is one entry; anything but strings is refused. */
function tagList(tags: unknown): string[] {
  const list = typeof tags === 'string' ? [tags] : tags;
  if (!Array.isArray(list) || !list.every((tag) => typeof tag === 'string')) {
    throw new AnkiConnectError('Must provide tags as a list of strings');
  }
  return list;
}

export const updateNoteFields = defineAction({
  name: 'updateNoteFields',
  summary: "Sets fields of an existing note (exact field names; others ignored), appending media; adds cards the note now qualifies for.",
  params: Type.Object({ note: Type.Object({ id: Id, fields: FieldValues, audio, video, picture }) }),
  result: Type.Null(),
  write: true,
  prepare: ({ note }, ctx) => prepareMedia(note, ctx),
  run: ({ note }, ctx, media) => {
    updateNoteFieldsByName(ctx.col(), note.id, note.fields, media);
    return null;
  },
});

export const updateNote = defineAction({
  name: 'updateNote',
  summary: 'updateNoteFields with "fields", then updateNoteTags with "tags"; at least one of them.',
  params: Type.Object({
    note: Type.Object({ id: Id, fields: Type.Optional(FieldValues), tags: Type.Optional(Type.Unknown()), audio, video, picture }),
  }),
  result: Type.Null(),
  write: true,
  prepare: ({ note }, ctx) => prepareMedia(note, ctx),
  run: ({ note }, ctx, media) => {
    const col = ctx.col();
    const hasFields = note.fields !== undefined;
    const hasTags = Object.hasOwn(note, 'tags');
    if (!hasFields && !hasTags) throw new AnkiConnectError('Must provide a "fields" or "tags" property.');
    // Checked before anything is written, so a refused request leaves the note as it was.
    const tags = hasTags ? tagList(note.tags) : undefined;
    if (note.fields !== undefined) updateNoteFieldsByName(col, note.id, note.fields, media);
    if (tags !== undefined) setNoteTags(col, requireNote(col, note.id).id, tags);
    return null;
  },
});

export const updateNoteModel = defineAction({
  name: 'updateNoteModel',
  summary: "Changes a note's note type: fields (matched by name, case-insensitively; others empty) and tags (default none) are replaced; cards keep their ords.",
  params: Type.Object({
    note: Type.Object({
      id: Type.Optional(Type.Unknown()),
      modelName: Type.Optional(Type.Unknown()),
      fields: Type.Optional(Type.Unknown()),
      tags: Type.Optional(Type.Unknown()),
    }),
  }),
  result: Type.Null(),
  write: true,
  run: ({ note }, ctx) => {
    const col = ctx.col();
    // Upstream's checks, in its order and with its texts ("falsy" values count as missing).
    const { id, modelName, fields } = note;
    if (id === undefined || id === null || id === 0 || id === '' || id === false) throw new AnkiConnectError('Note ID is required');
    if (typeof modelName !== 'string' || modelName === '') throw new AnkiConnectError('Model name is required');
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields) || Object.keys(fields).length === 0) {
      throw new AnkiConnectError('Fields must be provided as a dictionary');
    }
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value !== 'string') throw new AnkiConnectError(`the value of field "${name}" must be a string`);
      values[name] = value;
    }
    const tags = note.tags === undefined || note.tags === null ? [] : tagList(note.tags);
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new AnkiConnectError(`Note was not found: ${JSON.stringify(id)}`);
    const stored = requireNote(col, id);
    const notetype = col.notetypes.byName(modelName);
    if (notetype === undefined) throw new AnkiConnectError(`Model '${modelName}' not found`);
    changeNoteNotetype(col, stored, notetype, fieldsByName(notetype, values), tags);
    return null;
  },
});

export const updateNoteTags = defineAction({
  name: 'updateNoteTags',
  summary: "Replaces a note's tags with the given ones (a string or a list).",
  params: Type.Object({ note: Id, tags: Type.Unknown() }),
  result: Type.Null(),
  write: true,
  run: ({ note, tags }, ctx) => {
    const col = ctx.col();
    const list = tagList(tags);
    setNoteTags(col, requireNote(col, note).id, list);
    return null;
  },
});

export const getNoteTags = defineAction({
  name: 'getNoteTags',
  summary: "A note's tags.",
  params: Type.Object({ note: Id }),
  result: Type.Array(Type.String()),
  run: ({ note }, ctx) => requireNote(ctx.col(), note).tags,
});

export const addTags = defineAction({
  name: 'addTags',
  summary: 'Adds space-separated tags to notes (with add=false, removes them).',
  params: Type.Object({ notes: IdList, tags: TagString, add: Type.Optional(Type.Boolean()) }),
  result: Type.Null(),
  write: true,
  run: ({ notes, tags, add }, ctx) => {
    if (add === false) removeTagsFromNotes(ctx.col(), notes, tagString(tags));
    else addTagsToNotes(ctx.col(), notes, tagString(tags));
    return null;
  },
});

export const removeTags = defineAction({
  name: 'removeTags',
  summary: 'Removes space-separated tags, and their child tags, from notes.',
  params: Type.Object({ notes: IdList, tags: TagString }),
  result: Type.Null(),
  write: true,
  run: ({ notes, tags }, ctx) => {
    removeTagsFromNotes(ctx.col(), notes, tagString(tags));
    return null;
  },
});

export const clearUnusedTags = defineAction({
  name: 'clearUnusedTags',
  summary: 'Removes the tags no note uses (parents of used tags stay) from the tag list.',
  params: Type.Object({}),
  result: Type.Null(),
  write: true,
  run: (_params, ctx) => {
    ctx.col().tags.clearUnused();
    return null;
  },
});

export const replaceTags = defineAction({
  name: 'replaceTags',
  summary: 'In the given notes, replaces a tag (matched case-insensitively) with another; unknown ids are skipped.',
  params: Type.Object({ notes: IdList, tag_to_replace: Type.String(), replace_with_tag: Type.String() }),
  result: Type.Null(),
  write: true,
  run: ({ notes, tag_to_replace, replace_with_tag }, ctx) => {
    replaceTagInNotes(ctx.col(), notes, tag_to_replace, replace_with_tag);
    return null;
  },
});

export const replaceTagsInAllNotes = defineAction({
  name: 'replaceTagsInAllNotes',
  summary: 'In every note, replaces a tag (matched case-insensitively) with another.',
  params: Type.Object({ tag_to_replace: Type.String(), replace_with_tag: Type.String() }),
  result: Type.Null(),
  write: true,
  run: ({ tag_to_replace, replace_with_tag }, ctx) => {
    replaceTagInAllNotes(ctx.col(), tag_to_replace, replace_with_tag);
    return null;
  },
});

export const deleteNotesAction = defineAction({
  name: 'deleteNotes',
  summary: 'Deletes notes and all their cards; unknown ids are ignored.',
  params: Type.Object({ notes: IdList }),
  result: Type.Null(),
  write: true,
  run: ({ notes }, ctx) => {
    deleteNotes(ctx.col(), notes);
    return null;
  },
});

export const removeEmptyNotesAction = defineAction({
  name: 'removeEmptyNotes',
  summary: 'Deletes every note whose fields are all empty (whitespace and <br>/<div> only), with its cards.',
  params: Type.Object({}),
  result: Type.Null(),
  write: true,
  run: (_params, ctx) => {
    removeEmptyNotes(ctx.col());
    return null;
  },
});

const ModTime = Type.Union([Type.Object({ noteId: Id, mod: Type.Integer() }), Type.Object({})]);

export const notesModTime = defineAction({
  name: 'notesModTime',
  summary: 'The modification time (seconds) of each note; {} for an unknown id.',
  params: Type.Object({ notes: IdList }),
  result: Type.Array(ModTime),
  run: ({ notes }, ctx) => noteModTimes(ctx.col(), notes),
});

/** Actions that change or delete existing notes and their tags. */
export const noteEditActions: Action[] = [
  updateNoteFields,
  updateNote,
  updateNoteModel,
  updateNoteTags,
  getNoteTags,
  addTags,
  removeTags,
  clearUnusedTags,
  replaceTags,
  replaceTagsInAllNotes,
  deleteNotesAction,
  removeEmptyNotesAction,
  notesModTime,
];
