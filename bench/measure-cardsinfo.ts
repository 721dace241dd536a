/**
 * d. cardsInfo latency for 1,000 and 10,000 cards of the large collection, over HTTP, beside the
 * floor of reading the same card and note rows with raw prepared statements (what rendering
 * starts from). Every card is rendered in full: templates, cloze HTML, sound placeholders, CSS.
 */
import { join } from 'node:path';
import { cardsInfo } from '../src/cards/info.js';
import { openCollection } from '../src/collection/open.js';
import { openDatabase } from '../src/storage/database.js';
import { copyCollection, scratchDir } from './cache.js';
import type { LoadGenerator } from './loadgen-client.js';
import type { Measured } from './measure-version.js';
import { formatMs, type Row } from './report.js';
import { requestBody } from './requests.js';
import { Rng } from './rng.js';
import { portOf, startOurServer } from './servers.js';
import { median, percentile } from './stats.js';

/** Shape of the cardsInfo measurement. */
export interface CardsInfoConfig {
  collection: string;
  /** Request sizes, in cards (e.g. 1,000 and 10,000). */
  cards: number[];
  /** Timed and warm-up runs for each size, indexed like `cards`. */
  runs: number[];
  warmupRuns: number[];
  seed: number;
}

/** The target: under 100 ms per 1,000 cards. */
const TARGET_MS_PER_1000 = 100;

// The rows one cardsInfo entry is built from: the card, its note, by card id.
const ROWS_SQL =
  'select c.id, c.nid, c.did, c.ord, c.mod, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses, c.left, ' +
  'c.odid, c.flags, n.mid, n.tags, n.flds from cards c join notes n on n.id = c.nid where c.id = ?';

interface Timings {
  httpMs: number[];
  floorMs: number[];
  /** The action's work and the reply's JSON in this process, without HTTP. */
  inProcessMs: number[];
  replyBytes: number;
}

/** Measures each request size; one row per size. */
export async function measureCardsInfo(loadgen: LoadGenerator, config: CardsInfoConfig): Promise<Measured> {
  const scratch = scratchDir('acs-bench-cardsinfo-');
  try {
    const base = join(scratch.dir, 'base');
    const path = join(base, 'User 1', 'collection.anki2');
    copyCollection(config.collection, path);
    const { ids, total, kinds } = pickCards(path, Math.max(...config.cards), config.seed);
    const requests = config.cards.map((size, i) => ({
      size,
      ids: ids.slice(0, size),
      runs: config.runs[i] ?? 5,
      warmup: config.warmupRuns[i] ?? 1,
    }));

    // Floor first: the server holds the file exclusively once it is open.
    const floors = requests.map((request) => timeFloor(path, request.ids, request.warmup, request.runs));
    const app = await startOurServer(base);
    const timings: Timings[] = [];
    try {
      for (const [i, request] of requests.entries()) {
        const body = requestBody('cardsInfo', { cards: request.ids });
        const result = await loadgen.sequence({
          port: portOf(app),
          bodies: Array<string>(request.warmup + request.runs).fill(body),
          replies: 'first',
        });
        const reply = result.replies[0] ?? '';
        checkReply(reply, request.size);
        timings.push({
          httpMs: result.latenciesMs.slice(request.warmup),
          floorMs: floors[i] ?? [],
          inProcessMs: [],
          replyBytes: Buffer.byteLength(reply),
        });
      }
    } finally {
      await app.stop();
    }
    // The same work without HTTP, once the server has let go of the file.
    requests.forEach((request, i) => {
      const t = timings[i];
      if (t !== undefined) t.inProcessMs = timeInProcess(path, request.ids, request.warmup, request.runs);
    });

    const rows: Row[] = requests.map((request, i) => {
      const t = timings[i] ?? { httpMs: [], floorMs: [], inProcessMs: [], replyBytes: 0 };
      const p50 = median(t.httpMs);
      const per1000 = (p50 * 1000) / request.size;
      return {
        name: `d. cardsInfo (${request.size.toLocaleString('en-US')} cards)`,
        ours: `median ${formatMs(p50)} (${formatMs(per1000)}/1,000), p95 ${formatMs(percentile(t.httpMs, 95))}`,
        floor: `median ${formatMs(median(t.floorMs))}`,
        ratio: `${(p50 / median(t.floorMs)).toFixed(1)}× floor`,
        target: `< ${TARGET_MS_PER_1000} ms / 1,000`,
        pass: per1000 < TARGET_MS_PER_1000,
      };
    });
    const sizes = requests.map((request, i) => {
      const t = timings[i];
      return (
        `${request.size.toLocaleString('en-US')} cards: ${request.runs} runs after ${request.warmup} warm-up, reply ` +
        `${((t?.replyBytes ?? 0) / 1e6).toFixed(1)} MB, in-process median ${formatMs(median(t?.inProcessMs ?? []))}`
      );
    });
    return {
      rows,
      notes: [
        `d. one cardsInfo request over HTTP (one keep-alive connection) with card ids drawn at random (seeded) from all ` +
          `${total.toLocaleString('en-US')} cards (${kinds}); ${sizes.join('; ')}. Each card is rendered in full (question and ` +
          `answer with CSS, cloze HTML, sound placeholders); the reply is checked (every card answered, no template error). ` +
          `Floor: the card+note row of every id read with one prepared statement (a join on the primary keys), same run counts, on the same file before the server opens it: the storage cost rendering ` +
          `starts from, without rendering, JSON or HTTP. "In-process" is the same cardsInfo work and JSON.stringify of the ` +
          `reply, timed in the benchmark process on the same file after the server stopped: the server's share of the ` +
          `HTTP figure (the rest is the transfer and the load generator reading the reply).`,
      ],
    };
  } finally {
    scratch.remove();
  }
}

/** Random distinct card ids (seeded), and what the collection holds, for the notes. */
function pickCards(path: string, count: number, seed: number): { ids: number[]; total: number; kinds: string } {
  const db = openDatabase(path);
  try {
    const all = (db.prepare('select id from cards order by id').all() as { id: number }[]).map((row) => row.id);
    const rng = new Rng(seed ^ 0xc4a2d);
    // A partial Fisher–Yates shuffle: the first `count` entries become the sample.
    for (let i = 0; i < Math.min(count, all.length); i++) {
      const j = i + rng.int(all.length - i);
      const a = all[i] ?? 0;
      all[i] = all[j] ?? 0;
      all[j] = a;
    }
    const kinds = (
      db
        .prepare('select t.name as name, count() as n from cards c join notes n on n.id = c.nid join notetypes t on t.id = n.mid group by t.name order by n desc')
        .all() as { name: string; n: number }[]
    )
      .map((row) => `${row.name} ${Math.round((row.n * 100) / all.length)}%`)
      .join(', ');
    return { ids: all.slice(0, count), total: all.length, kinds };
  } finally {
    db.close();
  }
}

function timeInProcess(path: string, ids: readonly number[], warmup: number, runs: number): number[] {
  const col = openCollection(path);
  try {
    const times: number[] = [];
    for (let r = 0; r < warmup + runs; r++) {
      const started = performance.now();
      JSON.stringify({ result: cardsInfo(col, ids).map((row) => row ?? {}), error: null });
      if (r >= warmup) times.push(performance.now() - started);
    }
    return times;
  } finally {
    col.close();
  }
}

function timeFloor(path: string, ids: readonly number[], warmup: number, runs: number): number[] {
  const db = openDatabase(path);
  try {
    const rows = db.prepare(ROWS_SQL);
    const times: number[] = [];
    for (let r = 0; r < warmup + runs; r++) {
      const started = performance.now();
      for (const id of ids) rows.get(id);
      if (r >= warmup) times.push(performance.now() - started);
    }
    return times;
  } finally {
    db.close();
  }
}

function checkReply(text: string, count: number): void {
  const reply = JSON.parse(text) as { result: { cardId?: number; question?: string }[] | null; error: string | null };
  if (reply.result === null) throw new Error(`cardsInfo failed: ${String(reply.error)}`);
  const answered = reply.result.filter((card) => card.cardId !== undefined).length;
  const errors = reply.result.filter((card) => card.question?.includes('template has a problem') === true).length;
  if (reply.result.length !== count || answered !== count || errors !== 0) {
    throw new Error(`unexpected cardsInfo reply: ${answered} of ${count} cards answered, ${errors} with template errors`);
  }
}
