/**
 * A normal (incremental) sync, in Anki's order (anki-sync.md §0, §3): deletions, then note types,
 * decks, presets, tags and config, then the server's reviews, cards and notes, then ours, then
 * the sanity check and the finish. All of it is one exclusive SQLite transaction, held across the
 * network calls: nothing is committed unless the server committed too, and on any failure the
 * collection is rolled back and the server told to abort. The caller keeps every other request
 * away from the collection meanwhile.
 */
import type { Collection } from '../collection/collection.js';
import { applyChunk, pendingIds, takeChunk } from './chunks.js';
import { applyRemoteChanges, parseChanges, takeLocalChanges } from './changes.js';
import { SyncError } from './errors.js';
import { applyRemoteGraves, graveChunks, takePendingGraves } from './graves.js';
import type { SyncHttp } from './http.js';
import { sanityWire, type Chunk, type Graves } from './protocol.js';
import { sanityCounts } from './sanity.js';

export interface NormalSyncPlan {
  localIsNewer: boolean;
  minUsn: number;
  serverUsn: number;
}

/** Progress lines for long syncs (standard error). */
export type SyncLog = (message: string) => void;

export async function normalSync(col: Collection, http: SyncHttp, plan: NormalSyncPlan, log: SyncLog): Promise<void> {
  const { serverUsn } = plan;
  col.db.exec('begin exclusive');
  try {
    const remoteGraves = await http.json<Partial<Graves>>('sync/start', { minUsn: plan.minUsn, lnewer: plan.localIsNewer, graves: null });
    for (const chunk of graveChunks(takePendingGraves(col, serverUsn))) {
      await http.json('sync/applyGraves', { chunk });
    }
    applyRemoteGraves(col, { cards: remoteGraves.cards ?? [], notes: remoteGraves.notes ?? [], decks: remoteGraves.decks ?? [] }, serverUsn);

    const ours = takeLocalChanges(col, serverUsn, plan.localIsNewer);
    const theirs = await http.post('sync/applyChanges', Buffer.from(ours, 'utf8'));
    applyRemoteChanges(col, parseChanges(theirs.toString('utf8')), serverUsn);

    let received = 0;
    for (;;) {
      const chunk = await http.json<Chunk>('sync/chunk', {});
      applyChunk(col, chunk);
      received += (chunk.revlog?.length ?? 0) + (chunk.cards?.length ?? 0) + (chunk.notes?.length ?? 0);
      if (chunk.done === true) break;
    }
    const pending = pendingIds(col);
    const toSend = pending.revlog.length + pending.cards.length + pending.notes.length;
    if (received + toSend > 1000) log(`sync: received ${received} rows, sending ${toSend}`);
    for (;;) {
      const chunk = takeChunk(col, pending, serverUsn);
      await http.json('sync/applyChunk', { chunk });
      if (chunk.done === true) break;
    }

    const reply = await http.json<{ status?: string }>('sync/sanityCheck2', { client: sanityWire(sanityCounts(col)) });
    if (reply.status !== 'ok') throw new SyncError('sanityCheckFailed', JSON.stringify(reply));
    const serverMod = await http.json<number>('sync/finish', {});
    if (typeof serverMod !== 'number' || !Number.isSafeInteger(serverMod)) throw new SyncError('other', 'the server finished with an invalid time');
    col.stmt('update col set ls = ?, usn = ?, mod = ?').run(serverMod, serverUsn + 1, serverMod);
    col.db.exec('commit');
  } catch (err) {
    if (col.db.inTransaction) col.db.exec('rollback');
    try {
      await http.json('sync/abort', {});
    } catch {
      // The server drops an unfinished sync by itself; the abort only hurries it.
    }
    if (err instanceof SyncError && err.kind === 'sanityCheckFailed') {
      // The two sides disagree: the next sync must be a full one (Anki marks the schema changed).
      col.stmt('update col set scm = ?').run(col.nowMs());
    }
    throw err;
  } finally {
    col.resetCaches();
  }
}
