/**
 * Records what each write changes, for the change events (GET /events). Temporary triggers on
 * the collection's connection log every row added, updated or removed in the tables clients care
 * about into a temporary table; the media folder reports its files. The log takes part in the
 * collection's transactions (a temporary table is rolled back with them), so a write that is
 * undone leaves nothing to announce, and after each commit the log is read, cut into one change
 * set per action (`within`), published and emptied.
 *
 * Only the connection that writes has the triggers; they are installed once something listens,
 * so a server nobody listens to pays nothing for them.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../storage/database.js';
import { foldChanges, type ChangeKind, type ChangeOp, type ChangeRow, type ChangeSet } from './change-set.js';

/** Tables logged: the column naming the object, and the kind it is announced as. */
const LOGGED: readonly { table: string; column: string; kind: ChangeKind; always?: ChangeOp }[] = [
  { table: 'notes', column: 'id', kind: 'notes' },
  { table: 'cards', column: 'id', kind: 'cards' },
  { table: 'decks', column: 'id', kind: 'decks' },
  { table: 'notetypes', column: 'id', kind: 'noteTypes' },
  // A note type's fields and templates are rows of their own: changing them changes the note type.
  { table: 'fields', column: 'ntid', kind: 'noteTypes', always: 'updated' },
  { table: 'templates', column: 'ntid', kind: 'noteTypes', always: 'updated' },
  { table: 'deck_config', column: 'id', kind: 'deckConfigs' },
  { table: 'tags', column: 'tag', kind: 'tags' },
  { table: 'revlog', column: 'id', kind: 'reviews' },
];

/** Where a change set begins: the log's last row and media entry then, and whose changes follow. */
interface Cut {
  row: number;
  media: number;
  label: string | null;
}

/** A point to roll the log back to (Collection.transact takes one per transaction and savepoint). */
export interface LogMark {
  cuts: number;
  media: number;
}

export type ChangePublisher = (action: string | null, changes: ChangeSet) => void;

export class ChangeLog {
  private cuts: Cut[] = [{ row: 0, media: 0, label: null }];
  private media: ChangeRow[] = [];
  /** The actions being run, innermost last: their changes are announced as theirs. */
  private readonly labels: string[] = [];
  private readonly lastRow: Statement<[], { row: number | null }>;
  private readonly allRows: Statement<[], { id: number; kind: ChangeKind; ref: number | string; op: ChangeOp }>;
  private readonly clear: Statement;

  constructor(
    db: Db,
    private readonly inTransaction: () => boolean,
    private readonly publish: ChangePublisher,
  ) {
    // With it, a row that SQLite's REPLACE overwrites fires the delete trigger as well, so the
    // log sees an update (removed, then added again) rather than an addition.
    db.pragma('recursive_triggers = on');
    db.exec('create temp table if not exists acs_changes (kind text not null, ref not null, op text not null)');
    for (const { table, column, kind, always } of LOGGED) {
      const op = (wanted: ChangeOp): string => `'${always ?? wanted}'`;
      const insert = (ref: string, opSql: string, where = ''): string =>
        `insert into temp.acs_changes (kind, ref, op) select '${kind}', ${ref}, ${opSql}${where};`;
      db.exec(
        `create temp trigger if not exists acs_${table}_insert after insert on main.${table} begin ${insert(`new.${column}`, op('added'))} end;` +
          `create temp trigger if not exists acs_${table}_update after update on main.${table} begin ` +
          insert(`old.${column}`, op('removed'), ` where old.${column} is not new.${column}`) +
          insert(`new.${column}`, `case when old.${column} is new.${column} then ${op('updated')} else ${op('added')} end`) +
          ' end;' +
          `create temp trigger if not exists acs_${table}_delete after delete on main.${table} begin ${insert(`old.${column}`, op('removed'))} end;`,
      );
    }
    this.lastRow = db.prepare('select max(rowid) as row from temp.acs_changes');
    this.allRows = db.prepare('select rowid as id, kind, ref, op from temp.acs_changes order by rowid');
    this.clear = db.prepare('delete from temp.acs_changes');
  }

  /** Runs one action: what it changes is announced as one change set in its name. */
  within<T>(action: string, fn: () => T): T {
    this.labels.push(action);
    this.cut();
    try {
      return fn();
    } finally {
      this.labels.pop();
      this.cut();
      // Outside a transaction (an action that writes files only, or commits on its own) there is
      // no commit to wait for.
      if (!this.inTransaction() && this.labels.length === 0) this.flush();
    }
  }

  /** The media folder added, replaced or removed a file (files are not rolled back, but the log is). */
  noteMedia(name: string, op: ChangeOp): void {
    this.media.push({ kind: 'media', key: name, op });
    if (!this.inTransaction() && this.labels.length === 0) this.flush();
  }

  mark(): LogMark {
    return { cuts: this.cuts.length, media: this.media.length };
  }

  /** A transaction or savepoint was rolled back: its rows are gone, and so go its cuts and media. */
  rolledBack(mark: LogMark): void {
    this.cuts.length = Math.max(1, mark.cuts);
    this.media.length = mark.media;
  }

  /** The outermost transaction committed: announce, unless an action is still running (it will). */
  committed(): void {
    if (this.labels.length === 0) this.flush();
  }

  private cut(): void {
    this.cuts.push({ row: this.lastRow.get()?.row ?? 0, media: this.media.length, label: this.labels.at(-1) ?? null });
  }

  /** Publishes each cut's changes, in order, and empties the log. */
  private flush(): void {
    const rows = this.allRows.all();
    const cuts = this.cuts;
    const media = this.media;
    let next = 0;
    const sets: { label: string | null; set: ChangeSet }[] = [];
    for (let i = 0; i < cuts.length; i++) {
      const cut = cuts[i] as Cut;
      const end = cuts[i + 1];
      const segment: ChangeRow[] = [];
      while (next < rows.length && (end === undefined || (rows[next]?.id ?? 0) <= end.row)) {
        const row = rows[next++] as (typeof rows)[number];
        segment.push({ kind: row.kind, key: row.ref, op: row.op });
      }
      segment.push(...media.slice(cut.media, end === undefined ? media.length : end.media));
      const set = foldChanges(segment);
      if (set !== undefined) sets.push({ label: cut.label, set });
    }
    if (rows.length > 0) this.clear.run();
    this.media = [];
    this.cuts = [{ row: 0, media: 0, label: this.labels.at(-1) ?? null }];
    for (const { label, set } of sets) this.publish(label, set);
  }
}
