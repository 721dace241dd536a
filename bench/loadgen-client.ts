/** The benchmark's handle on the load generator process (bench/loadgen.ts). */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  JobMessage,
  LoadResult,
  LoopJob,
  LoopResult,
  MixedJob,
  MixedResult,
  ReplyMessage,
  SequenceJob,
  SequenceResult,
  ThroughputJob,
  ThroughputResult,
} from './loadgen-protocol.js';

type Pending = (reply: ReplyMessage) => void;

/** A forked load generator; jobs run one at a time in the child, results come back over IPC. */
export class LoadGenerator {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: ReplyMessage) => {
      const settle = this.pending.get(message.id);
      this.pending.delete(message.id);
      settle?.(message);
    });
    child.on('exit', (code) => {
      for (const settle of this.pending.values()) settle({ id: 0, ok: false, error: `load generator exited (${String(code)})` });
      this.pending.clear();
    });
  }

  /** Forks the load generator, with tsx's loader so it runs the TypeScript source directly. */
  static start(): LoadGenerator {
    const script = fileURLToPath(new URL('./loadgen.ts', import.meta.url));
    const child = fork(script, [], { execArgv: ['--import', import.meta.resolve('tsx')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new LoadGenerator(child);
  }

  /** The child's process id, for reports. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  throughput(job: Omit<ThroughputJob, 'kind'>): Promise<ThroughputResult> {
    return this.send({ kind: 'throughput', ...job }).then((result) => {
      if (result.kind !== 'throughput') throw new Error('unexpected load generator result');
      return result;
    });
  }

  sequence(job: Omit<SequenceJob, 'kind'>): Promise<SequenceResult> {
    return this.send({ kind: 'sequence', ...job }).then((result) => {
      if (result.kind !== 'sequence') throw new Error('unexpected load generator result');
      return result;
    });
  }

  mixed(job: Omit<MixedJob, 'kind'>): Promise<MixedResult> {
    return this.send({ kind: 'mixed', ...job }).then((result) => {
      if (result.kind !== 'mixed') throw new Error('unexpected load generator result');
      return result;
    });
  }

  loop(job: Omit<LoopJob, 'kind'>): Promise<LoopResult> {
    return this.send({ kind: 'loop', ...job }).then((result) => {
      if (result.kind !== 'loop') throw new Error('unexpected load generator result');
      return result;
    });
  }

  /** Closes the IPC channel, on which the child exits. */
  close(): void {
    if (this.child.connected) this.child.disconnect();
  }

  private send(job: JobMessage['job']): Promise<LoadResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) => {
        if (reply.ok) resolve(reply.result);
        else reject(new Error(reply.error));
      });
      this.child.send({ id, job } satisfies JobMessage);
    });
  }
}
