import type { Statement } from 'better-sqlite3';
import type { Db } from '../storage/database.js';
import type { Clock } from './clock.js';
import { DeckConfigStore } from '../deckconfig/store.js';
import { DeckStore } from '../decks/store.js';
import { MediaFolder } from '../media/folder.js';
import { NotetypeStore } from '../notetypes/store.js';
import { TagRegistry } from '../tags/registry.js';
import { ConfigStore } from './config.js';
import { ChangeLog, type ChangePublisher } from '../events/change-log.js';

/** Tables whose ids are millisecond timestamps allocated by `nextId`. */
export type IdTable = 'notes' | 'cards' | 'revlog';

/**
 * One open collection: the SQLite connection, the clock, the media folder path and the caches
 * of the domain stores. Every write goes through `transact`, which is the only place that
 * begins, commits or rolls back, and which stamps `col.mod` when anything changed.
 *
 * Handlers are synchronous on purpose: better-sqlite3 is synchronous and Node runs one piece
 * of JavaScript at a time, so a transaction can never interleave with another request.
 */
export class Collection {
  readonly config: ConfigStore;
  readonly decks: DeckStore;
  readonly deckConfigs: DeckConfigStore;
  readonly notetypes: NotetypeStore;
  readonly tags: TagRegistry;
  private readonly statements = new Map<string, Statement>();
  private readonly cacheResets: (() => void)[] = [];
  private readonly maxIds = new Map<IdTable, number>();
  private depth = 0;
  private closed = false;
  private readonly closeHooks: (() => void)[] = [];
  private mediaFolder: MediaFolder | undefined;
  private changeLog: ChangeLog | undefined;

  constructor(
    readonly db: Db,
    readonly path: string,
    readonly mediaDir: string,
    readonly clock: Clock,
  ) {
    this.config = new ConfigStore(this);
    this.decks = new DeckStore(this);
    this.deckConfigs = new DeckConfigStore(this);
    this.notetypes = new NotetypeStore(this);
    this.tags = new TagRegistry(this);
    this.onRollback(() => this.maxIds.clear());
  }

  /** The collection's media folder (created on first use). */
  get media(): MediaFolder {
    if (this.mediaFolder === undefined) {
      this.mediaFolder = new MediaFolder(this.mediaDir);
      this.observeMedia();
    }
    return this.mediaFolder;
  }

  /** What writes change, once recordChanges was called (the change events); else undefined. */
  get changes(): ChangeLog | undefined {
    return this.changeLog;
  }

  /**
   * From now on, announces what each committed write changed to `publish` (see ChangeLog). Called
   * between transactions: the log's triggers must not be rolled back with one.
   */
  recordChanges(publish: ChangePublisher): void {
    if (this.changeLog !== undefined || this.closed) return;
    if (this.depth > 0) throw new Error('internal error: change recording starts between transactions');
    this.changeLog = new ChangeLog(this.db, () => this.depth > 0, publish);
    this.observeMedia();
  }

  private observeMedia(): void {
    const log = this.changeLog;
    if (log !== undefined && this.mediaFolder !== undefined) this.mediaFolder.onChange = (name, op) => log.noteMedia(name, op);
  }

  /** A prepared statement for `sql`, compiled once per connection. */
  stmt<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Statement<P, R>;
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  nowSecs(): number {
    return Math.floor(this.clock.nowMs() / 1000);
  }

  /** Update sequence number for local changes: -1 means "not yet synced". */
  usn(): number {
    return -1;
  }

  /** Registers a cache reset to run whenever a transaction or savepoint is rolled back. */
  onRollback(reset: () => void): void {
    this.cacheResets.push(reset);
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /**
   * Runs `fn` atomically. The outermost call is a transaction; nested calls are savepoints, so
   * a failing inner step (one note of addNotes, one item of multi) can be undone alone. If
   * anything was written, `col.mod` is set to now when the outermost transaction commits.
   */
  transact<T>(fn: () => T): T {
    if (this.closed) throw new Error('collection is not available');
    const outermost = this.depth === 0;
    const savepoint = `sp${this.depth}`;
    const changesBefore = outermost ? this.totalChanges() : 0;
    const logMark = this.changeLog?.mark();
    this.stmt(outermost ? 'begin immediate' : `savepoint ${savepoint}`).run();
    this.depth++;
    let result: T;
    try {
      result = fn();
      if (result instanceof Promise) {
        throw new Error('internal error: a transaction body must be synchronous');
      }
    } catch (err) {
      this.depth--;
      if (outermost) {
        this.stmt('rollback').run();
      } else {
        this.stmt(`rollback to ${savepoint}`).run();
        this.stmt(`release ${savepoint}`).run();
      }
      if (logMark !== undefined) this.changeLog?.rolledBack(logMark);
      this.resetCaches();
      throw err;
    }
    this.depth--;
    if (outermost) {
      if (this.totalChanges() !== changesBefore) {
        this.stmt('update col set mod = ?').run(this.nowMs());
      }
      this.stmt('commit').run();
      this.changeLog?.committed();
    } else {
      this.stmt(`release ${savepoint}`).run();
    }
    return result;
  }

  /**
   * A new id for a note, card or revlog row: now in milliseconds, or the highest plus one.
   *
   * For notes and cards, "the highest" is of every id the table has had: the live rows, the
   * deleted ones (their graves) and every id handed out since the collection opened, so an id
   * never goes backwards. Anki's rule ("now, unless taken") keeps ids in creation order while
   * they follow the clock; but a batch runs ahead of the clock, and after deletions "now" can be
   * a deleted note's id, given again to a new note whose reviews and graves then mix with the
   * old one's. A review's id is the time it was given (the statistics read it so), so the review
   * log keeps Anki's rule: now, unless that id is taken.
   */
  nextId(table: IdTable): number {
    let max = this.maxIds.get(table);
    if (max === undefined) {
      const row = this.stmt<[], { id: number | null }>(`select max(id) as id from ${table}`).get();
      const kind = table === 'notes' ? 1 : table === 'cards' ? 0 : undefined;
      const grave =
        kind === undefined ? null : (this.stmt<[number], { id: number | null }>('select max(oid) as id from graves where type = ?').get(kind)?.id ?? null);
      max = Math.max(row?.id ?? 0, grave ?? 0);
    }
    let id = this.nowMs();
    const taken = table === 'revlog' ? id <= max && this.stmt<[number]>('select 1 from revlog where id = ?').get(id) !== undefined : id <= max;
    if (taken) id = max + 1;
    this.maxIds.set(table, Math.max(max, id));
    return id;
  }

  /** Rows were inserted with ids chosen elsewhere: the next `nextId` reads the maximum again. */
  forgetMaxId(table: IdTable): void {
    this.maxIds.delete(table);
  }

  /** Forgets every cached row; the next read goes to the database. */
  resetCaches(): void {
    for (const reset of this.cacheResets) reset();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.db.close();
    for (const hook of this.closeHooks) hook();
  }

  /** Runs `hook` once the collection's connection is closed (releasing the profile lock). */
  onClose(hook: () => void): void {
    this.closeHooks.push(hook);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Rows changed by this connection since it opened (SQLite total_changes()). */
  totalChanges(): number {
    return this.stmt<[], { n: number }>('select total_changes() as n').get()?.n ?? 0;
  }
}
