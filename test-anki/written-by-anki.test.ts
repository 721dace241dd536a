// Written by real Anki, read by the server. Anki builds collections through its own API
// (driver/build.py `rich`: every stock note type and custom ones, option presets, today-only
// limits, a filtered deck, media, cards in every state with a review history over past days,
// and a package with FSRS history imported), with FSRS off and on. Each side then reads its own
// copy of the same file, and every read action of the server must answer what Anki-Connect
// answers on real Anki.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { AnkiDriver } from './support/anki.js';
import { fixture } from '../test/support/fixtures.js';
import { copyProfile, tempProfile } from './support/profile.js';
import { ankiReads, assertSameReads, readCalls, serverReads } from './support/read-surface.js';
import { OurServer } from './support/server.js';

const VARIANTS = [
  { name: 'SM-2', params: { seed: 3, notes: 400, fsrs: false } },
  { name: 'FSRS, with a package of FSRS history imported', params: { seed: 4, notes: 400, fsrs: true, withPackage: fixture('srs-converter/mixed-legacy-2.apkg') } },
];

describe('written by Anki, read by the server', () => {
  const anki = new AnkiDriver();
  let compared = 0;
  let cards = 0;
  after(async () => {
    await anki.stop();
    console.log(`written by Anki: ${VARIANTS.length} collections, ${compared} read calls and ${cards} cards compared`);
  });

  for (const variant of VARIANTS) {
    test(variant.name, async () => {
      const built = tempProfile();
      try {
        await anki.open(built.path);
        try {
          await anki.build('rich', variant.params);
          // What Anki itself would repair in what it built (the imported package's cards lack a
          // last review time); a collection a user has is one that has been checked.
          await anki.checkDatabase();
        } finally {
          await anki.close();
        }
        const ours = copyProfile(built.path);
        try {
          const server = OurServer.open(ours.path);
          let calls;
          let mine;
          try {
            calls = await readCalls(server, {}, { cardSample: Number.MAX_SAFE_INTEGER, learningSettled: false });
            mine = await serverReads(server, calls);
          } finally {
            server.close();
          }
          await anki.open(built.path);
          let theirs;
          try {
            theirs = await ankiReads(anki, calls);
          } finally {
            await anki.close();
          }
          compared += assertSameReads(calls, mine, theirs, variant.name);
          const info = calls.find((call) => call.action === 'cardsInfo')!;
          cards += (info.params['cards'] as number[]).length;
          assert.ok((info.params['cards'] as number[]).length > 500);
        } finally {
          ours.remove();
        }
      } finally {
        built.remove();
      }
    });
  }
});
