/**
 * A small pool of reader threads for the actions marked `reads` (searches and info reads), so that
 * a long search, a 100,000-item multi or an import on the main thread does not hold them up, and
 * they do not hold up the rest. SQLite's WAL lets each reader see the last committed state while
 * the main connection writes; writes stay on the main thread, one at a time.
 *
 * A thread that dies (a reply too large for its heap, say) fails its job with an error and is
 * replaced; the server goes on.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobMessage, OutcomeMessage, ReadJob, ReadOutcome, ReadyMessage } from './protocol.js';

/** Heap a reader may use before it is stopped (its job then fails, the server stays up). */
const READER_HEAP_MB = 1024;

/**
 * Starts a thread on thread.js when built; from source (tsx), on thread.ts through tsx's loader,
 * which Node 20 does not pass on to worker threads by itself.
 */
function startThread(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB } };
  const source = new URL('./thread.ts', import.meta.url);
  if (!existsSync(fileURLToPath(source))) return new Worker(new URL('./thread.js', import.meta.url), options);
  const bootstrap = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(source.href)});`;
  return new Worker(bootstrap, { ...options, eval: true });
}

interface Pending {
  job: ReadJob;
  resolve: (outcome: ReadOutcome) => void;
}

class ReaderThread {
  readonly worker: Worker;
  current: (Pending & { id: number }) | undefined;

  constructor(
    onReady: (thread: ReaderThread) => void,
    onOutcome: (thread: ReaderThread, message: OutcomeMessage) => void,
    onExit: (thread: ReaderThread, reason: string) => void,
  ) {
    this.worker = startThread();
    this.worker.on('message', (message: OutcomeMessage | ReadyMessage) => {
      if ('ready' in message) onReady(this);
      else onOutcome(this, message);
    });
    this.worker.on('error', (err) => onExit(this, err.message));
    this.worker.on('exit', (code) => onExit(this, `exit code ${code}`));
    // Idle readers do not keep the process alive.
    this.worker.unref();
  }
}

export class ReaderPool {
  private readonly threads: ReaderThread[] = [];
  private readonly idleThreads: ReaderThread[] = [];
  private readonly queue: Pending[] = [];
  private running = 0;
  private nextId = 1;
  private idleWaiters: (() => void)[] = [];
  private readyWaiters: (() => void)[] = [];
  private closed = false;
  /** Set when a thread died before it could load: reads then all run on the main thread. */
  private brokenReason: string | undefined;
  private readonly loadedThreads = new WeakSet<ReaderThread>();
  private loadedCount = 0;

  constructor(private readonly size: number) {}

  /**
   * Whether the pool takes reads: once a thread has loaded the code (the first call starts them,
   * and the server's first reads run on the main thread rather than wait for that). Reads then
   * queue for the next free thread even when all are busy: the main thread, which would run them
   * otherwise, is the one every other request needs (and it may not yet have heard that a thread
   * is free, if it was busy when the thread said so).
   */
  get accepting(): boolean {
    this.start();
    return !this.closed && this.loadedCount > 0;
  }

  /** Resolves once every thread has loaded (tests that need a read to run on one). */
  ready(): Promise<void> {
    this.start();
    if (this.brokenReason !== undefined || this.idleThreads.length + this.running >= this.size) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private start(): void {
    while (!this.closed && this.brokenReason === undefined && this.threads.length < this.size) {
      this.threads.push(
        new ReaderThread(
          (thread) => this.loaded(thread),
          (thread, message) => this.finished(thread, message),
          (thread, reason) => this.lost(thread, reason),
        ),
      );
    }
  }

  private loaded(thread: ReaderThread): void {
    if (!this.threads.includes(thread)) return;
    this.loadedThreads.add(thread);
    this.loadedCount++;
    this.idleThreads.push(thread);
    this.pump();
    if (this.idleThreads.length + this.running >= this.size) this.releaseReadyWaiters();
  }

  private releaseReadyWaiters(): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Whether any job is queued or running (a profile switch waits until none is). */
  get busy(): boolean {
    return this.running > 0 || this.queue.length > 0;
  }

  /** Runs a job on a free thread, or on the next one free (callers ask `accepting` first). */
  run(job: ReadJob): Promise<ReadOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'the server is stopping' });
    this.start();
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  /** Resolves once no job is queued or running. */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the threads once their jobs are done. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
    this.threads.length = 0;
    this.idleThreads.length = 0;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const thread = this.idleThreads.pop();
      if (thread === undefined) return;
      const pending = this.queue.shift() as Pending;
      const id = this.nextId++;
      thread.current = { ...pending, id };
      this.running++;
      thread.worker.ref();
      const message: JobMessage = { id, job: pending.job };
      thread.worker.postMessage(message);
    }
  }

  private finished(thread: ReaderThread, message: OutcomeMessage): void {
    const current = thread.current;
    if (current === undefined || current.id !== message.id) return;
    thread.current = undefined;
    thread.worker.unref();
    this.idleThreads.push(thread);
    this.done(current, message.outcome);
  }

  /** A thread died: its job fails with the reason, and a new thread will take its place. */
  private lost(thread: ReaderThread, reason: string): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    this.threads.splice(index, 1);
    if (this.loadedThreads.has(thread)) this.loadedCount--;
    else if (!this.closed) {
      this.brokenReason = reason;
      process.stderr.write(`anki-connect-server: a reader thread could not start (${reason}); searches run on the main thread\n`);
      this.releaseReadyWaiters();
    }
    const idle = this.idleThreads.indexOf(thread);
    if (idle >= 0) this.idleThreads.splice(idle, 1);
    const current = thread.current;
    thread.current = undefined;
    if (current !== undefined) this.done(current, { ok: false, error: `the reader thread stopped (${reason}); ask for less at a time` });
    // No thread left to run what waits, and none coming: those reads fail rather than wait forever.
    if (this.loadedCount === 0 && (this.brokenReason !== undefined || this.closed)) {
      for (const pending of this.queue.splice(0)) pending.resolve({ ok: false, error: `the reader threads stopped (${reason}); try again` });
      this.notifyIdle();
    }
  }

  private done(pending: Pending, outcome: ReadOutcome): void {
    this.running--;
    pending.resolve(outcome);
    this.pump();
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (!this.busy) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
