/**
 * One sync of the open collection with the account's server, as Anki's `sync_collection` runs it:
 * `meta` first (following a "moved" reply once), then nothing, a normal sync, or — only when the
 * caller chose the direction — a full upload or download, then the media. A full sync the server
 * asks for without a chosen direction is reported, never carried out.
 */
import { renameSync, rmSync } from 'node:fs';
import type { Collection } from '../collection/collection.js';
import { collectionTiming } from '../collection/search-context.js';
import { unburyIfDayRolledOver } from '../decks/stats.js';
import { backupCopy } from '../storage/upgrade/backup.js';
import type { SyncAuth } from './auth.js';
import { SyncError } from './errors.js';
import { downloadCollection, fullUpload } from './full.js';
import { CLIENT_VERSION, Redirect, SYNC_VERSION, SyncHttp } from './http.js';
import { normalSync, type SyncLog } from './normal.js';
import { changesRequired, planSync, type ChangesRequired, type SyncMeta } from './protocol.js';

/** What the sync needs from the server holding the collection. */
export interface SyncHost {
  collection(): Collection;
  /**
   * Closes the collection, calls `replace` with its path (it puts a new file there), opens the
   * result and returns it. If `replace` throws, the old file is opened again and the error passed on.
   */
  replaceCollectionNow(replace: (collectionPath: string) => void): Collection;
}

export type FullSyncDirection = 'upload' | 'download';

export interface SyncOptions {
  auth: SyncAuth;
  /** Sync media after the collection. */
  media: boolean;
  /** A one-way sync the user chose. */
  full?: FullSyncDirection;
  log: SyncLog;
  /** Media sync, run after the collection sync (given the server's media usn from `meta`). */
  syncMedia?: (http: SyncHttp, col: Collection, serverMediaUsn: number) => Promise<void>;
  /** Called when the server moved: the new endpoint is to be kept with the key. */
  onNewEndpoint?: (endpoint: string) => void;
  stallSecs?: number;
}

export interface SyncResult {
  /** What the server's `meta` called for, before anything was done (Anki's ChangesRequired). */
  required: ChangesRequired;
  /** What was done about it. */
  performed: 'none' | 'normal' | 'upload' | 'download' | 'refused';
  serverMessage: string;
  newEndpoint?: string;
}

/** Our side of `meta`: the same facts the server reports about itself. */
export function localMeta(col: Collection): SyncMeta {
  const row = col.stmt<[], { mod: number; scm: number; usn: number }>('select mod, scm, usn from col').get();
  if (row === undefined) throw new Error('the collection has no col row');
  const empty = col.stmt('select 1 from cards limit 1').get() === undefined;
  return { mod: row.mod, scm: row.scm, usn: row.usn, ts: col.nowSecs(), msg: '', cont: true, hostNum: 0, empty, media_usn: 0 };
}

/** The server's `meta`, following one "moved" reply (the new endpoint is then returned too). */
export async function fetchMeta(http: SyncHttp): Promise<{ remote: SyncMeta; newEndpoint?: string }> {
  const request = { v: SYNC_VERSION, cv: CLIENT_VERSION };
  try {
    return { remote: await http.json<SyncMeta>('sync/meta', request, { redirectable: true }) };
  } catch (err) {
    if (!(err instanceof Redirect)) throw err;
    http.endpoint = err.location;
    return { remote: await http.json<SyncMeta>('sync/meta', request), newEndpoint: err.location };
  }
}

export async function syncCollection(host: SyncHost, options: SyncOptions): Promise<SyncResult> {
  const http = new SyncHttp({ endpoint: options.auth.endpoint, hkey: options.auth.hkey, ...(options.stallSecs === undefined ? {} : { stallSecs: options.stallSecs }) });
  try {
    return await syncWith(http, host, options);
  } finally {
    http.close();
  }
}

async function syncWith(http: SyncHttp, host: SyncHost, options: SyncOptions): Promise<SyncResult> {
  let col = host.collection();
  const local = localMeta(col);
  const { remote, newEndpoint } = await fetchMeta(http);
  if (newEndpoint !== undefined) options.onNewEndpoint?.(newEndpoint);
  if (!remote.cont) throw new SyncError('serverMessage', remote.msg);
  if (Math.abs(remote.ts - local.ts) > 300) throw new SyncError('clockIncorrect', `server ${remote.ts}, here ${local.ts}`);
  const plan = planSync(local, remote);
  const required = changesRequired(plan);
  const result: SyncResult = { required, performed: 'none', serverMessage: remote.msg, ...(newEndpoint === undefined ? {} : { newEndpoint }) };

  if (options.full !== undefined) {
    // A chosen direction is honoured even when a normal sync would do ("force a one-way sync"),
    // but never the one that would replace a collection with cards by one without.
    if (options.full === 'upload' && local.empty === true && remote.empty !== true) {
      throw new SyncError('other', 'refusing to upload: this collection has no cards and the server\'s has; download instead');
    }
    if (options.full === 'download' && remote.empty === true && local.empty !== true) {
      throw new SyncError('other', 'refusing to download: the server\'s collection has no cards and this one has; upload instead');
    }
    if (options.full === 'upload') {
      await fullUpload(col, http);
    } else {
      col = await fullDownload(host, col, http);
    }
    result.performed = options.full;
  } else if (plan.kind === 'normal') {
    // As Anki does before a normal sync: cards buried on an earlier day come back first.
    col.transact(() => unburyIfDayRolledOver(col, collectionTiming(col).daysElapsed));
    await normalSync(col, http, plan, options.log);
    result.performed = 'normal';
  } else if (plan.kind === 'full') {
    result.performed = 'refused';
    return result;
  }
  if (options.media && options.syncMedia !== undefined) await options.syncMedia(http, col, remote.media_usn);
  return result;
}

async function fullDownload(host: SyncHost, col: Collection, http: SyncHttp): Promise<Collection> {
  const now = col.nowMs();
  const downloaded = await downloadCollection(col.path, http, now);
  try {
    return host.replaceCollectionNow((path) => {
      // Anki keeps a backup before a download replaces the collection; so do we, beside it.
      backupCopy(path, 'before-full-download', now);
      for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
      renameSync(downloaded, path);
    });
  } finally {
    rmSync(downloaded, { force: true });
  }
}
