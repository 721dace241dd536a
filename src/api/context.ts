import type { Collection } from '../collection/collection.js';
import type { Settings } from '../config/settings.js';
import type { GuiWindows } from '../gui/windows.js';
import type { ChangeEvents } from '../events/hub.js';
import type { CollectionGate } from '../server/gate.js';
import type { ReaderPool } from '../server/readers/pool.js';
import type { SyncService } from '../sync/service.js';

/** What the transport knows about the caller of one request. */
export interface RequestInfo {
  /** The Origin header, or "" when there was none (as Anki-Connect reports it). */
  origin: string;
  /** Whether the origin passed the CORS check. */
  allowed: boolean;
  /**
   * Whether the caller connected from this machine. File-system paths in requests (media `path`
   * sources) are honoured only for such callers unless the settings allow otherwise.
   */
  local: boolean;
}

/** Server-wide state the actions reach: the open collection and the settings. */
export interface ServerState {
  readonly settings: Settings;
  /** The open collection; throws "collection is not available" when no profile is open. */
  collection(): Collection;
  /** The open collection or undefined, for actions that work without one. */
  collectionIfOpen(): Collection | undefined;
  /** The name of the open profile. */
  profileName(): string | undefined;
  /** The names of the profiles there are. */
  profileNames(): string[];
  /** Switches to the named profile once the current request is done; false for an unknown name. */
  loadProfile(name: string): boolean;
  /** Called when a request is done: carries out a switch `loadProfile` asked for. */
  settle(): void;
  /**
   * Keeps the open collection from being switched or replaced until the returned function is
   * called: for a request that spans several turns of the event loop (a `multi`).
   */
  hold(): () => void;
  /**
   * While a profile switch or a file replacement is waiting (for a multi or a read in flight),
   * a promise that resolves once it is done: a request that arrives meanwhile runs after it, so a
   * client that had loadProfile's answer never sees the old profile again.
   */
  changeDone(): Promise<void> | undefined;
  /**
   * Asks for the open collection's file to be replaced once the current request is done, as a
   * collection package import does: the collection is closed, `replace` is called with its path
   * (it puts the new file there), and the collection at that path is opened again and served.
   */
  replaceCollectionFile(replace: (collectionPath: string) => void): void;
  /**
   * Closes the open collection at once, lets `replace` put a new file at its path and opens the
   * result, which it returns (a full sync's download). If `replace` throws, the old file is
   * opened again and the error passed on. Only for a task that owns the collection (the gate).
   */
  replaceCollectionNow(replace: (collectionPath: string) => void): Collection;
  /** Held by a task that owns the collection across awaits (a sync); requests wait for it. */
  readonly gate: CollectionGate;
  /** Syncing the open profile with AnkiWeb or a self-hosted sync server. */
  readonly sync: SyncService;
  /** Anki's windows, held in the server for the graphical actions and the web UI. */
  readonly gui: GuiWindows;
  /** The change events (GET /events): what each committed write changed. */
  readonly events: ChangeEvents;
  /**
   * Reader threads for the actions marked `reads`, when the server has them and nothing is about
   * to replace the open collection (a profile switch, a file replacement, a sync): else undefined,
   * and the action runs on the main connection.
   */
  readonly readers: ReaderPool | undefined;
  /** Asks the server to stop cleanly a second from now (guiExitAnki); nothing without a way to stop. */
  requestExit(): void;
}

/** A request prepared for execution; opaque outside the dispatcher. */
export interface PlannedItem {
  readonly ok: boolean;
}

/** The dispatcher as `multi` sees it: plan each item, then execute them in order. */
export interface NestedDispatch {
  plan(request: unknown): Promise<PlannedItem>;
  execute(planned: PlannedItem): unknown;
  /** Executes items in order in one transaction, each item's failure undone alone. */
  executeBatch(items: readonly PlannedItem[]): unknown[];
  /** Counts a multi's actions against the request's limit (webMaxMultiItems); throws past it. */
  reserve(actions: readonly unknown[]): void;
}

/** Everything an action handler may use. */
export interface ActionContext {
  readonly server: ServerState;
  readonly request: RequestInfo;
  /** Shorthand for server.collection(). */
  col(): Collection;
  /** Dispatches requests nested in this one (multi). */
  readonly nested: NestedDispatch;
  /**
   * Runs `task` once this request is done (after the `multi` holding it, if any), whether it
   * succeeded or not: releasing what its preparation opened, such as a package file. Tasks belong
   * to their request, so a request that finishes never ends what another one still needs.
   */
  afterRequest(task: () => void): void;
}
