import { createRegistry } from '../api/actions/index.js';
import { Dispatcher } from '../api/dispatcher.js';
import type { Clock } from '../collection/clock.js';
import type { Settings } from '../config/settings.js';
import { isLoopbackHost, listensBeyondLoopback } from '../http/host.js';
import { ApiServer } from '../http/server.js';
import { profilePaths, ProfileServerState } from './state.js';

/** A running server: the open profile, the dispatcher and the HTTP listeners. */
export interface App {
  state: ProfileServerState;
  dispatcher: Dispatcher;
  http: ApiServer;
  urls: string[];
  collectionPath: string;
  /** Stops listening, lets in-flight requests finish, then closes the collection. */
  stop(): Promise<void>;
}

/** Opens the configured profile and starts serving it. */
export async function startApp(settings: Settings, options: { clock?: Clock } = {}): Promise<App> {
  checkExposure(settings);
  const state = new ProfileServerState(settings, options.clock);
  state.openProfile(settings.profile);
  const dispatcher = new Dispatcher(createRegistry(), state);
  const http = new ApiServer(settings, dispatcher);
  let urls: string[];
  try {
    urls = await http.start();
  } catch (err) {
    state.close();
    throw err;
  }
  // With credentials, Anki syncs when a profile opens and when it closes, and so does the server.
  state.sync.startTimer();
  if (settings.syncOnStartStop) void state.sync.syncQuietly('start-up');
  let stopping: Promise<void> | undefined;
  return {
    state,
    dispatcher,
    http,
    urls,
    collectionPath: profilePaths(settings.base, settings.profile).collection,
    stop() {
      dispatcher.stop();
      stopping ??= http.stop().then(async () => {
        state.sync.stopTimer();
        await state.gate.idle();
        if (settings.syncOnStartStop) await state.sync.syncQuietly('closing');
        await state.closeReaders();
        state.close();
      });
      return stopping;
    },
  };
}

/**
 * Listening beyond loopback without an API key opens the whole collection to everyone who can
 * reach the machine: refused unless the user says so (allowNetworkWithoutApiKey), and then said
 * on standard error every time.
 */
function checkExposure(settings: Settings): void {
  if (!listensBeyondLoopback(settings.webBindAddress) || settings.apiKey !== null) return;
  const where = settings.webBindAddress.filter((address) => !isLoopbackHost(address)).join(', ');
  if (!settings.allowNetworkWithoutApiKey) {
    throw new Error(
      `refusing to listen on ${where} without an API key: anyone who can reach this machine could read and change the ` +
        'collection. Set one (--api-key or apiKey in the config file), or start with --allow-network-without-api-key if you mean it.',
    );
  }
  process.stderr.write(`anki-connect-server: warning: listening on ${where} without an API key; anyone who can reach this machine can read and change the collection\n`);
}
