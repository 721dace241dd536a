import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerState } from '../api/context.js';
import type { Clock } from '../collection/clock.js';
import type { Collection } from '../collection/collection.js';
import { openCollection } from '../collection/open.js';
import type { Settings } from '../config/settings.js';
import { AnkiConnectError } from '../errors.js';
import { SyncService } from '../sync/service.js';
import { GuiWindows } from '../gui/windows.js';
import { ChangeEvents } from '../events/hub.js';
import { CollectionGate } from './gate.js';
import { ReaderPool } from './readers/pool.js';

const log = (message: string): void => {
  process.stderr.write(`anki-connect-server: ${message}\n`);
};

/** Where a profile's files live: `<base>/<profile>/collection.anki2` and `collection.media/`, as in Anki. */
export function profilePaths(base: string, profile: string): { collection: string; media: string } {
  const folder = join(base, profile);
  return { collection: join(folder, 'collection.anki2'), media: join(folder, 'collection.media') };
}

/**
 * The server's live state: settings and the one open collection (one writer per profile).
 * Switching profiles happens between requests, as in Anki-Connect, where `loadProfile` answers
 * before the switch: the named collection is opened at once (so a file that cannot be opened
 * fails the request) and takes over when the request that asked for it is done.
 */
export class ProfileServerState implements ServerState {
  private col: Collection | undefined;
  private profile: string | undefined;
  private pending: { name: string; col: Collection } | undefined;
  private replacement: ((collectionPath: string) => void) | undefined;

  private readonly readerPool: ReaderPool | undefined;
  /** Requests holding the collection across turns (hold); a switch waits for them. */
  private holds = 0;
  private changeWaiters: (() => void)[] = [];
  readonly gate: CollectionGate;
  readonly sync: SyncService;
  readonly gui = new GuiWindows();
  readonly events = new ChangeEvents();
  /** What guiExitAnki stops: set by whoever runs the server (the CLI stops the process). */
  onExit: (() => void) | undefined;

  constructor(
    readonly settings: Settings,
    private readonly clock?: Clock,
  ) {
    this.readerPool = settings.readerThreads > 0 ? new ReaderPool(settings.readerThreads) : undefined;
    // A sync waits for the reads in flight: a full sync replaces the file.
    this.gate = new CollectionGate(() => this.readerPool?.idle() ?? Promise.resolve());
    this.sync = new SyncService(this);
    this.events.onFirstListener = () => {
      const col = this.collectionIfOpen();
      if (col !== undefined) this.recordChanges(col);
    };
  }

  /** Once anyone listens to the change events, every collection served records its changes. */
  private recordChanges(col: Collection): void {
    if (this.events.active) col.recordChanges((action, changes) => this.events.changed(action, changes));
  }

  get readers(): ReaderPool | undefined {
    const pool = this.readerPool;
    if (pool === undefined || this.pending !== undefined || this.replacement !== undefined || this.gate.busy) return undefined;
    return this.collectionIfOpen() === undefined ? undefined : pool;
  }

  /** Resolves once the reader threads (if any) have loaded and can take reads. */
  async readersReady(): Promise<void> {
    await this.readerPool?.ready();
  }

  /** Stops the reader threads once their jobs are done (the server is stopping). */
  async closeReaders(): Promise<void> {
    await this.readerPool?.close();
  }

  /** Opens (creating when missing) the named profile's collection, closing any other. */
  openProfile(name: string): Collection {
    if (this.col !== undefined && this.profile === name) return this.col;
    this.close();
    this.gui.reset();
    const paths = profilePaths(this.settings.base, name);
    this.col = openCollection(paths.collection, {
      mediaDir: paths.media,
      lock: true,
      ...(this.clock === undefined ? {} : { clock: this.clock }),
    });
    this.profile = name;
    this.recordChanges(this.col);
    return this.col;
  }

  collection(): Collection {
    if (this.col === undefined || this.col.isClosed) throw new AnkiConnectError('collection is not available');
    return this.col;
  }

  collectionIfOpen(): Collection | undefined {
    return this.col?.isClosed === false ? this.col : undefined;
  }

  profileName(): string | undefined {
    return this.profile;
  }

  /**
   * The profiles: sub-folders of the base folder that hold a collection, the open one included,
   * sorted by code point so the list does not depend on the file system's order.
   */
  profileNames(): string[] {
    const base = this.settings.base;
    const names = existsSync(base)
      ? readdirSync(base, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && existsSync(profilePaths(base, entry.name).collection))
          .map((entry) => entry.name)
      : [];
    if (this.profile !== undefined && !names.includes(this.profile)) names.push(this.profile);
    return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Asks for a switch to an existing profile after this request; false for an unknown name. */
  loadProfile(name: string): boolean {
    this.dropPending();
    if (name === this.profile) return true;
    // Only listed names are opened, so a name cannot reach outside the base folder.
    if (!this.profileNames().includes(name)) return false;
    const paths = profilePaths(this.settings.base, name);
    const col = openCollection(paths.collection, {
      mediaDir: paths.media,
      lock: true,
      ...(this.clock === undefined ? {} : { clock: this.clock }),
    });
    this.pending = { name, col };
    return true;
  }

  replaceCollectionFile(replace: (collectionPath: string) => void): void {
    this.replacement = replace;
  }

  /**
   * Between requests: a collection file replacement asked for is carried out, then a profile
   * asked for by `loadProfile` replaces the open one.
   */
  hold(): () => void {
    this.holds++;
    let held = true;
    return () => {
      if (held) this.holds--;
      held = false;
    };
  }

  changeDone(): Promise<void> | undefined {
    if (this.pending === undefined && this.replacement === undefined) return undefined;
    return new Promise((resolve) => this.changeWaiters.push(resolve));
  }

  /** Lets the requests that waited for a switch or replacement run, once none is pending. */
  private releaseChangeWaiters(): void {
    if (this.pending !== undefined || this.replacement !== undefined) return;
    const waiters = this.changeWaiters;
    this.changeWaiters = [];
    for (const resolve of waiters) resolve();
  }

  settle(): void {
    if (this.holds > 0) return;
    // Reader threads read the file on connections of their own, open only while a job runs: it
    // is not closed or replaced under them. The request that ends the last of their jobs settles
    // instead (no new job starts while a change is pending).
    if (this.readerPool?.busy === true) return;
    this.replaceFile();
    const next = this.pending;
    if (next !== undefined) {
      this.pending = undefined;
      this.col?.close();
      this.col = next.col;
      this.profile = next.name;
      this.gui.reset();
      this.recordChanges(next.col);
      this.events.reset('profile');
    }
    this.releaseChangeWaiters();
  }

  /**
   * Closes the open collection, lets the replacement put its file in place and opens the result.
   * When the replacement fails, the file it left (its own job is to leave the old one when it
   * fails) is opened again; the reply has gone, so the failure is reported on standard error.
   */
  private replaceFile(): void {
    const replace = this.replacement;
    this.replacement = undefined;
    const col = this.col;
    const name = this.profile;
    if (replace === undefined || col === undefined || name === undefined) return;
    const path = col.path;
    col.close();
    this.col = undefined;
    this.profile = undefined;
    try {
      replace(path);
    } catch (err) {
      log(`replacing the collection ${path} failed; it is left as it was: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.events.reset('replaced');
    try {
      this.openProfile(name);
    } catch (err) {
      log(`the collection ${path} could not be opened again: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  requestExit(): void {
    const exit = this.onExit;
    // A second, as Anki-Connect waits, so the reply goes out first.
    if (exit !== undefined) setTimeout(exit, 1000).unref();
  }

  replaceCollectionNow(replace: (collectionPath: string) => void): Collection {
    const col = this.collection();
    const name = this.profile;
    if (name === undefined) throw new AnkiConnectError('collection is not available');
    this.close();
    try {
      replace(col.path);
    } catch (err) {
      this.openProfile(name);
      throw err;
    }
    this.events.reset('replaced');
    return this.openProfile(name);
  }

  private dropPending(): void {
    this.pending?.col.close();
    this.pending = undefined;
    this.releaseChangeWaiters();
  }

  close(): void {
    this.dropPending();
    this.col?.close();
    this.col = undefined;
    this.profile = undefined;
  }
}
