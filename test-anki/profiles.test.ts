// Profiles and schema upgrades through the server's own actions: beside a new profile, a base
// folder holds AnkiDroid's schema-16 collection and Anki's schema-11 media-check collection (as
// today's Anki leaves it after a Check Database and "Downgrade & Quit": the fixture predates
// the last review times and UTF-8 checks Anki now repairs, which are not the server's to fix).
// The server switches to each with loadProfile (which upgrades the file to schema 18, after a
// backup), writes to it and switches back. Real Anki then opens each profile's collection: its
// Check Database reports nothing and changes nothing, and it answers every read action as the
// server did.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixture } from '../test/support/fixtures.js';
import { AnkiDriver } from './support/anki.js';
import { tempProfile, type TempProfile } from './support/profile.js';
import { assertAnkiReadsAsServer, type ServerAnswers } from './support/read-by-anki.js';
import { readCalls, serverReads } from './support/read-surface.js';
import { OurServer } from './support/server.js';

const PROFILES = [
  { name: 'Droid 16', file: 'ankidroid/schema16.anki2', checkedByAnkiFirst: false },
  { name: 'Media check', file: 'ankitects-anki/mediacheck.anki2', checkedByAnkiFirst: true },
];

describe('profiles switched to and written by the server, read by Anki', () => {
  const anki = new AnkiDriver();
  let base: TempProfile;
  const reads = new Map<string, ServerAnswers>();
  let compared = 0;

  before(async () => {
    base = tempProfile();
    for (const profile of PROFILES) {
      mkdirSync(join(base.base, profile.name));
      const path = join(base.base, profile.name, 'collection.anki2');
      copyFileSync(fixture(profile.file), path);
      if (profile.checkedByAnkiFirst) {
        await anki.open(path);
        await anki.checkDatabase();
        await anki.close({ downgrade: true });
      }
    }
    const server = OurServer.open(base.path);
    try {
      assert.deepEqual(await server.call('getProfiles'), ['Droid 16', 'Media check', 'User 1']);
      for (const profile of PROFILES) {
        assert.equal(await server.call('loadProfile', { name: profile.name }), true);
        assert.equal(await server.call('getActiveProfile'), profile.name);
        await server.call('createDeck', { deck: `${profile.name}::From the server` });
        const model = ((await server.call('modelNames')) as string[]).includes('Basic') ? 'Basic' : ((await server.call('modelNames')) as string[])[0]!;
        const [front] = (await server.call('modelFieldNames', { modelName: model })) as string[];
        const added = await server.call('addNote', {
          note: { deckName: `${profile.name}::From the server`, modelName: model, fields: { [front!]: `added in ${profile.name}` }, tags: ['via::loadProfile'] },
        });
        const existing = ((await server.call('findNotes', { query: '' })) as number[]).filter((id) => id !== added);
        if (existing.length > 0) await server.call('addTags', { notes: existing, tags: 'touched' });
        const calls = await readCalls(server, { notes: [added as number] });
        reads.set(profile.name, { calls, ours: await serverReads(server, calls) });
      }
      assert.equal(await server.call('loadProfile', { name: 'User 1' }), true);
    } finally {
      server.close();
    }
  });
  after(async () => {
    await anki.stop();
    base.remove();
    console.log(`profiles: ${PROFILES.length} upgraded profiles, ${compared} read calls compared with real Anki`);
  });

  for (const profile of PROFILES) {
    test(profile.name, async () => {
      const path = join(base.base, profile.name, 'collection.anki2');
      compared += await assertAnkiReadsAsServer(anki, path, reads.get(profile.name)!, profile.name);
    });
  }
});
