// The sync harness, proved with real Anki alone: two Anki clients, A and B, each its own `anki`
// process on its own collection, sync through Anki's own sync server (support/sync-server.ts).
// Every outcome asserted here is what Anki does, so the tests of our sync client can hold it
// to the same: a login's host key and its wrong-password text, FULL_UPLOAD for a collection
// with cards against a new account and FULL_DOWNLOAD for an untouched empty one against an
// account with cards, normal syncs both ways, media up and down, a server that dies and comes
// back. The steps build on each other and run in order.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { AnkiDriver, AnkiError, SyncRequired, type SyncAuth } from './support/anki.js';
import { tempProfile, type TempProfile } from './support/profile.js';
import { stepper } from './support/steps.js';
import { AnkiSyncServer } from './support/sync-server.js';

const WRONG_PASSWORD = 'Email or password was incorrect; please try again.';
const PICTURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const SOUND = Buffer.from('ID3 a sound from A');

function mediaFolder(profile: TempProfile): string {
  return profile.path.replace(/\.anki2$/, '.media');
}

async function storeMedia(anki: AnkiDriver, filename: string, data: Buffer): Promise<void> {
  assert.equal(await anki.write('storeMediaFile', { filename, data: data.toString('base64') }), filename);
}

async function fieldsOf(anki: AnkiDriver, ids: number[]): Promise<Record<string, { value: string }>[]> {
  const infos = (await anki.ac('notesInfo', { notes: ids })) as { fields: Record<string, { value: string }> }[];
  return infos.map((info) => info.fields);
}

describe("two real Anki clients on Anki's sync server", () => {
  const a = new AnkiDriver();
  const b = new AnkiDriver();
  const profileA = tempProfile('acs-sync-a-');
  const profileB = tempProfile('acs-sync-b-');
  let server: AnkiSyncServer | undefined;
  let auth: SyncAuth;
  let noteIds: number[] = [];

  before(async () => {
    server = await AnkiSyncServer.start();
    await a.open(profileA.path);
    await b.open(profileB.path);
  });

  after(async () => {
    await Promise.all([a.stop(), b.stop()]);
    await server?.stop();
    profileA.remove();
    profileB.remove();
  });

  const step = stepper(() => server);

  step('login: the host key is hex(sha1("user:pass")); a wrong password gets Anki\'s text', async (server) => {
    auth = await a.syncLogin('user', 'pass', server.url);
    assert.deepEqual(auth, { hkey: AnkiSyncServer.hostKey('user', 'pass'), endpoint: server.url });
    assert.equal(auth.hkey, 'b2619aa1529dfdc4248e6edbf3c1b2a2b014cf6d');
    for (const [username, password] of [['user', 'wrong'], ['nobody', 'pass']] as const) {
      await assert.rejects(a.syncLogin(username, password, server.url), (err: unknown) => {
        assert.ok(err instanceof AnkiError);
        assert.equal(err.type, 'SyncError');
        assert.equal(err.message, WRONG_PASSWORD);
        return true;
      });
    }
  });

  step('A, with cards, against a new account: FULL_UPLOAD, then a full upload with its media', async () => {
    for (const front of ['one', 'two']) {
      const id = await a.write('addNote', { deckName: 'Default', modelName: 'Basic', fields: { Front: front, Back: `<img src="peer.png"> ${front}` } });
      noteIds.push(id as number);
    }
    noteIds = noteIds.sort((x, y) => x - y);
    await storeMedia(a, 'peer.png', PICTURE);
    // The status button only knows "full sync"; the sync itself says which way.
    assert.equal(await a.syncStatus(auth), SyncRequired.FULL_SYNC);
    const first = await a.syncCollection(auth, { media: true });
    assert.deepEqual(first, { required: SyncRequired.FULL_UPLOAD, serverMessage: '', newEndpoint: null, serverMediaUsn: 0 });
    await a.fullSync(auth, { upload: true, media: true, serverMediaUsn: first.serverMediaUsn });
    assert.equal(await a.syncStatus(auth), SyncRequired.NO_CHANGES);
    assert.equal((await a.syncCollection(auth)).required, SyncRequired.NO_CHANGES);
  });

  step('B, new and empty, against an account with cards: FULL_DOWNLOAD, then A\'s notes and media', async () => {
    const first = await b.syncCollection(auth, { media: true });
    assert.equal(first.required, SyncRequired.FULL_DOWNLOAD);
    assert.ok(first.serverMediaUsn > 0, `the server holds A's media (usn ${first.serverMediaUsn})`);
    await b.fullSync(auth, { upload: false, media: true, serverMediaUsn: first.serverMediaUsn });
    assert.deepEqual(await b.ac('findNotes', { query: '' }), noteIds);
    assert.deepEqual(await fieldsOf(b, noteIds), await fieldsOf(a, noteIds));
    assert.deepEqual(readFileSync(join(mediaFolder(profileB), 'peer.png')), PICTURE);
    assert.equal((await b.syncCollection(auth)).required, SyncRequired.NO_CHANGES);
  });

  step('B edits and syncs normally; A syncs normally and sees the edit', async () => {
    await b.write('updateNoteFields', { id: noteIds[0], fields: { Back: 'edited on B' } });
    assert.equal(await b.syncStatus(auth), SyncRequired.NORMAL_SYNC);
    // A finished normal sync reports NO_CHANGES.
    assert.equal((await b.syncCollection(auth)).required, SyncRequired.NO_CHANGES);
    assert.equal((await a.syncCollection(auth)).required, SyncRequired.NO_CHANGES);
    const [fields] = await fieldsOf(a, [noteIds[0]!]);
    assert.equal(fields!['Back']!.value, 'edited on B');
  });

  step('media: a file A adds reaches B; a file B deletes goes from A', async () => {
    await storeMedia(a, 'peer ü.mp3', SOUND);
    assert.equal((await a.syncCollection(auth, { media: true })).required, SyncRequired.NO_CHANGES);
    assert.equal((await b.syncCollection(auth, { media: true })).required, SyncRequired.NO_CHANGES);
    assert.deepEqual(readFileSync(join(mediaFolder(profileB), 'peer ü.mp3')), SOUND);

    await b.write('deleteMediaFile', { filename: 'peer.png' });
    await b.syncMedia(auth);
    await a.syncMedia(auth);
    assert.equal(existsSync(join(mediaFolder(profileA), 'peer.png')), false);
    assert.deepEqual(await a.ac('getMediaFilesNames', {}), ['peer ü.mp3']);
  });

  step('the server dies mid-way and comes back on the same data', async (server) => {
    server.kill();
    await assert.rejects(a.syncCollection(auth), (err: unknown) => err instanceof AnkiError && err.type === 'NetworkError');
    await server.restart();
    assert.equal((await a.syncCollection(auth)).required, SyncRequired.NO_CHANGES);
    assert.equal((await b.syncCollection(auth)).required, SyncRequired.NO_CHANGES);
  });

  step('both collections pass Check Database, and still need no sync afterwards', async () => {
    assert.deepEqual(await a.checkDatabase(), []);
    assert.deepEqual(await b.checkDatabase(), []);
    assert.equal((await a.syncCollection(auth)).required, SyncRequired.NO_CHANGES);
    assert.equal((await b.syncCollection(auth)).required, SyncRequired.NO_CHANGES);
  });
});
