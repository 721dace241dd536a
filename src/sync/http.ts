/**
 * Anki's sync transport (protocol v11, anki-sync.md §1): every call is a POST of one zstd frame to
 * `<endpoint>sync/<method>` or `msync/<method>`, with the `anki-sync` header naming the protocol
 * version, the host key, the client and the session. Successful replies are zstd with their
 * original size in a header; error replies are plain text with an HTTP status that Anki maps to
 * an error kind. There is no deadline, only a stall timeout, as in Anki: a request fails when no
 * byte has moved for that long.
 */
import { randomInt } from 'node:crypto';
import { platform } from 'node:os';
import { zstdCompress, zstdDecompress } from '../packages/zstd.js';
import { errorForStatus, SyncError } from './errors.js';

export const SYNC_VERSION = 11;
/** Anki's default: AnkiWeb. */
export const ANKIWEB_ENDPOINT = 'https://sync.ankiweb.net/';
/** The server refuses more than this uncompressed (MAX_SYNC_PAYLOAD_MEGS 100, times 3). */
const MAX_REPLY_BYTES = 3 * 100 * 1024 * 1024 + 1024 * 1024;

/** Who we are, as the `c` header key and the meta request's `cv` (the server only logs them). */
export const CLIENT_VERSION = `anki-connect-server,0.1.0,${platform()}`;

export interface SyncHttpOptions {
  /** Base URL; a missing trailing slash is added, since Anki's URL joining would drop the last segment. */
  endpoint: string;
  /** The host key from login; "" for the login call itself. */
  hkey: string;
  /** Seconds without progress before a request fails (Anki desktop's default network timeout: 60). */
  stallSecs?: number;
}

/** A 308 on `meta`: the server names a new base URL; the caller repeats `meta` there once. */
export class Redirect extends Error {
  constructor(readonly location: string) {
    super(`the sync server moved to ${location}`);
  }
}

/** Base 62, as Anki writes its random session keys. */
function sessionKey(): string {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let n = randomInt(0, 2 ** 32 - 1);
  let key = '';
  do {
    key = digits.charAt(n % 62) + key;
    n = Math.floor(n / 62);
  } while (n > 0);
  return key;
}

export function normalizeEndpoint(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SyncError('other', `the sync endpoint must be an http or https URL: ${url}`);
  }
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return parsed.href;
}

export class SyncHttp {
  endpoint: string;
  readonly hkey: string;
  /** One per sync: the server ties its sync state to it and answers 409 to any other. */
  readonly session = sessionKey();
  private readonly stallMs: number;

  constructor(options: SyncHttpOptions) {
    this.endpoint = normalizeEndpoint(options.endpoint);
    this.hkey = options.hkey;
    this.stallMs = (options.stallSecs ?? 60) * 1000;
  }

  /** Posts `body` (compressed here) to `<prefix>/<method>` and returns the expanded reply. */
  async post(path: string, body: Uint8Array, options: { redirectable?: boolean } = {}): Promise<Buffer> {
    const url = new URL(path, this.endpoint);
    const header = JSON.stringify({ v: SYNC_VERSION, k: this.hkey, c: CLIENT_VERSION, s: this.session });
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const touch = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(), this.stallMs);
    };
    touch();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'anki-sync': header, 'content-type': 'application/octet-stream' },
        body: zstdCompress(body),
        redirect: 'manual',
        signal: abort.signal,
      });
      touch();
      if (response.status === 308) {
        const location = response.headers.get('location');
        await response.body?.cancel();
        if (options.redirectable === true && location !== null) throw new Redirect(new URL(location, url).href);
        throw new SyncError('network', `unexpected redirect from ${url.href}`);
      }
      const data = await readBody(response, touch);
      if (response.status < 200 || response.status >= 300) {
        throw errorForStatus(response.status, data.toString('utf8').slice(0, 500));
      }
      if (response.headers.get('anki-original-size') === null) {
        throw new SyncError('network', `the reply from ${url.href} has no anki-original-size header`);
      }
      return zstdDecompress(data, MAX_REPLY_BYTES);
    } catch (err) {
      if (err instanceof SyncError || err instanceof Redirect) throw err;
      if (abort.signal.aborted) throw new SyncError('timeout', url.href);
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new SyncError('network', `${url.href}: ${err instanceof Error ? err.message : String(err)}${cause}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A JSON call: `value` sent as JSON, the reply parsed. */
  async json<T>(path: string, value: unknown, options: { redirectable?: boolean } = {}): Promise<T> {
    const reply = await this.post(path, Buffer.from(JSON.stringify(value), 'utf8'), options);
    try {
      return JSON.parse(reply.toString('utf8')) as T;
    } catch {
      throw new SyncError('network', `the reply to ${path} is not JSON`);
    }
  }
}

/** Reads a reply body, restarting the stall timer whenever bytes arrive. */
async function readBody(response: Response, touch: () => void): Promise<Buffer> {
  const parts: Buffer[] = [];
  if (response.body === null) return Buffer.alloc(0);
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    touch();
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts);
}
