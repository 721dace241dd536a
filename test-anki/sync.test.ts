// The server as a sync client, held against real Anki through Anki's own sync server: the server
// builds a collection and uploads it, a real Anki client (the wheel) downloads it, and then the
// two take turns for 20 rounds, each making the kind of change a person makes (adds, edits,
// deletions, moves, tags, note type styling, deck options, reviews, media) and syncing, the
// other syncing after it. After every round the two answer every Anki-Connect read alike and
// hold the same media; at the end both pass Anki's Check Database and their rows are the same.
import assert from 'node:assert/strict';
import { before, describe } from 'node:test';
import { SyncRequired, type SyncAuth } from './support/anki.js';
import { checkInAnki } from './support/check-database.js';
import { mediaOf } from './support/media-files.js';
import { ankiReads, assertSameReads, readCalls, serverReads } from './support/read-surface.js';
import { diffRows, dumpRows, type Rows } from './support/rows.js';
import type { OurServer } from './support/server.js';
import { useSyncPair } from './support/sync-pair.js';

const FULL_UPLOAD_REFUSAL = /^Sync status 4 not one of \[0, 1\] - see SyncCollectionResponse\.ChangesRequired/;

/**
 * The rows the two sides keep alike. A receiver records tags, graves and config with its own
 * sync's usn (and config with its own time), so those columns differ by design and are left out.
 */
function syncedRows(path: string): Rows {
  const rows = dumpRows(path);
  const without = (table: string, drop: number[]): string[] =>
    (rows.get(table) ?? []).map((row) => JSON.stringify((JSON.parse(row) as unknown[]).filter((_, i) => !drop.includes(i)))).sort();
  const out: Rows = new Map();
  for (const table of ['notes', 'cards', 'revlog', 'decks', 'deck_config', 'notetypes', 'fields', 'templates']) {
    out.set(table, rows.get(table) ?? []);
  }
  out.set('tags', without('tags', [1]));
  out.set('graves', without('graves', [2]));
  out.set('config', without('config', [1, 2]));
  return out;
}

describe('the server syncs with real Anki through Anki\'s sync server', () => {
  const { anki, ours, theirs, step, server: openServer } = useSyncPair('acs-sync');
  let server: OurServer;
  let auth: SyncAuth;
  before(() => {
    server = openServer();
  });

  /** Both sides answer the same reads alike and hold the same media files. */
  async function assertSame(label: string): Promise<void> {
    const calls = await readCalls(server);
    assertSameReads(calls, await serverReads(server, calls), await ankiReads(anki, calls), label);
    assert.deepEqual(mediaOf(ours.path), mediaOf(theirs.path), `${label}: media`);
  }

  async function syncOurs(): Promise<void> {
    assert.deepEqual(await server.outcome('sync'), { result: null }, 'the server syncs');
  }

  async function syncTheirs(): Promise<void> {
    assert.equal((await anki.syncCollection(auth, { media: true })).required, SyncRequired.NO_CHANGES);
  }

  step('the server builds a collection: nested decks, a custom note type, tags, options, reviews, media', async () => {
    await server.call('createDeck', { deck: 'Languages::Japanese::Vocab' });
    await server.call('createModel', {
      modelName: 'Vocab',
      inOrderFields: ['Word', 'Reading', 'Meaning'],
      css: '.card { font-size: 30px; }',
      cardTemplates: [
        { Name: 'Recognise', Front: '{{Word}}', Back: '{{FrontSide}}<hr id=answer>{{Reading}}<br>{{Meaning}}' },
        { Name: 'Recall', Front: '{{Meaning}}', Back: '{{FrontSide}}<hr id=answer>{{Word}}' },
      ],
    });
    await server.call('storeMediaFile', { filename: 'neko.png', data: Buffer.from('a cat picture').toString('base64') });
    await server.call('storeMediaFile', { filename: 'inu ü.mp3', data: Buffer.from('a dog barks').toString('base64') });
    const notes = [
      { deckName: 'Languages::Japanese::Vocab', modelName: 'Vocab', fields: { Word: '猫', Reading: 'ねこ', Meaning: 'cat <img src="neko.png">' }, tags: ['jp::n5', 'animal'] },
      { deckName: 'Languages::Japanese::Vocab', modelName: 'Vocab', fields: { Word: '犬', Reading: 'いぬ', Meaning: 'dog [sound:inu ü.mp3]' }, tags: ['jp::n5'] },
      ...Array.from({ length: 10 }, (_, i) => ({ deckName: 'Default', modelName: 'Basic', fields: { Front: `front ${i}`, Back: `back ${i}` }, tags: [`batch${i % 3}`] })),
    ];
    const ids = (await server.call('addNotes', { notes })) as number[];
    assert.ok(ids.every((id) => typeof id === 'number'));
    const preset = (await server.call('cloneDeckConfigId', { name: 'Japanese', cloneFrom: 1 })) as number;
    await server.call('setDeckConfigId', { decks: ['Languages::Japanese::Vocab'], configId: preset });
    const cards = (await server.call('findCards', { query: 'deck:Default' })) as number[];
    await server.call('answerCards', { answers: cards.slice(0, 4).map((cardId, i) => ({ cardId, ease: (i % 4) + 1 })) });
    await server.call('suspend', { cards: cards.slice(4, 5) });
  });

  step('the server logs in and is told the account needs a full upload; it uploads when asked to', async (sync) => {
    assert.deepEqual(await server.outcome('sync'), { error: 'sync: auth not configured' });
    assert.deepEqual(await server.outcome('syncLogin', { username: 'user', password: 'nope', endpoint: sync.url }), {
      error: 'Email or password was incorrect; please try again.',
    });
    assert.deepEqual(await server.call('syncLogin', { username: 'user', password: 'pass', endpoint: sync.url }), { username: 'user', endpoint: sync.url });
    const refused = await server.outcome('sync');
    assert.ok('error' in refused && FULL_UPLOAD_REFUSAL.test(refused.error), JSON.stringify(refused));
    assert.deepEqual(await server.outcome('sync', { fullSync: 'upload' }), { result: null });
    assert.deepEqual(await server.outcome('sync'), { result: null }, 'nothing more to do');
  });

  step('real Anki, new and empty, downloads it and sees the same collection and media', async (sync) => {
    auth = await anki.syncLogin('user', 'pass', sync.url);
    const first = await anki.syncCollection(auth, { media: true });
    assert.equal(first.required, SyncRequired.FULL_DOWNLOAD);
    await anki.fullSync(auth, { upload: false, media: true, serverMediaUsn: first.serverMediaUsn });
    await assertSame('after the download');
  });

  // Changes each side makes in turn. Ids are looked up when the change runs, so each works on
  // the collection as the earlier rounds left it.
  const ourChanges: [string, () => Promise<void>][] = [
    ['adds notes', async () => {
      await server.call('addNotes', { notes: [0, 1].map((i) => ({ deckName: 'Languages::Japanese::Vocab', modelName: 'Vocab', fields: { Word: `語${Date.now()}${i}`, Reading: 'ご', Meaning: 'word' }, tags: ['jp::n4'] })) });
    }],
    ['edits a note', async () => {
      const [id] = (await server.call('findNotes', { query: 'note:Basic' })) as number[];
      await server.call('updateNoteFields', { note: { id, fields: { Back: `edited by the server ${Date.now()}` } } });
    }],
    ['moves cards to a new deck', async () => {
      const cards = (await server.call('findCards', { query: 'deck:Default' })) as number[];
      await server.call('changeDeck', { cards: cards.slice(0, 2), deck: `Moved::Here` });
    }],
    ['tags notes', async () => {
      const notes = (await server.call('findNotes', { query: 'tag:batch1' })) as number[];
      await server.call('addTags', { notes, tags: 'server::tagged' });
      await server.call('removeTags', { notes, tags: 'batch1' });
    }],
    ['restyles a note type', async () => {
      await server.call('updateModelStyling', { model: { name: 'Vocab', css: `.card { color: navy; } /* ${Date.now()} */` } });
    }],
    ['changes deck options', async () => {
      const config = (await server.call('getDeckConfig', { deck: 'Languages::Japanese::Vocab' })) as { new: { perDay: number } };
      config.new.perDay += 1;
      assert.equal(await server.call('saveDeckConfig', { config }), true);
    }],
    ['reviews cards', async () => {
      // Cards of decks Anki does not study here: a deck's study counters changed on both sides in
      // the same second are a tie, which Anki's protocol resolves differently on each side.
      const cards = (await server.call('findCards', { query: 'deck:Languages* is:new -is:suspended' })) as number[];
      await server.call('answerCards', { answers: cards.slice(0, 3).map((cardId) => ({ cardId, ease: 3 })) });
    }],
    ['adds and deletes media', async () => {
      await server.call('storeMediaFile', { filename: `server-${Date.now()}.txt`, data: Buffer.from('from the server').toString('base64') });
      const names = (await server.call('getMediaFilesNames', { pattern: 'anki-*' })) as string[];
      if (names[0] !== undefined) await server.call('deleteMediaFile', { filename: names[0] });
    }],
    ['deletes a note', async () => {
      const [id] = (await server.call('findNotes', { query: 'note:Basic' })) as number[];
      await server.call('deleteNotes', { notes: [id] });
    }],
    ['deletes a deck with its cards', async () => {
      const decks = (await server.call('deckNames')) as string[];
      const doomed = decks.find((name) => name.startsWith('FromAnki'));
      if (doomed !== undefined) await server.call('deleteDecks', { decks: [doomed], cardsToo: true });
    }],
  ];

  const ankiChanges: [string, () => Promise<void>][] = [
    ['adds a note in a new deck', async () => {
      await anki.write('createDeck', { deck: `FromAnki::Sub${Date.now()}` });
      const decks = (await anki.ac('deckNames')) as string[];
      const deck = decks.filter((name) => name.startsWith('FromAnki::')).at(-1)!;
      await anki.write('addNote', { deckName: deck, modelName: 'Basic', fields: { Front: `anki ${Date.now()}`, Back: 'b' }, tags: ['from::anki'] });
    }],
    ['edits a note', async () => {
      const [id] = (await anki.ac('findNotes', { query: 'note:Vocab' })) as number[];
      await anki.write('updateNoteFields', { id, fields: { Meaning: `edited in Anki ${Date.now()}` } });
    }],
    ['retags a note', async () => {
      const [id] = (await anki.ac('findNotes', { query: 'note:Basic' })) as number[];
      await anki.write('updateNoteTags', { id, tags: ['anki::retagged', 'Animal'] });
    }],
    ['renames a deck', async () => {
      const decks = (await anki.ac('deckNames')) as string[];
      const moved = decks.find((name) => name === 'Moved::Here' || name === 'Moved::There');
      if (moved !== undefined) await anki.write('renameDeck', { deck: moved, newName: moved === 'Moved::Here' ? 'Moved::There' : 'Moved::Here' });
    }],
    ['restyles a note type', async () => {
      await anki.write('updateModelStyling', { modelName: 'Basic', css: `.card { color: green; } /* ${Date.now()} */` });
    }],
    ['changes deck options', async () => {
      await anki.write('setNewPerDay', { deck: 'Default', perDay: 20 + Math.floor(Math.random() * 10) });
    }],
    ['reviews cards', async () => {
      // Not the cards (nor the decks) the server reviews: see the server's review step.
      const cards = (await anki.ac('findCards', { query: 'deck:Default is:new -is:suspended' })) as number[];
      await anki.write('answerCards', { answers: cards.slice(-2).map((cardId) => ({ cardId, ease: 2 })) });
    }],
    ['adds and deletes media', async () => {
      await anki.write('storeMediaFile', { filename: `anki-${Date.now()}.txt`, data: Buffer.from('from Anki').toString('base64') });
      const names = (await anki.ac('getMediaFilesNames', { pattern: 'server-*' })) as string[];
      if (names[0] !== undefined) await anki.write('deleteMediaFile', { filename: names[0] });
    }],
    ['deletes a note', async () => {
      const ids = (await anki.ac('findNotes', { query: 'note:Vocab' })) as number[];
      if (ids.length > 2) await anki.write('deleteNotes', { notes: [ids.at(-1)] });
    }],
    ['suspends a card and moves another', async () => {
      const cards = (await anki.ac('findCards', { query: '-is:suspended' })) as number[];
      await anki.write('suspendCards', { cards: cards.slice(0, 1) });
      await anki.write('changeDeck', { cards: cards.slice(1, 2), deck: 'Default' });
    }],
  ];

  for (let round = 0; round < 20; round++) {
    const [ourLabel, ourChange] = ourChanges[round % ourChanges.length]!;
    const [ankiLabel, ankiChange] = ankiChanges[round % ankiChanges.length]!;
    step(`round ${round + 1}: the server ${ourLabel}, Anki ${ankiLabel}; both sync and agree`, async () => {
      await ourChange();
      await syncOurs();
      await ankiChange();
      await syncTheirs();
      await syncOurs();
      await assertSame(`round ${round + 1}`);
    });
  }

  step('both pass Check Database and hold the same rows', async () => {
    await anki.close();
    server.close();
    assert.deepEqual(diffRows(syncedRows(theirs.path), syncedRows(ours.path)), [], 'rows only in Anki (-) and only here (+)');
    assert.deepEqual(await checkInAnki(anki, theirs.path), { problems: [], changes: [] });
    const checked = await checkInAnki(anki, ours.path);
    assert.deepEqual(checked, { problems: [], changes: [] });
  });
});
