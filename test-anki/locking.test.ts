import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { AnkiDriver } from './support/anki.js';
import { tempProfile } from './support/profile.js';
import { OurServer } from './support/server.js';

// The server's connections use SQLite's normal WAL locking (so its reader threads can read
// beside the writer); Anki must still be kept out while the server has the collection open.

const profile = tempProfile();
const anki = new AnkiDriver();
after(async () => {
  await anki.stop();
  profile.remove();
});

test('real Anki cannot open a collection the server has open, and opens it once the server is gone', async () => {
  const server = OurServer.open(profile.path);
  await server.call('createDeck', { deck: 'Written while open' });
  // A search on a reader thread, so a second connection has read the file too.
  assert.deepEqual(await server.call('findNotes', { query: 'deck:*' }), []);
  await assert.rejects(anki.open(profile.path), /Anki already open/);
  server.close();
  await anki.open(profile.path);
  assert.deepEqual(await anki.checkDatabase(), []);
  await anki.close();
});

test('the server cannot open a collection real Anki has open', async () => {
  await anki.open(profile.path);
  try {
    assert.throws(() => OurServer.open(profile.path), /another program has the collection open \(Anki, or another server\); close it there first/);
  } finally {
    await anki.close();
  }
  const server = OurServer.open(profile.path);
  server.close();
});
