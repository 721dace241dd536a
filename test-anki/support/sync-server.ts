/**
 * Anki's own sync server (`python -m anki.syncserver` from the `anki` wheel in .anki-venv: the
 * Rust server Anki desktop runs with --syncserver), as a peer for the sync tests. Each instance
 * serves 127.0.0.1 on a free port from a fresh data folder, with the users it is given; its log
 * (RUST_LOG=anki=info, one line per request) is kept in memory and only shown when something
 * fails. See shared/reference/anki-sync.md §6.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ankiPython } from './anki.js';

export interface SyncServerOptions {
  /** user name → password (SYNC_USER1, SYNC_USER2, … in this order); default `{ user: 'pass' }`. */
  users?: Record<string, string>;
  /** A fixed port; by default a free one is picked (and picked again if it is taken meanwhile). */
  port?: number;
  /** SYNC_BASE; by default a new temporary folder. A given folder is never removed. */
  base?: string;
  /** Leave the temporary SYNC_BASE in place on stop (to look at the server's files afterwards). */
  keep?: boolean;
  /**
   * More environment for the server, such as MAX_SYNC_PAYLOAD_MEGS or PASSWORDS_HASHED (a
   * RUST_LOG given here must keep anki=info: start() waits for the server's "listening" line).
   */
  env?: Record<string, string>;
}

const HEALTH_DEADLINE_MS = 20_000;
const STOP_DEADLINE_MS = 10_000;
const LOG_LINES = 200;
const BIND_ATTEMPTS = 5;

/** Every server process still running, killed when the test process exits however it ends. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const proc of running) proc.kill('SIGKILL');
    });
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/**
 * On Linux the server runs as `-m anki.syncserver` does (runpy, as __main__) after asking the
 * kernel to SIGKILL it when its parent dies (prctl PR_SET_PDEATHSIG), so that a test process
 * killed outright, whose 'exit' hook never runs, leaves no server behind either.
 */
function serverArgs(): string[] {
  if (process.platform !== 'linux') return ['-m', 'anki.syncserver'];
  const launcher = [
    'import ctypes, os, runpy, signal, sys',
    'ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)',
    // The parent may have gone before the line above ran.
    'os.getppid() == int(sys.argv[1]) or sys.exit(1)',
    "runpy.run_module('anki.syncserver', run_name='__main__', alter_sys=True)",
  ].join('\n');
  return ['-c', launcher, String(process.pid)];
}

/** A port nobody listens on right now (the server binds it a moment later; see BIND_ATTEMPTS). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

export class AnkiSyncServer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private lines: string[] = [];
  private partial = '';

  private constructor(
    readonly base: string,
    private portNumber: number,
    private readonly users: Record<string, string>,
    private readonly removeBase: boolean,
    private readonly extraEnv: Record<string, string>,
  ) {}

  /** Starts a server and resolves once it answers `GET /health`. */
  static async start(options: SyncServerOptions = {}): Promise<AnkiSyncServer> {
    const users = options.users ?? { user: 'pass' };
    if (Object.keys(users).length === 0) throw new Error('the sync server needs at least one user');
    const base = options.base ?? mkdtempSync(join(tmpdir(), 'acs-syncserver-'));
    const removeBase = options.base === undefined && options.keep !== true;
    const server = new AnkiSyncServer(base, options.port ?? 0, users, removeBase, options.env ?? {});
    try {
      await server.launch(options.port === undefined);
    } catch (err) {
      await server.stop();
      throw err;
    }
    return server;
  }

  /** The host key the server answers for these credentials: hex(sha1("user:password")) (§6.3). */
  static hostKey(user: string, password: string): string {
    return createHash('sha1').update(`${user}:${password}`).digest('hex');
  }

  get port(): number {
    return this.portNumber;
  }

  /** The endpoint clients are given, with its trailing slash. */
  get url(): string {
    return `http://127.0.0.1:${this.portNumber}/`;
  }

  /** The folder of one user's data: collection.anki2, media/ and media.db (§6.3). */
  userFolder(user: string): string {
    return join(this.base, user);
  }

  /** The server's recent output (the last 200 lines). */
  log(): string {
    return [...this.lines, ...(this.partial === '' ? [] : [this.partial])].join('\n');
  }

  /** Stops the server as Ctrl-C does (SIGINT) and waits for it; removes a temporary base. */
  async stop(): Promise<void> {
    await this.halt();
    if (this.removeBase) rmSync(this.base, { recursive: true, force: true });
  }

  /** Kills the server at once (SIGKILL), as a crash would, without waiting. */
  kill(): void {
    this.child?.kill('SIGKILL');
  }

  /** Kills the server at once (SIGKILL), as a crash would, and resolves once it has exited. */
  async crash(): Promise<void> {
    this.kill();
    await this.exited;
  }

  /** Starts the server again on the same base and port (stopping it first if it still runs). */
  async restart(): Promise<void> {
    await this.halt();
    await this.launch(false);
  }

  private async halt(): Promise<void> {
    const child = this.child;
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const stopped = await Promise.race([this.exited.then(() => true), sleep(STOP_DEADLINE_MS, false, { ref: false })]);
      if (!stopped) {
        child.kill('SIGKILL');
      }
    }
    await this.exited;
    this.child = undefined;
  }

  private record(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > LOG_LINES) this.lines.splice(0, this.lines.length - LOG_LINES);
  }

  /** Spawns the server, picking a new port when `pickPort` and the last one was taken. */
  private async launch(pickPort: boolean): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (pickPort) this.portNumber = await freePort();
      const outcome = await this.spawnOnce();
      if (outcome === 'healthy') return;
      if (outcome === 'port taken' && attempt < BIND_ATTEMPTS) {
        if (!pickPort) await sleep(200 * attempt);
        continue;
      }
      throw new Error(`Anki's sync server did not start on ${this.url} (${outcome}). Its output:\n${this.log()}`);
    }
  }

  /** One try: 'healthy', 'port taken', or why the server did not come up. */
  private async spawnOnce(): Promise<string> {
    const env: NodeJS.ProcessEnv = {};
    // Only the users given here: the server reads SYNC_USER1, SYNC_USER2, … up to the first gap.
    for (const [key, value] of Object.entries(process.env)) {
      if (!key.startsWith('SYNC_') && key !== 'PASSWORDS_HASHED' && key !== 'MAX_SYNC_PAYLOAD_MEGS') env[key] = value;
    }
    Object.entries(this.users).forEach(([user, password], i) => {
      env[`SYNC_USER${i + 1}`] = `${user}:${password}`;
    });
    Object.assign(env, {
      SYNC_BASE: this.base,
      SYNC_HOST: '127.0.0.1',
      SYNC_PORT: String(this.portNumber),
      RUST_LOG: 'anki=info',
      NO_COLOR: '1',
      PYTHONUNBUFFERED: '1',
      PYTHONDONTWRITEBYTECODE: '1',
      ...this.extraEnv,
    });
    this.record(`--- ${new Date().toISOString()} starting Anki's sync server on ${this.url}\n`);
    const child = spawn(ankiPython(), serverArgs(), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    track(child);
    // This process's own output: "listening addr=…" says that it, and not some other process
    // that took the port meanwhile, is the one that will answer.
    let output = '';
    const ended = { now: false };
    this.exited = new Promise((resolve) => {
      const done = (why: string): void => {
        if (ended.now) return;
        ended.now = true;
        this.record(`\n--- the sync server ${why}\n`);
        resolve();
      };
      // 'close' rather than 'exit': all of its output has arrived by then.
      child.once('close', (code, signal) => {
        done(`exited (${code ?? signal ?? '?'})`);
      });
      child.once('error', (err) => {
        done(`could not run: ${err.message}`);
      });
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        this.record(chunk);
      });
    }

    const deadline = Date.now() + HEALTH_DEADLINE_MS;
    while (Date.now() < deadline) {
      if (ended.now) return output.includes('Address already in use') ? 'port taken' : 'it exited';
      if (output.includes(`listening addr=127.0.0.1:${this.portNumber}`)) {
        try {
          const reply = await fetch(`${this.url}health`, { signal: AbortSignal.timeout(2000) });
          await reply.arrayBuffer();
          if (reply.status === 200) return 'healthy';
        } catch {
          // not answering yet
        }
      }
      await sleep(25);
    }
    await this.halt();
    return `no answer from ${this.url}health within ${HEALTH_DEADLINE_MS / 1000} s`;
  }
}
