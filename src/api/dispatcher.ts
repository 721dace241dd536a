import { AnkiConnectError, errorMessage } from '../errors.js';
import type { Action } from './action.js';
import type { ActionContext, PlannedItem, RequestInfo, ServerState } from './context.js';
import type { Registry } from './registry.js';
import { errorReply, successReply } from './reply.js';
import { Turns } from './turns.js';
import type { ReaderPool } from '../server/readers/pool.js';

const DEFAULT_VERSION = 4;

const STOPPING = 'the server is stopping; this action was not run';

/** How deeply `multi` may nest; deeper nesting is refused rather than risking the stack. */
export const MAX_NESTING = 32;

/** A request whose params are checked and whose asynchronous preparation is done. */
export type PlannedRequest = PlannedItem &
  (
  | { ok: true; version: number; action: Action; params: Record<string, unknown>; prepared: unknown; ctx: ActionContext; scope: RequestScope }
  | { ok: false; version: number; error: string });

/** What one top-level request and the requests nested in it share. */
interface RequestScope {
  /** Clean-up to run when the request is done (ActionContext.afterRequest). */
  readonly tasks: (() => void)[];
  /** What is left of webMaxReplyBytes for the results still to come. */
  replyBytesLeft: number;
  /** What the preparations (media read or downloaded) may still hold until they are used. */
  preparedBytesLeft: number;
  /** How many more items `multi`s in the request may hold, nested ones included. */
  itemsLeft: number;
}

/**
 * Turns request objects into replies, independent of HTTP. The same path serves top-level
 * requests and every item of `multi`, so each item gets its own version, key check and reply
 * shape, exactly as in Anki-Connect.
 */
export class Dispatcher {
  /** Set when the server stops: batches in progress leave their remaining items unrun. */
  private stopping = false;

  constructor(
    readonly registry: Registry,
    readonly server: ServerState,
  ) {}

  /** Handles one request object (already known to be a JSON object) and returns its reply. */
  async handle(request: Record<string, unknown>, info: RequestInfo): Promise<unknown> {
    const settings = this.server.settings;
    const scope: RequestScope = {
      tasks: [],
      replyBytesLeft: settings.webMaxReplyBytes,
      preparedBytesLeft: settings.webMaxRequestBytes,
      itemsLeft: settings.webMaxMultiItems,
    };
    const tasks = scope.tasks;
    // Counting writes costs two statements a request: only while a web UI page listens.
    const watched = this.server.gui.listenerCount('collection') > 0;
    const before = watched ? this.writeMark() : undefined;
    let release: (() => void) | undefined;
    try {
      try {
        const planned = await this.plan(request, info, 0, scope);
        // A sync owns the collection until it is done; the request then runs as usual.
        if (this.server.gate.busy) await this.server.gate.idle();
        // So does a profile switch or file replacement waiting for work in flight.
        const change = this.server.changeDone();
        if (change !== undefined) await change;
        // A multi running keeps the collection it began on (taken only now: a switch waited for
        // above may itself be waiting for holds to end).
        if (planned.ok && planned.action.batch) release = this.server.hold();
        if (planned.ok && planned.action.batch && Array.isArray(planned.prepared)) return await this.executeInSlices(planned);
        const readers = planned.ok && planned.action.readsOnThread(planned.params) ? this.server.readers : undefined;
        if (readers?.accepting === true && planned.ok) return await this.executeOnReader(planned, readers);
        return this.execute(planned);
      } finally {
        release?.();
        // A profile switch waits for the end of the request, and of every multi in progress.
        this.server.settle();
      }
    } finally {
      for (const task of tasks) {
        try {
          task();
        } catch (err) {
          // The reply is made; a failed cleanup (a scratch file left behind) is only reported.
          process.stderr.write(`anki-connect-server: cleaning up after a request failed: ${errorMessage(err)}\n`);
        }
      }
      // Whatever wrote (an action, a nested one, an action that is not marked as writing but
      // answers a card), an open web UI page is told, so it shows the collection as it now is.
      if (before !== undefined) {
        const after = this.writeMark();
        if (after.col !== before.col || after.changes !== before.changes) this.server.gui.collectionChanged();
      }
    }
  }

  /** Which collection is open and how many rows its connection has changed so far. */
  private writeMark(): { col: unknown; changes: number } {
    const col = this.server.collectionIfOpen();
    return { col, changes: col === undefined ? 0 : col.totalChanges() };
  }

  /**
   * First phase: find the action, check the key and the params, and run the action's
   * asynchronous preparation. Nothing here writes to the collection.
   */
  async plan(
    request: unknown,
    info: RequestInfo,
    depth = 0,
    scope: RequestScope = { tasks: [], replyBytesLeft: Infinity, preparedBytesLeft: Infinity, itemsLeft: Infinity },
  ): Promise<PlannedRequest> {
    if (this.stopping) return { ok: false, version: DEFAULT_VERSION, error: STOPPING };
    const fields = typeof request === 'object' && request !== null && !Array.isArray(request) ? request : {};
    const get = (key: string): unknown => (fields as Record<string, unknown>)[key];
    const rawVersion = get('version');
    const version = typeof rawVersion === 'number' && Number.isFinite(rawVersion) ? rawVersion : DEFAULT_VERSION;
    try {
      if (fields !== request) throw new AnkiConnectError(`request must be an object, not ${describe(request)}`);
      if (depth > MAX_NESTING) throw new AnkiConnectError(`multi is nested more than ${MAX_NESTING} levels deep`);
      const name = typeof get('action') === 'string' ? (get('action') as string) : '';
      if (name !== 'requestPermission') this.checkKey(get('key'));
      const action = this.registry.get(name);
      if (action === undefined) throw new AnkiConnectError('unsupported action');
      const params = action.validate(get('params') ?? {});
      const ctx = this.context(info, depth, scope);
      const prepared = await action.prepare(params, ctx);
      // Prepared media waits in memory until the whole request runs: bounded per request.
      if (!action.batch) {
        const held = bytesHeld(prepared);
        if (held > scope.preparedBytesLeft) {
          throw new AnkiConnectError(
            `this request would hold more than ${this.server.settings.webMaxRequestBytes} bytes of media at once (setting webMaxRequestBytes); send fewer files at a time`,
          );
        }
        scope.preparedBytesLeft -= held;
      }
      return { ok: true, version, action, params, prepared, ctx, scope };
    } catch (err) {
      return { ok: false, version, error: errorMessage(err) };
    }
  }

  /**
   * Second phase, synchronous: run the action and shape the reply. A write action runs in a
   * transaction (a savepoint when `guarded` inside a batch), so a failure leaves nothing behind.
   * Unguarded, a failing action that wrote nothing just gives its error reply; one that did
   * write throws NeedsSavepoints so the batch can start again with a savepoint per item.
   */
  execute(planned: PlannedRequest, guarded = true): unknown {
    if (!planned.ok) return errorReply(planned.error);
    const { action, params, prepared, ctx, version } = planned;
    const col = action.write ? this.server.collectionIfOpen() : undefined;
    const changesBefore = guarded || col === undefined ? 0 : col.totalChanges();
    // A batch's items were charged one by one; any other result is charged here, so a reply too
    // large to build (10,000 copies of a huge deck list) is refused item by item instead. Charged
    // inside the transaction: a write whose reply is refused is undone with it.
    const run = (): unknown => {
      const result = action.run(params, ctx, prepared);
      if (!action.batch) chargeReply(planned.scope, result, this.server.settings.webMaxReplyBytes);
      return result;
    };
    const attempt = (): unknown => {
      try {
        const result = col !== undefined && guarded ? col.transact(run) : run();
        return successReply(version, result);
      } catch (err) {
        if (err instanceof NeedsSavepoints) throw err;
        if (!guarded && col !== undefined && col.totalChanges() !== changesBefore) throw new NeedsSavepoints();
        return errorReply(errorMessage(err));
      }
    };
    // What the action changes is announced as its own change event (a batch's items are each
    // announced, not the batch).
    const changes = action.batch ? undefined : this.server.collectionIfOpen()?.changes;
    return changes === undefined ? attempt() : changes.within(action.name, attempt);
  }

  /**
   * Runs the items of a `multi` in order, in one transaction. A savepoint per item is costly
   * (SQLite journals every page an item touches), and most items either succeed or fail before
   * writing, so the items first run without savepoints; only if an item fails after writing is
   * everything rolled back and run again with a savepoint around each item. Either way a
   * failing item leaves nothing behind and the others keep their effects.
   */
  executeBatch(items: readonly PlannedRequest[]): unknown[] {
    // A run with savepoints stops after the item that needed them; the rest run on from there.
    const results: unknown[] = [];
    while (results.length < items.length) results.push(...this.runSlice(items, results.length, undefined));
    return results;
  }

  /**
   * Runs a top-level batch (multi) in slices of a few milliseconds, each slice one transaction
   * as executeBatch runs it, so that other clients' requests are answered in between (each item
   * is a request of its own, as in Anki-Connect: the batch was never one atomic change). The
   * collection stays the one the batch began on: profile switches wait for its end (handle).
   */
  private async executeInSlices(planned: PlannedRequest & { ok: true }): Promise<unknown> {
    const items = planned.prepared as PlannedRequest[];
    const results: unknown[] = [];
    const turns = new Turns();
    try {
      while (results.length < items.length) {
        if (this.stopping) {
          // The server is stopping: it answers at once rather than after every item (minutes, for
          // 100,000 slow ones); what ran is committed, the rest says it did not run.
          while (results.length < items.length) results.push(errorReply(STOPPING));
          break;
        }
        if (this.server.gate.busy) await this.server.gate.idle();
        results.push(...this.runSlice(items, results.length, turns));
        if (results.length < items.length) await turns.pause();
      }
      return successReply(planned.version, results);
    } catch (err) {
      return errorReply(errorMessage(err));
    }
  }

  /**
   * Runs a read action on a reader thread, on a connection of its own, so that neither it nor
   * whatever the main thread is doing waits for the other. Its result is charged and shaped here,
   * as execute does.
   */
  private async executeOnReader(planned: PlannedRequest & { ok: true }, readers: ReaderPool): Promise<unknown> {
    const col = this.server.collection();
    const nowMs = col.clock.nowMs();
    const outcome = await readers.run({
      path: col.path,
      mediaDir: col.mediaDir,
      profile: this.server.profileName() ?? '',
      action: planned.action.name,
      params: planned.params,
      nowMs,
      fixedMinutesWest: col.clock.fixedMinutesWest ?? null,
    });
    if (!outcome.ok) return errorReply(outcome.error);
    try {
      chargeReply(planned.scope, outcome.result, this.server.settings.webMaxReplyBytes);
    } catch (err) {
      return errorReply(errorMessage(err));
    }
    return successReply(planned.version, outcome.result);
  }

  /**
   * Runs items from `start` in one transaction, until the slice is due (one item at least), or
   * to the end without `turns` (executeBatch).
   */
  private runSlice(items: readonly PlannedRequest[], start: number, turns: Turns | undefined): unknown[] {
    const col = this.server.collectionIfOpen();
    let end = start;
    const run = (guarded: boolean, upTo: number | undefined): unknown[] => {
      const out: unknown[] = [];
      for (let i = start; i < items.length && (upTo === undefined ? i === start || turns?.due !== true : i < upTo); i++) {
        end = i + 1;
        out.push(this.execute(items[i] as PlannedRequest, guarded));
      }
      return out;
    };
    if (col === undefined) return run(true, undefined);
    const charged = replyCharge(items);
    try {
      return col.transact(() => run(false, undefined));
    } catch (err) {
      if (!(err instanceof NeedsSavepoints)) throw err;
      // Everything the slice did is rolled back; the same items run again, each in a savepoint.
      charged.undo();
      const upTo = end;
      return col.transact(() => run(true, upTo));
    }
  }

  /** The server is stopping: multis in progress stop at their next slice. */
  stop(): void {
    this.stopping = true;
  }

  private checkKey(key: unknown): void {
    const expected = this.server.settings.apiKey;
    // Anki-Connect compares with Python's `!=`: with no key configured, any key sent is wrong.
    const ok = expected === null ? key === undefined || key === null : key === expected;
    if (!ok) throw new AnkiConnectError('valid api key must be provided');
  }

  private context(info: RequestInfo, depth: number, scope: RequestScope): ActionContext {
    const server = this.server;
    return {
      server,
      request: info,
      col: () => server.collection(),
      afterRequest: (task) => {
        scope.tasks.push(task);
      },
      nested: {
        plan: (request) => this.plan(request, info, depth + 1, scope),
        execute: (planned) => this.execute(planned as PlannedRequest),
        executeBatch: (items) => this.executeBatch(items as PlannedRequest[]),
        reserve: (actions) => {
          // The top-level multi counts the whole request, nested multis included, so a request
          // over the limit is refused before any of it runs.
          if (depth > 0) return;
          const count = countItems(actions);
          if (count > scope.itemsLeft) {
            throw new AnkiConnectError(
              `this request holds more than ${server.settings.webMaxMultiItems} actions in multi (setting webMaxMultiItems); send fewer at a time`,
            );
          }
          scope.itemsLeft -= count;
        },
      },
    };
  }
}

/**
 * Takes a result's size (its JSON, estimated without building it) from what the request may
 * still answer; refuses the result when it does not fit. The estimate counts characters, which
 * is what JSON.stringify's string length and the reply's memory follow.
 */
function chargeReply(scope: RequestScope, result: unknown, limit: number): void {
  const size = jsonSizeUpTo(result, scope.replyBytesLeft + 1);
  if (size > scope.replyBytesLeft) {
    scope.replyBytesLeft = 0;
    throw new AnkiConnectError(`the reply would be larger than ${limit} bytes (setting webMaxReplyBytes); ask for less at a time`);
  }
  scope.replyBytesLeft -= size;
}

/** The length of `value`'s JSON, roughly, counting no further than `cap`. */
function jsonSizeUpTo(value: unknown, cap: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  for (let item = stack.pop(); stack.length > 0 || item !== undefined; item = stack.pop()) {
    if (size > cap) return size;
    if (typeof item === 'string') size += item.length + 2;
    else if (typeof item === 'number' || typeof item === 'bigint') size += 20;
    else if (Array.isArray(item)) {
      size += 2 + item.length;
      for (const element of item) stack.push(element);
    } else if (typeof item === 'object' && item !== null) {
      const record = item as Record<string, unknown>;
      for (const key in record) {
        size += key.length + 4;
        stack.push(record[key]);
      }
      size += 2;
    } else size += 5;
  }
  return size;
}

/**
 * What the items' request may still answer, to be put back when a batch rolls back and runs its
 * items again (each is charged again then).
 */
function replyCharge(items: readonly PlannedRequest[]): { undo(): void } {
  const scope = items.find((item): item is PlannedRequest & { ok: true } => item.ok)?.scope;
  const left = scope?.replyBytesLeft;
  return {
    undo: () => {
      if (scope !== undefined && left !== undefined) scope.replyBytesLeft = left;
    },
  };
}

/** The actions in a multi's list, counting those of nested multis too. */
function countItems(actions: readonly unknown[]): number {
  let count = actions.length;
  for (const item of actions) {
    if (typeof item !== 'object' || item === null || (item as { action?: unknown }).action !== 'multi') continue;
    const nested = (item as { params?: { actions?: unknown } }).params?.actions;
    if (Array.isArray(nested)) count += countItems(nested);
  }
  return count;
}

/** The bytes a preparation holds: the buffers in it (media read or downloaded), a few levels down. */
function bytesHeld(prepared: unknown, depth = 0): number {
  if (prepared instanceof Uint8Array) return prepared.byteLength;
  if (depth > 4 || typeof prepared !== 'object' || prepared === null) return 0;
  let sum = 0;
  for (const value of Array.isArray(prepared) ? (prepared as unknown[]) : Object.values(prepared)) sum += bytesHeld(value, depth + 1);
  return sum;
}

/** Thrown inside an unguarded batch when an item failed after writing: the batch restarts guarded. */
class NeedsSavepoints extends Error {
  constructor() {
    super('internal: an item failed after writing; the batch restarts with savepoints');
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}
