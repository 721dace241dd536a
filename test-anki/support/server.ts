/**
 * The server's side of a comparison: the real dispatcher (every action, as a client reaches it
 * over HTTP) on an existing profile folder, on the system clock, because real Anki beside it
 * reads "now" from the system too and day numbers must agree.
 */
import { basename, dirname } from 'node:path';
import { createRegistry } from '../../src/api/actions/index.js';
import { Dispatcher } from '../../src/api/dispatcher.js';
import type { Clock } from '../../src/collection/clock.js';
import type { Collection } from '../../src/collection/collection.js';
import { defaultSettings } from '../../src/config/settings.js';
import { ProfileServerState } from '../../src/server/state.js';

export type Outcome = { result: unknown } | { error: string };

export class OurServer {
  private constructor(
    private readonly state: ProfileServerState,
    private readonly dispatcher: Dispatcher,
  ) {}

  /** The open collection (a new object after a full sync downloaded the server's). */
  get col(): Collection {
    return this.state.collection();
  }

  /** The server state, for what tests reach below the actions (the sync service). */
  get serverState(): ProfileServerState {
    return this.state;
  }

  /**
   * Opens `<base>/<profile>/collection.anki2` (created when missing) as the server would, on the
   * system clock or on `clock` (a simulated one, set in step with real Anki's).
   */
  static open(collectionPath: string, options: { clock?: Clock } = {}): OurServer {
    const profileDir = dirname(collectionPath);
    if (basename(collectionPath) !== 'collection.anki2') throw new Error(`not a profile's collection: ${collectionPath}`);
    const settings = { ...defaultSettings({}), base: dirname(profileDir), profile: basename(profileDir) };
    const state = new ProfileServerState(settings, options.clock);
    state.openProfile(settings.profile);
    return new OurServer(state, new Dispatcher(createRegistry(), state));
  }

  /** `action` at version 6: its result and error, as a client receives them. */
  async outcome(action: string, params: Record<string, unknown> = {}): Promise<Outcome> {
    const reply = (await this.dispatcher.handle(
      { action, version: 6, params },
      { origin: '', allowed: true, local: true },
    )) as { result: unknown; error: string | null };
    this.state.settle();
    return reply.error === null ? { result: reply.result } : { error: reply.error };
  }

  /** `action`'s result; throws its error text. */
  async call(action: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const outcome = await this.outcome(action, params);
    if ('error' in outcome) throw new Error(`${action}: ${outcome.error}`);
    return outcome.result;
  }

  close(): void {
    this.state.close();
  }
}
