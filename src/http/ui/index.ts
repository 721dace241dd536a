/**
 * The web UI under /_/ui/: its static files, its event stream, the media folder for card
 * frames, its endpoints and the upload of a package to import. The HTTP server has already
 * checked the Host header and the origin; the key is checked here for everything but the
 * static files, which hold no data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dispatcher } from '../../api/dispatcher.js';
import type { Settings } from '../../config/settings.js';
import { readBody } from '../body.js';
import { runEndpoint } from './endpoints.js';
import { EventStreams } from './events.js';
import { MEDIA_PREFIX, serveMedia } from './media.js';
import { serveStatic } from './static.js';

export const UI_PATH = '/_/ui/';

/** Package extensions the upload accepts (the importer reads the file by its content anyway). */
const PACKAGE_NAME = /\.(apkg|colpkg)$/i;

export class WebUi {
  private readonly streams: EventStreams;

  constructor(
    private readonly settings: Settings,
    private readonly dispatcher: Dispatcher,
  ) {
    this.streams = new EventStreams(dispatcher.server.gui);
  }

  /** As the dispatcher checks it: with no key configured anything goes. */
  private keyOk(key: unknown): boolean {
    return this.settings.apiKey === null || key === this.settings.apiKey;
  }

  /** Handles a request whose path starts with /_/ui/. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const rest = url.pathname.slice(UI_PATH.length);
    const method = req.method ?? 'GET';
    const head = method === 'HEAD';
    if (method === 'GET' || head) {
      if (url.pathname.startsWith(MEDIA_PREFIX)) {
        const col = this.dispatcher.server.collectionIfOpen();
        if (col !== undefined && serveMedia(res, col, url.pathname.slice(MEDIA_PREFIX.length), this.settings.apiKey, head)) return;
        notFound(res);
        return;
      }
      if (rest === 'events') {
        if (!this.keyOk(url.searchParams.get('key'))) {
          json(res, 403, { result: null, error: 'valid api key must be provided' });
          return;
        }
        this.streams.attach(req, res);
        return;
      }
      if (await serveStatic(res, rest, head)) return;
      notFound(res);
      return;
    }
    if (method !== 'POST') {
      json(res, 405, { result: null, error: 'method not allowed' });
      return;
    }

    const read = await readBody(req, this.settings.webMaxRequestBytes);
    if (!read.ok) {
      res.setHeader('Connection', 'close');
      json(res, 413, { result: null, error: read.tooLarge ? `request body too large: the limit is ${read.limit} bytes` : read.error });
      return;
    }
    if (rest === 'upload') {
      if (!this.keyOk(url.searchParams.get('key'))) {
        json(res, 403, { result: null, error: 'valid api key must be provided' });
        return;
      }
      json(res, 200, await this.importUpload(url.searchParams.get('name') ?? '', read.body));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(read.body.toString('utf8'));
    } catch {
      json(res, 400, { result: null, error: 'the body must be JSON' });
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      json(res, 400, { result: null, error: 'the body must be a JSON object' });
      return;
    }
    const { key, ...params } = body as Record<string, unknown>;
    if (!this.keyOk(key)) {
      json(res, 403, { result: null, error: 'valid api key must be provided' });
      return;
    }
    json(res, 200, await runEndpoint(rest, params, this.dispatcher.server));
  }

  /**
   * A package picked in the page: written to a scratch folder and imported as importPackage
   * imports a file on the server. The upload has passed the Host, origin and key checks an API
   * request passes (test/gui/web-ui-http.test.ts), and the path is a scratch file of the
   * server's own, so the import is made as a local caller's.
   */
  private async importUpload(name: string, data: Buffer): Promise<unknown> {
    if (!PACKAGE_NAME.test(name)) return { result: null, error: 'choose an .apkg or .colpkg file' };
    const dir = mkdtempSync(join(tmpdir(), 'acs-upload-'));
    try {
      const path = join(dir, name.endsWith('.colpkg') ? 'upload.colpkg' : 'upload.apkg');
      writeFileSync(path, data);
      return await this.dispatcher.handle(
        { action: 'importPackage', version: 6, params: { path }, key: this.settings.apiKey },
        { origin: '', allowed: true, local: true },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Ends the event streams (the server stopping) and denies the questions still open. */
  close(): void {
    this.streams.closeAll();
    this.dispatcher.server.gui.permissions.settleAll('deny');
  }
}

function json(res: ServerResponse, status: number, reply: unknown): void {
  const body = Buffer.from(JSON.stringify(reply), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(body);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': 9 });
  res.end('not found');
}
