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

export type LoadJob = ThroughputJob | SequenceJob;

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

export type LoadResult = ThroughputResult | SequenceResult;

export interface JobMessage {
  id: number;
  job: LoadJob;
}

export type ReplyMessage = { id: number; ok: true; result: LoadResult } | { id: number; ok: false; error: string };
