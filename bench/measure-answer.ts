/**
 * g. answerCards on a copy of the large collection, over HTTP: 1,000 answers in one request, and
 * 1,000 requests of one answer each (one keep-alive connection, one after the other), beside the
 * floor of the same storage work done with raw prepared statements on another copy: read each
 * card, write its new scheduling columns and one review log row, in one transaction (and, for
 * the 1,000 requests, one transaction per answer). The answered cards are drawn from a pool that
 * runs come back to, so later runs answer cards that earlier ones moved into learning or review.
 */
import { join } from 'node:path';
import { openDatabase, type Db } from '../src/storage/database.js';
import { copyCollection, scratchDir } from './cache.js';
import type { LoadGenerator } from './loadgen-client.js';
import type { Measured } from './measure-version.js';
import { formatMs, type Row } from './report.js';
import { requestBody } from './requests.js';
import { Rng } from './rng.js';
import { portOf, startOurServer } from './servers.js';
import { median } from './stats.js';

/** Shape of the answerCards measurement. */
export interface AnswerConfig {
  collection: string;
  /** Answers per request (one request), and requests of one answer (the other figure). */
  answers: number;
  warmupRuns: number;
  runs: number;
  seed: number;
}

export function answerSizes(quick: boolean): Omit<AnswerConfig, 'collection' | 'seed'> {
  return quick ? { answers: 1_000, warmupRuns: 1, runs: 3 } : { answers: 1_000, warmupRuns: 2, runs: 10 };
}

/** The target: under 50 ms per 1,000 answers in one request. */
const TARGET_MS = 50;

interface Answer {
  cardId: number;
  ease: number;
}

/** Measures both forms; two rows, the first with its target. */
export async function measureAnswers(loadgen: LoadGenerator, config: AnswerConfig): Promise<Measured> {
  const scratch = scratchDir('acs-bench-answer-');
  const oursBase = join(scratch.dir, 'ours');
  copyCollection(config.collection, join(oursBase, 'User 1', 'collection.anki2'));
  const rawPath = join(scratch.dir, 'raw', 'collection.anki2');
  copyCollection(config.collection, rawPath);
  const raw = openDatabase(rawPath);
  const rng = new Rng(config.seed ^ 0xa75e);
  // Three runs' worth of cards, answered in turn: the fourth run meets the first run's cards again.
  const pool = pickPool(raw, rng, 3 * config.answers);
  const runsTotal = config.warmupRuns + config.runs;
  const batchFor = (run: number, offset: number): Answer[] =>
    Array.from({ length: config.answers }, (_, i) => ({
      cardId: pool[(((run * 2 + offset) % 3) * config.answers + i) % pool.length]!,
      ease: 1 + rng.weighted([14, 12, 60, 14]),
    }));

  const app = await startOurServer(oursBase);
  const port = portOf(app);
  const oneRequest = { ours: [] as number[], floor: [] as number[] };
  const manyRequests = { ours: [] as number[], floor: [] as number[] };
  let checked = '';
  try {
    for (let run = 0; run < runsTotal; run++) {
      const counted = run >= config.warmupRuns;
      const batch = batchFor(run, 0);
      const one = await loadgen.sequence({ port, bodies: [requestBody('answerCards', { answers: batch })], replies: 'first' });
      const reply = JSON.parse(one.replies[0] ?? '{}') as { result: boolean[] | null; error: string | null };
      if (reply.error !== null || reply.result?.length !== batch.length || reply.result.some((ok) => !ok)) {
        throw new Error(`answerCards failed: ${reply.error ?? 'not every card answered'}`);
      }
      if (run === 0) checked = `Replies checked: ${batch.length} answers, every one true.`;
      const floorOne = rawAnswers(raw, batch, true);

      const singles = batchFor(run, 1);
      const many = await loadgen.sequence({
        port,
        bodies: singles.map((answer) => requestBody('answerCards', { answers: [answer] })),
        replies: 'first',
      });
      const floorMany = rawAnswers(raw, singles, false);
      if (counted) {
        oneRequest.ours.push(one.latenciesMs[0] ?? Number.NaN);
        oneRequest.floor.push(floorOne);
        manyRequests.ours.push(many.latenciesMs.reduce((sum, ms) => sum + ms, 0));
        manyRequests.floor.push(floorMany);
      }
    }
  } finally {
    raw.close();
    await app.stop();
    scratch.remove();
  }

  const n = config.answers.toLocaleString('en-US');
  const oneMs = median(oneRequest.ours);
  const rows: Row[] = [
    {
      name: `g. answerCards, ${n} answers in one request (HTTP)`,
      ours: `median ${formatMs(oneMs)}`,
      floor: `median ${formatMs(median(oneRequest.floor))}`,
      ratio: `${(oneMs / median(oneRequest.floor)).toFixed(1)}× floor`,
      target: `< ${TARGET_MS} ms / 1,000`,
      pass: (oneMs * 1000) / config.answers < TARGET_MS,
    },
    {
      name: `g. answerCards, ${n} requests of one answer (HTTP)`,
      ours: `median ${formatMs(median(manyRequests.ours))} in all`,
      floor: `median ${formatMs(median(manyRequests.floor))} in all`,
      ratio: `${(median(manyRequests.ours) / median(manyRequests.floor)).toFixed(1)}× floor`,
      target: 'none (reported)',
      pass: undefined,
    },
  ];
  return {
    rows,
    notes: [
      `g. On copies of the large collection, ${config.runs} counted runs after ${config.warmupRuns} warm-up; each run answers ${n} ` +
        `cards in one answerCards request and ${n} other cards in ${n} requests of one answer, sent one after the other over one ` +
        `keep-alive connection (the figure is the sum of their latencies); buttons Again/Hard/Good/Easy drawn 14/12/60/14. ` +
        `Cards come from a pool of ${(3 * config.answers).toLocaleString('en-US')} (new cards of every note type and deck at the start) ` +
        `that the runs go round, so later runs answer cards in learning and review. Floor: the same cards read with a prepared ` +
        `select, their scheduling columns updated and a review log row inserted with prepared statements, in one transaction (one ` +
        `per answer for the second figure). ${checked}`,
    ],
  };
}

/** New cards outside filtered decks, spread over the collection. */
function pickPool(db: Db, rng: Rng, size: number): number[] {
  const ids = db.prepare('select id from cards where queue = 0 and odid = 0').pluck().all() as number[];
  const out = new Set<number>();
  while (out.size < Math.min(size, ids.length)) out.add(ids[rng.int(ids.length)]!);
  return [...out];
}

/** The storage work of `answers`: read, update and log each card; the time it took, in ms. */
function rawAnswers(db: Db, answers: readonly Answer[], oneTransaction: boolean): number {
  const read = db.prepare('select id, type, queue, due, ivl, factor, reps, lapses, left, data from cards where id = ?');
  const write = db.prepare(
    'update cards set type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?, lapses = ?, left = ?, mod = ?, usn = -1, data = ? where id = ?',
  );
  const log = db.prepare('insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, -1, ?, ?, ?, ?, 0, ?)');
  let revlogId = (db.prepare('select max(id) from revlog').pluck().get() as number | null) ?? 0;
  const answerOne = (answer: Answer): void => {
    const card = read.get(answer.cardId) as { reps: number; lapses: number; type: number; ivl: number } | undefined;
    if (card === undefined) throw new Error(`card ${answer.cardId} is missing`);
    const nowSecs = Math.floor(Date.now() / 1000);
    revlogId = Math.max(revlogId + 1, Date.now());
    write.run(1, 1, nowSecs + 600, 0, 0, card.reps + 1, card.lapses, 1, nowSecs, `{"lrt":${nowSecs}}`, answer.cardId);
    log.run(revlogId, answer.cardId, answer.ease, -600, -60, 0, card.type === 2 ? 1 : 0);
  };
  const started = performance.now();
  if (oneTransaction) db.transaction(() => answers.forEach(answerOne))();
  else for (const answer of answers) db.transaction(() => answerOne(answer))();
  return performance.now() - started;
}
