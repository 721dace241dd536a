import { createRegistry } from '../../src/api/actions/index.js';
import type { RequestInfo } from '../../src/api/context.js';
import { Dispatcher } from '../../src/api/dispatcher.js';
import type { Collection } from '../../src/collection/collection.js';
import { FixedClock } from '../../src/collection/clock.js';
import { defaultSettings, type Settings } from '../../src/config/settings.js';
import { ProfileServerState } from '../../src/server/state.js';
import { after, afterEach, before, beforeEach } from 'node:test';
import { assertIntegrity, TEST_NOW_MS, tempDir } from './collections.js';

/** The dispatcher on a fresh profile, without HTTP: what conformance tests run through first. */
export interface TestDispatcher {
  dispatcher: Dispatcher;
  state: ProfileServerState;
  col: Collection;
  clock: FixedClock;
  base: string;
  /** Sends a raw request object and returns the raw reply. */
  request(request: Record<string, unknown>, info?: Partial<RequestInfo>): Promise<unknown>;
  /** Sends `action` with version 6; returns the result, or throws the error text. */
  call(action: string, params?: Record<string, unknown>): Promise<unknown>;
  close(): void;
}

export function newTestDispatcher(overrides: Partial<Settings> = {}): TestDispatcher {
  const { dir, remove } = tempDir('acs-dispatch-');
  const clock = new FixedClock(TEST_NOW_MS);
  const settings = { ...defaultSettings({}), base: dir, ...overrides };
  const state = new ProfileServerState(settings, clock);
  const col = state.openProfile(settings.profile);
  const dispatcher = new Dispatcher(createRegistry(), state);
  const request = (req: Record<string, unknown>, info: Partial<RequestInfo> = {}) =>
    dispatcher.handle(req, { origin: '', allowed: true, local: true, ...info });
  return {
    dispatcher,
    state,
    col,
    clock,
    base: dir,
    request,
    async call(action, params) {
      const reply = (await request({ action, version: 6, ...(params === undefined ? {} : { params }) })) as {
        result: unknown;
        error: string | null;
      };
      if (reply.error !== null) throw new Error(reply.error);
      return reply.result;
    },
    close() {
      state.close();
      remove();
    },
  };
}

/**
 * A dispatcher on a fresh profile for the current suite (`scope: 'suite'`, the default) or for
 * each test (`'each'`), registered with node:test's hooks. When it is closed, the collection must
 * pass the integrity checker. The returned object always speaks to the current dispatcher.
 */
export function useTestDispatcher(options: { scope?: 'suite' | 'each'; overrides?: Partial<Settings> } = {}): TestDispatcher {
  let current: TestDispatcher | undefined;
  const open = () => {
    current = newTestDispatcher(options.overrides);
  };
  const close = () => {
    if (current === undefined) return;
    const done = current;
    current = undefined;
    try {
      assertIntegrity(done.col);
    } finally {
      done.close();
    }
  };
  if (options.scope === 'each') {
    beforeEach(open);
    afterEach(close);
  } else {
    before(open);
    after(close);
  }
  const get = (): TestDispatcher => {
    if (current === undefined) throw new Error('the test dispatcher is used outside a test');
    return current;
  };
  return {
    get dispatcher() {
      return get().dispatcher;
    },
    get state() {
      return get().state;
    },
    get col() {
      return get().col;
    },
    get clock() {
      return get().clock;
    },
    get base() {
      return get().base;
    },
    request: (request, info) => get().request(request, info),
    call: (action, params) => get().call(action, params),
    close,
  };
}
