/**
 * Every row of every table of a collection file, read with plain SQL (the unicase collation
 * loaded), to show what opening a file in Anki and running its Check Database changed.
 */
import Database from 'better-sqlite3';
import { unicaseExtensionPath } from '../../src/storage/database.js';

export type Rows = Map<string, string[]>;

/** Each table's rows as JSON texts, sorted, so that two dumps compare row for row. */
export function dumpRows(path: string): Rows {
  // Opened plainly (no pragmas: nothing about the file changes), with the collation loaded.
  const db = new Database(path, { fileMustExist: true });
  db.loadExtension(unicaseExtensionPath());
  try {
    return dumpOpenRows(db);
  } finally {
    db.close();
  }
}

/** The same dump, read through a connection that is open already (a running server's). */
export function dumpOpenRows(db: Database.Database): Rows {
  const tables = db
    .prepare<[], { name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all()
    .map((row) => row.name);
  const out: Rows = new Map();
  for (const table of tables) {
    // Table names come from sqlite_master, not from input; quoted as identifiers.
    const rows = db.prepare(`select * from "${table.replaceAll('"', '""')}"`).raw().all() as unknown[][];
    const text = (row: unknown[]) => JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : v)));
    out.set(table, rows.map(text).sort());
  }
  return out;
}

/** A row difference to ignore: the table and a predicate on the row before and after. */
export interface RowChangeRule {
  table: string;
  /** Why the change is expected (shown nowhere else: the reason is the documentation). */
  reason: string;
  matches: (before: unknown[], after: unknown[]) => boolean;
  /** A row the change may remove, judged against the rows after it. */
  removes?: (row: unknown[], after: Rows) => boolean;
}

/**
 * What changed between two dumps, as readable lines: rows only before (`-`), only after (`+`),
 * and tables added or dropped. A pair of rows that one rule accepts is not reported.
 */
export function diffRows(before: Rows, after: Rows, rules: readonly RowChangeRule[] = []): string[] {
  const out: string[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(table);
    const b = after.get(table);
    if (a === undefined || b === undefined) {
      out.push(`${table}: table ${a === undefined ? 'added' : 'dropped'}`);
      continue;
    }
    const setA = new Set(a);
    const setB = new Set(b);
    const onlyA = a.filter((row) => !setB.has(row));
    const onlyB = b.filter((row) => !setA.has(row));
    const tableRules = rules.filter((rule) => rule.table === table);
    // A removed row may pair with an added one that a rule accepts as its rewrite; every added row
    // pairs at most once, and every unpaired row is reported.
    const unpaired = [...onlyB];
    for (const row of onlyA) {
      const parsedA = JSON.parse(row) as unknown[];
      const at =
        tableRules.length === 0
          ? -1
          : unpaired.findIndex((added) => tableRules.some((rule) => rule.matches(parsedA, JSON.parse(added) as unknown[])));
      if (at >= 0) {
        unpaired.splice(at, 1);
        continue;
      }
      if (tableRules.some((rule) => rule.removes?.(parsedA, after) === true)) continue;
      out.push(`${table} - ${row}`);
    }
    for (const row of unpaired) out.push(`${table} + ${row}`);
  }
  return out;
}
