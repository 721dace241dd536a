// Full syncs, held against real Anki through Anki's own sync server: which way a first sync must
// go (an empty collection against an account with cards downloads; a collection with cards
// against an empty account uploads), that each schema change forces a full sync exactly when it
// does in Anki, and that the server never picks the direction itself. Plus upstream test_misc's
// `sync` case: with credentials configured, `sync` answers null.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AnkiDriver, SyncRequired, type SyncAuth } from './support/anki.js';
import { tempProfile, type TempProfile } from './support/profile.js';
import { ankiReads, assertSameReads, readCalls, serverReads } from './support/read-surface.js';
import { OurServer, type Outcome } from './support/server.js';
import { stepper } from './support/steps.js';
import { useSyncPair } from './support/sync-pair.js';
import { AnkiSyncServer } from './support/sync-server.js';

/** The ChangesRequired value a `sync` reply stands for: 0 for success, N for "Sync status N not one of [0, 1]". */
function requiredOf(outcome: Outcome): number {
  if ('result' in outcome) return SyncRequired.NO_CHANGES;
  const match = /^Sync status (\d) not one of \[0, 1\] - see SyncCollectionResponse\.ChangesRequired/.exec(outcome.error);
  assert.ok(match, `not a full-sync refusal: ${outcome.error}`);
  return Number(match[1]);
}

const basicNote = (front: string) => ({ deckName: 'Default', modelName: 'Basic', fields: { Front: front, Back: 'back' } });

describe('first syncs take the full-sync path Anki takes, and the server never picks it alone', () => {
  let syncServer: AnkiSyncServer | undefined;
  const profiles: TempProfile[] = [];
  const anki = new AnkiDriver();
  const step = stepper(() => syncServer);

  before(async () => {
    syncServer = await AnkiSyncServer.start({ users: { full: 'pass', empty: 'pass' } });
  });
  after(async () => {
    await anki.stop();
    await syncServer?.stop();
    for (const profile of profiles) profile.remove();
  });

  function newProfile(): TempProfile {
    const profile = tempProfile('acs-sync-full-');
    profiles.push(profile);
    return profile;
  }

  step('an account with cards, from real Anki; an empty server collection is told FULL_DOWNLOAD and downloads only when asked', async (sync) => {
    const source = newProfile();
    await anki.open(source.path);
    for (const front of ['one', 'two', 'three']) await anki.write('addNote', { ...basicNote(front), tags: ['from::anki'] });
    const auth = await anki.syncLogin('full', 'pass', sync.url);
    const first = await anki.syncCollection(auth);
    assert.equal(first.required, SyncRequired.FULL_UPLOAD);
    await anki.fullSync(auth, { upload: true, media: false });

    const server = OurServer.open(newProfile().path);
    try {
      await server.call('syncLogin', { username: 'full', password: 'pass', endpoint: sync.url });
      assert.equal(requiredOf(await server.outcome('sync')), SyncRequired.FULL_DOWNLOAD);
      // A sync the server starts by itself (after start-up, periodic, before stopping) never
      // takes a full sync's direction either.
      await server.serverState.sync.syncQuietly('test');
      assert.deepEqual(await server.call('findNotes', { query: '' }), [], 'nothing was downloaded');
      assert.deepEqual(await server.outcome('sync', { fullSync: 'upload' }), {
        error: "refusing to upload: this collection has no cards and the server's has; download instead",
      });
      assert.deepEqual(await server.outcome('sync', { fullSync: 'download' }), { result: null });
      const calls = await readCalls(server);
      assertSameReads(calls, await serverReads(server, calls), await ankiReads(anki, calls), 'after the download');
      assert.deepEqual(await server.outcome('sync'), { result: null }, 'then nothing more to do');
    } finally {
      server.close();
      await anki.close();
    }
  });

  step('a server collection with cards against an empty account is told FULL_UPLOAD; real Anki then downloads it', async (sync) => {
    const server = OurServer.open(newProfile().path);
    try {
      await server.call('addNotes', { notes: ['a', 'b'].map(basicNote) });
      await server.call('syncLogin', { username: 'empty', password: 'pass', endpoint: sync.url });
      assert.equal(requiredOf(await server.outcome('sync')), SyncRequired.FULL_UPLOAD);
      assert.deepEqual(await server.outcome('sync', { fullSync: 'upload' }), { result: null });
      await anki.open(newProfile().path);
      const auth = await anki.syncLogin('empty', 'pass', sync.url);
      assert.equal((await anki.syncCollection(auth)).required, SyncRequired.FULL_DOWNLOAD);
      await anki.fullSync(auth, { upload: false, media: false });
      const calls = await readCalls(server);
      assertSameReads(calls, await serverReads(server, calls), await ankiReads(anki, calls), 'after the upload');
    } finally {
      server.close();
      await anki.close();
    }
  });
});

describe('a schema change forces a full sync exactly when Anki would', () => {
  const { anki, step, server: openServer } = useSyncPair('acs-sync-schema');
  let server: OurServer;
  let auth: SyncAuth;
  let spare = 0;
  before(() => {
    server = openServer();
  });

  /** Both sides back on the same collection: the server uploads, Anki downloads. */
  async function resync(): Promise<void> {
    assert.deepEqual(await server.outcome('sync', { fullSync: 'upload' }), { result: null });
    const required = (await anki.syncCollection(auth)).required;
    if (required !== SyncRequired.NO_CHANGES) await anki.fullSync(auth, { upload: false, media: false });
  }

  step('both sides start from one collection with a note type per change', async (sync) => {
    for (let i = 0; i < 8; i++) {
      await server.call('createModel', {
        modelName: `Schema ${i}`,
        inOrderFields: ['F1', 'F2', 'F3'],
        cardTemplates: [{ Name: 'Card 1', Front: '{{F1}}', Back: '{{F2}}' }],
      });
      await server.call('addNote', { note: { deckName: 'Default', modelName: `Schema ${i}`, fields: { F1: `f${i}`, F2: 'x', F3: 'y' } } });
    }
    spare = (await server.call('cloneDeckConfigId', { name: 'Spare' })) as number;
    await server.call('syncLogin', { username: 'user', password: 'pass', endpoint: sync.url });
    auth = await anki.syncLogin('user', 'pass', sync.url);
    await resync();
  });

  // `full`: what Anki 26.9 asks for after the change (checked below against Anki itself, so this
  // only documents it and catches a test that stopped exercising both outcomes).
  const changes: { label: string; full: boolean; ours: () => Promise<unknown>; anki: () => Promise<unknown> }[] = [
    {
      label: 'a field added',
      full: true,
      ours: () => server.call('modelFieldAdd', { modelName: 'Schema 0', fieldName: 'Extra' }),
      anki: () => anki.write('addModelField', { modelName: 'Schema 0', fieldName: 'Extra' }),
    },
    {
      label: 'a field renamed',
      full: false,
      ours: () => server.call('modelFieldRename', { modelName: 'Schema 1', oldFieldName: 'F3', newFieldName: 'Renamed' }),
      anki: () => anki.write('renameModelField', { modelName: 'Schema 1', oldFieldName: 'F3', newFieldName: 'Renamed' }),
    },
    {
      label: 'a field removed',
      full: true,
      ours: () => server.call('modelFieldRemove', { modelName: 'Schema 2', fieldName: 'F3' }),
      anki: () => anki.write('removeModelField', { modelName: 'Schema 2', fieldName: 'F3' }),
    },
    {
      label: 'a field moved',
      full: true,
      ours: () => server.call('modelFieldReposition', { modelName: 'Schema 3', fieldName: 'F3', index: 0 }),
      anki: () => anki.write('repositionModelField', { modelName: 'Schema 3', fieldName: 'F3', index: 0 }),
    },
    {
      label: 'a template added',
      full: true,
      ours: () => server.call('modelTemplateAdd', { modelName: 'Schema 4', template: { Name: 'Card 2', Front: '{{F2}}', Back: '{{F1}}' } }),
      anki: () => anki.write('addModelTemplate', { modelName: 'Schema 4', name: 'Card 2', front: '{{F2}}', back: '{{F1}}' }),
    },
    {
      label: 'a template renamed',
      full: false,
      ours: () => server.call('modelTemplateRename', { modelName: 'Schema 5', oldTemplateName: 'Card 1', newTemplateName: 'Renamed' }),
      anki: () => anki.write('renameModelTemplate', { modelName: 'Schema 5', oldTemplateName: 'Card 1', newTemplateName: 'Renamed' }),
    },
    {
      label: 'the styling changed',
      full: false,
      ours: () => server.call('updateModelStyling', { model: { name: 'Schema 6', css: '.card { color: red; }' } }),
      anki: () => anki.write('updateModelStyling', { modelName: 'Schema 6', css: '.card { color: red; }' }),
    },
    {
      label: 'an options preset added',
      full: false,
      ours: () => server.call('cloneDeckConfigId', { name: 'Added' }),
      anki: () => anki.write('addDeckConfig', { name: 'Added' }),
    },
    {
      label: 'an options preset removed',
      full: true,
      ours: () => server.call('removeDeckConfigId', { configId: spare }),
      anki: () => anki.write('removeDeckConfig', { configId: spare }),
    },
  ];

  for (const change of changes) {
    step(`${change.label}: the server's sync and Anki's ask for the same`, async () => {
      await change.ours();
      const ourRequired = requiredOf(await server.outcome('sync'));
      await change.anki();
      const ankiRequired = (await anki.syncCollection(auth)).required;
      assert.equal(ourRequired, ankiRequired, `the server: ${ourRequired}, Anki: ${ankiRequired}`);
      assert.equal(ankiRequired, change.full ? SyncRequired.FULL_SYNC : SyncRequired.NO_CHANGES);
      await resync();
    });
  }
});

describe('upstream test_misc', () => {
  test('sync: with credentials configured against a local sync server, sync answers null', async () => {
    const syncServer = await AnkiSyncServer.start();
    const profile = tempProfile('acs-sync-misc-');
    const server = OurServer.open(profile.path);
    try {
      await server.call('syncLogin', { username: 'user', password: 'pass', endpoint: syncServer.url });
      assert.deepEqual(await server.outcome('sync'), { result: null });
    } finally {
      server.close();
      await syncServer.stop();
      profile.remove();
    }
  });
});
