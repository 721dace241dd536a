// Sync failures, against Anki's own sync server and a real Anki client: wrong credentials, an
// unreachable endpoint, a sync server that dies mid-sync (at several points of the protocol,
// through a proxy that kills it as a given request arrives), and our server SIGKILLed mid-sync.
// Each time our collection holds changes not yet synced (added, edited and deleted notes) and
// the account holds changes from real Anki; each failure gives Anki's error text, leaves every
// row of our collection as it was before the sync (the changes still pending, nothing of the
// server's half-applied), and a collection Anki's Check Database finds clean; and once the cause
// is gone, the next sync carries everything and real Anki sees the same notes.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { authPath } from '../src/sync/auth.js';
import { unicaseExtensionPath } from '../src/storage/database.js';
import { AnkiDriver, AnkiError, SyncRequired, type SyncAuth } from './support/anki.js';
import { checkInAnki } from './support/check-database.js';
import { tempProfile } from './support/profile.js';
import { diffRows, dumpOpenRows, dumpRows } from './support/rows.js';
import { OurServer } from './support/server.js';
import { stepper } from './support/steps.js';
import { SyncProxy } from './support/sync-proxy.js';
import { AnkiSyncServer } from './support/sync-server.js';

const AUTH_FAILED = 'Email or password was incorrect; please try again.';
const NETWORK_ERROR = 'A network error occurred.';
const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.ts');

/** Something that answers Anki-Connect actions: the server in this process, or one in its own. */
interface Api {
  call(action: string, params?: Record<string, unknown>): Promise<unknown>;
}

/** Our server as its own process (the CLI), spoken to over HTTP. */
class ServerProcess implements Api {
  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    private readonly port: number,
    readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
    readonly output: () => string,
  ) {}

  static start(args: string[]): Promise<ServerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args]);
    let output = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
      child.once('exit', (code, signal) => done({ code, signal }));
    });
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolvePromise, reject) => {
      child.stdout.on('data', () => {
        const match = /serving Anki-Connect API v6 on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (match?.[1] !== undefined) resolvePromise(new ServerProcess(child, Number(match[1]), exited, () => output));
      });
      void exited.then(({ code, signal }) => reject(new Error(`the server exited (${code ?? signal}) before serving:\n${output}`)));
    });
  }

  async outcome(action: string, params: Record<string, unknown> = {}): Promise<{ result: unknown } | { error: string }> {
    const reply = await fetch(`http://127.0.0.1:${this.port}/`, { method: 'POST', body: JSON.stringify({ action, version: 6, params }) });
    const body = (await reply.json()) as { result: unknown; error: string | null };
    return body.error === null ? { result: body.result } : { error: body.error };
  }

  async call(action: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const outcome = await this.outcome(action, params);
    if ('error' in outcome) throw new Error(`${action}: ${outcome.error}`);
    return outcome.result;
  }

  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** The changes made here before a sync: notes added, one edited (to `text`), one deleted. */
interface LocalChanges {
  added: number[];
  edited: number;
  text: string;
  deleted: number;
}

/** Each is pending in the collection open on `db`: usn -1 on the notes, the deletion a grave with usn -1. */
function assertPending(db: Database.Database, changes: LocalChanges, label: string): void {
  const note = db.prepare<[number], { usn: number; flds: string }>('select usn, flds from notes where id = ?');
  for (const id of changes.added) assert.equal(note.get(id)?.usn, -1, `${label}: added note ${id} is pending`);
  assert.equal(note.get(changes.edited)?.usn, -1, `${label}: the edited note is pending`);
  assert.ok(note.get(changes.edited)?.flds.includes(changes.text), `${label}: the edit is kept`);
  assert.equal(note.get(changes.deleted), undefined, `${label}: the deleted note stays deleted`);
  const grave = db.prepare<[number], { usn: number }>('select usn from graves where oid = ? and type = 1').get(changes.deleted);
  assert.equal(grave?.usn, -1, `${label}: the deletion's grave is pending`);
}

describe('sync failures leave a valid collection and a clear error, and a later sync succeeds', () => {
  const peer = new AnkiDriver();
  const checker = new AnkiDriver();
  const ours = tempProfile('acs-syncfail-ours-');
  const theirs = tempProfile('acs-syncfail-anki-');
  const configFile = join(ours.base, 'config.json');
  const serverArgs = ['--base', ours.base, '--profile', 'User 1', '--port', '0', '--bind', '127.0.0.1', '--config', configFile];
  let syncServer: AnkiSyncServer | undefined;
  let proxy: SyncProxy | undefined;
  let server: OurServer | undefined;
  const processes: ServerProcess[] = [];
  let peerAuth: SyncAuth;
  let round = 0;
  const step = stepper(() => syncServer);

  const open = (): OurServer => {
    if (server === undefined) throw new Error('our server is not open');
    return server;
  };

  before(async () => {
    syncServer = await AnkiSyncServer.start();
    const target = syncServer;
    proxy = await SyncProxy.start(() => target.url);
    server = OurServer.open(ours.path);
    writeFileSync(configFile, JSON.stringify({ syncOnStartStop: false }));
    await peer.open(theirs.path);
  });

  after(async () => {
    for (const child of processes) if (child.alive()) child.child.kill('SIGKILL');
    server?.close();
    await Promise.all([peer.stop(), checker.stop()]);
    await proxy?.close();
    await syncServer?.stop();
    ours.remove();
    theirs.remove();
  });

  /** Our changes: two notes added, an older one of ours edited and another deleted. */
  async function changeHere(api: Api): Promise<LocalChanges> {
    const older = (await api.call('findNotes', { query: 'tag:ours' })) as number[];
    const added = (await api.call('addNotes', {
      notes: [0, 1].map((i) => ({ deckName: 'Default', modelName: 'Basic', fields: { Front: `ours ${round}.${i}`, Back: 'here' }, tags: ['ours'] })),
    })) as number[];
    const [edited, deleted] = older;
    if (edited === undefined || deleted === undefined) throw new Error('too few notes of ours left');
    const text = `edited here in round ${round}`;
    await api.call('updateNoteFields', { note: { id: edited, fields: { Back: text } } });
    await api.call('deleteNotes', { notes: [deleted] });
    return { added, edited, text, deleted };
  }

  /** Real Anki's changes, synced to the account: two notes added, its oldest edited, another deleted. */
  async function changeInAnki(): Promise<void> {
    for (const i of [0, 1]) {
      await peer.write('addNote', { deckName: 'Default', modelName: 'Basic', fields: { Front: `anki ${round}.${i}`, Back: 'there' }, tags: ['peer'] });
    }
    const [first, second] = (await peer.ac('findNotes', { query: 'tag:peer' })) as number[];
    await peer.write('updateNoteFields', { id: first, fields: { Back: `edited in Anki in round ${round}` } });
    if (round > 1) await peer.write('deleteNotes', { notes: [second] });
    assert.equal((await peer.syncCollection(peerAuth)).required, SyncRequired.NO_CHANGES);
  }

  /**
   * A round of changes: real Anki's first, synced, then ours. Note ids are creation times in ms
   * on both sides, so notes added here and in Anki in the same millisecond would share an id;
   * Anki's sync has finished before ours are made, which keeps them apart.
   */
  async function changeBoth(api: Api): Promise<LocalChanges> {
    round++;
    await changeInAnki();
    return changeHere(api);
  }

  /** Runs the failing sync and checks that every row of ours is as it was, the changes still pending. */
  async function failingSync(changes: LocalChanges, expected: string, label: string): Promise<void> {
    const col = open().col;
    const rowsBefore = dumpOpenRows(col.db);
    assert.deepEqual(await open().outcome('sync'), { error: expected }, `${label}: the error`);
    assert.deepEqual(diffRows(rowsBefore, dumpOpenRows(open().col.db)), [], `${label}: rows changed by the failed sync`);
    assertPending(open().col.db, changes, label);
    const status = (await open().call('getSyncStatus')) as { lastError: string | null; pendingChanges: boolean; syncing: boolean };
    assert.equal(status.lastError, expected);
    assert.equal(status.pendingChanges, true);
    assert.equal(status.syncing, false);
  }

  /** Our server closed, Anki's Check Database finds nothing to fix or change; then it is opened again. */
  async function assertValidInAnki(label: string): Promise<void> {
    open().close();
    server = undefined;
    assert.deepEqual(await checkInAnki(checker, ours.path), { problems: [], changes: [] }, `${label}: Check Database`);
    server = OurServer.open(ours.path);
  }

  /** Real Anki syncs after us and holds the same notes, our changes among them. */
  async function assertAnkiSees(api: Api, changes: LocalChanges | undefined, label: string): Promise<void> {
    assert.equal((await peer.syncCollection(peerAuth)).required, SyncRequired.NO_CHANGES, `${label}: Anki's sync`);
    const ids = (await api.call('findNotes', { query: 'deck:*' })) as number[];
    assert.deepEqual(await peer.ac('findNotes', { query: 'deck:*' }), ids, `${label}: the same notes`);
    const infos = await api.call('notesInfo', { notes: ids });
    assert.deepEqual(await peer.ac('notesInfo', { notes: ids }), infos, `${label}: the same notesInfo`);
    if (changes !== undefined) {
      for (const id of changes.added) assert.ok(ids.includes(id), `${label}: added note ${id} reached Anki`);
      assert.ok(!ids.includes(changes.deleted), `${label}: the deletion reached Anki`);
      const [edited] = (await peer.ac('notesInfo', { notes: [changes.edited] })) as { fields: { Back: { value: string } } }[];
      assert.equal(edited?.fields.Back.value, changes.text, `${label}: the edit reached Anki`);
    }
    const fromAnki = (await api.call('findNotes', { query: 'tag:peer' })) as number[];
    assert.equal(fromAnki.length, round === 0 ? 0 : round + 1, `${label}: the notes added and deleted in Anki reached us`);
  }

  async function syncSucceeds(label: string): Promise<void> {
    assert.deepEqual(await open().outcome('sync'), { result: null }, `${label}: the later sync`);
    const status = (await open().call('getSyncStatus')) as { lastError: string | null; pendingChanges: boolean; loggedIn: boolean };
    assert.deepEqual([status.loggedIn, status.lastError, status.pendingChanges], [true, null, false], `${label}: status after the sync`);
  }

  step('setup: our collection is uploaded to the account and real Anki downloads it', async (sync) => {
    await open().call('addNotes', {
      notes: Array.from({ length: 14 }, (_, i) => ({ deckName: 'Default', modelName: 'Basic', fields: { Front: `ours ${i}`, Back: 'here' }, tags: ['ours'] })),
    });
    assert.deepEqual(await open().call('syncLogin', { username: 'user', password: 'pass', endpoint: sync.url }), { username: 'user', endpoint: sync.url });
    assert.deepEqual(await open().outcome('sync', { fullSync: 'upload' }), { result: null });
    peerAuth = await peer.syncLogin('user', 'pass', sync.url);
    const first = await peer.syncCollection(peerAuth);
    assert.equal(first.required, SyncRequired.FULL_DOWNLOAD);
    await peer.fullSync(peerAuth, { upload: false });
    await assertAnkiSees(open(), undefined, 'setup');
  });

  step('wrong credentials: a wrong password keeps no key; a key the server rejects is forgotten; logging in again syncs', async (sync) => {
    const keyFile = authPath(ours.path);
    const stored = readFileSync(keyFile, 'utf8');
    // A wrong password: Anki's text, and the key kept from before is left alone.
    assert.deepEqual(await open().outcome('syncLogin', { username: 'user', password: 'wrong', endpoint: sync.url }), { error: AUTH_FAILED });
    assert.equal(readFileSync(keyFile, 'utf8'), stored);
    // With no key at all, none is written.
    assert.equal(await open().call('syncLogout'), true);
    assert.deepEqual(await open().outcome('syncLogin', { username: 'user', password: 'wrong', endpoint: sync.url }), { error: AUTH_FAILED });
    assert.equal(existsSync(keyFile), false, 'no key file after a failed login');

    const changes = await changeBoth(open());
    writeFileSync(keyFile, JSON.stringify({ hkey: AnkiSyncServer.hostKey('user', 'not the password'), username: 'user', endpoint: sync.url }));
    assert.equal(((await open().call('getSyncStatus')) as { loggedIn: boolean }).loggedIn, true);
    await failingSync(changes, AUTH_FAILED, 'rejected key');
    assert.equal(existsSync(keyFile), false, 'the rejected key is forgotten');
    assert.equal(((await open().call('getSyncStatus')) as { loggedIn: boolean }).loggedIn, false);
    assert.deepEqual(await open().outcome('sync'), { error: 'sync: auth not configured' });
    await assertValidInAnki('rejected key');

    await open().call('syncLogin', { username: 'user', password: 'pass', endpoint: sync.url });
    await syncSucceeds('rejected key');
    await assertAnkiSees(open(), changes, 'rejected key');
  });

  step('an unreachable endpoint: a network error, the key kept; once the server is back the sync succeeds', async (sync) => {
    const keyFile = authPath(ours.path);
    const stored = readFileSync(keyFile, 'utf8');
    const nowhere = `http://127.0.0.1:${await closedPort()}/`;
    assert.deepEqual(await open().outcome('syncLogin', { username: 'user', password: 'pass', endpoint: nowhere }), { error: NETWORK_ERROR });
    assert.equal(readFileSync(keyFile, 'utf8'), stored, 'a failed login leaves the key as it was');

    const changes = await changeBoth(open());
    await sync.crash();
    // Real Anki gives the same text for the same failure.
    await assert.rejects(peer.syncCollection(peerAuth), (err: unknown) => err instanceof AnkiError && err.type === 'NetworkError' && err.message.startsWith(NETWORK_ERROR));
    await failingSync(changes, NETWORK_ERROR, 'server down');
    assert.equal(readFileSync(keyFile, 'utf8'), stored, 'a network error keeps the key');
    await assertValidInAnki('server down');

    await sync.restart();
    await syncSucceeds('server down');
    await assertAnkiSees(open(), changes, 'server down');
  });

  // Where the sync server dies: before our client applied the server's changes (it has applied
  // the server's graves and marked its own changes sent), after it applied the server's tags,
  // decks, note types and config, after both sides applied all of the other's changes, and at
  // the very last call.
  const interruptions: [string, string][] = [
    ['/sync/applyChanges', 'before our client applied the server\'s changes'],
    ['/sync/chunk', 'after our client applied the server\'s graves, tags and config, before its notes'],
    ['/sync/sanityCheck2', 'after both sides applied all of the other\'s changes'],
    ['/sync/finish', 'as the sync was to be committed'],
  ];
  for (const [path, when] of interruptions) {
    step(`the sync server dies at ${path} (${when}): rolled back here; once it is back the sync succeeds`, async (sync) => {
      const through = proxy!;
      await open().call('syncLogin', { username: 'user', password: 'pass', endpoint: through.url });
      const changes = await changeBoth(open());
      through.interrupt(path, async () => {
        await sync.crash();
        return 'forward';
      });
      const from = through.paths.length;
      await failingSync(changes, NETWORK_ERROR, `dies at ${path}`);
      assert.equal(through.armed(path), false, `the sync reached ${path}`);
      const asked = through.paths.slice(from);
      assert.deepEqual(asked.slice(asked.indexOf(path)), [path, '/sync/abort'], `${path}: after the failure only the abort was tried: ${asked.join(' ')}`);
      await assertValidInAnki(`dies at ${path}`);

      await sync.restart();
      await syncSucceeds(`dies at ${path}`);
      await assertAnkiSees(open(), changes, `dies at ${path}`);
    });
  }

  step('our server, its own process, is SIGKILLed mid-sync: the file is valid, the changes pending; the next sync succeeds', async () => {
    const through = proxy!;
    const changes = await changeBoth(open());
    open().close();
    server = undefined;
    const rowsBefore = dumpRows(ours.path);

    const running = await ServerProcess.start(serverArgs);
    processes.push(running);
    assert.deepEqual(await running.call('syncLogin', { username: 'user', password: 'pass', endpoint: through.url }), { username: 'user', endpoint: through.url });
    let held!: () => void;
    const heldNow = new Promise<void>((done) => (held = done));
    let release!: () => void;
    const released = new Promise<void>((done) => (release = done));
    through.interrupt('/sync/sanityCheck2', async () => {
      held();
      await released;
      return 'drop';
    });
    const from = through.paths.length;
    const reply = running.outcome('sync').then(
      (outcome) => JSON.stringify(outcome),
      () => 'no reply',
    );
    // The sync has applied the server's changes and marked ours sent, all in its transaction.
    await heldNow;
    assert.deepEqual(through.paths.slice(from, from + 2), ['/sync/meta', '/sync/start']);
    running.child.kill('SIGKILL');
    assert.deepEqual(await running.exited, { code: null, signal: 'SIGKILL' });
    release();
    assert.equal(await reply, 'no reply');

    assert.deepEqual(diffRows(rowsBefore, dumpRows(ours.path)), [], 'rows changed by the killed sync');
    const db = new Database(ours.path, { fileMustExist: true });
    try {
      db.loadExtension(unicaseExtensionPath());
      assertPending(db, changes, 'killed');
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }
    assert.deepEqual(await checkInAnki(checker, ours.path), { problems: [], changes: [] }, 'killed: Check Database');

    const again = await ServerProcess.start(serverArgs);
    processes.push(again);
    assert.deepEqual(await again.outcome('sync'), { result: null }, 'the sync after the restart');
    await assertAnkiSees(again, changes, 'killed');
    again.child.kill('SIGTERM');
    assert.deepEqual(await again.exited, { code: 0, signal: null }, again.output());
  });

  step('finally both collections pass Check Database', async () => {
    await peer.close();
    assert.deepEqual(await checkInAnki(checker, theirs.path), { problems: [], changes: [] }, 'Anki\'s collection');
    assert.deepEqual(await checkInAnki(checker, ours.path), { problems: [], changes: [] }, 'ours');
  });
});
