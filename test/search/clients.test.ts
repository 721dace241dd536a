// The search requests of real clients (reference/ecosystem.md §1.1, 1.2, 1.7), replayed over HTTP
// with the query strings they build, checked to find the right notes and cards:
// - Yomitan: the duplicate lookup (`multi` of findNotes without versions, `"deck:X" "field:value"`
//   with the first field name lowercased), the note viewer's queries, findCards `nid:` and the
//   guiBrowse fallback;
// - asbplayer: its escaped word and deck queries, `OR` across fields, `"Field:_*"`,
//   `(edited:N OR rated:N)`, `prop:due<=N` (common/anki/anki.ts);
// - yanki: `"YankiNamespace:<ns>"` and `"YankiNamespace:*"` over its own note types (§1.5);
// - Obsidian_to_Anki: it never searches; it keeps note ids and reads them with notesInfo inside
//   nested version-6 multis, checking that every envelope has exactly two keys.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Collection } from '../../src/collection/collection.js';
import { assertIntegrity } from '../support/collections.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addCustomNotetype } from './fixture.js';

/** asbplayer's escapeAnkiQuery / escapeAnkiDeckQuery rules: a backslash before each listed character. */
const escapeQuery = (text: string): string => text.replace(/["*_\\:]/g, '\\$&');
const escapeDeck = (text: string): string => text.replace(/["*_\\]/g, '\\$&');

describe('client query shapes over HTTP', () => {
  let server: TestServer;
  let col: Collection;
  const ids: Record<string, number> = {};
  const cardsOf = (note: number): number[] =>
    col.db.prepare('select id from cards where nid = ? order by id').pluck().all(note) as number[];

  async function add(label: string, deckName: string, modelName: string, fields: Record<string, string>, tags: string[] = []): Promise<void> {
    const reply = await server.invoke('addNote', { note: { deckName, modelName, fields, tags, options: { allowDuplicate: true } } });
    assert.equal(reply.error, null, `${label}: ${String(reply.error)}`);
    ids[label] = reply.result as number;
  }

  before(async () => {
    server = await startTestServer();
    col = server.app.state.collection();
    for (const deck of ['Mining', 'Mining::Sub', 'Unrelated', 'My_Deck', 'MyXDeck']) await server.invoke('createDeck', { deck });
    await add('neko', 'Mining', 'Basic', { Front: '猫', Back: 'ねこ<br>cat' }, ['yomitan']);
    await add('inu', 'Mining::Sub', 'Basic', { Front: '犬', Back: 'いぬ' }, ['yomitan']);
    await add('tori', 'Unrelated', 'Basic', { Front: '鳥', Back: 'とり' }, ['yomitan']);
    await add('yomu', 'Default', 'Basic', { Front: 'よむ', Back: 'to read' });
    await add('yomuElsewhere', 'Unrelated', 'Basic', { Front: 'よむ', Back: 'again' });
    await add('tricky', 'My_Deck', 'Basic (and reversed card)', { Front: 'a_b:c*"d\\e', Back: 'He said a_b:c*"d\\e twice.' });
    await add('decoy', 'MyXDeck', 'Basic (and reversed card)', { Front: 'aXb:c*"d\\e', Back: 'He said aXb:c*"d\\e twice.' });
    // yanki's note type (it creates it with createModel; made directly here).
    col.transact(() =>
      addCustomNotetype(col, 'Yanki - Basic', [{ name: 'Front' }, { name: 'Back' }, { name: 'YankiNamespace' }], [{ name: 'Card 1', q: '{{Front}}' }]),
    );
    await add('yankiA', 'Unrelated', 'Yanki - Basic', { Front: 'Q1', Back: 'A1', YankiNamespace: 'Yanki' });
    await add('yankiB', 'Unrelated', 'Yanki - Basic', { Front: 'Q2', Back: 'A2', YankiNamespace: 'Yanki' });
    await add('yankiOther', 'Unrelated', 'Yanki - Basic', { Front: 'Q3', Back: 'A3', YankiNamespace: 'Other Vault' });
    // asbplayer's "recently reviewed" and "due by" need some history.
    const [tricky] = cardsOf(ids['tricky'] ?? 0);
    col.transact(() => {
      col.stmt('update cards set type = 2, queue = 2, ivl = 5, due = 0, factor = 2500 where id = ?').run(tricky);
      col.stmt('insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, -1, 3, 5, 1, 2500, 4000, 1)').run(col.nowMs() - 3_600_000, tricky);
    });
    assertIntegrity(col);
  });
  after(() => server.stop());

  /** Yomitan: version 2 (bare results), extension origin. */
  async function yomitan(action: string, params: Record<string, unknown>): Promise<unknown> {
    const reply = await server.post({ action, params, version: 2 }, { Origin: 'chrome-extension://likgccmbimhjbgkjambclfkhldnlhbnn' });
    assert.equal(reply.status, 200);
    return reply.json;
  }

  /** asbplayer: version 6 envelopes. */
  async function asbplayer(action: string, params: Record<string, unknown>): Promise<unknown> {
    const reply = await server.invoke(action, params);
    assert.equal(reply.error, null, String(reply.error));
    return reply.result;
  }

  test('Yomitan duplicate lookup: multi of findNotes for the collection, deck and deck-root scopes', async () => {
    const reply = await yomitan('multi', {
      actions: [
        { action: 'findNotes', params: { query: '"front:猫"' } },
        { action: 'findNotes', params: { query: '"deck:Mining" "front:猫"' } },
        { action: 'findNotes', params: { query: '"deck:Unrelated" "front:猫"' } },
        // deck-root: the root deck, children included.
        { action: 'findNotes', params: { query: '"deck:Mining" "front:犬"' } },
        { action: 'findNotes', params: { query: '"deck:Mining" "front:鳥"' } },
      ],
    });
    assert.deepEqual(reply, [[ids['neko']], [ids['neko']], [], [ids['inu']], []]);
  });

  test('Yomitan note viewer: "よむ" deck:current, "よむ", deck:current and the empty query', async () => {
    assert.deepEqual(await yomitan('findNotes', { query: '"よむ" deck:current' }), [ids['yomu']]);
    assert.deepEqual(await yomitan('findNotes', { query: '"よむ"' }), [ids['yomu'], ids['yomuElsewhere']]);
    assert.deepEqual(await yomitan('findNotes', { query: 'deck:current' }), [ids['yomu']]);
    assert.deepEqual(await yomitan('findNotes', { query: '' }), Object.values(ids).sort((a, b) => a - b));
  });

  test('Yomitan after adding: findCards nid:<id>; "view note" falls back to guiBrowse nid:1,2,3', async () => {
    const neko = ids['neko'] ?? 0;
    const inu = ids['inu'] ?? 0;
    assert.deepEqual(await yomitan('findCards', { query: `nid:${neko}` }), cardsOf(neko));
    assert.deepEqual(await yomitan('guiBrowse', { query: `nid:${neko},${inu}` }), [...cardsOf(neko), ...cardsOf(inu)]);
  });

  test('asbplayer findNotesWithWord / guiBrowse: an escaped word matches only its literal text', async () => {
    const word = 'a_b:c*"d\\e';
    const query = `"Front:${escapeQuery(word)}"`;
    assert.equal(query, '"Front:a\\_b\\:c\\*\\"d\\\\e"');
    assert.deepEqual(await asbplayer('findNotes', { query }), [ids['tricky']]);
    assert.deepEqual(await asbplayer('guiBrowse', { query }), cardsOf(ids['tricky'] ?? 0));
  });

  test('asbplayer findCardsWithWord / findCardsContainingWord: OR across fields', async () => {
    const fields = ['Back', 'Front'];
    const word = 'a_b:c*"d\\e';
    const exact = fields.map((field) => `"${field}:${escapeQuery(word)}"`).join(' OR ');
    assert.deepEqual(await asbplayer('findCards', { query: exact }), cardsOf(ids['tricky'] ?? 0));
    const containing = fields.map((field) => `"${field}:*${escapeQuery(word)}*"`).join(' OR ');
    assert.deepEqual(await asbplayer('findCards', { query: containing }), cardsOf(ids['tricky'] ?? 0));
    const cat = fields.map((field) => `"${field}:*${escapeQuery('cat')}*"`).join(' OR ');
    assert.deepEqual(await asbplayer('findCards', { query: cat }), cardsOf(ids['neko'] ?? 0));
  });

  test('asbplayer findRecentlyEditedOrReviewedCards: (edited:N OR rated:N) ((decks) (fields))', async () => {
    const fieldsQuery = ['Back', 'Front'].map((field) => `"${escapeQuery(field)}:_*"`).join(' OR ');
    const decksQuery = ['My_Deck'].map((deck) => `"deck:${escapeDeck(deck)}"`).join(' OR ');
    const query = `(edited:1 OR rated:1) ((${decksQuery}) (${fieldsQuery}))`;
    assert.equal(query, '(edited:1 OR rated:1) (("deck:My\\_Deck") ("Back:_*" OR "Front:_*"))');
    // Every note was added today (so edited:1), but only those in My_Deck, not MyXDeck.
    assert.deepEqual(await asbplayer('findCards', { query }), cardsOf(ids['tricky'] ?? 0));
    const allDecks = `(edited:1 OR rated:1) (${fieldsQuery})`;
    const everything = Object.values(ids).flatMap(cardsOf).sort((a, b) => a - b);
    assert.deepEqual(await asbplayer('findCards', { query: allDecks }), everything);
  });

  test('asbplayer findCardsDueBy: prop:due<=N ((decks) (fields))', async () => {
    const fieldsQuery = ['Back', 'Front'].map((field) => `"${escapeQuery(field)}:_*"`).join(' OR ');
    const query = `prop:due<=0 (("deck:${escapeDeck('My_Deck')}") (${fieldsQuery}))`;
    const [tricky] = cardsOf(ids['tricky'] ?? 0);
    assert.deepEqual(await asbplayer('findCards', { query }), [tricky]);
    assert.deepEqual(await asbplayer('findCards', { query: `prop:due<=0 (${fieldsQuery})` }), [tricky]);
  });

  test('yanki: its namespace field, one namespace or all of them', async () => {
    assert.deepEqual(await asbplayer('findNotes', { query: '"YankiNamespace:Yanki"' }), [ids['yankiA'], ids['yankiB']]);
    assert.deepEqual(await asbplayer('findNotes', { query: '"YankiNamespace:Other Vault"' }), [ids['yankiOther']]);
    assert.deepEqual(await asbplayer('findNotes', { query: '"YankiNamespace:*"' }), [ids['yankiA'], ids['yankiB'], ids['yankiOther']]);
  });

  test('Obsidian_to_Anki: notesInfo by id inside nested version-6 multis, two-key envelopes throughout', async () => {
    const fileA = [ids['neko'], ids['inu']];
    const fileB = [ids['tori'], 1234];
    const reply = await server.post({
      action: 'multi',
      version: 6,
      params: {
        actions: [
          { action: 'multi', version: 6, params: { actions: [{ action: 'notesInfo', version: 6, params: { notes: fileA } }, { action: 'notesInfo', version: 6, params: { notes: fileB } }] } },
          { action: 'getTags', version: 6, params: {} },
        ],
      },
    });
    const envelope = reply.json as { result: { result: unknown; error: null }[]; error: null };
    const twoKeys = (value: unknown): void => assert.deepEqual(Object.keys(value as object).sort(), ['error', 'result']);
    twoKeys(envelope);
    for (const item of envelope.result) twoKeys(item);
    const inner = envelope.result[0]?.result as { result: { noteId?: number }[]; error: null }[];
    for (const item of inner) twoKeys(item);
    assert.deepEqual(inner.map((item) => item.result.map((info) => info.noteId)), [fileA, [ids['tori'], undefined]]);
    assert.deepEqual(envelope.result[1]?.result, ['yomitan']);
  });
});
