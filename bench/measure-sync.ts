/**
 * i. Sync with Anki's own sync server (`python -m anki.syncserver` from the `anki` wheel in
 * .anki-venv, test-anki/support/sync-server.ts), media off: i1 the first full upload of a copy of
 * the large collection to a new account, i2 a normal sync of 1,000 notes changed after it. Our
 * side is the `sync` action (bench/sync-job.ts, one process per step so that its peak memory is
 * the step's own); the floor is real Anki (the same wheel, test-anki/driver through AnkiDriver,
 * one driver process per step) doing the same with its own copy and its own new account on the
 * same server. The two sides alternate run by run. Without the wheel the rows say "not run".
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FIELD_SEPARATOR } from '../src/notes/note.js';
import { AnkiDriver, ankiPython, SyncRequired, type SyncAuth } from '../test-anki/support/anki.js';
import { AnkiSyncServer } from '../test-anki/support/sync-server.js';
import { copyCollection, scratchDir } from './cache.js';
import type { Measured } from './measure-version.js';
import { formatMs, type Row } from './report.js';
import { Rng } from './rng.js';
import type { SyncEdit } from './sync-job.js';
import { median } from './stats.js';

export interface SyncConfig {
  /** The cached collection to copy. */
  collection: string;
  /** Notes changed before the normal sync. */
  changedNotes: number;
  runs: number;
  seed: number;
}

export function syncSizes(quick: boolean): Omit<SyncConfig, 'collection' | 'seed'> {
  return quick ? { changedNotes: 1_000, runs: 1 } : { changedNotes: 1_000, runs: 3 };
}

/** Within 3× real Anki's time, as the other rows with a floor, and under 500 MB as h. */
const TARGET_RATIO = 3;
const TARGET_MB = 500;
const MODEL = 'Basic (and reversed card)';
const PASSWORD = 'pass';
const EDIT_MARK = 'changed before the sync';

interface Step {
  ms: number;
  maxRssMb: number;
}

function runJob(args: string[]): Step {
  const script = new URL('./sync-job.ts', import.meta.url).pathname;
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Step;
}

/** `changedNotes` distinct notes of MODEL drawn at random (seeded), with a new Back each. */
function pickEdits(collection: string, config: SyncConfig): SyncEdit[] {
  const db = new Database(collection, { readonly: true });
  try {
    // Compared here, not in SQL: the name column is declared with Anki's unicase collation.
    const types = db.prepare('select id, name from notetypes').all() as { id: number; name: string }[];
    const mid = types.find((type) => type.name === MODEL)?.id;
    if (mid === undefined) throw new Error(`the collection has no note type ${MODEL}`);
    const rows = db.prepare('select id, flds from notes where mid = ? order by id').all(mid) as { id: number; flds: string }[];
    const rng = new Rng(config.seed ^ 0x5c);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    return rows.slice(0, config.changedNotes).map((row, i) => ({
      id: row.id,
      fields: { Front: row.flds.split(FIELD_SEPARATOR)[0] ?? '', Back: `${EDIT_MARK} ${i}` },
    }));
  } finally {
    db.close();
  }
}

/** The account's note count on the (stopped) server, and how many of its notes carry an edit. */
function serverState(server: AnkiSyncServer, user: string): { notes: number; edited: number } {
  const db = new Database(join(server.userFolder(user), 'collection.anki2'), { readonly: true });
  try {
    return {
      notes: db.prepare('select count() from notes').pluck().get() as number,
      edited: db.prepare('select count() from notes where instr(flds, ?) > 0').pluck().get(EDIT_MARK) as number,
    };
  } finally {
    db.close();
  }
}

function countNotes(collection: string): number {
  const db = new Database(collection, { readonly: true });
  try {
    return db.prepare('select count() from notes').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Real Anki's full upload of the collection at `path` to a new account: login, the sync that asks for it, the upload. */
async function ankiUpload(path: string, endpoint: string, user: string): Promise<{ step: Step; auth: SyncAuth }> {
  const anki = new AnkiDriver();
  try {
    await anki.open(path);
    const auth = await anki.syncLogin(user, PASSWORD, endpoint);
    const started = performance.now();
    const first = await anki.syncCollection(auth);
    if (first.required !== SyncRequired.FULL_UPLOAD) throw new Error(`real Anki was asked for sync ${first.required}, not a full upload`);
    await anki.fullSync(auth, { upload: true });
    const ms = performance.now() - started;
    return { step: { ms, maxRssMb: await anki.peakMemoryMb() }, auth };
  } finally {
    await anki.stop();
  }
}

/** Real Anki changing the notes (not timed), in a process of its own. */
async function ankiEdit(path: string, edits: readonly SyncEdit[]): Promise<void> {
  const anki = new AnkiDriver();
  try {
    await anki.open(path);
    for (const edit of edits) await anki.write('updateNoteFields', { id: edit.id, fields: edit.fields });
  } finally {
    await anki.stop();
  }
}

/** Real Anki's normal sync (one press of the Sync button, media off). */
async function ankiSync(path: string, auth: SyncAuth): Promise<Step> {
  const anki = new AnkiDriver();
  try {
    await anki.open(path);
    const started = performance.now();
    const result = await anki.syncCollection(auth);
    const ms = performance.now() - started;
    if (result.required !== SyncRequired.NO_CHANGES) throw new Error(`real Anki's sync ended with ${result.required}, not a normal sync`);
    return { ms, maxRssMb: await anki.peakMemoryMb() };
  } finally {
    await anki.stop();
  }
}

function notRun(reason: string): Measured {
  const row = (name: string): Row => ({ name, ours: 'not run', floor: '—', ratio: '—', target: '—', pass: undefined });
  return {
    rows: [row('i1. sync: first full upload'), row('i2. sync: normal sync of changed notes')],
    notes: [`i. Not run: ${reason}.`],
  };
}

export async function measureSync(config: SyncConfig): Promise<Measured> {
  try {
    ankiPython();
  } catch (err) {
    return notRun(err instanceof Error ? err.message : String(err));
  }
  const scratch = scratchDir('acs-bench-sync-');
  const users: Record<string, string> = {};
  for (let run = 0; run < config.runs; run++) {
    users[`ours${run}`] = PASSWORD;
    users[`anki${run}`] = PASSWORD;
  }
  // A base of our own, so that it outlives the server and its files can be checked after it stopped.
  mkdirSync(join(scratch.dir, 'server'));
  const server = await AnkiSyncServer.start({ users, base: join(scratch.dir, 'server') });
  try {
    const editsPath = join(scratch.dir, 'edits.json');
    const edits = pickEdits(config.collection, config);
    writeFileSync(editsPath, JSON.stringify(edits));
    const anki = new AnkiDriver();
    const ankiVersion = await anki.version();
    await anki.stop();

    const upload: Record<'ours' | 'floor', Step[]> = { ours: [], floor: [] };
    const normal: Record<'ours' | 'floor', Step[]> = { ours: [], floor: [] };
    for (let run = 0; run < config.runs; run++) {
      const oursBase = join(scratch.dir, `ours-${run}`);
      copyCollection(config.collection, join(oursBase, 'User 1', 'collection.anki2'));
      const ankiPath = join(scratch.dir, `anki-${run}`, 'collection.anki2');
      copyCollection(config.collection, ankiPath);
      const oursFirst = run % 2 === 0;

      // i1. The first full upload, each side to its own new account.
      let auth: SyncAuth | undefined;
      for (const side of oursFirst ? ['ours', 'floor'] : ['floor', 'ours']) {
        if (side === 'ours') {
          upload.ours.push(runJob(['upload', oursBase, server.url, `ours${run}`, PASSWORD]));
        } else {
          const done = await ankiUpload(ankiPath, server.url, `anki${run}`);
          upload.floor.push(done.step);
          auth = done.auth;
        }
      }
      if (auth === undefined) throw new Error('real Anki did not log in');

      // The same notes changed on both sides (not timed).
      runJob(['edit', oursBase, editsPath]);
      await ankiEdit(ankiPath, edits);

      // i2. The normal sync that sends them.
      for (const side of oursFirst ? ['ours', 'floor'] : ['floor', 'ours']) {
        if (side === 'ours') normal.ours.push(runJob(['sync', oursBase]));
        else normal.floor.push(await ankiSync(ankiPath, auth));
      }
    }
    // The server keeps the accounts' collections locked while it runs: checked once it stopped.
    await server.stop();
    const sourceNotes = countNotes(config.collection);
    for (let run = 0; run < config.runs; run++) {
      for (const user of [`ours${run}`, `anki${run}`]) {
        const held = serverState(server, user);
        if (held.notes !== sourceNotes || held.edited !== config.changedNotes) {
          throw new Error(`the server holds ${held.notes} of ${sourceNotes} notes and ${held.edited} of ${config.changedNotes} changed ones for ${user}`);
        }
      }
    }
    const checked =
      `Checked on the server afterwards: every account holds all ${sourceNotes.toLocaleString('en-US')} notes and the ` +
      `${config.changedNotes.toLocaleString('en-US')} changed ones.`;

    const row = (name: string, steps: Record<'ours' | 'floor', Step[]>): Row => {
      const ms = median(steps.ours.map((step) => step.ms));
      const floorMs = median(steps.floor.map((step) => step.ms));
      const mb = Math.max(...steps.ours.map((step) => step.maxRssMb));
      const floorMb = Math.max(...steps.floor.map((step) => step.maxRssMb));
      return {
        name,
        ours: `median ${formatMs(ms)}, peak ${mb.toFixed(0)} MB`,
        floor: `median ${formatMs(floorMs)}, peak ${floorMb.toFixed(0)} MB`,
        ratio: `${(ms / floorMs).toFixed(1)}× floor`,
        target: `≤ ${TARGET_RATIO}×, < ${TARGET_MB} MB`,
        pass: ms <= TARGET_RATIO * floorMs && mb < TARGET_MB,
      };
    };
    const all = (steps: Step[]) => steps.map((step) => formatMs(step.ms)).join(', ');
    const n = config.changedNotes.toLocaleString('en-US');
    return {
      rows: [
        row('i1. sync: first full upload of the collection to a new account', upload),
        row(`i2. sync: normal sync of ${n} changed notes after it`, normal),
      ],
      notes: [
        `i. Against Anki's own sync server (python -m anki.syncserver of the anki ${ankiVersion} wheel, on 127.0.0.1, started once), ` +
          `media off, ${config.runs} run${config.runs === 1 ? "" : "s"}, the two sides alternating and each run on new copies of the collection and new accounts. ` +
          `i1: our \`sync\` with fullSync "upload" after \`syncLogin\` (not timed), through the dispatcher in a process of its own ` +
          `(bench/sync-job.ts); floor: real Anki (the same wheel, test-anki/driver through AnkiDriver, a process of its own) ` +
          `timed from sync_collection, which answers FULL_UPLOAD, through full_upload_or_download (Anki closes and reopens the ` +
          `collection around it). i2: after the upload, the same ${n} random "${MODEL}" notes get a new Back field on both sides ` +
          `(our \`multi\` of updateNoteFields, Anki's update_note; not timed, in a process of their own), then a new process ` +
          `times one normal sync: our \`sync\`, Anki's sync_collection. Peak memory: the maxRSS of the step's process ` +
          `(Node with tsx; Python with Anki's backend), opening the collection included. Both sides pay the same server's work ` +
          `(it decompresses and checks the upload; it applies the changes). Each of our steps is a new Node process, so its first ` +
          `request (Node loads its HTTP client, then connects) is inside the timed sync, as in a server's first sync after it started. ${checked}`,
        `   Runs: upload ours ${all(upload.ours)}, Anki ${all(upload.floor)}; normal sync ours ${all(normal.ours)}, Anki ${all(normal.floor)}.`,
      ],
    };
  } finally {
    await server.stop();
    scratch.remove();
  }
}
