/**
 * A reader thread: runs read actions (searches, info reads) on a read-only connection of its own,
 * opened for the job and closed after it, so that a long search never holds the server's main
 * thread, and so that no connection outlives the job: closing or replacing the file waits only
 * for the jobs running (ReaderPool.busy). A connection kept between jobs would save about a
 * millisecond a read, but then every close of the collection, the last one included, would have
 * to wait for the threads to close theirs first.
 */
import { parentPort } from 'node:worker_threads';
import { createRegistry } from '../../api/actions/index.js';
import type { ActionContext, ServerState } from '../../api/context.js';
import type { Clock } from '../../collection/clock.js';
import { openReadOnlyCollection } from '../../collection/open.js';
import { AnkiConnectError, errorMessage } from '../../errors.js';
import type { Collection } from '../../collection/collection.js';
import type { JobMessage, OutcomeMessage, ReadJob, ReadOutcome, ReadyMessage } from './protocol.js';

const registry = createRegistry();

function unavailable(): never {
  throw new AnkiConnectError('not available to a read action');
}

/** What a read action may reach of the server here: its collection and profile name, nothing else. */
function readerState(job: ReadJob, col: () => ReturnType<ServerState['collection']>): ServerState {
  return {
    get settings() {
      return unavailable();
    },
    collection: col,
    collectionIfOpen: col,
    profileName: () => job.profile,
    profileNames: unavailable,
    loadProfile: unavailable,
    settle: () => undefined,
    hold: unavailable,
    changeDone: () => undefined,
    replaceCollectionFile: unavailable,
    replaceCollectionNow: unavailable,
    get gate() {
      return unavailable();
    },
    get sync() {
      return unavailable();
    },
    get gui() {
      return unavailable();
    },
    get events() {
      return unavailable();
    },
    get readers() {
      return undefined;
    },
    requestExit: unavailable,
  };
}

function run(job: ReadJob): ReadOutcome {
  const action = registry.get(job.action);
  if (action?.readsOnThread(job.params) !== true) return { ok: false, error: `not a read action: ${job.action}` };
  const clock: Clock = { nowMs: () => job.nowMs, minutesWest: (ms) => job.fixedMinutesWest ?? new Date(ms).getTimezoneOffset() };
  let col: Collection;
  try {
    col = openReadOnlyCollection(job.path, job.mediaDir, clock);
  } catch (err) {
    return { ok: false, error: errorMessage(err) };
  }
  try {
    const ctx: ActionContext = {
      server: readerState(job, () => col),
      request: { origin: '', allowed: true, local: true },
      col: () => col,
      afterRequest: unavailable,
      nested: { plan: unavailable, execute: unavailable, executeBatch: unavailable, reserve: unavailable },
    };
    return { ok: true, result: action.run(job.params, ctx, undefined) };
  } catch (err) {
    return { ok: false, error: errorMessage(err) };
  } finally {
    col.close();
  }
}

parentPort?.on('message', ({ id, job }: JobMessage) => {
  let outcome: ReadOutcome;
  try {
    outcome = run(job);
  } catch (err) {
    outcome = { ok: false, error: errorMessage(err) };
  }
  const reply: OutcomeMessage = { id, outcome };
  parentPort?.postMessage(reply);
});

const ready: ReadyMessage = { ready: true };
parentPort?.postMessage(ready);
