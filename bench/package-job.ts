/**
 * One package job of measurement h in a process of its own, so that its peak memory (maxRSS) is
 * the job's alone: `export <base> <deck> <out>`, `import <base> <package>`, and their floors
 * `floor-export <collection> <mediaDir> <out>` and `floor-import <collection> <package>`.
 * Prints one JSON line: {ms, maxRssMb, result}.
 */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { createRegistry } from '../src/api/actions/index.js';
import { Dispatcher } from '../src/api/dispatcher.js';
import { defaultSettings } from '../src/config/settings.js';
import { ProfileServerState } from '../src/server/state.js';
import { unicaseExtensionPath } from '../src/storage/database.js';

async function call(base: string, action: string, params: Record<string, unknown>): Promise<unknown> {
  const state = new ProfileServerState({ ...defaultSettings({}), base });
  state.openProfile('User 1');
  try {
    const reply = (await new Dispatcher(createRegistry(), state).handle(
      { action, version: 6, params },
      { origin: '', allowed: true, local: true },
    )) as { result: unknown; error: string | null };
    if (reply.error !== null) throw new Error(`${action}: ${reply.error}`);
    return reply.result;
  } finally {
    state.close();
  }
}

/** The raw cost of a package's bytes: a copy of the database by SQLite and the media zipped. */
function floorExport(collection: string, mediaDir: string, out: string): void {
  const db = new Database(collection, { readonly: true });
  // The copy rebuilds the unicase indexes, so the collation must be there.
  db.loadExtension(unicaseExtensionPath());
  rmSync(`${out}.db`, { force: true });
  db.prepare('vacuum into ?').run(`${out}.db`);
  db.close();
  const files: Zippable = { 'collection.db': [readFileSync(`${out}.db`), { level: 0 }] };
  readdirSync(mediaDir).forEach((name, i) => (files[String(i)] = [readFileSync(join(mediaDir, name)), { level: 0 }]));
  writeFileSync(out, zipSync(files));
}

/** The raw cost of taking a package in: unzip it and copy its notes and cards with SQL. */
function floorImport(collection: string, pkg: string): void {
  const entries = unzipSync(readFileSync(pkg));
  const inner = `${pkg}.inner.db`;
  writeFileSync(inner, entries['collection.db'] ?? new Uint8Array());
  const db = new Database(collection);
  db.prepare('attach ? as pkg').run(inner);
  db.transaction(() => {
    db.exec('insert or ignore into notes select * from pkg.notes');
    db.exec('insert or ignore into cards select * from pkg.cards');
  })();
  db.close();
}

const [job, ...args] = process.argv.slice(2);
const started = performance.now();
let result: unknown = null;
switch (job) {
  case 'export':
    result = await call(args[0]!, 'exportPackage', { deck: args[1]!, path: args[2]!, includeSched: true });
    break;
  case 'import':
    result = await call(args[0]!, 'importPackage', { path: args[1]! });
    break;
  case 'floor-export':
    floorExport(args[0]!, args[1]!, args[2]!);
    break;
  case 'floor-import':
    floorImport(args[0]!, args[1]!);
    break;
  default:
    throw new Error(`unknown job ${String(job)}`);
}
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, result }) + '\n');
