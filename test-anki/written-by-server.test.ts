// Written by the server, read by real Anki. A generated collection of every stock note type and
// every card state (bench generator, `varied`) goes through the server's writing actions group
// by group (support/groups.ts). After each group the server closes the file, and real Anki
// opens it, answers the same read actions the server answered (they must be equal), runs its
// Check Database (it must report nothing) and closes it; the file's rows must be unchanged but
// for what every Check Database rewrites (support/check-database.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateCollection } from '../bench/generate.js';
import { AnkiDriver } from './support/anki.js';
import { checkInAnki } from './support/check-database.js';
import { ACTION_GROUPS } from './support/groups.js';
import { tempProfile, type TempProfile } from './support/profile.js';
import { assertAnkiReadsAsServer, serverAnswers } from './support/read-by-anki.js';

describe('written by the server, read by Anki', () => {
  const anki = new AnkiDriver();
  let profile: TempProfile;
  let compared = 0;

  before(() => {
    profile = tempProfile();
    generateCollection(profile.path, { notes: 1_000, decks: 6, seed: 11, varied: true });
  });
  after(async () => {
    await anki.stop();
    profile.remove();
    console.log(`written by the server: ${ACTION_GROUPS.length} action groups, ${compared} read calls compared with real Anki`);
  });

  test('the generated collection itself is one Anki finds clean', async () => {
    const result = await checkInAnki(anki, profile.path);
    assert.deepEqual(result, { problems: [], changes: [] });
  });

  for (const group of ACTION_GROUPS) {
    test(group.name, async () => {
      const answers = await serverAnswers(profile.path, (server) => group.run(server));
      compared += await assertAnkiReadsAsServer(anki, profile.path, answers, group.name);
    });
  }
});
