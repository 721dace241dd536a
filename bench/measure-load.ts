/**
 * j. The load test of the reliability issue: 50 keep-alive clients send a seeded mix of small
 * reads and writes back to back while, on other connections, a 100,000-item `multi` and
 * regex searches that are catastrophic for backtracking engines run one after another without a
 * break. Reported: the small requests' throughput and p50/p99 latency, beside the floor of the
 * same mix with nothing heavy running; every error counts.
 *
 * Each phase runs on a fresh copy of the collection (the writes change it), with our server in
 * this process, as in the other measurements. The small clients are one forked load generator,
 * the heavy requests a second one, so that reading a 20 MB reply does not hold up the clients'
 * event loop (and their latencies) — only the machine's cores are shared.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { copyCollection, scratchDir } from './cache.js';
import { buildLoadMix, type LoadMix } from './load-mix.js';
import { LoadGenerator } from './loadgen-client.js';
import type { LatencySummary, LoopRequest, LoopResult, MixedResult } from './loadgen-protocol.js';
import type { Measured } from './measure-version.js';
import { formatMs, formatPercent, formatRate, type Row } from './report.js';
import { portOf, startOurServer, withCpu } from './servers.js';
import { median } from './stats.js';

/** Shape of the load test. */
export interface LoadConfig {
  collection: string;
  deckName: string;
  seed: number;
  connections: number;
  /** At the start of each phase, not counted: the first searches start reader threads and read cold pages. */
  warmupMs: number;
  durationMs: number;
  multiItems: number;
}

export function loadSizes(quick: boolean): Omit<LoadConfig, 'collection' | 'deckName' | 'seed'> {
  return quick
    ? { connections: 50, warmupMs: 1_000, durationMs: 5_000, multiItems: 10_000 }
    : { connections: 50, warmupMs: 3_000, durationMs: 30_000, multiItems: 100_000 };
}

/** The target: the small requests' p99 under 200 ms during the heavy ones, and no error at all. */
const TARGET_P99_MS = 200;

interface Phase {
  small: MixedResult;
  heavy: LoopResult | undefined;
  /** CPU time of this process (the server, its reader threads) over the phase ÷ its wall time. */
  serverCpu: number;
  loadBefore: number;
  loadAfter: number;
  /** How late the server's event loop ran timers during the window: p99 and max, in ms. */
  eventLoop: { p99: number; max: number };
  /** Largest resident set of this process seen during the phase, in MB (sampled every 250 ms). */
  peakRssMb: number;
}

/** Runs both phases; one row. */
export async function measureLoad(loadgen: LoadGenerator, config: LoadConfig): Promise<Measured> {
  const scratch = scratchDir('acs-bench-load-');
  const heavyGen = LoadGenerator.start();
  try {
    const copy = (name: string): string => {
      const base = join(scratch.dir, name);
      copyCollection(config.collection, join(base, 'User 1', 'collection.anki2'));
      return base;
    };
    const floorBase = copy('floor');
    const mix = buildLoadMix(join(floorBase, 'User 1', 'collection.anki2'), config);
    // One phase each rather than alternating short rounds: a heavy multi lasts from seconds to
    // the whole window, so a round must be long to be "during" one, and 30 s already averages
    // over much of the machine's noise. The floor runs first; each phase has a fresh copy.
    const floor = await runPhase(loadgen, undefined, mix, config, floorBase);
    const loaded = await runPhase(loadgen, heavyGen, mix, config, copy('loaded'));
    return report(config, mix, floor, loaded);
  } finally {
    heavyGen.close();
    scratch.remove();
  }
}

async function runPhase(loadgen: LoadGenerator, heavyGen: LoadGenerator | undefined, mix: LoadMix, config: LoadConfig, base: string): Promise<Phase> {
  const app = await startOurServer(base);
  const port = portOf(app);
  const loadBefore = loadavg()[0] ?? NaN;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const enable = setTimeout(() => delay.enable(), config.warmupMs);
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);
  const started = performance.now();
  try {
    const { value, cpuMs } = await withCpu(() =>
      Promise.all([
        // The heavy loop starts first and runs through warm-up and window; its last request is awaited.
        heavyGen?.loop({ port, streams: mix.heavy, durationMs: config.warmupMs + config.durationMs }),
        loadgen
          .mixed({ port, mix: mix.small, connections: config.connections, seed: config.seed, warmupMs: config.warmupMs, durationMs: config.durationMs })
          .finally(() => delay.disable()),
      ]),
    );
    const [heavy, small] = value;
    return {
      small,
      heavy,
      serverCpu: cpuMs / (performance.now() - started),
      loadBefore,
      loadAfter: loadavg()[0] ?? NaN,
      eventLoop: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
      peakRssMb: peakRss / 1e6,
    };
  } finally {
    clearTimeout(enable);
    clearInterval(sampler);
    await app.stop();
  }
}

function rate(phase: Phase): number {
  return (phase.small.requests * 1000) / phase.small.elapsedMs;
}

function latencies(summary: LatencySummary): string {
  return `p50 ${formatMs(summary.p50)}, p99 ${formatMs(summary.p99)}`;
}

/** One phase's small requests, kind by kind. */
function byKind(phase: Phase): string {
  return Object.entries(phase.small.byLabel)
    .filter(([, s]) => s.count > 0)
    .map(([label, s]) => `${label} ${s.count} × ${latencies(s)}, max ${formatMs(s.max)}${s.errors > 0 ? `, ${s.errors} errors` : ''}`)
    .join('; ');
}

function describePhase(name: string, phase: Phase): string {
  const o = phase.small.overall;
  return (
    `   ${name}: ${phase.small.requests.toLocaleString('en-US')} requests in the window (${formatRate(rate(phase), 'req')}), ` +
    `${latencies(o)}, p90 ${formatMs(o.p90)}, p99.9 ${formatMs(o.p999)}, max ${formatMs(o.max)}, mean ${formatMs(o.mean)}; ` +
    `${phase.small.errors} errors${phase.small.sampleError === '' ? '' : ` (first: ${phase.small.sampleError})`}. ` +
    `Server process CPU ${formatPercent(phase.serverCpu)} of a core, load generator ${formatPercent(phase.small.clientCpuMs / phase.small.elapsedMs)}; ` +
    `server event loop delay p99 ${formatMs(phase.eventLoop.p99)}, max ${formatMs(phase.eventLoop.max)}; peak RSS ${phase.peakRssMb.toFixed(0)} MB; ` +
    `load average ${phase.loadBefore.toFixed(2)} before, ${phase.loadAfter.toFixed(2)} after. ` +
    `Worst request per second of the window: ${phase.small.worstPerSecond.map((ms) => ms.toFixed(0)).join(', ')} ms.\n` +
    `     by kind: ${byKind(phase)}.`
  );
}

/** The heavy requests of one label: how many, how long, how much of the window they covered. */
function describeHeavy(requests: readonly LoopRequest[], window: { start: number; end: number }): string {
  const labels = [...new Set(requests.map((request) => request.label))];
  return labels
    .map((label) => {
      const mine = requests.filter((request) => request.label === label);
      const durations = mine.map((request) => request.endedAt - request.sentAt);
      const errors = mine.reduce((sum, request) => sum + request.errors, 0);
      const firstError = mine.find((request) => request.error !== null)?.error;
      // The part of the window with one of these in flight (one connection: they never overlap).
      const covered = mine.reduce(
        (sum, request) => sum + Math.max(0, Math.min(request.endedAt, window.end) - Math.max(request.sentAt, window.start)),
        0,
      );
      const items = mine.find((request) => request.items > 0);
      const reply = items === undefined ? '' : `, reply ${(items.replyBytes / 1e6).toFixed(1)} MB of ${items.items.toLocaleString('en-US')} items`;
      return (
        `${label}: ${mine.length} answered, median ${formatMs(median(durations))}, max ${formatMs(Math.max(...durations))}${reply}, ` +
        `in flight ${formatPercent(covered / (window.end - window.start))} of the window, ${errors} errors${firstError === undefined ? '' : ` (first: ${firstError})`}`
      );
    })
    .join('; ');
}

/** The slowest small requests of the loaded window, with the heavy requests in flight when they were sent. */
function describeSlowest(phase: Phase): string {
  const heavy = phase.heavy?.requests ?? [];
  return phase.small.slowest
    .slice(0, 5)
    .map((request) => {
      const during = heavy.filter((h) => h.sentAt <= request.sentAt + request.ms && h.endedAt >= request.sentAt).map((h) => h.label);
      const at = ((request.sentAt - phase.small.windowStart) / 1000).toFixed(2);
      return `${request.label} ${formatMs(request.ms)} at ${at} s${during.length > 0 ? ` (during ${[...new Set(during)].join(', ')})` : ''}`;
    })
    .join('; ');
}

function report(config: LoadConfig, mix: LoadMix, floor: Phase, loaded: Phase): Measured {
  const heavy = loaded.heavy?.requests ?? [];
  const heavyErrors = heavy.reduce((sum, request) => sum + request.errors, 0);
  const errors = floor.small.errors + loaded.small.errors + heavyErrors;
  const p99 = loaded.small.overall.p99;
  const window = { start: loaded.small.windowStart, end: loaded.small.windowEnd };
  const clientBound = [floor, loaded].some((phase) => phase.small.clientCpuMs / phase.small.elapsedMs >= 0.9);
  const figures = (phase: Phase): string => `${formatRate(rate(phase), 'req')}, ${latencies(phase.small.overall)}`;
  const row: Row = {
    name: `j. ${config.connections} clients' small requests during a ${config.multiItems.toLocaleString('en-US')}-item multi and catastrophic regex searches`,
    ours: `${figures(loaded)}${errors > 0 ? `, ${errors} errors` : ''}`,
    floor: figures(floor),
    ratio: `p99 ${(p99 / floor.small.overall.p99).toFixed(1)}× floor`,
    target: `p99 < ${TARGET_P99_MS} ms, no error`,
    pass: p99 < TARGET_P99_MS && errors === 0,
  };
  return {
    rows: [row],
    notes: [
      `j. ${config.connections} keep-alive clients (one forked load generator, node:http Agent) each send requests drawn from a seeded mix back to back ` +
        `for ${config.warmupMs / 1000} s of uncounted warm-up and a ${config.durationMs / 1000} s window; every request sent in the window is timed from ` +
        `sending to the end of its reply. Mix: ${mix.describe.small}. A request fails when it throws, does not answer 200 or answers an error that is ` +
        `not null. Heavy requests, from a second load generator, through warm-up and window: ${mix.describe.heavy}; a multi fails unless every item ` +
        `answers without error. Floor: the same mix for the same time with nothing heavy. Each phase on a fresh copy of the ` +
        `${mix.notes.toLocaleString('en-US')}-note collection, the server in the benchmark process (floor first). ` +
        `PASS needs the small requests' p99 under ${TARGET_P99_MS} ms during the heavy ones and no error in either phase. The clients never pause, ` +
        `so ${config.connections} requests are always in flight and the mean latency is ${config.connections} ÷ the throughput (Little's law): once the ` +
        `server is saturated, latency is mostly waiting behind other clients' requests.`,
      describePhase('floor (mix alone)', floor),
      describePhase('during heavy requests', loaded),
      `   heavy requests: ${describeHeavy(heavy, window)}.`,
      `   slowest small requests during them: ${describeSlowest(loaded)}.`,
      ...(clientBound ? ['   The small clients\' load generator used ≥ 90% of a core: the rate is partly the client\'s limit.'] : []),
    ],
  };
}
