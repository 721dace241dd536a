/**
 * Anki's sync transport (protocol v11, anki-sync.md §1): every call is a POST of one zstd frame to
 * `<endpoint>sync/<method>` or `msync/<method>`, with the `anki-sync` header naming the protocol
 * version, the host key, the client and the session. Successful replies are zstd with their
 * original size in a header; error replies are plain text with an HTTP status that Anki maps to
 * an error kind. There is no deadline, only a stall timeout, as in Anki: a request fails when no
 * byte has moved for that long.
 */
import { randomInt } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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
  /**
   * Connections are kept open between the calls of one sync, and closed with it: a connection
   * kept longer may have been dropped by the server by the next sync, and a request sent on it
   * would fail without a way to know whether the server saw it.
   */
  private httpAgent: HttpAgent | undefined;
  private httpsAgent: HttpsAgent | undefined;

  constructor(options: SyncHttpOptions) {
    this.endpoint = normalizeEndpoint(options.endpoint);
    this.hkey = options.hkey;
    this.stallMs = (options.stallSecs ?? 60) * 1000;
  }

  /** Posts `body` (compressed here) to `<prefix>/<method>` and returns the expanded reply. */
  async post(path: string, body: Uint8Array, options: { redirectable?: boolean } = {}): Promise<Buffer> {
    const url = new URL(path, this.endpoint);
    const header = JSON.stringify({ v: SYNC_VERSION, k: this.hkey, c: CLIENT_VERSION, s: this.session });
    const reply = await this.exchange(url, header, zstdCompress(body));
    if (reply.status === 308) {
      const location = reply.headers['location'];
      if (options.redirectable === true && typeof location === 'string') throw new Redirect(new URL(location, url).href);
      throw new SyncError('network', `unexpected redirect from ${url.href}`);
    }
    if (reply.status < 200 || reply.status >= 300) {
      throw errorForStatus(reply.status, reply.body.toString('utf8').slice(0, 500));
    }
    if (reply.headers['anki-original-size'] === undefined) {
      throw new SyncError('network', `the reply from ${url.href} has no anki-original-size header`);
    }
    return zstdDecompress(reply.body, MAX_REPLY_BYTES);
  }

  /**
   * One HTTP exchange over node:http(s), on this sync's kept-alive connections.
   * The socket's idle timeout is the stall timeout: it fires when no byte has moved for that
   * long, waiting for the first byte of the reply included. Redirects are not followed.
   */
  private exchange(url: URL, header: string, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const fail = (err: unknown): void => {
        if (err instanceof SyncError) {
          reject(err);
          return;
        }
        const message = err instanceof Error ? err.message : String(err);
        reject(new SyncError('network', `${url.href}: ${message}`));
      };
      const request = (secure ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent: secure ? (this.httpsAgent ??= new HttpsAgent({ keepAlive: true })) : (this.httpAgent ??= new HttpAgent({ keepAlive: true })),
        headers: { 'anki-sync': header, 'content-type': 'application/octet-stream', 'content-length': body.length },
      });
      request.setTimeout(this.stallMs, () => request.destroy(new SyncError('timeout', url.href)));
      request.on('error', fail);
      request.on('response', (response) => {
        const parts: Buffer[] = [];
        response.on('data', (chunk: Buffer) => parts.push(chunk));
        response.on('error', fail);
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts) }));
      });
      request.end(body);
    });
  }

  /** Closes the connections kept open. */
  close(): void {
    this.httpAgent?.destroy();
    this.httpsAgent?.destroy();
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
