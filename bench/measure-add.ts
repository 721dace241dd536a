/**
 * b. addNotes throughput: batches of Basic notes sent over HTTP to the real server on a copy of
 * the large generated collection, beside raw better-sqlite3 inserts of the same rows into
 * another copy. Each batch goes to ours and then to the floor, so both see the same machine load.
 */
import { join } from 'node:path';
import { copyCollection, scratchDir } from './cache.js';
import type { LoadGenerator } from './loadgen-client.js';
import type { Measured } from './measure-version.js';
import { RawInserter } from './raw-insert.js';
import { formatMs, formatPercent, formatRate } from './report.js';
import { basicNotesBatch, requestBody, type NoteRequest } from './requests.js';
import { Rng } from './rng.js';
import { portOf, startOurServer, withCpu } from './servers.js';
import { max, median, min } from './stats.js';

/** Shape of the addNotes measurement. */
export interface AddConfig {
  /** The cached collection to copy. */
  collection: string;
  deckName: string;
  batchSize: number;
  warmupBatches: number;
  batches: number;
  seed: number;
}

/** Measures both and returns the table row (target: ours ≥ 30% of raw). */
export async function measureAddNotes(loadgen: LoadGenerator, config: AddConfig): Promise<Measured> {
  const scratch = scratchDir('acs-bench-add-');
  const oursBase = join(scratch.dir, 'ours');
  copyCollection(config.collection, join(oursBase, 'User 1', 'collection.anki2'));
  const rawPath = join(scratch.dir, 'raw', 'collection.anki2');
  copyCollection(config.collection, rawPath);

  const app = await startOurServer(oursBase);
  const raw = new RawInserter(rawPath);
  const rng = new Rng(config.seed ^ 0xadd);
  const ours: number[] = [];
  const floor: number[] = [];
  const serverCpu: number[] = [];
  let added = 0;
  // Every note is new, so each should be added; any that is not is reported with its reason.
  const reasons: string[] = [];
  try {
    const port = portOf(app);
    for (let b = 0; b < config.warmupBatches + config.batches; b++) {
      const notes = basicNotesBatch(rng, config.deckName, b, config.batchSize);
      const body = requestBody('addNotes', { notes });
      const { value, cpuMs } = await withCpu(() => loadgen.sequence({ port, bodies: [body], replies: 'all' }));
      const reply = JSON.parse(value.replies[0] ?? 'null') as { result: (number | null)[] | null; error: string | null };
      if (reply.error !== null || reply.result === null) throw new Error(`addNotes failed: ${String(reply.error)}`);
      const rejectedNotes = notes.filter((_note, i) => reply.result?.[i] === null);
      if (rejectedNotes.length > 0) reasons.push(...(await rejectionReasons(loadgen, port, rejectedNotes)));
      const ids = config.batchSize - rejectedNotes.length;
      const rawMs = raw.insertBasicBatch(notes);
      if (b < config.warmupBatches) continue;
      ours.push(value.latenciesMs[0] ?? NaN);
      serverCpu.push(cpuMs);
      floor.push(rawMs);
      added += ids;
    }
  } finally {
    raw.close();
    await app.stop();
    scratch.remove();
  }

  const rate = (ms: number) => (config.batchSize * 1000) / ms;
  const ratio = rate(median(ours)) / rate(median(floor));
  return {
    rows: [
      {
        name: `b. addNotes (${config.batchSize}/batch, HTTP)`,
        ours: `${formatRate(rate(median(ours)), 'notes')} (best ${formatRate(rate(min(ours)), 'notes')})`,
        floor: `${formatRate(rate(median(floor)), 'notes')} (best ${formatRate(rate(min(floor)), 'notes')})`,
        ratio: formatPercent(ratio),
        target: '≥ 30% of raw',
        pass: ratio >= 0.3,
      },
    ],
    notes: [
      ...(reasons.length === 0 ? [] : [`!! addNotes rejected ${reasons.length} notes that should have been added: ${[...new Set(reasons)].join('; ')}`]),
      `b. ${config.batches} batches of ${config.batchSize} new Basic notes (Yomitan-style options, 1–2 tags) after ${config.warmupBatches} ` +
        `uncounted, each one addNotes request over HTTP (one keep-alive connection from the load generator), timed from sending ` +
        `the request to the end of the reply; ${added} notes added in the timed batches. Floor: the same note and card rows inserted ` +
        `with raw prepared statements, one transaction per batch, into another copy of the collection opened with the server's ` +
        `connection settings; its derived columns are computed before timing. Figure: median batch (best in brackets).`,
      `   Per batch: ours median ${formatMs(median(ours))} (min ${formatMs(min(ours))}, max ${formatMs(max(ours))}; server CPU median ` +
        `${formatMs(median(serverCpu))}), raw median ${formatMs(median(floor))} (min ${formatMs(min(floor))}, max ${formatMs(max(floor))}; ` +
        `the spread is mostly the commit: fsync and WAL checkpoints, which ours pays as well).`,
    ],
  };
}

/** Why the server refused notes, asked after the fact with canAddNotesWithErrorDetail. */
async function rejectionReasons(loadgen: LoadGenerator, port: number, notes: readonly NoteRequest[]): Promise<string[]> {
  const body = requestBody('canAddNotesWithErrorDetail', { notes });
  const { replies } = await loadgen.sequence({ port, bodies: [body], replies: 'first' });
  const reply = JSON.parse(replies[0] ?? 'null') as { result: { canAdd: boolean; error?: string }[] | null; error: string | null };
  return (reply.result ?? []).map((entry) => entry.error ?? (entry.canAdd ? 'addable when asked again' : String(reply.error)));
}
