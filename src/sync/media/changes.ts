/**
 * What a pull does with each server change (rslib `sync/media/changes.rs`). The server wins on
 * content: a file that differs from the server's copy is replaced by it even when it has local
 * edits waiting; a local addition survives only a server-side deletion.
 */
import type { MediaDatabase } from './database.js';

/** One item of a `mediaChanges` reply: `[fname, usn, sha1]`, sha1 `""` for a deletion. */
export interface ServerMediaChange {
  readonly fname: string;
  readonly usn: number;
  readonly sha1: string;
}

export type LocalState = 'absent' | 'clean' | 'pending';

/**
 * - `download`: fetch the server's file;
 * - `delete`: remove the local file and forget the row;
 * - `markClean`: local pending change equals the server's, so there is nothing to upload;
 * - `none`: nothing now (a pending local addition is uploaded later).
 */
export type RequiredChange = 'none' | 'download' | 'delete' | 'markClean';

/** `localSha1` and `remoteSha1` are hex, `""` for "no file". */
export function requiredChange(localSha1: string, remoteSha1: string, state: LocalState): RequiredChange {
  if (remoteSha1 === '') {
    if (localSha1 === '') return state === 'absent' ? 'none' : 'delete';
    return state === 'pending' ? 'none' : 'delete';
  }
  if (localSha1 === '') return 'download';
  if (localSha1 === remoteSha1) return state === 'pending' ? 'markClean' : 'none';
  return 'download';
}

export interface PlannedChanges {
  readonly toDownload: string[];
  readonly toDelete: string[];
  readonly toMarkClean: string[];
}

/** Sorts a batch of server changes into the three lists, looking each name up in the database. */
export function planChanges(db: MediaDatabase, batch: readonly ServerMediaChange[]): PlannedChanges {
  const plan: PlannedChanges = { toDownload: [], toDelete: [], toMarkClean: [] };
  for (const remote of batch) {
    const entry = db.getEntry(remote.fname);
    const state: LocalState = entry === undefined ? 'absent' : entry.dirty ? 'pending' : 'clean';
    switch (requiredChange(entry?.sha1 ?? '', remote.sha1, state)) {
      case 'download':
        plan.toDownload.push(remote.fname);
        break;
      case 'delete':
        plan.toDelete.push(remote.fname);
        break;
      case 'markClean':
        plan.toMarkClean.push(remote.fname);
        break;
      case 'none':
        break;
    }
  }
  return plan;
}
