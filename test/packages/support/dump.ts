/** Every row of every table of an open collection, to show that a refused import changed nothing. */
import type { Collection } from '../../../src/collection/collection.js';

export function dumpCollection(col: Collection): Record<string, unknown[]> {
  const tables = col
    .stmt<[], { name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all()
    .map((row) => row.name);
  const out: Record<string, unknown[]> = {};
  // Table names come from sqlite_master, quoted as identifiers.
  for (const table of tables) out[table] = col.db.prepare(`select * from "${table.replaceAll('"', '""')}" order by 1`).raw().all();
  return out;
}
