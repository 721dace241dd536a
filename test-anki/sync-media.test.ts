// Our media sync client (src/sync/media) against Anki's own sync server, with a real Anki client
// on the same account: files we push reach Anki, files Anki adds or deletes reach us, the server
// wins a conflict, real Anki takes our collection.media.db2 as its own (its media sync on our
// profile finds nothing to do), and a failed mediaSanity against the real server wipes our
// database and the next sync recovers. The steps build on each other and run in order.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { SyncError } from '../src/sync/errors.js';
import { SyncHttp } from '../src/sync/http.js';
import { MediaDatabase } from '../src/sync/media/database.js';
import { mediaPathsForCollection, syncMedia, type MediaPaths, type MediaSyncResult } from '../src/sync/media/index.js';
import { AnkiDriver, type SyncAuth } from './support/anki.js';
import { tempProfile } from './support/profile.js';
import { AnkiSyncServer } from './support/sync-server.js';

const PICTURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);
const SOUND = Buffer.from('ID3 a sound from the server client');
const FROM_ANKI = Buffer.from('a picture Anki added');
const NO_CHANGES: MediaSyncResult = { downloaded: 0, uploaded: 0, removedLocally: 0, removedRemotely: 0 };

/** Schema objects and the settings Anki's media code sets, comments and spacing aside. */
function describeMediaDb(path: string): unknown {
  // Not read-only: Anki may hold the file open in WAL mode, which a read-only open cannot join.
  const db = new Database(path, { fileMustExist: true });
  try {
    const objects = (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { type: string; name: string; sql: string }[]).map(
      (o) => [o.type, o.name, o.sql.replace(/--[^\n]*/g, '').replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')')],
    );
    return {
      objects,
      stat1: db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get() !== undefined,
      meta: db.prepare('SELECT * FROM meta').all(),
      journal: db.pragma('journal_mode', { simple: true }),
      pageSize: db.pragma('page_size', { simple: true }),
      userVersion: db.pragma('user_version', { simple: true }),
    };
  } finally {
    db.close();
  }
}

describe("our media sync client on Anki's sync server, beside real Anki", () => {
  const anki = new AnkiDriver();
  const ankiProfile = tempProfile('acs-msync-anki-');
  const ourProfile = tempProfile('acs-msync-ours-');
  const ours: MediaPaths = mediaPathsForCollection(ourProfile.path);
  const ankiMedia = ankiProfile.path.replace(/\.anki2$/, '.media');
  let server: AnkiSyncServer | undefined;
  let http: SyncHttp;
  let auth: SyncAuth;
  let clock = 1_700_000_000;

  before(async () => {
    server = await AnkiSyncServer.start();
    http = new SyncHttp({ endpoint: server.url, hkey: AnkiSyncServer.hostKey('user', 'pass') });
    await anki.open(ankiProfile.path);
    auth = await anki.syncLogin('user', 'pass', server.url);
  });

  after(async () => {
    await anki.stop();
    await server?.stop();
    ankiProfile.remove();
    ourProfile.remove();
  });

  /** Writes into our media folder, with times of its own so every change is seen. */
  function writeOurs(name: string, data: Buffer): void {
    mkdirSync(ours.mediaDir, { recursive: true });
    writeFileSync(join(ours.mediaDir, name), data);
    clock += 10;
    utimesSync(join(ours.mediaDir, name), clock, clock);
    utimesSync(ours.mediaDir, clock, clock);
  }

  const serverMedia = (): string => join(server!.userFolder('user'), 'media');
  const names = (dir: string): string[] => readdirSync(dir).sort();

  let failed: string | undefined;
  function step(name: string, body: () => Promise<void>): void {
    test(name, async (t) => {
      if (server === undefined) throw new Error('the sync server did not start');
      if (failed !== undefined) {
        t.skip(`after the failed step "${failed}"`);
        return;
      }
      try {
        await body();
      } catch (err) {
        failed = name;
        if (err instanceof Error) err.message += `\n--- Anki's sync server:\n${server.log()}`;
        throw err;
      }
    });
  }

  step('we push two files; Anki pulls them', async () => {
    writeOurs('picture.png', PICTURE);
    writeOurs('sound ü.mp3', SOUND);
    writeOurs('thumbs.db', Buffer.from('never synced'));
    writeOurs('empty.txt', Buffer.alloc(0));
    assert.deepEqual(await syncMedia(http, ours), { ...NO_CHANGES, uploaded: 2 });
    assert.deepEqual(names(serverMedia()), ['picture.png', 'sound ü.mp3']);
    await anki.syncMedia(auth);
    assert.deepEqual(readFileSync(join(ankiMedia, 'picture.png')), PICTURE);
    assert.deepEqual(readFileSync(join(ankiMedia, 'sound ü.mp3')), SOUND);
    // Anki made its media database on first use: ours has the same schema and settings.
    const fresh = join(ourProfile.base, 'fresh.media.db2');
    MediaDatabase.open(fresh).close();
    assert.deepEqual(describeMediaDb(fresh), { ...(describeMediaDb(`${ankiMedia}.db2`) as object), meta: [{ dirMod: 0, lastUsn: 0 }] });
    // Our own upload is not fetched back.
    assert.deepEqual(await syncMedia(http, ours), NO_CHANGES);
  });

  step('Anki adds one file and deletes another; we follow, into media.trash', async () => {
    assert.equal(await anki.write('storeMediaFile', { filename: 'from anki.jpg', data: FROM_ANKI.toString('base64') }), 'from anki.jpg');
    await anki.write('deleteMediaFile', { filename: 'picture.png' });
    await anki.syncMedia(auth);
    assert.deepEqual(await syncMedia(http, ours), { ...NO_CHANGES, downloaded: 1, removedLocally: 1 });
    assert.deepEqual(readFileSync(join(ours.mediaDir, 'from anki.jpg')), FROM_ANKI);
    assert.equal(existsSync(join(ours.mediaDir, 'picture.png')), false);
    assert.deepEqual(readFileSync(join(ourProfile.base, 'User 1', 'media.trash', 'picture.png')), PICTURE);
  });

  step('we delete a file; Anki follows', async () => {
    unlinkSync(join(ours.mediaDir, 'sound ü.mp3'));
    clock += 10;
    utimesSync(ours.mediaDir, clock, clock);
    assert.deepEqual(await syncMedia(http, ours), { ...NO_CHANGES, removedRemotely: 1 });
    await anki.syncMedia(auth);
    assert.deepEqual(await anki.ac('getMediaFilesNames', {}), ['from anki.jpg']);
  });

  step('both change one file: the server (Anki, first to sync) wins', async () => {
    writeOurs('from anki.jpg', Buffer.from('our edit'));
    const theirs = Buffer.from('their edit');
    await anki.write('storeMediaFile', { filename: 'from anki.jpg', data: theirs.toString('base64') });
    await anki.syncMedia(auth);
    assert.deepEqual(await syncMedia(http, ours), { ...NO_CHANGES, downloaded: 1 });
    assert.deepEqual(readFileSync(join(ours.mediaDir, 'from anki.jpg')), theirs);
    assert.deepEqual(readFileSync(join(serverMedia(), 'from anki.jpg')), theirs);
  });

  step('real Anki opens our profile and takes our media database as its own', async () => {
    const before = readFileSync(join(ours.mediaDir, 'from anki.jpg'));
    const usnBefore = (() => {
      const db = MediaDatabase.open(ours.mediaDb);
      try {
        return db.getMeta().lastUsn;
      } finally {
        db.close();
      }
    })();
    // One new file, which Anki's scan must find through our database (and nothing else).
    writeOurs('added before anki.txt', Buffer.from('new'));
    const onOurs = new AnkiDriver();
    try {
      await onOurs.open(ourProfile.path);
      await onOurs.syncMedia(auth);
      assert.deepEqual(await onOurs.ac('getMediaFilesNames', {}), ['added before anki.txt', 'empty.txt', 'from anki.jpg', 'thumbs.db']);
      await onOurs.close();
    } finally {
      await onOurs.stop();
    }
    // Anki sent just the new file (one usn, fast-forwarded) and left the rest as it was.
    assert.deepEqual(readFileSync(join(ours.mediaDir, 'from anki.jpg')), before);
    assert.deepEqual(names(serverMedia()), ['added before anki.txt', 'from anki.jpg']);
    const db = MediaDatabase.open(ours.mediaDb);
    try {
      assert.equal(db.getMeta().lastUsn, usnBefore + 1);
      assert.equal(db.hasPendingUploads(), false);
    } finally {
      db.close();
    }
    assert.deepEqual(await syncMedia(http, ours), NO_CHANGES);
  });

  step('a failed mediaSanity on the real server wipes our database; the next sync recovers', async () => {
    // Believe in a file that exists nowhere, and step back one usn so that the sync has
    // something to fetch (the sanity check only runs after a sync that did something).
    const db = MediaDatabase.open(ours.mediaDb);
    try {
      db.transact(() => {
        db.setEntry({ fname: 'ghost.jpg', sha1: '0'.repeat(40), mtime: 1, dirty: false });
        const meta = db.getMeta();
        db.setMeta({ ...meta, lastUsn: meta.lastUsn - 1 });
      });
    } finally {
      db.close();
    }
    await assert.rejects(syncMedia(http, ours), (err: unknown) => err instanceof SyncError && err.kind === 'resyncRequired');
    const wiped = MediaDatabase.open(ours.mediaDb);
    try {
      assert.deepEqual(wiped.getMeta(), { dirMod: 0, lastUsn: 0 });
      assert.equal(wiped.countExisting(), 0);
    } finally {
      wiped.close();
    }
    assert.deepEqual(await syncMedia(http, ours), NO_CHANGES);
    assert.deepEqual(await syncMedia(http, ours), NO_CHANGES);
    assert.deepEqual(names(ours.mediaDir), ['added before anki.txt', 'empty.txt', 'from anki.jpg', 'thumbs.db']);
    assert.deepEqual(names(serverMedia()), ['added before anki.txt', 'from anki.jpg']);
  });
});
