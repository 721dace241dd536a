/** Benchmark sizes: the full run, and `--quick` for a smoke run in well under a minute. */
import type { GenerateOptions } from './generate.js';
import type { VersionConfig } from './measure-version.js';

/** Everything sized by --quick. */
export interface Sizes {
  collection: GenerateOptions;
  version: VersionConfig;
  add: { batchSize: number; warmupBatches: number; batches: number };
  canAdd: { notes: number; warmupRuns: number; runs: number; noStatsRuns: number };
  cardsInfo: { cards: number[]; runs: number[]; warmupRuns: number[] };
  search: { warmupRuns: number; runs: number };
  /** One line saying all of the above, printed with the results. */
  describe: string;
}

export function sizesFor(quick: boolean): Sizes {
  const collection = { notes: quick ? 10_000 : 100_000, decks: 12, seed: 1 };
  const version: VersionConfig = quick
    ? { connections: 32, initialWarmupMs: 500, roundWarmupMs: 250, roundMs: 1_000, rounds: 2 }
    : { connections: 32, initialWarmupMs: 2_000, roundWarmupMs: 500, roundMs: 1_500, rounds: 8 };
  const add = quick ? { batchSize: 1_000, warmupBatches: 1, batches: 3 } : { batchSize: 1_000, warmupBatches: 2, batches: 20 };
  const canAdd = quick
    ? { notes: 100, warmupRuns: 5, runs: 20, noStatsRuns: 3 }
    : { notes: 100, warmupRuns: 10, runs: 50, noStatsRuns: 5 };
  const cardsInfo = { cards: [1_000, 10_000], runs: quick ? [5, 2] : [20, 6], warmupRuns: quick ? [2, 1] : [3, 1] };
  const search = quick ? { warmupRuns: 3, runs: 10 } : { warmupRuns: 10, runs: 40 };
  const describe =
    `collection ${collection.notes.toLocaleString('en-US')} notes / ${collection.decks} decks / seed ${collection.seed}; ` +
    `version ${version.connections} connections × ${version.rounds} rounds of ${version.roundMs / 1000} s; ` +
    `addNotes ${add.batches} × ${add.batchSize} (+${add.warmupBatches} warm-up); ` +
    `canAdd ${canAdd.notes} notes × ${canAdd.runs} runs (+${canAdd.warmupRuns} warm-up), ${canAdd.noStatsRuns} without statistics; ` +
    `cardsInfo ${cardsInfo.cards.join(' and ')} cards × ${cardsInfo.runs.join('/')} runs; ` +
    `search ${search.runs} runs per query (+${search.warmupRuns} warm-up)`;
  return { collection, version, add, canAdd, cardsInfo, search, describe };
}
