/**
 * f. Search: findNotes for the query shapes clients send (a plain word, a field search,
 * `deck:X tag:Y`, `is:due`, `prop:ivl>10`, `added:7`, `dupe:`), each beside the hand-written SQL
 * that returns the same notes, run on the same connection in the same run.
 *
 * The generated collection has only new cards added within minutes of each other, so a copy of
 * it is first given a year of history: notes and their cards spread over 365 days in the order
 * they were added (whole days, so ids stay unique and follow creation order), about half of the
 * cards in review with intervals and due days around "today", some in learning, some suspended;
 * then VACUUM and ANALYZE, as after Check Database. "Now" is a fixed instant a year
 * after the generator's, so the day numbers are the same on every run.
 *
 * Both sides run in this process on the opened collection: ours is the whole findNotes call
 * (parsing, context, SQL writing, statement cache, execution, ordering); the floor is the
 * execution of a prepared statement with precomputed parameters. Runs alternate between the
 * two; figures are medians. Each pair of results is checked to be the same notes.
 *
 * Standalone: `npx tsx bench/measure-search.ts [--quick]`.
 */
import { join } from 'node:path';
import { FixedClock } from '../src/collection/clock.js';
import type { Collection } from '../src/collection/collection.js';
import { openCollection } from '../src/collection/open.js';
import { findNotes } from '../src/collection/search.js';
import { collectionTiming } from '../src/collection/search-context.js';
import { nativeDeckName } from '../src/decks/names.js';
import { fieldChecksum, stripHtmlPreservingMediaFilenames } from '../src/text/index.js';
import { cachedCollection, copyCollection, scratchDir } from './cache.js';
import { GENERATOR_EPOCH_MS } from './generate.js';
import type { LoadGenerator } from './loadgen-client.js';
import type { Measured } from './measure-version.js';
import { formatMs, renderTable, type Row } from './report.js';
import { Rng } from './rng.js';
import { median, percentile } from './stats.js';

/** Shape of the search measurement. */
export interface SearchConfig {
  collection: string;
  warmupRuns: number;
  runs: number;
  seed: number;
}

/** The instant the searches run at: a year after the collection was generated. */
const NOW_MS = GENERATOR_EPOCH_MS + 366 * 86_400_000;
const TARGET_RATIO = 3;
/** Timed batches per side before the other side runs. */
const BLOCK = 5;
const TARGET_MS = 50;

interface Case {
  name: string;
  query: string;
  floorSql: string;
  floorParams: unknown[];
  /** Turns the floor's rows into note ids (most return them directly). */
  floorIds?: (rows: unknown[]) => number[];
}

interface Timed {
  ours: number[];
  floor: number[];
  count: number;
  /** Calls per timed batch. */
  batch: number;
}

/**
 * Measures every case; one row each (target: ≤ 3× the floor and < 50 ms, medians). Everything
 * runs in this process, so the load generator is not used; the signature is the benchmark's.
 */
export function measureSearch(_loadgen: LoadGenerator | undefined, config: SearchConfig): Promise<Measured> {
  return Promise.resolve().then(() => measureInProcess(config));
}

function measureInProcess(config: SearchConfig): Measured {
  const scratch = scratchDir('acs-bench-search-');
  try {
    const path = join(scratch.dir, 'collection.anki2');
    copyCollection(config.collection, path);
    const col = openCollection(path, { clock: new FixedClock(NOW_MS), mediaDir: join(scratch.dir, 'media') });
    try {
      const history = addHistory(col, config.seed);
      const cases = makeCases(col, config.seed);
      const rows: Row[] = [];
      const notes: string[] = [];
      for (const c of cases) {
        const timed = timeCase(col, c, config);
        const ours = median(timed.ours);
        const floor = median(timed.floor);
        const ratio = ours / floor;
        rows.push({
          name: `f. findNotes ${c.name}`,
          ours: `median ${formatMs(ours)}, p95 ${formatMs(percentile(timed.ours, 95))}`,
          floor: `median ${formatMs(floor)}`,
          ratio: `${ratio.toFixed(1)}× floor`,
          target: `≤ ${TARGET_RATIO}× floor, < ${TARGET_MS} ms`,
          pass: ratio <= TARGET_RATIO && ours < TARGET_MS,
        });
        const batch = timed.batch > 1 ? ` (timed in batches of ${timed.batch} calls)` : '';
        notes.push(`   ${c.name}: ${timed.count.toLocaleString('en-US')} notes${batch}; floor: ${c.floorSql}`);
      }
      return {
        rows,
        notes: [
          `f. findNotes in process on a copy of the ${history.notes.toLocaleString('en-US')}-note / ${history.cards.toLocaleString('en-US')}-card ` +
            `collection given a year of history (${history.review.toLocaleString('en-US')} review, ${history.learning.toLocaleString('en-US')} ` +
            `learning, ${history.suspended.toLocaleString('en-US')} suspended cards; notes added over 365 days in id order; VACUUM and ANALYZE). ` +
            `${config.runs} timed runs after ${config.warmupRuns} warm-up, alternating with the floor in blocks of ${BLOCK} (each after an untimed run): the hand-written SQL below as a ` +
            `prepared statement with precomputed parameters (dupe: plus the exact first-field comparison). Each pair of results is ` +
            `checked to be the same notes.`,
          ...notes,
        ],
      };
    } finally {
      col.close();
    }
  } finally {
    scratch.remove();
  }
}

interface History {
  notes: number;
  cards: number;
  review: number;
  learning: number;
  suspended: number;
}

/** Re-dates and schedules the cards of the copy, deterministically. */
function addHistory(col: Collection, seed: number): History {
  const rng = new Rng(seed ^ 0x5ea4c4);
  const { daysElapsed, nowSecs } = collectionTiming(col);
  const noteIds = col.db.prepare('select id from notes order by id').pluck().all() as number[];
  const moveNote = col.db.prepare('update notes set id = ? where id = ?');
  const moveCards = col.db.prepare('update cards set nid = ?, id = id + ? where nid = ?');
  const cardIds = col.db.prepare('select id from cards order by id').pluck();
  const schedule = col.db.prepare(
    'update cards set type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?, lapses = ? where id = ?',
  );
  const history: History = { notes: 0, cards: 0, review: 0, learning: 0, suspended: 0 };
  col.transact(() => {
    // A collection grows over time: notes (and the cards made with them) are spread over the
    // year in the order they were added, so ids keep following creation order as in Anki,
    // newest last. Moving the newest first keeps every id unique along the way.
    for (let i = noteIds.length - 1; i >= 0; i--) {
      const id = noteIds[i] ?? 0;
      const shift = Math.floor((i * 365) / noteIds.length) * 86_400_000;
      moveNote.run(id + shift, id);
      moveCards.run(id + shift, shift, id);
    }
    const ids = cardIds.all() as number[];
    history.cards = ids.length;
    for (const id of ids) {
      const r = rng.next();
      if (r < 0.45) continue;
      if (r < 0.9) {
        const ivl = 1 + rng.int(300);
        schedule.run(2, 2, daysElapsed - 20 + rng.int(ivl + 20), ivl, 2500, 1 + rng.int(20), rng.int(3), id);
        history.review++;
      } else if (r < 0.95) {
        schedule.run(1, 1, nowSecs - 3600 + rng.int(7200), 0, 0, 1 + rng.int(3), 0, id);
        history.learning++;
      } else {
        schedule.run(2, -1, daysElapsed + rng.int(100), 1 + rng.int(100), 2500, 1 + rng.int(20), rng.int(3), id);
        history.suspended++;
      }
    }
  });
  // Moving every row left the tables' pages half full; Check Database (vacuum, analyze) leaves a
  // real collection compact.
  col.db.exec('vacuum');
  col.db.exec('analyze');
  history.notes = col.db.prepare('select count() from notes').pluck().get() as number;
  return history;
}

function makeCases(col: Collection, seed: number): Case[] {
  const rng = new Rng(seed ^ 0x5ea7c4);
  const { daysElapsed, nextDayAt, nowSecs } = collectionTiming(col);
  const basic = col.notetypes.byName('Basic (and reversed card)');
  if (basic === undefined) throw new Error('the generated collection lacks its note type');

  // A note whose first field is a bare word, as a dictionary client would search for it.
  const count = col.db.prepare('select count() from notes where mid = ?').pluck().get(basic.id) as number;
  const nth = col.db.prepare('select flds from notes where mid = ? order by id limit 1 offset ?').pluck();
  let front = '';
  while (!/^[a-z\u3040-\u309f]+$/.test(front)) front = ((nth.get(basic.id, rng.int(count)) as string).split('\x1f')[0] ?? '');

  // Note types with a field called Front, and that field's pattern over all of flds.
  const frontPatterns: unknown[] = [];
  const frontClauses: string[] = [];
  for (const { id } of col.notetypes.namesAndIds()) {
    const notetype = col.notetypes.get(id);
    const ord = notetype?.fields.findIndex((field) => field.name.toLowerCase() === 'front') ?? -1;
    if (notetype === undefined || ord < 0) continue;
    frontClauses.push('(mid = ? and flds like ?)');
    frontPatterns.push(id, notetype.fields.map((_, i) => (i === ord ? front : '%')).join('\x1f'));
  }

  const deck = 'Japanese::Vocabulary';
  const deckIds = col.db
    .prepare('select id from decks where name = ? or name like ?')
    .pluck()
    .all(nativeDeckName(deck), `${nativeDeckName(deck)}\x1f%`) as number[];
  const stripped = stripHtmlPreservingMediaFilenames(front);

  return [
    {
      name: 'water (a plain word)',
      query: 'water',
      floorSql: "select id from notes where sfld like ? escape '\\' or flds like ? escape '\\'",
      floorParams: ['%water%', '%water%'],
    },
    {
      name: `"front:${front}" (a field search)`,
      query: `"front:${front}"`,
      floorSql: `select id from notes where ${frontClauses.join(' or ')}`,
      floorParams: frontPatterns,
    },
    {
      name: `"deck:${deck}" tag:jlpt`,
      query: `"deck:${deck}" tag:jlpt`,
      // The fastest of the natural forms (a join with distinct n.id plans far worse here).
      floorSql:
        `select distinct c.nid from cards c where c.did in (${deckIds.map(() => '?').join(', ')}) ` +
        "and c.nid in (select id from notes where tags like '% jlpt %' or tags like '% jlpt::%')",
      floorParams: deckIds,
    },
    {
      name: 'is:due',
      query: 'is:due',
      floorSql: 'select distinct nid from cards where (queue in (2, 3) and due <= ?) or (queue in (1, 4) and due <= ?)',
      floorParams: [daysElapsed, nowSecs + 1200],
    },
    {
      name: 'prop:ivl>10',
      query: 'prop:ivl>10',
      floorSql: 'select distinct nid from cards where ivl > 10',
      floorParams: [],
    },
    {
      name: 'added:7',
      query: 'added:7',
      floorSql: 'select distinct nid from cards where id > ?',
      floorParams: [(nextDayAt - 7 * 86_400) * 1000],
    },
    {
      name: `dupe:<Basic (and reversed card)>,${front}`,
      query: `dupe:${basic.id},${front}`,
      floorSql: 'select id, flds from notes where csum = ? and mid = ?',
      floorParams: [fieldChecksum(stripped), basic.id],
      floorIds: (rows) =>
        (rows as { id: number; flds: string }[])
          .filter((row) => stripHtmlPreservingMediaFilenames(row.flds.split('\x1f')[0] ?? '') === stripped)
          .map((row) => row.id),
    },
  ];
}

function timeCase(col: Collection, c: Case, config: SearchConfig): Timed {
  const floorStmt = col.db.prepare(c.floorSql);
  if (c.floorIds === undefined) floorStmt.pluck();
  const floorRun = (): number[] => {
    const rows = floorStmt.all(...c.floorParams);
    return c.floorIds === undefined ? (rows as number[]) : c.floorIds(rows);
  };

  // The results must be the same notes.
  const found = findNotes(col, c.query);
  const expected = [...floorRun()].sort((a, b) => a - b);
  if (expected.length !== found.length || expected.some((id, i) => id !== found[i])) {
    throw new Error(`search ${c.query}: ${found.length} notes, the floor found ${expected.length}`);
  }

  // Queries that take microseconds are timed in batches lasting at least 2 ms, so the clock's
  // resolution and one-off pauses do not decide the figure; each figure is per call.
  const started = performance.now();
  floorRun();
  const batch = Math.min(1000, Math.max(1, Math.ceil(2 / Math.max(performance.now() - started, 0.001))));
  const timeBatch = (run: () => unknown): number => {
    const begin = performance.now();
    for (let i = 0; i < batch; i++) run();
    return (performance.now() - begin) / batch;
  };
  // The sides alternate in blocks of BLOCK timed batches, each block after one untimed batch:
  // both sides share the machine's load over the run, and each is timed with its own pages in
  // SQLite's cache rather than after the other side has evicted them.
  const ours: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < config.warmupRuns; run++) {
    timeBatch(() => findNotes(col, c.query));
    timeBatch(floorRun);
  }
  while (ours.length < config.runs) {
    timeBatch(() => findNotes(col, c.query));
    for (let k = 0; k < BLOCK; k++) ours.push(timeBatch(() => findNotes(col, c.query)));
    timeBatch(floorRun);
    for (let k = 0; k < BLOCK; k++) floor.push(timeBatch(floorRun));
  }
  return { ours, floor, count: found.length, batch };
}

// Standalone run: the cached collection of the full (or --quick) size.
if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const quick = process.argv.includes('--quick');
  const cached = cachedCollection({ notes: quick ? 10_000 : 100_000, decks: 12, seed: 1 });
  const measured = await measureSearch(undefined, {
    collection: cached.path,
    warmupRuns: quick ? 3 : 10,
    runs: quick ? 10 : 40,
    seed: 1,
  });
  console.log(renderTable(measured.rows));
  console.log('');
  for (const note of measured.notes) console.log(note);
}
