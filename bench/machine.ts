/** What the figures were measured on, printed with them. */
import { cpus, loadavg, totalmem } from 'node:os';
import { openMemoryDatabase } from '../src/storage/database.js';

/** One line per fact: CPU, cores, memory, load, Node and SQLite versions. */
export function describeMachine(): string[] {
  const cores = cpus();
  const db = openMemoryDatabase();
  const sqlite = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
  db.close();
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  return [
    `cpu      ${cores[0]?.model.trim() ?? 'unknown'} × ${cores.length} cores`,
    `memory   ${(totalmem() / 2 ** 30).toFixed(1)} GiB; load average at start ${load}`,
    `node     ${process.version} (${process.platform} ${process.arch}); SQLite ${sqlite} via better-sqlite3`,
  ];
}
