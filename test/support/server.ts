import { request } from 'node:http';
import { after, before } from 'node:test';
import { FixedClock } from '../../src/collection/clock.js';
import type { Clock } from '../../src/collection/clock.js';
import { loadSettings } from '../../src/config/load.js';
import type { Settings } from '../../src/config/settings.js';
import { startApp, type App } from '../../src/server/app.js';
import { TEST_NOW_MS, tempDir } from './collections.js';

/** A server on a free loopback port with a fresh profile in a temporary base folder. */
export interface TestServer {
  app: App;
  url: string;
  port: number;
  base: string;
  /** POSTs a JSON body (or a raw string/Buffer) and returns status, headers and parsed body. */
  post(body: unknown, headers?: Record<string, string>): Promise<HttpReply>;
  /** Sends one action with version 6 and returns the envelope. */
  invoke(action: string, params?: Record<string, unknown>): Promise<{ result: unknown; error: string | null }>;
  stop(): Promise<void>;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export async function startTestServer(
  overrides: Partial<Settings> = {},
  options: { clock?: Clock } = {},
): Promise<TestServer> {
  const { dir, remove } = tempDir('acs-server-');
  // No reader threads unless a test asks: each loads the whole code afresh (seconds of CPU under
  // tsx), and what runs on them is compared with the main thread in test/readers.test.ts.
  const settings = { ...loadSettings({ env: {}, cli: { base: dir, port: 0, bind: ['127.0.0.1'] } }), readerThreads: 0, ...overrides };
  const app = await startApp(settings, { clock: options.clock ?? new FixedClock(TEST_NOW_MS) });
  const port = app.http.port() ?? 0;
  const url = `http://127.0.0.1:${port}`;
  const post = (body: unknown, headers: Record<string, string> = {}) => httpRequest(port, 'POST', body, headers);
  return {
    app,
    url,
    port,
    base: dir,
    post,
    async invoke(action, params) {
      const reply = await post({ action, version: 6, ...(params === undefined ? {} : { params }) });
      return reply.json as { result: unknown; error: string | null };
    },
    async stop() {
      await app.stop();
      remove();
    },
  };
}

/**
 * A test server for the current suite, started before its tests and stopped after them
 * (node:test's hooks). The returned object always speaks to that server.
 */
export function useTestServer(overrides: Partial<Settings> = {}): TestServer {
  let current: TestServer | undefined;
  before(async () => {
    current = await startTestServer(overrides);
  });
  after(async () => {
    await current?.stop();
    current = undefined;
  });
  const get = (): TestServer => {
    if (current === undefined) throw new Error('the test server is used outside its suite');
    return current;
  };
  return {
    get app() {
      return get().app;
    },
    get url() {
      return get().url;
    },
    get port() {
      return get().port;
    },
    get base() {
      return get().base;
    },
    post: (body, headers) => get().post(body, headers),
    invoke: (action, params) => get().invoke(action, params),
    stop: () => get().stop(),
  };
}

/** A plain HTTP request to the loopback server; the body may be raw text or bytes. */
export function httpRequest(
  port: number,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
  host = '127.0.0.1',
  path = '/',
): Promise<HttpReply> {
  const payload =
    body === undefined
      ? Buffer.alloc(0)
      : Buffer.isBuffer(body)
        ? body
        : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(
      { host, port, method, path, headers: { 'Content-Length': String(payload.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
