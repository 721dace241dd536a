// The largest generated collection of the suite (10,000 varied notes, about 21,000 cards in
// every state), as the server writes it: real Anki finds nothing to repair in it, and answers
// every read action as the server does (all notes; a sample of cards).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateCollection } from '../bench/generate.js';
import { AnkiDriver } from './support/anki.js';
import { checkInAnki } from './support/check-database.js';
import { tempProfile, type TempProfile } from './support/profile.js';
import { ankiReads, assertSameReads, readCalls, serverReads, type ReadCall } from './support/read-surface.js';
import type { Outcome } from './support/server.js';
import { OurServer } from './support/server.js';

describe('a generated collection of 10,000 notes', () => {
  const anki = new AnkiDriver();
  let profile: TempProfile;

  before(() => {
    profile = tempProfile();
    generateCollection(profile.path, { notes: 10_000, decks: 12, seed: 29, varied: true });
  });
  after(async () => {
    await anki.stop();
    profile.remove();
  });

  test('is clean in Anki and reads the same on both sides', async () => {
    const server = OurServer.open(profile.path);
    let calls: ReadCall[];
    let ours: Outcome[];
    try {
      calls = await readCalls(server, {}, { cardSample: 1_000 });
      ours = await serverReads(server, calls);
    } finally {
      server.close();
    }
    let theirs: Outcome[] = [];
    const result = await checkInAnki(anki, profile.path, async () => {
      theirs = await ankiReads(anki, calls);
    });
    assert.deepEqual(result, { problems: [], changes: [] });
    const compared = assertSameReads(calls, ours, theirs, '10,000 notes');
    console.log(`generated collection: 10,000 notes, ${compared} read calls compared`);
  });
});
