import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * Server settings. The keys shared with Anki-Connect keep its names and defaults so an existing
 * Anki-Connect config file works here; the others are this server's own.
 */
export interface Settings {
  /** Value clients must send as `key`; null disables the check (Anki-Connect: apiKey). */
  apiKey: string | null;
  /** File that receives every request and reply, truncated at start (Anki-Connect: apiLogPath). */
  apiLogPath: string | null;
  /** Addresses to listen on. Anki-Connect has one (webBindAddress); we default to both loopbacks. */
  webBindAddress: string[];
  webBindPort: number;
  /** Origins allowed to call the API (Anki-Connect: webCorsOriginList). */
  webCorsOriginList: string[];
  /** Origins whose requestPermission is denied without asking (Anki-Connect: ignoreOriginList). */
  ignoreOriginList: string[];
  /** Timeout for `url` media downloads in ms (Anki-Connect: webTimeout). */
  webTimeout: number;
  /** Largest request body accepted, in bytes (ours: Anki-Connect has no limit). */
  webMaxRequestBytes: number;
  /** Largest reply built for one request, in bytes (ours; a larger one is refused with an error). */
  webMaxReplyBytes: number;
  /** Most actions one request may hold in `multi`, nested ones included (ours). */
  webMaxMultiItems: number;
  /** Threads that run searches and info reads beside the main one; 0 runs them all on it (ours). */
  readerThreads: number;
  /** Largest media download accepted, in bytes (ours). */
  webMaxDownloadBytes: number;
  /** Extra Host header values accepted besides the loopback names (ours; DNS-rebinding guard). */
  webAllowedHosts: string[];
  /** Whether to listen beyond loopback without an API key (ours; refused unless set). */
  allowNetworkWithoutApiKey: boolean;
  /** Whether callers on other machines may name server-side files (media `path`) (ours). */
  allowRemoteFilePaths: boolean;
  /** Folder holding one sub-folder per profile, laid out like Anki's (ours). */
  base: string;
  /** Profile to open at start (ours). */
  profile: string;
  /** Sync server used when logging in; null means AnkiWeb (ours; Anki's customSyncUrl). */
  syncEndpoint: string | null;
  /** Whether a sync includes the media files (ours; Anki's syncMedia preference). */
  syncMedia: boolean;
  /** Minutes between automatic syncs; 0 turns them off (ours). */
  syncIntervalMinutes: number;
  /** Whether to sync after the server starts and before it stops, as Anki does on open and close (ours). */
  syncOnStartStop: boolean;
  /** Seconds without network progress before a sync request fails (ours; Anki's networkTimeout). */
  syncStallSeconds: number;
  /**
   * The config file the settings were read from, or null (ours). An origin the user allows or
   * ignores in the web UI's permission prompt is saved there, as Anki-Connect saves its config.
   */
  configFile: string | null;
}

/**
 * The server's own data folder: never Anki's, so a running Anki is never touched by default.
 * An empty or relative XDG_DATA_HOME is ignored, as the XDG spec asks, so the collection never
 * lands in whatever folder the server happens to be started from.
 */
export function defaultBaseFolder(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_DATA_HOME'];
  const dataHome = xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'share');
  return join(dataHome, 'anki-connect-server');
}

export function defaultSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    apiKey: null,
    apiLogPath: null,
    webBindAddress: ['127.0.0.1', '::1'],
    webBindPort: 8765,
    webCorsOriginList: ['http://localhost'],
    ignoreOriginList: [],
    webTimeout: 10_000,
    webMaxRequestBytes: 256 * 1024 * 1024,
    webMaxReplyBytes: 256 * 1024 * 1024,
    webMaxMultiItems: 100_000,
    readerThreads: 2,
    webMaxDownloadBytes: 100 * 1024 * 1024,
    webAllowedHosts: [],
    allowRemoteFilePaths: false,
    allowNetworkWithoutApiKey: false,
    base: defaultBaseFolder(env),
    profile: 'User 1',
    syncEndpoint: null,
    syncMedia: true,
    syncIntervalMinutes: 0,
    syncOnStartStop: true,
    syncStallSeconds: 60,
    configFile: null,
  };
}
