/**
 * The load generator, run as its own process (forked by bench/loadgen-client.ts) so that its
 * work does not share the measured server's CPU core. It speaks plain node:http through a
 * keep-alive Agent, the same way to every server, and answers each job message with a result.
 */
import { Agent } from 'node:http';
import { loop, mixed } from './loadgen-mixed.js';
import { post } from './loadgen-post.js';
import type { JobMessage, LoadJob, LoadResult, ReplyMessage, SequenceJob, SequenceResult, ThroughputJob, ThroughputResult } from './loadgen-protocol.js';

async function throughput(job: ThroughputJob): Promise<ThroughputResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const body = Buffer.from(job.body, 'utf8');
  const start = performance.now();
  const windowStart = start + job.warmupMs;
  const windowEnd = windowStart + job.durationMs;
  let requests = 0;
  let totalRequests = 0;
  let errors = 0;
  let sampleReply = '';
  let cpuAtWindowStart: NodeJS.CpuUsage | undefined;

  const worker = async (): Promise<void> => {
    while (performance.now() < windowEnd) {
      let ok = false;
      try {
        const reply = await post(agent, job.port, body);
        ok = reply.status === 200;
        if (sampleReply === '') sampleReply = reply.body;
      } catch {
        ok = false;
      }
      const now = performance.now();
      if (ok) totalRequests++;
      if (now >= windowStart) {
        // The CPU reading is taken at the first completion inside the window.
        cpuAtWindowStart ??= process.cpuUsage();
        if (now <= windowEnd) {
          if (ok) requests++;
          else errors++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: job.connections }, worker));
  const cpu = process.cpuUsage(cpuAtWindowStart);
  agent.destroy();
  return { kind: 'throughput', requests, totalRequests, elapsedMs: job.durationMs, errors, clientCpuMs: (cpu.user + cpu.system) / 1000, sampleReply };
}

async function sequence(job: SequenceJob): Promise<SequenceResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latenciesMs: number[] = [];
  const replies: string[] = [];
  for (const text of job.bodies) {
    // Encoding happens before the clock starts: the server's work is what is measured.
    const body = Buffer.from(text, 'utf8');
    const started = performance.now();
    const reply = await post(agent, job.port, body);
    latenciesMs.push(performance.now() - started);
    if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.body.slice(0, 200)}`);
    if (job.replies === 'all' || replies.length === 0) replies.push(reply.body);
  }
  agent.destroy();
  return { kind: 'sequence', latenciesMs, replies };
}

function run(job: LoadJob): Promise<LoadResult> {
  switch (job.kind) {
    case 'throughput':
      return throughput(job);
    case 'sequence':
      return sequence(job);
    case 'mixed':
      return mixed(job);
    case 'loop':
      return loop(job);
  }
}

process.on('message', (message: JobMessage) => {
  run(message.job).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies ReplyMessage),
    (err: unknown) =>
      process.send?.({ id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ReplyMessage),
  );
});
// The benchmark closes the IPC channel when done; then there is nothing left to do.
process.on('disconnect', () => process.exit(0));
