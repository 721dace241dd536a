/**
 * Syncing as the server does it for its open profile: the `sync` action, the CLI, the periodic
 * sync and the syncs after start and before stop all come through here. A sync owns the
 * collection (the gate) while it runs; requests wait for it. The last outcome is kept for
 * `getSyncStatus`. A rejected host key is forgotten, as Anki forgets it, so the user logs in again.
 */
import type { Collection } from '../collection/collection.js';
import type { Settings } from '../config/settings.js';
import { AnkiConnectError } from '../errors.js';
import type { CollectionGate } from '../server/gate.js';
import { login, readAuth, removeAuth, writeAuth, type SyncAuth } from './auth.js';
import { SyncError } from './errors.js';
import { ANKIWEB_ENDPOINT, SyncHttp } from './http.js';
import { mediaPathsForCollection, syncMedia } from './media/index.js';
import { ChangesRequired, changesRequired, planSync } from './protocol.js';
import { fetchMeta, localMeta, syncCollection, type FullSyncDirection, type SyncHost, type SyncResult } from './sync.js';

/** What the service needs from the server state. */
export interface SyncServiceHost extends SyncHost {
  readonly settings: Settings;
  readonly gate: CollectionGate;
  collectionIfOpen(): Collection | undefined;
}

export interface SyncStatus {
  loggedIn: boolean;
  username: string | null;
  endpoint: string | null;
  syncing: boolean;
  /** ms since the epoch; null when this collection never synced. */
  lastSync: number | null;
  lastError: string | null;
  /** The last media sync's failure; media sync runs after the collection's and fails apart from it. */
  lastMediaError: string | null;
  /** Changes made here since the last sync. */
  pendingChanges: boolean;
  /** A change here (note type fields, deletions of presets, Check Database…) needs a full sync. */
  fullSyncRequired: boolean;
  /** With `online`: what the server's meta calls for (Anki's ChangesRequired), else null. */
  required: number | null;
}

const log = (message: string): void => {
  process.stderr.write(`anki-connect-server: ${message}\n`);
};

export class SyncService {
  private lastError: string | null = null;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private lastMediaError: string | null = null;

  constructor(private readonly host: SyncServiceHost) {}

  private get settings(): Settings {
    return this.host.settings;
  }

  auth(): SyncAuth | undefined {
    const col = this.host.collectionIfOpen();
    return col === undefined ? undefined : readAuth(col.path);
  }

  /** Logs in for a host key and keeps it (never the password) in the profile's folder. */
  async login(username: string, password: string, endpoint?: string): Promise<SyncAuth> {
    const col = this.host.collection();
    const auth = await login(endpoint ?? this.settings.syncEndpoint ?? ANKIWEB_ENDPOINT, username, password);
    writeAuth(col.path, auth);
    return auth;
  }

  logout(): boolean {
    return removeAuth(this.host.collection().path);
  }

  /**
   * A sync of the open profile. Without credentials it fails with Anki-Connect's error; a full
   * sync is only carried out in the direction `full` names, otherwise reported in the result.
   */
  async sync(options: { full?: FullSyncDirection; media?: boolean } = {}): Promise<SyncResult> {
    return this.host.gate.exclusive(async () => {
      const auth = this.auth();
      if (auth === undefined) throw new AnkiConnectError('sync: auth not configured');
      const col = this.host.collection();
      this.running = true;
      try {
        const result = await syncCollection(this.host, {
          auth,
          media: options.media ?? this.settings.syncMedia,
          ...(options.full === undefined ? {} : { full: options.full }),
          syncMedia: (http, synced, serverUsn) => this.syncMediaFiles(http, synced, serverUsn),
          log,
          stallSecs: this.settings.syncStallSeconds,
          onNewEndpoint: (endpoint) => writeAuth(col.path, { ...auth, endpoint }),
        });
        this.lastError = null;
        return result;
      } catch (err) {
        this.lastError = err instanceof Error ? err.message : String(err);
        if (err instanceof SyncError && err.kind === 'authFailed') removeAuth(col.path);
        throw err;
      } finally {
        this.running = false;
      }
    });
  }

  /**
   * The media half, after the collection: as in Anki, its failure does not undo or fail the
   * collection sync that came before; it is reported on standard error and in the status, and
   * the next sync picks up where it stopped.
   */
  private async syncMediaFiles(http: SyncHttp, col: Collection, serverUsn: number): Promise<void> {
    try {
      await syncMedia(http, mediaPathsForCollection(col.path), { serverUsn });
      this.lastMediaError = null;
    } catch (err) {
      this.lastMediaError = err instanceof Error ? err.message : String(err);
      log(`media sync failed: ${this.lastMediaError}`);
    }
  }

  /** A sync whose failure is only reported (periodic, after start, before stop). */
  async syncQuietly(reason: string): Promise<void> {
    if (this.auth() === undefined) return;
    try {
      const result = await this.sync();
      if (result.performed === 'refused') {
        log(`${reason} sync: the server asks for a full sync (${ChangesRequired[result.required]}); choose its direction with "anki-connect-server sync --full-upload" or "--full-download"`);
      }
    } catch (err) {
      log(`${reason} sync failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Starts the periodic sync when the settings ask for one. */
  startTimer(): void {
    const minutes = this.settings.syncIntervalMinutes;
    if (minutes <= 0 || this.timer !== undefined) return;
    this.timer = setInterval(() => {
      if (!this.running) void this.syncQuietly('periodic');
    }, minutes * 60_000);
    this.timer.unref();
  }

  stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Where the open collection stands, from its own timestamps, and with `online` from the server's. */
  async status(online = false): Promise<SyncStatus> {
    const auth = this.auth();
    const col = this.host.collection();
    const row = col.stmt<[], { mod: number; scm: number; ls: number }>('select mod, scm, ls from col').get();
    const ls = row?.ls ?? 0;
    const status: SyncStatus = {
      loggedIn: auth !== undefined,
      username: auth?.username ?? null,
      endpoint: auth?.endpoint ?? null,
      syncing: this.running,
      lastSync: ls === 0 ? null : ls,
      lastError: this.lastError,
      lastMediaError: this.lastMediaError,
      pendingChanges: ls === 0 ? (row?.mod ?? 0) !== 0 : (row?.mod ?? 0) > ls,
      fullSyncRequired: ls !== 0 && (row?.scm ?? 0) > ls,
      required: null,
    };
    if (online && auth !== undefined) {
      status.required = await this.host.gate.exclusive(async () => {
        const http = new SyncHttp({ endpoint: auth.endpoint, hkey: auth.hkey, stallSecs: this.settings.syncStallSeconds });
        try {
          const { remote } = await fetchMeta(http);
          return changesRequired(planSync(localMeta(this.host.collection()), remote));
        } finally {
          http.close();
        }
      });
    }
    return status;
  }
}
