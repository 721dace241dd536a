/**
 * d. Editing existing notes and cards (issue #5), each over HTTP on a copy of the large collection
 * beside a raw-SQL floor run on another copy: updateNoteFields of many notes in one `multi`,
 * notesModTime and cardsModTime of many ids, replaceTagsInAllNotes, and deleteNotes. The two
 * sides alternate run by run. A breakdown of the multi (the action's own work in process, with
 * and without a savepoint per item) is printed below the table.
 */
import { join } from 'node:path';
import type { Collection } from '../src/collection/collection.js';
import { openCollection } from '../src/collection/open.js';
import { FIELD_SEPARATOR } from '../src/notes/note.js';
import { updateNoteFieldsByName } from '../src/notes/update.js';
import { openDatabase, type Db } from '../src/storage/database.js';
import { fieldChecksum, stripHtmlPreservingMediaFilenames } from '../src/text/index.js';
import { copyCollection, scratchDir } from './cache.js';
import type { LoadGenerator } from './loadgen-client.js';
import type { Measured } from './measure-version.js';
import { formatMs, type Row } from './report.js';
import { requestBody } from './requests.js';
import { Rng } from './rng.js';
import { portOf, startOurServer } from './servers.js';
import { median } from './stats.js';

/** Shape of the edits measurement. */
export interface EditsConfig {
  /** The cached collection to copy. */
  collection: string;
  /** Notes updated by one multi of updateNoteFields. */
  updateNotes: number;
  /** Ids per notesModTime / cardsModTime request. */
  modTimeIds: number;
  /** Notes per deleteNotes request (each run deletes another slice). */
  deleteNotes: number;
  warmupRuns: number;
  runs: number;
  deleteRuns: number;
  seed: number;
}

/** The sizes for a full run and for `--quick` (wire into bench/sizes.ts or run.ts). */
export function editsSizes(quick: boolean): Omit<EditsConfig, 'collection' | 'seed'> {
  return quick
    ? { updateNotes: 1_000, modTimeIds: 2_000, deleteNotes: 1_000, warmupRuns: 1, runs: 3, deleteRuns: 2 }
    : { updateNotes: 1_000, modTimeIds: 10_000, deleteNotes: 10_000, warmupRuns: 2, runs: 10, deleteRuns: 3 };
}

const TARGET = 3;
const MODEL = 'Basic (and reversed card)';
const TAG = 'noun';
const RENAMED = 'noun_renamed';
const CHUNK = 999;

interface Timed {
  ours: number[];
  floor: number[];
}

/** Measures the five edits; returns one row each (target: within 3× the floor). */
export async function measureEdits(loadgen: LoadGenerator, config: EditsConfig): Promise<Measured> {
  const scratch = scratchDir('acs-bench-edits-');
  const oursBase = join(scratch.dir, 'ours');
  copyCollection(config.collection, join(oursBase, 'User 1', 'collection.anki2'));
  const rawPath = join(scratch.dir, 'raw', 'collection.anki2');
  copyCollection(config.collection, rawPath);
  const breakdownPath = join(scratch.dir, 'breakdown', 'collection.anki2');
  copyCollection(config.collection, breakdownPath);

  const raw = openDatabase(rawPath);
  const pick = pickIds(raw, config);
  const breakdown = measureBreakdown(breakdownPath, pick.update, config.runs);
  const app = await startOurServer(oursBase);
  const port = portOf(app);
  const http = async (body: string): Promise<{ ms: number; reply: string }> => {
    const result = await loadgen.sequence({ port, bodies: [body], replies: 'first' });
    const reply = result.replies[0] ?? '';
    const parsed = JSON.parse(reply) as { error: string | null };
    if (parsed.error !== null) throw new Error(`request failed: ${parsed.error}`);
    return { ms: result.latenciesMs[0] ?? Number.NaN, reply };
  };
  const update: Timed = { ours: [], floor: [] };
  const notesMod: Timed = { ours: [], floor: [] };
  const cardsMod: Timed = { ours: [], floor: [] };
  const replace: Timed = { ours: [], floor: [] };
  const remove: Timed = { ours: [], floor: [] };
  const checks: string[] = [];
  let replaced = 0;
  try {
    for (let r = 0; r < config.warmupRuns + config.runs; r++) {
      const counted = r >= config.warmupRuns;
      // e1. updateNoteFields ×N in one multi: every run writes new values (equal ones write nothing).
      const edits = pick.update.map((note) => ({ id: note.id, front: `${note.front} (${r})`, back: `edited in run ${r}` }));
      const body = requestBody('multi', {
        actions: edits.map((edit) => ({ action: 'updateNoteFields', version: 6, params: { note: { id: edit.id, fields: { Front: edit.front, Back: edit.back } } } })),
      });
      const ours = await http(body);
      if (r === 0) checks.push(checkMulti(ours.reply, edits.length));
      const floorMs = rawUpdate(raw, edits);
      if (counted) {
        update.ours.push(ours.ms);
        update.floor.push(floorMs);
      }
      // e4, e5. Modification times of many notes and cards.
      const notes = await http(requestBody('notesModTime', { notes: pick.modNotes }));
      const notesFloor = rawModTimes(raw, 'notes', pick.modNotes);
      const cards = await http(requestBody('cardsModTime', { cards: pick.modCards }));
      const cardsFloor = rawModTimes(raw, 'cards', pick.modCards);
      if (counted) {
        notesMod.ours.push(notes.ms);
        notesMod.floor.push(notesFloor);
        cardsMod.ours.push(cards.ms);
        cardsMod.floor.push(cardsFloor);
      }
      // e3. replaceTagsInAllNotes, there and back again so every run has the same work.
      const [from, to] = r % 2 === 0 ? [TAG, RENAMED] : [RENAMED, TAG];
      const before = countTag(raw, from);
      const replaceOurs = await http(requestBody('replaceTagsInAllNotes', { tag_to_replace: from, replace_with_tag: to }));
      const replaceFloor = rawReplaceTag(raw, from, to);
      replaced = before;
      if (counted) {
        replace.ours.push(replaceOurs.ms);
        replace.floor.push(replaceFloor);
      }
    }
    // e2. deleteNotes: each run deletes another slice of notes, on both copies.
    for (let r = 0; r < config.deleteRuns; r++) {
      const slice = pick.deleteSlices[r] ?? [];
      const ours = await http(requestBody('deleteNotes', { notes: slice }));
      remove.ours.push(ours.ms);
      remove.floor.push(rawDeleteNotes(raw, slice));
    }
  } finally {
    raw.close();
    await app.stop();
    scratch.remove();
  }

  // Each run of ours sits next to a run of the floor; the ratio is the median over those pairs,
  // so a moment of load on this shared machine weighs on both sides of a pair alike.
  const row = (name: string, timed: Timed): Row => {
    const ratio = median(timed.ours.map((ms, i) => ms / (timed.floor[i] ?? Number.NaN)));
    return {
      name,
      ours: `median ${formatMs(median(timed.ours))}`,
      floor: `median ${formatMs(median(timed.floor))}`,
      ratio: `${ratio.toFixed(1)}× floor`,
      target: `≤ ${TARGET}× floor`,
      pass: ratio <= TARGET,
    };
  };
  const n = (value: number) => value.toLocaleString('en-US');
  return {
    rows: [
      row(`e1. updateNoteFields ×${n(config.updateNotes)} in one multi (HTTP)`, update),
      row(`e2. deleteNotes of ${n(config.deleteNotes)} notes (HTTP)`, remove),
      row(`e3. replaceTagsInAllNotes, ${n(pick.totalNotes)} notes (HTTP)`, replace),
      row(`e4. notesModTime of ${n(config.modTimeIds)} ids (HTTP)`, notesMod),
      row(`e5. cardsModTime of ${n(config.modTimeIds)} ids (HTTP)`, cardsMod),
    ],
    notes: [
      `e. On copies of the ${n(pick.totalNotes)}-note collection: ours is one request over HTTP (one keep-alive connection from the ` +
        `load generator, timed from sending to the end of the reply), the floor the same rows written or read with raw ` +
        `better-sqlite3 prepared statements on another copy opened with the server's connection settings, alternating run by run; ` +
        `${config.runs} counted runs after ${config.warmupRuns} warm-up (deleteNotes: ${config.deleteRuns} runs, each on another slice). ` +
        `Figures: medians; the ratio is the median of the per-run ratios (each run of ours beside the floor's run next to it).`,
      `   e1: one multi of ${n(config.updateNotes)} updateNoteFields items ("${MODEL}" notes, both fields new each run) vs ` +
        `"update notes set flds, sfld, csum, mod, usn where id = ?" for the same notes in one transaction, derived columns computed ` +
        `before timing. ${checks.join(' ')}`,
      `   e1 breakdown, in process on a third copy (no HTTP, no JSON, no dispatcher): ${n(config.updateNotes)} updates in one ` +
        `transaction ${formatMs(breakdown.plain)}, with a savepoint around each ${formatMs(breakdown.savepoints)} ` +
        `(medians of ${config.runs}); the rest of e1 is parsing, validating and dispatching ${n(config.updateNotes)} items and ` +
        `writing their replies. multi runs its items without savepoints unless one fails after writing.`,
      `   e2: ${n(config.deleteNotes)} note ids (about ${n(pick.cardsPerDelete)} cards) per request; floor: graves for the cards and ` +
        `notes, then the deletes, with chunked "in (?, …)" lists of ${CHUNK} ids, one transaction.`,
      `   e3: "${TAG}" ↔ "${RENAMED}" (${n(replaced)} notes carry it); floor: one "update notes set tags = replace(…), mod, usn ` +
        `where tags like '% tag %'" statement (no sorting, no tag registry).`,
      `   e4, e5: ${n(config.modTimeIds)} random ids, replies of {id, mod} objects; floor: "select id, mod … where id in (?, …)" in ` +
        `chunks of ${CHUNK}.`,
    ],
  };
}

interface UpdatePick {
  id: number;
  front: string;
}

interface Picked {
  totalNotes: number;
  update: UpdatePick[];
  modNotes: number[];
  modCards: number[];
  deleteSlices: number[][];
  cardsPerDelete: number;
}

/** Which notes and cards each measurement uses: updates at the end, deletions from the start. */
function pickIds(db: Db, config: EditsConfig): Picked {
  const rng = new Rng(config.seed ^ 0xed17);
  const mid = (db.prepare('select id from notetypes where name = ?').get(MODEL) as { id: number }).id;
  const update = (db.prepare('select id, flds from notes where mid = ? order by id desc limit ?').all(mid, config.updateNotes) as { id: number; flds: string }[]).map(
    (row) => ({ id: row.id, front: row.flds.split(FIELD_SEPARATOR)[0] ?? '' }),
  );
  const noteIds = (db.prepare('select id from notes order by id').all() as { id: number }[]).map((row) => row.id);
  const cardIds = (db.prepare('select id from cards').all() as { id: number }[]).map((row) => row.id);
  const sample = (ids: number[], count: number) => Array.from({ length: count }, () => ids[rng.int(ids.length)] ?? 0);
  const deleteSlices = Array.from({ length: config.deleteRuns }, (_, r) => noteIds.slice(r * config.deleteNotes, (r + 1) * config.deleteNotes));
  const firstSlice = JSON.stringify(deleteSlices[0] ?? []);
  const cardsPerDelete = (db.prepare('select count() as n from cards where nid in (select value from json_each(?))').get(firstSlice) as { n: number }).n;
  return {
    totalNotes: noteIds.length,
    update,
    modNotes: sample(noteIds, config.modTimeIds),
    modCards: sample(cardIds, config.modTimeIds),
    deleteSlices,
    cardsPerDelete,
  };
}

function checkMulti(reply: string, count: number): string {
  const parsed = JSON.parse(reply) as { result: { result: unknown; error: string | null }[] };
  const failed = parsed.result.filter((item) => item.error !== null);
  if (parsed.result.length !== count || failed.length > 0) throw new Error(`multi of updateNoteFields: ${failed.length} items failed`);
  return `Replies checked: ${count} successes.`;
}

function nowSecs(): number {
  return Math.floor(Date.now() / 1000);
}

function rawUpdate(db: Db, edits: readonly { id: number; front: string; back: string }[]): number {
  const rows = edits.map((edit) => {
    const stripped = stripHtmlPreservingMediaFilenames(edit.front);
    return [edit.front + FIELD_SEPARATOR + edit.back, stripped, fieldChecksum(stripped), nowSecs(), edit.id] as const;
  });
  const statement = db.prepare('update notes set flds = ?, sfld = ?, csum = ?, mod = ?, usn = -1 where id = ?');
  const started = performance.now();
  db.transaction(() => {
    for (const row of rows) statement.run(...row);
  })();
  return performance.now() - started;
}

function chunks(ids: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out;
}

const placeholders = (count: number) => Array<string>(count).fill('?').join(', ');

function rawModTimes(db: Db, table: 'notes' | 'cards', ids: readonly number[]): number {
  const started = performance.now();
  const mods = new Map<number, number>();
  for (const chunk of chunks(ids)) {
    const rows = db.prepare(`select id, mod from ${table} where id in (${placeholders(chunk.length)})`).all(...chunk) as { id: number; mod: number }[];
    for (const row of rows) mods.set(row.id, row.mod);
  }
  ids.map((id) => mods.get(id));
  return performance.now() - started;
}

function countTag(db: Db, tag: string): number {
  return (db.prepare("select count() as n from notes where tags like '% ' || ? || ' %'").get(tag) as { n: number }).n;
}

function rawReplaceTag(db: Db, from: string, to: string): number {
  const statement = db.prepare(
    "update notes set tags = replace(tags, ' ' || ? || ' ', ' ' || ? || ' '), mod = ?, usn = -1 where tags like '% ' || ? || ' %'",
  );
  const started = performance.now();
  db.transaction(() => statement.run(from, to, nowSecs(), from))();
  return performance.now() - started;
}

function rawDeleteNotes(db: Db, noteIds: readonly number[]): number {
  const started = performance.now();
  db.transaction(() => {
    for (const chunk of chunks(noteIds)) {
      const list = placeholders(chunk.length);
      db.prepare(`insert or ignore into graves (oid, type, usn) select id, 0, -1 from cards where nid in (${list})`).run(...chunk);
      db.prepare(`delete from cards where nid in (${list})`).run(...chunk);
      db.prepare(`insert or ignore into graves (oid, type, usn) select id, 1, -1 from notes where id in (${list})`).run(...chunk);
      db.prepare(`delete from notes where id in (${list})`).run(...chunk);
    }
  })();
  return performance.now() - started;
}

/** The update work alone, in process: one transaction, with and without a savepoint per note. */
function measureBreakdown(path: string, notes: readonly UpdatePick[], runs: number): { plain: number; savepoints: number } {
  const col: Collection = openCollection(path);
  const plain: number[] = [];
  const savepoints: number[] = [];
  try {
    const updateAll = (run: number, guarded: boolean) => {
      const started = performance.now();
      col.transact(() => {
        for (const pick of notes) {
          const work = () => updateNoteFieldsByName(col, pick.id, { Front: `${pick.front} [${run}]`, Back: `in process ${run}` });
          if (guarded) col.transact(work);
          else work();
        }
      });
      return performance.now() - started;
    };
    for (let r = 0; r < runs + 1; r++) {
      const a = updateAll(2 * r, false);
      const b = updateAll(2 * r + 1, true);
      if (r === 0) continue;
      plain.push(a);
      savepoints.push(b);
    }
  } finally {
    col.close();
  }
  return { plain: median(plain), savepoints: median(savepoints) };
}
