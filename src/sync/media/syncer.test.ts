import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { sha1Hex } from '../../media/hash.js';
import { zstdCompress, zstdDecompress } from '../../packages/zstd.js';
import { SyncError } from '../errors.js';
import { SyncHttp } from '../http.js';
import { MediaDatabase } from './database.js';
import { TARGET_BATCH_BYTES } from './limits.js';
import { mediaChangesPending, mediaPathsForCollection, syncMedia } from './index.js';
import type { MediaPaths, MediaSyncOptions, MediaSyncResult } from './index.js';
import { isSyncableName } from './scanner.js';
import { decodeUploadZip, encodeDownloadZip } from './zip.js';
import type { DownloadedFile } from './zip.js';

const HKEY = 'test-host-key';

interface ServerFile {
  data: Buffer | null;
  usn: number;
}

/**
 * A media sync server in the test process, speaking the v11 protocol as Anki's self-hosted
 * server does: zstd bodies both ways, `anki-original-size` on success, plain-text errors, one
 * usn per applied change, changes listed in usn order, download replies cut after ~2.5 MiB.
 */
class FakeMediaServer {
  readonly files = new Map<string, ServerFile>();
  usn = 0;
  readonly calls: string[] = [];
  /** Number of changes per uploadChanges call, in order. */
  readonly uploadSizes: number[] = [];
  changesPageSize = 1000;
  sanityFails = false;
  /** Answer the n-th downloadFiles call (1-based) with a 500. */
  failDownloadCall: number | undefined;
  /** Rewrites a download reply before it is sent. */
  tamperDownload: ((files: DownloadedFile[]) => DownloadedFile[]) | undefined;
  /** Runs just before an upload is applied (another client racing us). */
  beforeUpload: (() => void) | undefined;
  private downloadCalls = 0;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Another client adds or replaces a file. */
  put(fname: string, data: string | Buffer): void {
    this.files.set(fname, { data: Buffer.from(data), usn: ++this.usn });
  }

  /** Another client deletes a file. */
  remove(fname: string): void {
    if (this.files.get(fname)?.data) this.files.set(fname, { data: null, usn: ++this.usn });
  }

  content(fname: string): string | null | undefined {
    const file = this.files.get(fname);
    return file === undefined ? undefined : (file.data?.toString() ?? null);
  }

  nonEmptyCount(): number {
    return [...this.files.values()].filter((f) => f.data !== null).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const header = JSON.parse(String(req.headers['anki-sync'])) as { v: number; k: string };
    if (header.v !== 11 || header.k !== HKEY) {
      res.writeHead(403).end('403');
      return;
    }
    const body = zstdDecompress(Buffer.concat(chunks));
    const method = (req.url ?? '').replace(/^\/msync\//, '');
    this.calls.push(method);
    const json = (): Record<string, unknown> => JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const reply = (data: Buffer): void => {
      res.writeHead(200, { 'anki-original-size': String(data.length) }).end(zstdCompress(data));
    };
    const envelope = (data: unknown): void => reply(Buffer.from(JSON.stringify({ data, err: '' })));
    switch (method) {
      case 'begin':
        if (json()['v'] === '') {
          res.writeHead(400).end('400');
          return;
        }
        envelope({ usn: this.usn, sk: HKEY });
        return;
      case 'mediaChanges': {
        const after = json()['lastUsn'] as number;
        const changes = [...this.files]
          .filter(([, f]) => f.usn > after)
          .sort((a, b) => a[1].usn - b[1].usn)
          .slice(0, this.changesPageSize)
          .map(([fname, f]) => [fname, f.usn, f.data === null ? '' : sha1Hex(f.data)]);
        envelope(changes);
        return;
      }
      case 'downloadFiles': {
        this.downloadCalls++;
        if (this.downloadCalls === this.failDownloadCall) {
          res.writeHead(500).end('500');
          return;
        }
        const names = json()['files'] as string[];
        if (names.length > 25) {
          res.writeHead(400).end('400');
          return;
        }
        const out: DownloadedFile[] = [];
        let bytes = 0;
        for (const fname of names) {
          const data = this.files.get(fname)?.data;
          if (!data) {
            res.writeHead(409).end('409');
            return;
          }
          out.push({ fname, data });
          bytes += data.length;
          if (bytes > TARGET_BATCH_BYTES) break;
        }
        reply(encodeDownloadZip(this.tamperDownload ? this.tamperDownload(out) : out));
        return;
      }
      case 'uploadChanges': {
        let changes;
        try {
          changes = decodeUploadZip(body);
        } catch {
          res.writeHead(400).end('400');
          return;
        }
        this.beforeUpload?.();
        this.uploadSizes.push(changes.length);
        for (const change of changes) {
          const existing = this.files.get(change.fname)?.data ?? null;
          if (change.data === null) {
            if (existing !== null) this.files.set(change.fname, { data: null, usn: ++this.usn });
          } else if (existing === null || !existing.equals(change.data)) {
            this.files.set(change.fname, { data: Buffer.from(change.data), usn: ++this.usn });
          }
        }
        envelope([changes.length, this.usn]);
        return;
      }
      case 'mediaSanity':
        envelope(!this.sanityFails && json()['local'] === this.nonEmptyCount() ? 'OK' : 'mediaSanity');
        return;
      default:
        res.writeHead(404).end('404');
    }
  }
}

let root = '';
let profile = '';
let paths: MediaPaths;
let server: FakeMediaServer;
let clock = 1_600_000_000;

/** Writes a media file with an mtime of its own, and moves the folder's mtime on. */
function writeLocal(name: string, data: string | Buffer): void {
  const path = join(paths.mediaDir, name);
  writeFileSync(path, data);
  clock += 10;
  utimesSync(path, clock, clock);
  utimesSync(paths.mediaDir, clock, clock);
}

function deleteLocal(name: string): void {
  unlinkSync(join(paths.mediaDir, name));
  clock += 10;
  utimesSync(paths.mediaDir, clock, clock);
}

const local = (name: string): string | undefined =>
  existsSync(join(paths.mediaDir, name)) ? readFileSync(join(paths.mediaDir, name), 'utf8') : undefined;

async function sync(options: MediaSyncOptions = {}): Promise<MediaSyncResult> {
  server.calls.length = 0;
  return syncMedia(new SyncHttp({ endpoint: server.url, hkey: HKEY }), paths, options);
}

function withDb<T>(fn: (db: MediaDatabase) => T): T {
  const db = MediaDatabase.open(paths.mediaDb);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The profile folder holds the media folder, its database, maybe the trash; nothing else. */
function assertNoStrayFiles(): void {
  const extra = readdirSync(profile).filter((n) => !['collection.media', 'collection.media.db2', 'media.trash'].includes(n));
  assert.deepEqual(extra, []);
  // Temporary files inside the folder would have names no scanner accepts.
  assert.deepEqual(
    readdirSync(paths.mediaDir).filter((n) => !isSyncableName(n)),
    [],
  );
}

describe('syncMedia against a fake server', () => {
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'acs-media-sync-'));
    profile = join(root, 'User 1');
    mkdirSync(profile);
    paths = mediaPathsForCollection(join(profile, 'collection.anki2'));
    server = new FakeMediaServer();
    await server.start();
  });
  afterEach(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('lays out the paths as Anki does', () => {
    assert.deepEqual(paths, { mediaDir: join(profile, 'collection.media'), mediaDb: join(profile, 'collection.media.db2') });
  });

  it('pulls everything, page by page, then has nothing to do', async () => {
    server.put('a.jpg', 'A');
    server.put('b.jpg', 'B');
    server.put('c.mp3', 'C');
    server.changesPageSize = 2;
    const result = await sync();
    assert.deepEqual(result, { downloaded: 3, uploaded: 0, removedLocally: 0, removedRemotely: 0 });
    assert.deepEqual(server.calls, ['begin', 'mediaChanges', 'downloadFiles', 'mediaChanges', 'downloadFiles', 'mediaChanges', 'mediaSanity']);
    assert.deepEqual([local('a.jpg'), local('b.jpg'), local('c.mp3')], ['A', 'B', 'C']);
    withDb((db) => {
      assert.deepEqual(db.getMeta().lastUsn, 3);
      assert.equal(db.countExisting(), 3);
      assert.equal(db.hasPendingUploads(), false);
      assert.equal(db.getEntry('a.jpg')?.sha1, sha1Hex(Buffer.from('A')));
    });
    assertNoStrayFiles();

    assert.deepEqual(await sync(), { downloaded: 0, uploaded: 0, removedLocally: 0, removedRemotely: 0 });
    assert.deepEqual(server.calls, ['begin']);
    assert.equal(await mediaChangesPending(paths), false);
  });

  it('downloads in requests of at most 25 names, following short replies', async () => {
    for (let i = 0; i < 30; i++) server.put(`f${i}.txt`, `file ${i}`);
    server.put('big1.bin', Buffer.alloc(2 * 1024 * 1024, 1));
    server.put('big2.bin', Buffer.alloc(2 * 1024 * 1024, 2));
    server.put('after.txt', 'after');
    const result = await sync();
    assert.equal(result.downloaded, 33);
    // 25 small ones; 5 small and both big (the server stops once past 2.5 MiB); the last one.
    assert.deepEqual(server.calls.filter((c) => c === 'downloadFiles').length, 3);
    assert.equal(local('after.txt'), 'after');
    assert.equal(readFileSync(join(paths.mediaDir, 'big2.bin')).length, 2 * 1024 * 1024);
  });

  it('pushes local files in batches of 25 and of about 2.5 MiB, fast-forwarding lastUsn', async () => {
    mkdirSync(paths.mediaDir);
    for (let i = 0; i < 30; i++) writeLocal(`n${String(i).padStart(2, '0')}.txt`, `note ${i}`);
    assert.equal(await mediaChangesPending(paths), true);
    const result = await sync();
    assert.deepEqual(result, { downloaded: 0, uploaded: 30, removedLocally: 0, removedRemotely: 0 });
    assert.deepEqual(server.calls, ['begin', 'uploadChanges', 'uploadChanges', 'mediaSanity']);
    assert.deepEqual(server.uploadSizes, [25, 5]);
    assert.equal(server.content('n07.txt'), 'note 7');
    withDb((db) => assert.equal(db.getMeta().lastUsn, 30));
    // Our own changes are not fetched back.
    await sync();
    assert.deepEqual(server.calls, ['begin']);

    const size = 1.5 * 1024 * 1024;
    writeLocal('x1.bin', Buffer.alloc(size, 1));
    writeLocal('x2.bin', Buffer.alloc(size, 2));
    writeLocal('x3.bin', Buffer.alloc(size, 3));
    server.uploadSizes.length = 0;
    await sync();
    assert.deepEqual(server.uploadSizes, [2, 1]);
  });

  it('propagates deletions both ways; local deletions go to media.trash', async () => {
    server.put('a.jpg', 'A');
    server.put('b.jpg', 'B');
    await sync();
    deleteLocal('a.jpg');
    server.remove('b.jpg');
    const result = await sync();
    assert.deepEqual(result, { downloaded: 0, uploaded: 0, removedLocally: 1, removedRemotely: 1 });
    assert.equal(server.content('a.jpg'), null);
    assert.equal(local('b.jpg'), undefined);
    assert.equal(readFileSync(join(profile, 'media.trash', 'b.jpg'), 'utf8'), 'B');
    withDb((db) => {
      assert.equal(db.getEntry('b.jpg'), undefined);
      assert.deepEqual(db.getEntry('a.jpg'), { fname: 'a.jpg', sha1: null, mtime: 0, dirty: false });
      assert.equal(db.getMeta().lastUsn, server.usn);
    });
    await sync();
    assert.deepEqual(server.calls, ['begin']);
  });

  it('the server wins when both sides changed a file; equal changes are not uploaded', async () => {
    server.put('a.jpg', 'v1');
    server.put('b.jpg', 'v1');
    await sync();
    writeLocal('a.jpg', 'local v2');
    server.put('a.jpg', 'server v2');
    writeLocal('b.jpg', 'same v2');
    server.put('b.jpg', 'same v2');
    const result = await sync();
    assert.deepEqual(result, { downloaded: 1, uploaded: 0, removedLocally: 0, removedRemotely: 0 });
    assert.equal(local('a.jpg'), 'server v2');
    assert.equal(server.content('a.jpg'), 'server v2');
    assert.ok(!server.calls.includes('uploadChanges'));
    withDb((db) => assert.equal(db.hasPendingUploads(), false));
  });

  it('a pending local addition survives a server deletion and is uploaded again', async () => {
    server.put('a.jpg', 'v1');
    await sync();
    writeLocal('a.jpg', 'v2');
    server.remove('a.jpg');
    const result = await sync();
    assert.deepEqual(result, { downloaded: 0, uploaded: 1, removedLocally: 0, removedRemotely: 0 });
    assert.equal(server.content('a.jpg'), 'v2');
  });

  it('uses the caller\'s server usn instead of begin, and fast-forwards only when nobody raced', async () => {
    server.put('a.jpg', 'A');
    await sync();
    const synced = server.usn;
    // Nothing to do: not a single call.
    await sync({ serverUsn: synced });
    assert.deepEqual(server.calls, []);

    // Another client replaces a.jpg while our upload is on its way: the server's usn moves by
    // two for our one change, so lastUsn stays behind and the next sync fetches the gap.
    writeLocal('b.jpg', 'B');
    server.beforeUpload = () => {
      server.put('a.jpg', 'A2');
      server.beforeUpload = undefined;
    };
    await sync({ serverUsn: synced });
    assert.deepEqual(server.calls, ['uploadChanges', 'mediaSanity']);
    withDb((db) => assert.equal(db.getMeta().lastUsn, synced));
    assert.equal(local('a.jpg'), 'A');

    const result = await sync({ serverUsn: server.usn });
    assert.deepEqual(result, { downloaded: 1, uploaded: 0, removedLocally: 0, removedRemotely: 0 });
    assert.equal(local('a.jpg'), 'A2');
    withDb((db) => assert.equal(db.getMeta().lastUsn, server.usn));
  });

  it('a failed mediaSanity wipes the media database; the next sync recovers', async () => {
    server.put('a.jpg', 'A');
    await sync();
    writeLocal('b.jpg', 'B');
    server.sanityFails = true;
    await assert.rejects(sync(), (err: unknown) => err instanceof SyncError && err.kind === 'resyncRequired');
    withDb((db) => {
      assert.deepEqual(db.getMeta(), { dirMod: 0, lastUsn: 0 });
      assert.equal(db.getEntry('a.jpg'), undefined);
      assert.equal(db.getEntry('b.jpg'), undefined);
    });
    server.sanityFails = false;
    const result = await sync();
    // Everything is rescanned and refetched; identical files are settled without transfers.
    assert.deepEqual(result, { downloaded: 0, uploaded: 0, removedLocally: 0, removedRemotely: 0 });
    assert.deepEqual(server.calls, ['begin', 'mediaChanges', 'mediaChanges', 'mediaSanity']);
    withDb((db) => {
      assert.equal(db.countExisting(), 2);
      assert.equal(db.hasPendingUploads(), false);
      assert.equal(db.getMeta().lastUsn, server.usn);
    });
  });

  it('an interrupted pull leaves only complete files and a consistent database', async () => {
    for (let i = 0; i < 30; i++) server.put(`f${i}.txt`, `file ${i}`);
    server.failDownloadCall = 2;
    await assert.rejects(sync(), (err: unknown) => err instanceof SyncError && err.kind === 'serverError');
    assertNoStrayFiles();
    const written = readdirSync(paths.mediaDir);
    assert.equal(written.length, 25);
    for (const name of written) assert.equal(local(name), `file ${name.slice(1, -4)}`);
    withDb((db) => assert.equal(db.getMeta().lastUsn, 0));

    server.failDownloadCall = undefined;
    const result = await sync();
    assert.deepEqual(result, { downloaded: 5, uploaded: 0, removedLocally: 0, removedRemotely: 0 });
    assert.ok(!server.calls.includes('uploadChanges'));
    withDb((db) => {
      assert.equal(db.countExisting(), 30);
      assert.equal(db.hasPendingUploads(), false);
    });
  });

  it('a file the server names badly is stored under its normalised name, and renamed there', async () => {
    server.files.set('a:b.jpg', { data: Buffer.from('AB'), usn: ++server.usn });
    await sync();
    assert.equal(local('ab.jpg'), 'AB');
    assert.equal(server.content('a:b.jpg'), null);
    assert.equal(server.content('ab.jpg'), 'AB');
    withDb((db) => assert.equal(db.hasPendingUploads(), false));
  });

  it('a path-like name from the server never reaches outside the folder', async () => {
    server.files.set('../evil.txt', { data: Buffer.from('evil'), usn: ++server.usn });
    server.files.set('..', { data: Buffer.from('dots'), usn: ++server.usn });
    // The server would then hold more files than we do, so the sanity check may fail; the
    // point here is where the files went.
    await sync().catch((err: unknown) => {
      if (!(err instanceof SyncError)) throw err;
    });
    assert.deepEqual(readdirSync(root), ['User 1']);
    assertNoStrayFiles();
    assert.deepEqual(readdirSync(paths.mediaDir).sort(), ['.._', '..evil.txt']);
  });

  it('refuses a download reply that does not match the request, and recovers afterwards', async () => {
    server.put('a.jpg', 'A');
    server.put('b.jpg', 'B');
    server.tamperDownload = (files) => files.map((f) => ({ ...f, fname: f.fname === 'a.jpg' ? 'other.jpg' : f.fname }));
    await assert.rejects(sync(), (err: unknown) => err instanceof SyncError && /malformed/.test(err.message));
    assert.equal(local('other.jpg'), undefined);
    server.tamperDownload = undefined;
    assert.equal((await sync()).downloaded, 2);
  });

  it('a file added to the folder while a pull waits on the network is not hidden from the next scan', async () => {
    server.put('a.jpg', 'A');
    mkdirSync(paths.mediaDir);
    utimesSync(paths.mediaDir, clock, clock);
    server.tamperDownload = (files) => {
      // Someone else (an Anki-Connect request, say) stores a file meanwhile.
      writeFileSync(join(paths.mediaDir, 'added meanwhile.jpg'), 'M');
      return files;
    };
    await sync();
    server.tamperDownload = undefined;
    assert.equal(await mediaChangesPending(paths), true);
    assert.equal((await sync()).uploaded, 1);
    assert.equal(server.content('added meanwhile.jpg'), 'M');
  });

  it('sends deletions for rows whose file vanished after the scan', async () => {
    server.put('a.jpg', 'A');
    await sync();
    // A row still lists a.jpg as present and dirty, but the file is gone.
    withDb((db) => {
      db.setEntry({ fname: 'a.jpg', sha1: sha1Hex(Buffer.from('A')), mtime: 1, dirty: true });
    });
    unlinkSync(join(paths.mediaDir, 'a.jpg'));
    utimesSync(paths.mediaDir, clock, clock); // not a change the scanner would see
    withDb((db) => db.setMeta({ dirMod: Number(BigInt(clock) * 1000n), lastUsn: db.getMeta().lastUsn }));
    const result = await sync();
    assert.equal(result.removedRemotely, 1);
    assert.equal(server.content('a.jpg'), null);
    withDb((db) => assert.deepEqual(db.getEntry('a.jpg'), { fname: 'a.jpg', sha1: null, mtime: 0, dirty: false }));
  });

  it('drops rows that cannot be uploaded (empty file) and sends the rest', async () => {
    mkdirSync(paths.mediaDir);
    writeLocal('ok.jpg', 'ok');
    writeLocal('empty.jpg', 'soon empty');
    await mediaChangesPending(paths);
    // Emptied after the scan, without the scanner noticing.
    writeFileSync(join(paths.mediaDir, 'empty.jpg'), '');
    utimesSync(paths.mediaDir, clock, clock);
    const result = await sync();
    assert.equal(result.uploaded, 1);
    assert.equal(server.content('empty.jpg'), undefined);
    withDb((db) => assert.equal(db.getEntry('empty.jpg'), undefined));
  });

  it('answers 403 with authFailed', async () => {
    await assert.rejects(
      syncMedia(new SyncHttp({ endpoint: server.url, hkey: 'wrong' }), paths),
      (err: unknown) => err instanceof SyncError && err.kind === 'authFailed',
    );
  });
});
