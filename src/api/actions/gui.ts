// The graphical actions, on the server's model of Anki's windows (src/gui): they work with no
// page open, and the web UI shows and drives the same state.
import { Type } from '@sinclair/typebox';
import { findCards } from '../../collection/search.js';
import { checkDatabase } from '../../dbcheck/repair.js';
import { AnkiConnectError } from '../../errors.js';
import { addDraft, ADD_DIALOG_CLOSED, openAddDialog, setDraftData, type DraftInput } from '../../gui/add-dialog.js';
import { browse, readReorderCards, selectedNotes, sortBrowser } from '../../gui/browser.js';
import { answerShownCard, currentCard, reviewActive, showNextCard, undoLastAnswer } from '../../gui/reviewer.js';
import { prepareNoteMedia, type PreparedMedia } from '../../notes/media.js';
import { NoteRequestSchema, type NoteRequest } from '../../notes/request.js';
import { defineAction, type Action } from '../action.js';
import type { ActionContext } from '../context.js';
import { Id, IdList, Nothing } from '../schemas.js';
import { fetchPolicy } from './media.js';

/** The media of a (possibly partial) note request, fetched before the collection is touched. */
function draftMedia(note: Partial<NoteRequest> | null | undefined, ctx: ActionContext): Promise<PreparedMedia[]> {
  if (note === undefined || note === null) return Promise.resolve([]);
  return prepareNoteMedia({ deckName: '', modelName: '', fields: {}, ...note }, fetchPolicy(ctx));
}

const draftInput = (note: Partial<NoteRequest>): DraftInput => ({
  ...(note.deckName === undefined ? {} : { deckName: note.deckName }),
  ...(note.modelName === undefined ? {} : { modelName: note.modelName }),
  ...(note.fields === undefined ? {} : { fields: note.fields }),
  ...(note.tags === undefined ? {} : { tags: note.tags }),
});

export const guiBrowse = defineAction({
  name: 'guiBrowse',
  summary: "Opens the card browser on a search (its first card selected) and answers findCards(query) ([] without a query); reorderCards sorts the table.",
  params: Type.Object({ query: Type.Optional(Type.Union([Type.String(), Type.Null()])), reorderCards: Type.Optional(Type.Unknown()) }),
  result: IdList,
  run: ({ query, reorderCards }, ctx) => {
    const col = ctx.col();
    const gui = ctx.server.gui;
    browse(col, gui, query ?? undefined);
    const sort = readReorderCards(col, reorderCards);
    if (sort !== undefined) sortBrowser(col, gui, sort);
    return query === undefined || query === null ? [] : findCards(col, query);
  },
});

export const guiSelectCard = defineAction({
  name: 'guiSelectCard',
  summary: 'Selects one card in the open browser; false when the browser is closed.',
  params: Type.Object({ card: Id }),
  result: Type.Boolean(),
  run: ({ card }, ctx) => {
    const gui = ctx.server.gui;
    if (gui.browser === undefined) return false;
    gui.browser = { ...gui.browser, selected: gui.browser.cards.includes(card) ? [card] : [] };
    gui.changed('browser');
    return true;
  },
});

export const guiSelectNote = defineAction({
  name: 'guiSelectNote',
  summary: 'Deprecated upstream: guiSelectCard under another name (it takes a card id).',
  params: Type.Object({ note: Id }),
  result: Type.Boolean(),
  run: ({ note }, ctx) => guiSelectCard.run({ card: note }, ctx, undefined) as boolean,
});

export const guiSelectedNotes = defineAction({
  name: 'guiSelectedNotes',
  summary: "The notes of the browser's selected cards; [] when the browser is closed.",
  params: Type.Object({}),
  result: IdList,
  run: (_params, ctx) => selectedNotes(ctx.col(), ctx.server.gui),
});

export const guiAddCards = defineAction({
  name: 'guiAddCards',
  summary: 'Opens the Add dialog, filled from a note when one is given (its media stored); the user adds it. 0, as modern Anki answers.',
  params: Type.Object({ note: Type.Optional(Type.Union([NoteRequestSchema, Type.Null()])) }),
  result: Type.Integer(),
  write: true,
  prepare: ({ note }, ctx) => draftMedia(note, ctx),
  run: ({ note }, ctx, media) => {
    openAddDialog(ctx.col(), ctx.server.gui, note === undefined || note === null ? undefined : draftInput(note), media);
    return 0;
  },
});

export const guiAddNoteSetData = defineAction({
  name: 'guiAddNoteSetData',
  summary:
    'Changes the open Add dialog: deck, note type, fields (appended to with append), tags, media; true, or {"error": "Add Note dialog is not open", "code": 1}.',
  params: Type.Object({ note: Type.Partial(NoteRequestSchema), append: Type.Optional(Type.Boolean()) }),
  result: Type.Union([Type.Literal(true), Type.Object({ error: Type.String(), code: Type.Integer() })]),
  write: true,
  prepare: ({ note }, ctx) => draftMedia(note, ctx),
  run: ({ note, append }, ctx, media) => (setDraftData(ctx.col(), ctx.server.gui, draftInput(note), append ?? false, media) ? true : ADD_DIALOG_CLOSED),
});

export const guiEditNote = defineAction({
  name: 'guiEditNote',
  summary: 'Opens the Edit dialog on a note.',
  params: Type.Object({ note: Id }),
  result: Nothing,
  run: ({ note }, ctx) => {
    if (ctx.col().stmt<[number]>('select 1 from notes where id = ?').get(note) === undefined) {
      throw new AnkiConnectError(`Your database appears to be in an inconsistent state. Please use the Check Database action. No such note: '${note}'`);
    }
    ctx.server.gui.editNoteId = note;
    ctx.server.gui.changed('edit');
    return null;
  },
});

export const guiReviewActive = defineAction({
  name: 'guiReviewActive',
  summary: 'Whether the reviewer is showing a card.',
  params: Type.Object({}),
  result: Type.Boolean(),
  run: (_params, ctx) => reviewActive(ctx.server.gui),
});

export const guiCurrentCard = defineAction({
  name: 'guiCurrentCard',
  summary: "The reviewer's card: fields, question, answer, buttons and their next intervals, note type, deck, CSS, template.",
  params: Type.Object({}),
  result: Type.Unknown(),
  run: (_params, ctx) => currentCard(ctx.col(), ctx.server.gui),
});

/** The reviewer actions that only act while a card is shown, answering false otherwise. */
function whileReviewing(name: string, summary: string, act: (ctx: ActionContext) => void): Action {
  return defineAction({
    name,
    summary,
    params: Type.Object({}),
    result: Type.Boolean(),
    run: (_params, ctx) => {
      if (!reviewActive(ctx.server.gui)) return false;
      act(ctx);
      ctx.server.gui.changed('reviewer');
      return true;
    },
  });
}

export const guiStartCardTimer = whileReviewing('guiStartCardTimer', "Restarts the shown card's timer.", (ctx) => {
  const reviewer = ctx.server.gui.reviewer;
  if (reviewer !== undefined) reviewer.shownAtMs = ctx.col().nowMs();
});
export const guiShowQuestion = whileReviewing('guiShowQuestion', "Shows the card's question.", (ctx) => {
  const reviewer = ctx.server.gui.reviewer;
  if (reviewer !== undefined) reviewer.side = 'question';
});
export const guiShowAnswer = whileReviewing('guiShowAnswer', "Shows the card's answer.", (ctx) => {
  const reviewer = ctx.server.gui.reviewer;
  if (reviewer !== undefined) reviewer.side = 'answer';
});
export const guiPlayAudio = whileReviewing('guiPlayAudio', "Replays the card's audio (in the web UI; there is no sound on the server).", () => undefined);

export const guiAnswerCard = defineAction({
  name: 'guiAnswerCard',
  summary: 'Answers the shown card (its answer must be shown; ease 1–4), then shows the next one.',
  params: Type.Object({ ease: Type.Number() }),
  result: Type.Boolean(),
  run: ({ ease }, ctx) => answerShownCard(ctx.col(), ctx.server.gui, ease),
});

export const guiUndo = defineAction({
  name: 'guiUndo',
  summary: "Undoes the reviewer's last answer (the card shown again); true, as upstream, whatever there was to undo.",
  params: Type.Object({}),
  result: Type.Boolean(),
  run: (_params, ctx) => {
    undoLastAnswer(ctx.col(), ctx.server.gui);
    return true;
  },
});

/** Anki's `decks.select`: the deck (and its subdecks) become current. */
function selectDeck(ctx: ActionContext, name: string): number | undefined {
  const col = ctx.col();
  const deckId = col.decks.idByName(name);
  if (deckId === undefined) return undefined;
  col.transact(() => {
    col.config.set('curDeck', deckId);
    col.config.set('activeDecks', col.decks.withChildren(deckId));
  });
  return deckId;
}

export const guiDeckOverview = defineAction({
  name: 'guiDeckOverview',
  summary: "Shows a deck's overview (the deck becomes current); false for an unknown deck.",
  params: Type.Object({ name: Type.String() }),
  result: Type.Boolean(),
  run: ({ name }, ctx) => {
    if (selectDeck(ctx, name) === undefined) return false;
    ctx.server.gui.screen = 'overview';
    ctx.server.gui.changed('main');
    return true;
  },
});

export const guiDeckBrowser = defineAction({
  name: 'guiDeckBrowser',
  summary: 'Shows the deck list.',
  params: Type.Object({}),
  result: Nothing,
  run: (_params, ctx) => {
    ctx.server.gui.screen = 'deckBrowser';
    ctx.server.gui.changed('main');
    return null;
  },
});

export const guiDeckReview = defineAction({
  name: 'guiDeckReview',
  summary: "Starts reviewing a deck (its first due card shown); false for an unknown deck.",
  params: Type.Object({ name: Type.String() }),
  result: Type.Boolean(),
  run: ({ name }, ctx) => {
    const deckId = selectDeck(ctx, name);
    if (deckId === undefined) return false;
    const gui = ctx.server.gui;
    gui.screen = 'review';
    gui.changed('main');
    showNextCard(ctx.col(), gui, deckId);
    return true;
  },
});

export const guiImportFile = defineAction({
  name: 'guiImportFile',
  summary: 'Imports a package file as importPackage does; without a path, opens the import page of the web UI for the user to pick one.',
  params: Type.Object({ path: Type.Optional(Type.Union([Type.String(), Type.Null()])) }),
  result: Nothing,
  prepare: async ({ path }, ctx) => {
    if (path === undefined || path === null) return undefined;
    return ctx.nested.plan({ action: 'importPackage', version: 6, params: { path } });
  },
  run: (_params, ctx, planned) => {
    if (planned === undefined) {
      ctx.server.gui.importPath = null;
      ctx.server.gui.changed('import');
      return null;
    }
    const reply = ctx.nested.execute(planned) as { error: string | null };
    if (reply.error !== null) throw new AnkiConnectError(reply.error);
    return null;
  },
});

export const guiExitAnki = defineAction({
  name: 'guiExitAnki',
  summary: 'Stops the server cleanly a second later (requests finish, the collection is closed).',
  params: Type.Object({}),
  result: Nothing,
  run: (_params, ctx) => {
    ctx.server.requestExit();
    return null;
  },
});

export const guiCheckDatabase = defineAction({
  name: 'guiCheckDatabase',
  summary:
    "Runs Check Database with Anki's repairs (and its rebuild: VACUUM, REINDEX, ANALYZE); true, as upstream. What it found is printed on standard error.",
  params: Type.Object({}),
  result: Type.Boolean(),
  run: (_params, ctx) => {
    const col = ctx.col();
    // SQLite cannot rebuild the file inside a transaction, which a multi holds.
    if (col.inTransaction) throw new AnkiConnectError('guiCheckDatabase cannot run inside multi');
    const outcome = checkDatabase(col);
    process.stderr.write(`anki-connect-server: Check Database: ${outcome.message.replaceAll('\n', ' ')}\n`);
    return true;
  },
});

/** The Add dialog's Add button, for the web UI and for tests standing in for the user. */
export { addDraft };

export const guiActions: Action[] = [
  guiBrowse,
  guiSelectCard,
  guiSelectNote,
  guiSelectedNotes,
  guiAddCards,
  guiAddNoteSetData,
  guiEditNote,
  guiReviewActive,
  guiCurrentCard,
  guiStartCardTimer,
  guiShowQuestion,
  guiShowAnswer,
  guiAnswerCard,
  guiPlayAudio,
  guiUndo,
  guiDeckOverview,
  guiDeckBrowser,
  guiDeckReview,
  guiImportFile,
  guiExitAnki,
  guiCheckDatabase,
];
