/**
 * Real Anki, for the reference suite: the `anki` wheel from PyPI (installed by `npm run
 * anki:setup` into .anki-venv) running test-anki/driver/main.py, spoken to over a pipe, one JSON
 * command per line. The driver answers from Anki's own code; see its docstring.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stringifyJson } from '../../src/text/json-int64.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Python of the project's Anki install, or ANKI_PYTHON. */
export function ankiPython(): string {
  const python = process.env['ANKI_PYTHON'] ?? join(projectRoot, '.anki-venv', 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(`real Anki is not installed (${python} is missing): run npm run anki:setup`);
  }
  return python;
}

/** libfaketime from Debian's faketime package (the thread-safe build). */
function fakeTimeLibrary(): string {
  for (const arch of ['x86_64-linux-gnu', 'aarch64-linux-gnu']) {
    const path = `/usr/lib/${arch}/faketime/libfaketimeMT.so.1`;
    if (existsSync(path)) return path;
  }
  throw new Error("libfaketime is not installed: install Debian's faketime package (apt-get install faketime)");
}

/** An error Anki raised, with its text as Anki gives it. */
export class AnkiError extends Error {
  constructor(
    message: string,
    readonly type: string,
    readonly trace: string,
  ) {
    super(message);
  }
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
  type?: string;
  trace?: string;
}

/**
 * Integers past 2^53 travel as `{"$int64": "digits"}` (note type field and template ids); they
 * come back as bigints, the form the server's replies hold them in. Smaller bigints sent to the
 * driver become numbers.
 */
export function fromWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === '$int64') return BigInt(entries[0]![1] as string);
    return Object.fromEntries(entries.map(([key, item]) => [key, fromWire(item)]));
  }
  return value;
}

function toWire(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return Number.isSafeInteger(Number(value)) ? Number(value) : { $int64: value.toString() };
  }
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toWire(item)]));
  }
  return value;
}

/** What a sync login gives: the host key and the endpoint to sync with. */
export interface SyncAuth {
  hkey: string;
  endpoint: string;
}

/** Anki's ChangesRequired (proto/anki/sync.proto); syncStatus answers only the first three. */
export const SyncRequired = { NO_CHANGES: 0, NORMAL_SYNC: 1, FULL_SYNC: 2, FULL_DOWNLOAD: 3, FULL_UPLOAD: 4 } as const;

/** What one press of Anki's Sync button reports. */
export interface SyncCollectionResult {
  /** A SyncRequired value: NO_CHANGES after a normal sync, else the full sync it needs. */
  required: number;
  serverMessage: string;
  /** A new endpoint the server redirected to (use it from then on), or null. */
  newEndpoint: string | null;
  /** The server's media usn, for the full sync that follows (fullSync's serverMediaUsn). */
  serverMediaUsn: number;
}

export class AnkiDriver {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (err: Error) => void }>();
  private nextId = 1;
  private stderr = '';
  private exited: Error | undefined;

  private readonly clockFile: string | undefined;

  /**
   * With `fakeTime`, real Anki runs on a clock the test sets (setTime), through libfaketime
   * (Debian's faketime package): Anki's Rust backend reads "now" from the C library, so the same
   * answer at the same simulated second gives the same rows in Anki and in the server.
   */
  constructor(options: { fakeTime?: boolean } = {}) {
    const env: NodeJS.ProcessEnv = { ...process.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' };
    if (options.fakeTime === true) {
      this.clockFile = join(mkdtempSync(join(tmpdir(), 'acs-clock-')), 'now');
      writeFileSync(this.clockFile, `${Math.floor(Date.now() / 1000)}\n`);
      // The time in the file is frozen (epoch seconds) and read again on every call.
      Object.assign(env, {
        LD_PRELOAD: fakeTimeLibrary(),
        FAKETIME_TIMESTAMP_FILE: this.clockFile,
        FAKETIME_NO_CACHE: '1',
        FAKETIME_FMT: '%s',
      });
    }
    this.child = spawn(ankiPython(), [join(projectRoot, 'test-anki', 'driver', 'main.py')], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env,
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiter?.resolve(reply);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = new Error(`the Anki driver exited (${code ?? signal ?? '?'}): ${this.stderr}`);
      for (const waiter of this.pending.values()) waiter.reject(this.exited);
      this.pending.clear();
    });
  }

  /** Sends one command; resolves with its result or rejects with Anki's error. */
  async call(cmd: string, args: Record<string, unknown> = {}): Promise<unknown> {
    if (this.exited !== undefined) throw this.exited;
    const id = this.nextId++;
    const reply = await new Promise<Reply>((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise, reject });
      this.child.stdin.write(stringifyJson({ id, cmd, args: toWire(args) }) + '\n');
    });
    if (reply.error !== undefined) throw new AnkiError(reply.error, reply.type ?? 'Error', reply.trace ?? '');
    return fromWire(reply.result);
  }

  /**
   * Sets Anki's clock (whole seconds; with `fakeTime` only): frozen there, or with `running`
   * going on from there as a clock does (what Anki needs when it makes many ids in a row).
   */
  setTime(ms: number, options: { running?: boolean } = {}): void {
    if (this.clockFile === undefined) throw new Error('this driver runs on the real clock');
    writeFileSync(this.clockFile, `${options.running === true ? '@' : ''}${Math.floor(ms / 1000)}\n`);
  }

  version(): Promise<string> {
    return this.call('version').then((v) => (v as { anki: string }).anki);
  }

  async open(path: string): Promise<void> {
    await this.call('open', { path });
  }

  /** Closes the collection; `downgrade` leaves it at schema 11, as Anki's "Downgrade & Quit". */
  async close(options: { downgrade?: boolean } = {}): Promise<void> {
    await this.call('close', options);
  }

  /** The problems Anki's Check Database found (and repaired); `[]` for a clean collection. */
  async checkDatabase(): Promise<string[]> {
    return ((await this.call('checkDatabase')) as { problems: string[] }).problems;
  }

  /** What Anki-Connect would answer for `action` on this collection, computed by real Anki. */
  ac(action: string, params: Record<string, unknown> = {}): Promise<unknown> {
    return this.call('ac', { action, params });
  }

  /** Several Anki-Connect calls in one round trip; each gives `{result}` or `{error}`. */
  async acMany(calls: { action: string; params?: Record<string, unknown> }[]): Promise<({ result: unknown } | { error: string })[]> {
    return (await this.call('acMany', { calls })) as ({ result: unknown } | { error: string })[];
  }

  /** Each query's ids (ascending) or Anki's error text. */
  async find(kind: 'cards' | 'notes', queries: string[]): Promise<({ ids: number[] } | { error: string })[]> {
    return (await this.call('find', { kind, queries })) as ({ ids: number[] } | { error: string })[];
  }

  write(op: string, params: Record<string, unknown> = {}): Promise<unknown> {
    return this.call('write', { op, params });
  }

  build(recipe: string, params: Record<string, unknown> = {}): Promise<unknown> {
    return this.call('build', { recipe, params });
  }

  // Real Anki as a sync client (driver/sync.py), e.g. of test-anki/support/sync-server.ts.

  /** Anki's sync login; rejects with Anki's text for a wrong password. */
  async syncLogin(username: string, password: string, endpoint: string): Promise<SyncAuth> {
    return (await this.call('syncLogin', { username, password, endpoint })) as SyncAuth;
  }

  /** A normal sync, or the report that a full sync is needed; with `media`, the media sync after it too. */
  async syncCollection(auth: SyncAuth, options: { media?: boolean } = {}): Promise<SyncCollectionResult> {
    return (await this.call('syncCollection', { ...auth, media: options.media ?? false })) as SyncCollectionResult;
  }

  /**
   * A full upload or download (the direction is the caller's choice, as it is the user's);
   * with `media`, the media sync that follows it, given the `serverMediaUsn` of the
   * syncCollection that asked for the full sync.
   */
  async fullSync(auth: SyncAuth, options: { upload: boolean; media?: boolean; serverMediaUsn?: number }): Promise<void> {
    await this.call('fullSync', { ...auth, upload: options.upload, media: options.media ?? false, serverMediaUsn: options.serverMediaUsn });
  }

  /** A media sync on its own, waited for; rejects with the error of a failed media sync. */
  async syncMedia(auth: SyncAuth): Promise<void> {
    await this.call('syncMedia', { ...auth });
  }

  /** What Anki's sync button shows: NO_CHANGES, NORMAL_SYNC or FULL_SYNC (a SyncRequired value). */
  async syncStatus(auth: SyncAuth): Promise<number> {
    return (await this.call('syncStatus', { ...auth })) as number;
  }

  /** The driver process's peak resident memory so far, in MB (its maxRSS, Python and Anki's backend). */
  async peakMemoryMb(): Promise<number> {
    return ((await this.call('maxRss')) as { kib: number }).kib / 1024;
  }

  /** Closes any open collection and ends the process. */
  async stop(): Promise<void> {
    if (this.exited === undefined) {
      this.child.stdin.end();
      await new Promise((resolvePromise) => this.child.once('exit', resolvePromise));
    }
  }
}
