/**
 * The load generator's jobs for j (bench/measure-load.ts): many clients sending a random mix of
 * small requests, each timed, and a few streams of heavy requests looping beside them. They run in
 * the forked load generator (bench/loadgen.ts), so the clients' work is not the server's.
 */
import { Agent } from 'node:http';
import { post, type Reply } from './loadgen-post.js';
import {
  UNIQUE_TOKEN,
  type LatencySummary,
  type LoopJob,
  type LoopRequest,
  type LoopResult,
  type MixedJob,
  type MixedResult,
  type TimedRequest,
} from './loadgen-protocol.js';
import { Rng } from './rng.js';
import { percentile } from './stats.js';

/** How many of the slowest requests a mixed job reports. */
const SLOWEST = 20;

/**
 * Why a reply counts as failed, or null: not 200, or a version-6 reply whose `error` is not null;
 * for a `multi` (`items` given), also any item whose error is not null, or a missing item.
 */
function replyFailure(reply: Reply, items?: number): { error: string | null; errors: number; items: number } {
  if (reply.status !== 200) return { error: `HTTP ${reply.status}: ${reply.body.slice(0, 200)}`, errors: 1, items: 0 };
  const parsed = parseEnvelope(reply.body);
  if (typeof parsed === 'string') return { error: parsed, errors: 1, items: 0 };
  if (parsed.error !== null) return { error: `error: ${JSON.stringify(parsed.error)}`, errors: 1, items: 0 };
  if (items === undefined) return { error: null, errors: 0, items: 0 };
  return { ...multiFailures(parsed.result, items), items: Array.isArray(parsed.result) ? parsed.result.length : 0 };
}

/** The reply as {result, error}, or what is wrong with it. */
function parseEnvelope(text: string): { result: unknown; error: unknown } | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
  if (typeof parsed !== 'object' || parsed === null || !('result' in parsed) || !('error' in parsed)) {
    return `not {result, error}: ${text.slice(0, 200)}`;
  }
  return parsed;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function summarize(latencies: readonly number[], errors: number): LatencySummary {
  // Zeros rather than NaN, which would cross the IPC channel as null; a kind never sent has count 0.
  if (latencies.length === 0) return { count: 0, errors, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  let sum = 0;
  for (const ms of latencies) sum += ms;
  return {
    count: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    p999: percentile(latencies, 99.9),
    max: percentile(latencies, 100),
    mean: sum / latencies.length,
  };
}

export async function mixed(job: MixedJob): Promise<MixedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const weights = job.mix.map((entry) => entry.weight);
  // Encoded once, before the clock starts; only bodies that need a unique number are built per request.
  const encoded = job.mix.map((entry) => entry.bodies.map((body) => (body.includes(UNIQUE_TOKEN) ? undefined : Buffer.from(body, 'utf8'))));
  const start = performance.now();
  const windowStart = start + job.warmupMs;
  const windowEnd = windowStart + job.durationMs;
  // Everything is kept per request (a few tens of thousands): the percentiles are computed here,
  // so only the summary crosses the IPC channel.
  const latencies: number[][] = job.mix.map(() => []);
  const errorsByKind: number[] = job.mix.map(() => 0);
  const all: TimedRequest[] = [];
  const worstPerSecond = Array<number>(Math.ceil(job.durationMs / 1000)).fill(0);
  let sampleError = '';
  let unique = 0;
  let cpuAtWindowStart: NodeJS.CpuUsage | undefined;
  const cpuTimer = setTimeout(() => (cpuAtWindowStart = process.cpuUsage()), job.warmupMs);

  const client = async (index: number): Promise<void> => {
    // One generator per client: each client's sequence of requests is the same on every run.
    const rng = new Rng((job.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
    while (performance.now() < windowEnd) {
      const kind = rng.weighted(weights);
      const entry = job.mix[kind];
      if (entry === undefined) throw new Error('empty mix');
      const which = rng.int(entry.bodies.length);
      const body = encoded[kind]?.[which] ?? Buffer.from((entry.bodies[which] ?? '').replaceAll(UNIQUE_TOKEN, String(++unique)), 'utf8');
      const sent = performance.now();
      let failure: string | null;
      try {
        failure = replyFailure(await post(agent, job.port, body)).error;
      } catch (err) {
        failure = message(err);
      }
      const ms = performance.now() - sent;
      if (sent < windowStart || sent >= windowEnd) continue;
      latencies[kind]?.push(ms);
      all.push({ label: entry.label, sentAt: performance.timeOrigin + sent, ms });
      const second = Math.floor((sent - windowStart) / 1000);
      worstPerSecond[second] = Math.max(worstPerSecond[second] ?? 0, ms);
      if (failure !== null) {
        errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
        if (sampleError === '') sampleError = `${entry.label}: ${failure}`;
      }
    }
  };
  await Promise.all(Array.from({ length: job.connections }, (_, i) => client(i)));
  clearTimeout(cpuTimer);
  const cpu = process.cpuUsage(cpuAtWindowStart);
  agent.destroy();

  const byLabel: Record<string, LatencySummary> = {};
  job.mix.forEach((entry, i) => (byLabel[entry.label] = summarize(latencies[i] ?? [], errorsByKind[i] ?? 0)));
  const errors = errorsByKind.reduce((a, b) => a + b, 0);
  return {
    kind: 'mixed',
    requests: all.length,
    elapsedMs: job.durationMs,
    windowStart: performance.timeOrigin + windowStart,
    windowEnd: performance.timeOrigin + windowEnd,
    errors,
    sampleError,
    overall: summarize(latencies.flat(), errors),
    byLabel,
    slowest: all.sort((a, b) => b.ms - a.ms).slice(0, SLOWEST),
    worstPerSecond,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

/** What is wrong with a multi's result: failed items, or a count that is not `items`. */
function multiFailures(result: unknown, items: number): { error: string | null; errors: number } {
  if (!Array.isArray(result)) return { error: 'result is not a list', errors: 1 };
  let errors = result.length === items ? 0 : 1;
  let error = errors === 0 ? null : `${result.length} items answered of ${items}`;
  for (const item of result as unknown[]) {
    const itemError = typeof item === 'object' && item !== null && 'error' in item ? item.error : 'not {result, error}';
    if (itemError === null) continue;
    errors++;
    error ??= `item error: ${JSON.stringify(itemError)}`;
  }
  return { error, errors };
}

export async function loop(job: LoopJob): Promise<LoopResult> {
  const end = performance.now() + job.durationMs;
  const requests: LoopRequest[] = [];
  const stream = async (bodies: LoopJob['streams'][number]): Promise<void> => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const encoded = bodies.map((entry) => Buffer.from(entry.body, 'utf8'));
    for (let i = 0; performance.now() < end; i++) {
      const entry = bodies[i % bodies.length];
      const body = encoded[i % encoded.length];
      if (entry === undefined || body === undefined) break;
      const sent = performance.now();
      const done: Omit<LoopRequest, 'endedAt'> = { label: entry.label, sentAt: performance.timeOrigin + sent, replyBytes: 0, items: 0, error: null, errors: 0 };
      try {
        const reply = await post(agent, job.port, body);
        done.replyBytes = Buffer.byteLength(reply.body);
        const failure = replyFailure(reply, entry.items);
        done.error = failure.error;
        done.errors = failure.errors;
        done.items = failure.items;
      } catch (err) {
        done.error = message(err);
      }
      if (done.error !== null) done.errors = Math.max(1, done.errors);
      requests.push({ ...done, endedAt: performance.timeOrigin + performance.now() });
    }
    agent.destroy();
  };
  await Promise.all(job.streams.map(stream));
  return { kind: 'loop', requests };
}
