/**
 * The web UI's own endpoints (POST /_/ui/<name>, JSON body with the API key as `key`): what a
 * person does in a window that no Anki-Connect action does — the Add button, a selection in the
 * browser, an answer to a permission question, closing a window — and the reads that show the
 * windows. Everything else the page does goes through the Anki-Connect API itself.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { ServerState } from '../../api/context.js';
import { AnkiConnectError } from '../../errors.js';
import { addDraft } from '../../gui/add-dialog.js';
import { browserRows } from '../../gui/browser-rows.js';
import { sortBrowser } from '../../gui/browser.js';
import { cardSounds } from '../../gui/card-sounds.js';
import { BROWSER_COLUMNS } from '../../gui/windows.js';

interface Endpoint {
  check(params: unknown): string | null;
  run(params: unknown, server: ServerState): unknown;
}

function endpoint<S extends TSchema>(schema: S, run: (params: Static<S>, server: ServerState) => unknown): Endpoint {
  const compiled = TypeCompiler.Compile(schema);
  return {
    check: (params) => {
      if (compiled.Check(params)) return null;
      const first = compiled.Errors(params).First();
      return `invalid ${first?.path === '' || first === undefined ? 'params' : first.path.slice(1)}: ${first?.message ?? 'invalid'}`;
    },
    // check() ran first: the params have the schema's shape.
    run: (params, server) => run(params, server),
  };
}

const Id = Type.Integer();

/** What the page shows of the windows, in one read. */
function windowsState(server: ServerState): unknown {
  const gui = server.gui;
  const col = server.collectionIfOpen();
  const browser = gui.browser;
  return {
    profile: server.profileName() ?? null,
    screen: gui.screen,
    currentDeckId: col?.config.getNumber('curDeck', 1) ?? null,
    browser: browser === undefined ? null : { query: browser.query, sort: browser.sort, total: browser.cards.length, selected: browser.selected },
    add: gui.add ?? null,
    editNoteId: gui.editNoteId ?? null,
    reviewer: gui.reviewer === undefined ? null : { deckId: gui.reviewer.deckId, cardId: gui.reviewer.cardId ?? null, side: gui.reviewer.side },
    importOpen: gui.importPath !== undefined,
    importPath: gui.importPath ?? null,
    permissions: gui.permissions.pending(),
    // Where an allowed origin is remembered: the config file, or only until the server stops.
    permissionsSaved: server.settings.configFile !== null,
  };
}

const ENDPOINTS: Record<string, Endpoint> = {
  state: endpoint(Type.Object({}), (_params, server) => windowsState(server)),

  /** One page of the browser's table. */
  rows: endpoint(Type.Object({ offset: Type.Integer({ minimum: 0 }), limit: Type.Integer({ minimum: 1, maximum: 1000 }) }), ({ offset, limit }, server) => {
    const cards = server.gui.browser?.cards ?? [];
    return browserRows(server.collection(), cards.slice(offset, offset + limit));
  }),

  /** A click or shift-click in the table: the selection guiSelectedNotes then reports. */
  select: endpoint(Type.Object({ cards: Type.Array(Id) }), ({ cards }, server) => {
    const gui = server.gui;
    const browser = gui.browser;
    if (browser === undefined) throw new AnkiConnectError('the browser is not open');
    const listed = new Set(browser.cards);
    gui.browser = { ...browser, selected: cards.filter((id) => listed.has(id)) };
    gui.changed('browser');
    return gui.browser.selected.length;
  }),

  /** A click on a column header (the selection is kept, as in Anki). */
  sort: endpoint(Type.Object({ column: Type.Union(BROWSER_COLUMNS.map((c) => Type.Literal(c))), descending: Type.Boolean() }), (sort, server) => {
    sortBrowser(server.collection(), server.gui, sort);
    return null;
  }),

  /** The Add dialog's Add button. */
  add: endpoint(Type.Object({}), (_params, server) => {
    const noteId = addDraft(server.collection(), server.gui);
    server.gui.collectionChanged();
    return noteId;
  }),

  close: endpoint(Type.Object({ window: Type.Union([Type.Literal('browser'), Type.Literal('add'), Type.Literal('edit'), Type.Literal('import')]) }), ({ window }, server) => {
    const gui = server.gui;
    if (window === 'browser') gui.browser = undefined;
    else if (window === 'add') gui.add = undefined;
    else if (window === 'edit') gui.editNoteId = undefined;
    else gui.importPath = undefined;
    gui.changed(window);
    return null;
  }),

  permission: endpoint(
    Type.Object({ id: Id, answer: Type.Union([Type.Literal('grant'), Type.Literal('deny'), Type.Literal('ignore')]) }),
    ({ id, answer }, server) => server.gui.permissions.answer(id, answer),
  ),

  /** The sound files of the reviewer's card, for the replay key. */
  sounds: endpoint(Type.Object({ cardId: Id }), ({ cardId }, server) => cardSounds(server.collection(), cardId)),
};

/** Runs the named endpoint; the reply has the API's shape, `{result, error}`. */
export async function runEndpoint(name: string, params: unknown, server: ServerState): Promise<{ result: unknown; error: string | null }> {
  const found = Object.hasOwn(ENDPOINTS, name) ? ENDPOINTS[name] : undefined;
  if (found === undefined) return { result: null, error: `unknown UI endpoint: ${name}` };
  const invalid = found.check(params);
  if (invalid !== null) return { result: null, error: invalid };
  // As the API's requests do, wait while a sync owns the collection.
  await server.gate.idle();
  try {
    return { result: found.run(params, server), error: null };
  } catch (err) {
    return { result: null, error: err instanceof Error ? err.message : String(err) };
  }
}
