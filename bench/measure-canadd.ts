/**
 * c. canAddNotesWithErrorDetail latency for 100 first-field-only notes, half of them duplicates
 * of existing notes, over HTTP on a copy of the large collection; beside the floor of the raw
 * duplicate lookups the check needs (one indexed query per checksum).
 *
 * A supplementary run repeats it with the notes table's planner statistics removed: that is
 * the state of a collection this server created and grew (nothing here runs ANALYZE), and the
 * duplicate query's plan depends on it.
 */
import { join } from 'node:path';
import { openDatabase } from '../src/storage/database.js';
import { fieldChecksum, stripHtmlPreservingMediaFilenames } from '../src/text/index.js';
import { copyCollection, scratchDir } from './cache.js';
import type { LoadGenerator } from './loadgen-client.js';
import type { Measured } from './measure-version.js';
import { formatMs, type Row } from './report.js';
import { firstFieldOnlyNote, newFirstField, requestBody, type NoteRequest } from './requests.js';
import { Rng } from './rng.js';
import { portOf, startOurServer } from './servers.js';
import { median, percentile } from './stats.js';

/** Shape of the canAdd measurement. */
export interface CanAddConfig {
  collection: string;
  deckName: string;
  notes: number;
  warmupRuns: number;
  runs: number;
  /** Runs for the variant without planner statistics (each one is slow). */
  noStatsRuns: number;
  seed: number;
}

const MODEL = 'Basic (and reversed card)';
const DUPLICATE_ERROR = 'cannot create note because it is a duplicate';
const LOOKUP = 'select id, flds from notes where csum = ? and mid = ?';

interface Probe {
  notes: NoteRequest[];
  checksums: number[];
  mid: number;
}

interface Timings {
  httpMs: number[];
  floorMs: number[];
  plan: string;
}

/** Measures with and without planner statistics; returns two rows (target: < 20 ms). */
export async function measureCanAdd(loadgen: LoadGenerator, config: CanAddConfig): Promise<Measured> {
  const scratch = scratchDir('acs-bench-canadd-');
  try {
    const base = join(scratch.dir, 'base');
    const path = join(base, 'User 1', 'collection.anki2');
    copyCollection(config.collection, path);
    const { probe, cards } = makeProbe(path, config);
    const withStats = await timeOnce(loadgen, base, path, probe, config.warmupRuns, config.runs);

    dropNoteStatistics(path);
    const withoutStats = await timeOnce(loadgen, base, path, probe, 1, config.noStatsRuns);

    const row = (name: string, t: Timings, floor: Timings): Row => {
      const p50 = median(t.httpMs);
      const p95 = percentile(t.httpMs, 95);
      return {
        name,
        ours: `median ${formatMs(p50)}, p95 ${formatMs(p95)}`,
        floor: `median ${formatMs(median(floor.floorMs))}, p95 ${formatMs(percentile(floor.floorMs, 95))}`,
        ratio: `${(p50 / median(floor.floorMs)).toFixed(1)}× floor`,
        target: '< 20 ms (p95)',
        pass: p95 < 20,
      };
    };
    return {
      rows: [
        row(`c. canAddNotesWithErrorDetail (${config.notes})`, withStats, withStats),
        row(`c'. same, notes not ANALYZEd`, withoutStats, withStats),
      ],
      notes: [
        `c. ${config.notes} notes {deckName, modelName "${MODEL}", fields {Front}, tags, Yomitan's duplicate options}, every other one ` +
          `a duplicate of an existing note's first field, in one request over HTTP (one keep-alive connection); ${config.runs} timed ` +
          `runs after ${config.warmupRuns} warm-up, on a collection of ${cards.notes.toLocaleString('en-US')} notes / ` +
          `${cards.cards.toLocaleString('en-US')} cards with planner statistics (ANALYZE, as Check Database leaves them). ` +
          `Floor: the ${config.notes} raw lookups "${LOOKUP}" with prepared statement and precomputed checksums, same run counts, ` +
          `on the same file before the server opens it. Replies checked: ${config.notes / 2} duplicates, ${config.notes / 2} addable.`,
        `   query plan with statistics: ${withStats.plan}`,
        `c'. the same on the same file after deleting the notes rows of sqlite_stat1/sqlite_stat4 (as in a collection this server ` +
          `created and grew: it never runs ANALYZE); ${config.noStatsRuns} runs, floor column = the analyzed floor above. ` +
          `query plan: ${withoutStats.plan}; raw lookups on this file: median ${formatMs(median(withoutStats.floorMs))}.`,
      ],
    };
  } finally {
    scratch.remove();
  }
}

/** Picks the duplicates (existing first fields, seeded offsets) and the new first fields. */
function makeProbe(path: string, config: CanAddConfig): { probe: Probe; cards: { notes: number; cards: number } } {
  const db = openDatabase(path);
  try {
    const mid = (db.prepare('select id from notetypes where name = ?').get(MODEL) as { id: number }).id;
    const count = (db.prepare('select count() as n from notes where mid = ?').get(mid) as { n: number }).n;
    const nth = db.prepare('select flds from notes where mid = ? order by id limit 1 offset ?');
    const rng = new Rng(config.seed ^ 0xca7);
    const notes: NoteRequest[] = [];
    const checksums: number[] = [];
    for (let k = 0; k < config.notes; k++) {
      const value = k % 2 === 0 ? (nth.get(mid, rng.int(count)) as { flds: string }).flds.split('\x1f')[0]! : newFirstField(k);
      notes.push(firstFieldOnlyNote(config.deckName, MODEL, 'Front', value));
      checksums.push(fieldChecksum(stripHtmlPreservingMediaFilenames(value)));
    }
    const cards = {
      notes: (db.prepare('select count() as n from notes').get() as { n: number }).n,
      cards: (db.prepare('select count() as n from cards').get() as { n: number }).n,
    };
    return { probe: { notes, checksums, mid }, cards };
  } finally {
    db.close();
  }
}

/** Floor first (the server holds the file exclusively once open), then the server. */
async function timeOnce(loadgen: LoadGenerator, base: string, path: string, probe: Probe, warmup: number, runs: number): Promise<Timings> {
  const db = openDatabase(path);
  const floorMs: number[] = [];
  let plan: string;
  try {
    const lookup = db.prepare(LOOKUP);
    plan = (db.prepare(`explain query plan ${LOOKUP}`).all(probe.checksums[0], probe.mid) as { detail: string }[])
      .map((step) => step.detail)
      .join('; ');
    for (let r = 0; r < warmup + runs; r++) {
      const started = performance.now();
      for (const csum of probe.checksums) lookup.all(csum, probe.mid);
      if (r >= warmup) floorMs.push(performance.now() - started);
    }
  } finally {
    db.close();
  }

  const app = await startOurServer(base);
  try {
    const body = requestBody('canAddNotesWithErrorDetail', { notes: probe.notes });
    const result = await loadgen.sequence({ port: portOf(app), bodies: Array<string>(warmup + runs).fill(body), replies: 'first' });
    checkReply(result.replies[0] ?? '', probe.notes.length);
    return { httpMs: result.latenciesMs.slice(warmup), floorMs, plan };
  } finally {
    await app.stop();
  }
}

function checkReply(text: string, count: number): void {
  const reply = JSON.parse(text) as { result: { canAdd: boolean; error?: string }[] | null; error: string | null };
  if (reply.result === null) throw new Error(`canAddNotesWithErrorDetail failed: ${String(reply.error)}`);
  const addable = reply.result.filter((entry) => entry.canAdd).length;
  const duplicates = reply.result.filter((entry) => entry.error === DUPLICATE_ERROR).length;
  if (reply.result.length !== count || addable !== count / 2 || duplicates !== count / 2) {
    throw new Error(`unexpected canAdd reply: ${addable} addable, ${duplicates} duplicates of ${reply.result.length}`);
  }
}

function dropNoteStatistics(path: string): void {
  const db = openDatabase(path);
  try {
    db.exec("delete from sqlite_stat1 where tbl = 'notes'; delete from sqlite_stat4 where tbl = 'notes'");
  } finally {
    db.close();
  }
}
