/**
 * One media sync (rslib `sync/media/syncer.rs`): scan the folder, pull the server's changes if
 * the usns differ, push local changes while any are waiting, then compare file counts.
 *
 * Consistency: the database is only written in short transactions that each leave it valid, and
 * always after the files they describe are in place. If a sync stops half-way, the files already
 * written or trashed change the folder's mtime, so the next scan records them; the pull then
 * starts again from the last usn that was committed and settles each of them (identical files
 * are marked clean, server deletions drop the pending row). The media sync never touches the
 * collection and needs none of its transactions.
 */
import { makeFolders } from '../../storage/folders.js';
import { resolve } from 'node:path';
import { SyncError } from '../errors.js';
import type { SyncHttp } from '../http.js';
import { planChanges } from './changes.js';
import { MediaDatabase } from './database.js';
import { mtimeMillis } from './file-times.js';
import type { AddedFile } from './folder-writes.js';
import { removeStrayTempFiles, storeDownloadedFile, trashFiles } from './folder-writes.js';
import { MAX_FILES_PER_BATCH } from './limits.js';
import { MediaSyncClient } from './protocol.js';
import { registerChanges } from './scanner.js';
import { gatherUploadBatch } from './upload-batch.js';
import { encodeUploadZip, serverAcceptsName } from './zip.js';

export interface MediaPaths {
  /** The media folder, `<profile>/collection.media`; created if missing, as Anki does. */
  readonly mediaDir: string;
  /** The media database, `<profile>/collection.media.db2`; created if missing. */
  readonly mediaDb: string;
}

export interface MediaSyncOptions {
  /**
   * The server's media usn from the collection sync's `meta` reply (`media_usn`). When given,
   * `msync/begin` is skipped, as Anki skips it after a collection sync.
   */
  readonly serverUsn?: number;
  /** Progress and decisions, one line each. */
  readonly log?: (message: string) => void;
}

export interface MediaSyncResult {
  /** Files fetched from the server and written into the folder. */
  downloaded: number;
  /** Files sent to the server (additions and replacements it processed). */
  uploaded: number;
  /** Local files moved to the trash because the server had deleted them. */
  removedLocally: number;
  /** Deletions sent to the server and processed by it. */
  removedRemotely: number;
}

// Two syncs of one database in this process would interleave their scans and batches; they are
// queued instead (another process still must not sync the same profile at the same time).
const running = new Map<string, Promise<unknown>>();

/** Runs `fn` after any earlier call for the same media database has finished. */
export async function exclusively<T>(mediaDb: string, fn: () => Promise<T>): Promise<T> {
  const key = resolve(mediaDb);
  const before = running.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(fn);
  const settled = mine.catch(() => undefined);
  running.set(key, settled);
  try {
    return await mine;
  } finally {
    if (running.get(key) === settled) running.delete(key);
  }
}

/**
 * Decides the `dirMod` a pull batch may record. Anki records the folder's mtime after its own
 * writes, which would also hide a file someone else added meanwhile (here: an Anki-Connect
 * request served while the sync waits for the network) until the folder changes again. So the
 * new mtime is only recorded if the folder was scanned up to date when the batch began and
 * nothing but our own writes moved its mtime since; otherwise the old value stays and the next
 * scan looks again. (Writes within one tick of the filesystem clock stay indistinguishable.)
 */
class FolderWatch {
  private expected: number;
  private untouched: boolean;

  constructor(
    private readonly dir: string,
    private readonly recorded: number,
  ) {
    this.expected = mtimeMillis(dir);
    this.untouched = this.expected === recorded;
  }

  /** Call right before a synchronous run of our own writes. */
  beforeOwnChange(): void {
    if (mtimeMillis(this.dir) !== this.expected) this.untouched = false;
  }

  /** Call right after a synchronous run of our own writes. */
  ownChange(): void {
    this.expected = mtimeMillis(this.dir);
  }

  dirModAfter(): number {
    this.beforeOwnChange();
    return this.untouched ? this.expected : this.recorded;
  }
}

class MediaSyncer {
  readonly result: MediaSyncResult = { downloaded: 0, uploaded: 0, removedLocally: 0, removedRemotely: 0 };
  private readonly client: MediaSyncClient;

  constructor(
    http: SyncHttp,
    private readonly db: MediaDatabase,
    private readonly mediaDir: string,
    private readonly log: (message: string) => void,
  ) {
    this.client = new MediaSyncClient(http);
  }

  async run(serverUsn: number | undefined): Promise<void> {
    const scan = await registerChanges(this.db, this.mediaDir);
    if (scan.scanned) this.log(`media scan: ${scan.changed} added or changed, ${scan.removed} removed`);
    const clientUsn = this.db.getMeta().lastUsn;
    const usn = serverUsn ?? (await this.client.begin());
    let acted = false;
    if (clientUsn !== usn) {
      this.log(`media: server usn ${usn}, local ${clientUsn}; fetching changes`);
      await this.pull(clientUsn);
      acted = true;
    }
    if (this.db.hasPendingUploads()) {
      await this.push();
      acted = true;
    }
    if (acted) await this.checkSanity();
    this.log('media sync complete');
  }

  /** Fetches change batches until the server has no more, applying each one fully before the next. */
  private async pull(fromUsn: number): Promise<void> {
    let lastUsn = fromUsn;
    for (;;) {
      const batch = await this.client.mediaChanges(lastUsn);
      const last = batch.at(-1);
      if (last === undefined) break;
      // The server lists changes in usn order; the last one is where the next call resumes.
      lastUsn = last.usn;
      const plan = planChanges(this.db, batch);

      const watch = new FolderWatch(this.mediaDir, this.db.getMeta().dirMod);
      this.result.removedLocally += trashFiles(this.mediaDir, plan.toDelete);
      watch.ownChange();
      const added = await this.download(plan.toDownload, watch);

      this.db.transact(() => {
        this.db.markClean(plan.toMarkClean);
        for (const fname of plan.toDelete) this.db.removeEntry(fname);
        for (const file of added) this.recordAddition(file);
        this.db.setMeta({ dirMod: watch.dirModAfter(), lastUsn });
      });
      this.log(`media: ${batch.length} server changes up to usn ${lastUsn}: ${added.length} downloaded, ${plan.toDelete.length} deleted`);
    }
  }

  private async download(names: readonly string[], watch: FolderWatch): Promise<AddedFile[]> {
    const added: AddedFile[] = [];
    let remaining = names;
    while (remaining.length > 0) {
      const request = remaining.slice(0, MAX_FILES_PER_BATCH);
      const files = await this.client.downloadFiles(request);
      // The server answers with a prefix of the request, in order, stopping after ~2.5 MiB.
      if (files.length === 0 || files.length > request.length || files.some((file, i) => file.fname !== request[i])) {
        throw new SyncError('other', 'malformed media zip: the files do not match the request');
      }
      watch.beforeOwnChange();
      for (const file of files) {
        const stored = storeDownloadedFile(this.mediaDir, file.fname, file.data);
        if (stored === null) {
          this.log(`media: skipped ${JSON.stringify(file.fname)}, which is not a usable file name`);
          continue;
        }
        added.push(stored);
        this.result.downloaded++;
      }
      watch.ownChange();
      remaining = remaining.slice(files.length);
    }
    return added;
  }

  private recordAddition(file: AddedFile): void {
    if (file.renamedFrom === undefined) {
      this.db.setEntry({ fname: file.fname, sha1: file.sha1, mtime: file.mtime, dirty: false });
      return;
    }
    // The server's name was not normalised: delete it there and upload the file under its new
    // name. A name the server would refuse in an upload cannot be deleted through one either
    // (the whole batch would fail, every time), so that deletion is left out.
    this.log(`media: ${JSON.stringify(file.renamedFrom)} stored as ${JSON.stringify(file.fname)}`);
    if (serverAcceptsName(file.renamedFrom)) this.db.setEntry({ fname: file.renamedFrom, sha1: null, mtime: 0, dirty: true });
    this.db.setEntry({ fname: file.fname, sha1: file.sha1, mtime: file.mtime, dirty: true });
  }

  /** Sends waiting rows in batches until none is left. */
  private async push(): Promise<void> {
    for (;;) {
      const pending = this.db.pendingUploads(MAX_FILES_PER_BATCH);
      if (pending.length === 0) break;
      const items = await gatherUploadBatch(this.db, this.mediaDir, pending);
      if (items === null) continue;

      const reply = await this.client.uploadChanges(encodeUploadZip(items));
      // Nothing processed would only repeat the same batch forever.
      if (reply.processed === 0 || reply.processed > items.length) {
        throw new SyncError('other', `the server processed ${reply.processed} of ${items.length} media changes`);
      }
      const done = items.slice(0, reply.processed);
      this.db.transact(() => {
        for (const item of done) {
          // A file that vanished after the scan went out as a deletion; record it as one.
          if (item.vanished) this.db.setEntry({ fname: item.fname, sha1: null, mtime: 0, dirty: false });
        }
        this.db.markClean(done.map((item) => item.fname));
        // Every change the server applied takes one usn. If the server's usn moved by exactly
        // that much, nobody else changed anything meanwhile and there is nothing to pull back;
        // otherwise the next pull fetches the gap (our own changes included, settled as equal).
        const meta = this.db.getMeta();
        if (meta.lastUsn + done.length === reply.currentUsn) this.db.setMeta({ ...meta, lastUsn: reply.currentUsn });
      });
      for (const item of done) {
        if (item.data === null) this.result.removedRemotely++;
        else this.result.uploaded++;
      }
      this.log(`media: uploaded ${done.length} changes, server usn ${reply.currentUsn}`);
    }
  }

  private async checkSanity(): Promise<void> {
    const local = this.db.countExisting();
    if ((await this.client.mediaSanity(local)) === 'OK') return;
    // The two sides disagree about how many files exist: start over from nothing, as Anki does.
    this.db.transact(() => this.db.forceResync());
    this.log(`media: sanity check failed with ${local} local files; the media database was reset`);
    throw new SyncError('resyncRequired', 'mediaSanity');
  }
}

/**
 * Syncs the media folder with the server. Throws a SyncError on failure (`resyncRequired` after
 * a failed sanity check, which also resets the media database so the next sync starts over).
 */
export async function syncMedia(http: SyncHttp, paths: MediaPaths, options: MediaSyncOptions = {}): Promise<MediaSyncResult> {
  const mediaDir = resolve(paths.mediaDir);
  return exclusively(paths.mediaDb, async () => {
    makeFolders(mediaDir);
    removeStrayTempFiles(mediaDir);
    const db = MediaDatabase.open(paths.mediaDb);
    try {
      const syncer = new MediaSyncer(http, db, mediaDir, options.log ?? (() => undefined));
      await syncer.run(options.serverUsn);
      return syncer.result;
    } finally {
      db.close();
    }
  });
}
