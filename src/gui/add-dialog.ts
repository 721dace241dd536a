/**
 * The Add dialog: a draft note that guiAddCards fills and guiAddNoteSetData changes, and that
 * the user completes and adds (in the web UI, or a test standing in for the user). Field names
 * are matched exactly (Anki-Connect uses `name in note`); media is stored when the draft is
 * filled, as Anki-Connect's addMediaFromNote does.
 */
import type { Collection } from '../collection/collection.js';
import { AnkiConnectError } from '../errors.js';
import { addNoteInner } from '../notes/add.js';
import { attachNoteMedia, type PreparedMedia } from '../notes/media.js';
import { FieldsState, noteFieldsCheck } from '../notes/fields-check.js';
import type { Notetype } from '../notetypes/notetype.js';
import type { AddDraft, GuiWindows } from './windows.js';

/** What a draft may be given: a note request of Anki-Connect's shape, every key optional. */
export interface DraftInput {
  deckName?: string;
  modelName?: string;
  fields?: Record<string, string>;
  tags?: string[] | string | null;
}

function tagList(tags: DraftInput['tags']): string[] {
  if (tags === undefined || tags === null) return [];
  return typeof tags === 'string' ? [tags] : [...tags];
}

/** Puts the media of the request into the media folder and the draft's fields. */
function attachMedia(col: Collection, draft: AddDraft, notetype: Notetype, media: readonly PreparedMedia[]): void {
  const candidate = { notetype, deckId: draft.deckId, fields: draft.fields, tags: draft.tags };
  attachNoteMedia(col.media, candidate, media);
  draft.fields = candidate.fields;
}

function requireNotetype(col: Collection, id: number): Notetype {
  const notetype = col.notetypes.get(id);
  if (notetype === undefined) throw new AnkiConnectError(`model was not found: ${id}`);
  return notetype;
}

/**
 * guiAddCards: the dialog opened on a new draft. With a note, its deck and note type become
 * the current ones (config curDeck, curModel, as Anki-Connect selects them) and the draft takes
 * its fields, tags and media; without, the current deck and note type and empty fields.
 */
export function openAddDialog(col: Collection, gui: GuiWindows, note: DraftInput | undefined, media: readonly PreparedMedia[]): void {
  let deckId = col.config.getNumber('curDeck', 1);
  let notetypeId = col.config.getNumber('curModel', 0);
  if (note !== undefined) {
    const deck = col.decks.idByName(note.deckName ?? '');
    if (deck === undefined) throw new AnkiConnectError(`deck was not found: ${note.deckName ?? ''}`);
    const notetype = col.notetypes.byName(note.modelName ?? '');
    if (notetype === undefined) throw new AnkiConnectError(`model was not found: ${note.modelName ?? ''}`);
    deckId = deck;
    notetypeId = notetype.id;
    col.config.set('curDeck', deckId);
    col.config.set('curModel', notetypeId);
  }
  if (col.decks.get(deckId) === undefined) deckId = 1;
  let notetype = col.notetypes.get(notetypeId);
  notetype ??= col.notetypes.get(col.notetypes.ids()[0] ?? 0);
  if (notetype === undefined) throw new AnkiConnectError('model was not found: none');
  const draft: AddDraft = { deckId, notetypeId: notetype.id, fields: notetype.fields.map(() => ''), tags: [] };
  if (note !== undefined) {
    const names = notetype.fields.map((field) => field.name);
    for (const [name, value] of Object.entries(note.fields ?? {})) {
      const ord = names.indexOf(name);
      if (ord >= 0) draft.fields[ord] = value;
    }
    attachMedia(col, draft, notetype, media);
    draft.tags = tagList(note.tags);
  }
  gui.add = draft;
  gui.changed('add');
}

/** guiAddNoteSetData's reply when the dialog is closed: a result, not an error, as upstream. */
export const ADD_DIALOG_CLOSED = { error: 'Add Note dialog is not open', code: 1 } as const;

/**
 * guiAddNoteSetData: the open draft's deck, note type (fields carried over by name), fields
 * (replaced or appended to) and tags (replaced, or added to with `append`), plus media.
 */
export function setDraftData(col: Collection, gui: GuiWindows, note: DraftInput, append: boolean, media: readonly PreparedMedia[]): boolean {
  const draft = gui.add;
  if (draft === undefined) return false;
  const next: AddDraft = { ...draft, fields: [...draft.fields], tags: [...draft.tags] };
  if (note.deckName !== undefined) {
    const deck = col.decks.idByName(note.deckName);
    if (deck === undefined) throw new AnkiConnectError(`Deck "${note.deckName}" not found`);
    next.deckId = deck;
  }
  let notetype = requireNotetype(col, next.notetypeId);
  if (note.modelName !== undefined) {
    const chosen = col.notetypes.byName(note.modelName);
    if (chosen === undefined) throw new AnkiConnectError(`Model "${note.modelName}" not found`);
    if (chosen.id !== notetype.id) {
      const old = new Map(notetype.fields.map((field, i) => [field.name, next.fields[i] ?? '']));
      next.fields = chosen.fields.map((field) => old.get(field.name) ?? '');
      next.notetypeId = chosen.id;
      notetype = chosen;
    }
  }
  const names = notetype.fields.map((field) => field.name);
  for (const [name, value] of Object.entries(note.fields ?? {})) {
    const ord = names.indexOf(name);
    if (ord < 0) throw new AnkiConnectError(`Field "${name}" not found in current note`);
    next.fields[ord] = append ? `${next.fields[ord] ?? ''}${value}` : value;
  }
  if (note.tags !== undefined && note.tags !== null) {
    next.tags = append ? [...new Set([...next.tags, ...tagList(note.tags)])] : tagList(note.tags);
  }
  attachMedia(col, next, notetype, media);
  gui.add = next;
  gui.changed('add');
  return true;
}

/**
 * The Add button: the draft becomes a note (Anki's Add dialog refuses a note whose first field
 * is empty, and adds duplicates after a warning), then the dialog stays open with the sticky
 * fields kept and the others cleared, as Anki leaves it. Returns the new note's id.
 */
export function addDraft(col: Collection, gui: GuiWindows): number {
  const draft = gui.add;
  if (draft === undefined) throw new AnkiConnectError('Add Note dialog is not open');
  const notetype = requireNotetype(col, draft.notetypeId);
  const state = noteFieldsCheck(col, notetype, draft.fields);
  if (state === FieldsState.Empty) throw new AnkiConnectError('The first field is empty.');
  const noteId = col.transact(() => addNoteInner(col, { notetype, deckId: draft.deckId, fields: draft.fields, tags: draft.tags }).noteId);
  gui.add = { ...draft, fields: draft.fields.map((value, i) => (notetype.fields[i]?.config.sticky === true ? value : '')) };
  gui.changed('add');
  return noteId;
}
