/** Messages between the benchmark and its load generator process (bench/loadgen.ts). */

/** Keep `connections` requests in flight for `warmupMs`, then count completions for `durationMs`. */
export interface ThroughputJob {
  kind: 'throughput';
  port: number;
  body: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
}

/** Send `bodies` one after another on one keep-alive connection, timing each request. */
export interface SequenceJob {
  kind: 'sequence';
  port: number;
  bodies: string[];
  /** Which reply texts to send back: all of them (addNotes ids) or the first (a spot check). */
  replies: 'all' | 'first';
}

/** One kind of request in a {@link MixedJob}: its share of the requests and the bodies to pick from. */
export interface MixEntry {
  label: string;
  /** Relative weight: the chance a request is of this kind is weight ÷ the sum of weights. */
  weight: number;
  /** Bodies to pick from at random; each {@link UNIQUE_TOKEN} in one is replaced by a number unique in the job. */
  bodies: string[];
}

/**
 * Text in a mixed job's body that the load generator replaces, request by request, with a number
 * no other request of the job gets (addNote's first field, so that no note is a duplicate).
 */
export const UNIQUE_TOKEN = '@@UNIQUE@@';

/**
 * `connections` keep-alive clients, each sending requests drawn from `mix` (seeded, one generator
 * per client) back to back for `warmupMs` + `durationMs`; requests sent inside the window are timed
 * from sending to the end of the reply. A request fails when it throws, does not answer 200, or
 * answers an `error` that is not null (the bodies use version 6, so every reply is {result, error}).
 */
export interface MixedJob {
  kind: 'mixed';
  port: number;
  mix: MixEntry[];
  connections: number;
  seed: number;
  warmupMs: number;
  durationMs: number;
}

/**
 * Streams of requests, each on its own keep-alive connection, each sending its bodies in turn,
 * one after the other and round again, until `durationMs` has passed (the last one is awaited).
 */
export interface LoopJob {
  kind: 'loop';
  port: number;
  streams: LoopBody[][];
  durationMs: number;
}

export interface LoopBody {
  label: string;
  body: string;
  /** For a `multi`: how many items its reply must hold, each {result, error} with a null error. */
  items?: number;
}

export type LoadJob = ThroughputJob | SequenceJob | MixedJob | LoopJob;

export interface ThroughputResult {
  kind: 'throughput';
  /** Requests answered inside the counted window. */
  requests: number;
  /** Requests answered during the whole job, warm-up included (to divide the server's CPU time by). */
  totalRequests: number;
  elapsedMs: number;
  /** Requests that failed or did not answer 200. */
  errors: number;
  /** CPU time the load generator itself used in the counted window, in ms. */
  clientCpuMs: number;
  /** The first reply body, to check both servers answered the same thing. */
  sampleReply: string;
}

export interface SequenceResult {
  kind: 'sequence';
  /** Wall time from sending each request to the end of its reply, in ms. */
  latenciesMs: number[];
  replies: string[];
}

/** Order statistics of a set of latencies, in ms (nearest rank, as bench/stats.ts). */
export interface LatencySummary {
  count: number;
  /** Requests that failed (counted in `count` too; their latency is included). */
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** One request of a mixed job, kept to say when the slowest ones happened. */
export interface TimedRequest {
  label: string;
  /** When it was sent, in ms since the epoch (performance.timeOrigin + now: comparable across processes). */
  sentAt: number;
  ms: number;
}

export interface MixedResult {
  kind: 'mixed';
  /** Requests sent inside the window and answered. */
  requests: number;
  elapsedMs: number;
  /** The window, in ms since the epoch, to line up with other processes' timestamps. */
  windowStart: number;
  windowEnd: number;
  errors: number;
  /** The first failure, with its request's label. */
  sampleError: string;
  overall: LatencySummary;
  byLabel: Record<string, LatencySummary>;
  /** The slowest requests of the window, slowest first. */
  slowest: TimedRequest[];
  /** The slowest request sent in each second of the window, in ms. */
  worstPerSecond: number[];
  /** CPU time the load generator itself used in the window, in ms. */
  clientCpuMs: number;
}

/** One request of a loop job. */
export interface LoopRequest {
  label: string;
  /** When it was sent and when its reply ended, in ms since the epoch. */
  sentAt: number;
  endedAt: number;
  replyBytes: number;
  /** Items of a `multi` reply (0 for other replies). */
  items: number;
  /** Why it failed (an HTTP status, a thrown error, or the first item error), or null. */
  error: string | null;
  /** Failed items of a `multi` (or 1 for a failed request). */
  errors: number;
}

export interface LoopResult {
  kind: 'loop';
  requests: LoopRequest[];
}

export type LoadResult = ThroughputResult | SequenceResult | MixedResult | LoopResult;

export interface JobMessage {
  id: number;
  job: LoadJob;
}

export type ReplyMessage = { id: number; ok: true; result: LoadResult } | { id: number; ok: false; error: string };
