/**
 * A reader thread: runs read actions (searches, info reads) on a read-only connection of its own,
 * so that a long search never holds the server's main thread. The connection stays open between
 * jobs with what the collection keeps in memory (note types, decks, parsed templates), which is
 * forgotten whenever another connection has committed since (`pragma data_version`); the pool
 * asks for it to be closed before the server closes or replaces the file (CloseMessage).
 */
import { parentPort } from 'node:worker_threads';
import { createRegistry } from '../../api/actions/index.js';
import type { ActionContext, ServerState } from '../../api/context.js';
import type { Clock } from '../../collection/clock.js';
import { openReadOnlyCollection } from '../../collection/open.js';
import { AnkiConnectError, errorMessage } from '../../errors.js';
import type { Collection } from '../../collection/collection.js';
import type { ClosedMessage, CloseMessage, JobMessage, OutcomeMessage, ReadJob, ReadOutcome, ReadyMessage } from './protocol.js';

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
    get readers() {
      return undefined;
    },
    requestExit: unavailable,
  };
}

/** The job being run: its "now" is the clock of the connection kept open. */
let now: { nowMs: number; fixedMinutesWest: number | null } = { nowMs: 0, fixedMinutesWest: null };
const clock: Clock = { nowMs: () => now.nowMs, minutesWest: (ms) => now.fixedMinutesWest ?? new Date(ms).getTimezoneOffset() };
let open: { col: Collection; dataVersion: unknown } | undefined;

function closeCollection(): void {
  open?.col.close();
  open = undefined;
}

/** The collection at the job's path, its caches dropped if another connection wrote since. */
function collectionFor(job: ReadJob): Collection {
  if (open !== undefined && (open.col.path !== job.path || open.col.mediaDir !== job.mediaDir)) closeCollection();
  if (open === undefined) {
    const col = openReadOnlyCollection(job.path, job.mediaDir, clock);
    open = { col, dataVersion: col.db.pragma('data_version', { simple: true }) };
    return col;
  }
  const dataVersion = open.col.db.pragma('data_version', { simple: true });
  if (dataVersion !== open.dataVersion) {
    open.col.resetCaches();
    open.dataVersion = dataVersion;
  }
  return open.col;
}

function run(job: ReadJob): ReadOutcome {
  const action = registry.get(job.action);
  if (action?.reads !== true) return { ok: false, error: `not a read action: ${job.action}` };
  now = { nowMs: job.nowMs, fixedMinutesWest: job.fixedMinutesWest };
  let col: Collection;
  try {
    col = collectionFor(job);
  } catch (err) {
    closeCollection();
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
  }
}

parentPort?.on('message', (message: JobMessage | CloseMessage) => {
  if ('close' in message) {
    closeCollection();
    const closed: ClosedMessage = { closed: true };
    parentPort?.postMessage(closed);
    return;
  }
  const { id, job } = message;
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
