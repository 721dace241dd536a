// The largest generated collection of the suite (10,000 varied notes, about 21,000 cards in
// every state), as the server writes it: real Anki finds nothing to repair in it, and answers
// every read action as the server does (all notes; a sample of cards).
import { after, before, describe, test } from 'node:test';
import { generateCollection } from '../bench/generate.js';
import { AnkiDriver } from './support/anki.js';
import { tempProfile, type TempProfile } from './support/profile.js';
import { assertAnkiReadsAsServer, serverAnswers } from './support/read-by-anki.js';

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
    const answers = await serverAnswers(profile.path, undefined, { cardSample: 1_000 });
    const compared = await assertAnkiReadsAsServer(anki, profile.path, answers, '10,000 notes');
    console.log(`generated collection: 10,000 notes, ${compared} read calls compared`);
  });
});
