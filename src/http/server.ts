import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestInfo } from '../api/context.js';
import type { Dispatcher } from '../api/dispatcher.js';
import { API_VERSION, describeApi } from '../api/describe.js';
import { errorReply } from '../api/reply.js';
import type { Settings } from '../config/settings.js';
import { MCP_PATH, MCP_PREFLIGHT_HEADERS, McpEndpoint } from '../mcp/endpoint.js';
import { ApiLog } from './api-log.js';
import { readBody, type BodyResult } from './body.js';
import { checkOrigin, isOwnOrigin } from './cors.js';
import { hostAllowed, isLoopbackHost } from './host.js';
import { UI_PATH, WebUi } from './ui/index.js';
import { ChangeStreams, EVENTS_PATH } from './change-stream.js';
import { keyAccepted } from './api-key.js';
import { stringifyJson } from '../text/json-int64.js';
import { describeUtf8Error, parsePythonCompatibleJson, validateRequestEnvelope } from './python-errors.js';

/** How long a stop waits for clients still sending a request body. */
const STOP_GRACE_MS = 2_000;

/** Paths this server answers with GET besides the API itself (documented in the README). */
export const DESCRIPTION_PATH = '/_/api.json';
export const HEALTH_PATH = '/_/health';

const BANNER = JSON.stringify({ apiVersion: `AnkiConnect v.${API_VERSION}` });

/**
 * The HTTP shell around the dispatcher: CORS and Host checks, body limits, JSON decoding with
 * Anki-Connect's error texts, and reply encoding. Like Anki-Connect it ignores the path and
 * method (except OPTIONS, two GET paths of its own, and /mcp, where MCP is served) and answers 200
 * to everything except a refused origin or host (403). Unlike it, it keeps connections alive, reads many requests at
 * once and listens on IPv4 and IPv6 loopback.
 */
export class ApiServer {
  private readonly servers: Server[] = [];
  private readonly log: ApiLog | undefined;
  private description: string | undefined;
  private inflight = 0;
  private drained: (() => void) | undefined;
  private readonly ui: WebUi;
  /** MCP over Streamable HTTP at /mcp, with tools that run actions through the same dispatcher. */
  private readonly mcp: McpEndpoint;
  private readonly changes: ChangeStreams;
  /** Requests whose body is still arriving: a client that stalls there must not hold up a stop. */
  private readonly receiving = new Set<IncomingMessage>();

  constructor(
    private readonly settings: Settings,
    private readonly dispatcher: Dispatcher,
  ) {
    this.log = settings.apiLogPath === null ? undefined : new ApiLog(settings.apiLogPath);
    this.ui = new WebUi(settings, dispatcher);
    this.mcp = new McpEndpoint({
      settings,
      registry: dispatcher.registry,
      dispatch: (request, info) => this.dispatch(request, info),
      readBody: (req) => this.receive(req),
    });
    this.changes = new ChangeStreams(dispatcher.server.events);
  }

  /** Listens on every configured address; resolves with the URLs actually served. */
  async start(): Promise<string[]> {
    const urls: string[] = [];
    // With port 0 the first listener picks a free port and the others share it.
    let port = this.settings.webBindPort;
    for (const address of this.settings.webBindAddress) {
      const server = createServer({ keepAlive: true }, (req, res) => void this.onRequest(req, res));
      server.keepAliveTimeout = 5_000;
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, address, () => {
            server.off('error', reject);
            resolve();
          });
        });
      } catch (err) {
        // IPv6 may be disabled on the host; the IPv4 loopback still serves.
        if (address === '::1' && isAddressUnavailable(err) && this.settings.webBindAddress.length > 1) continue;
        await this.stop();
        throw new Error(
          `Failed to listen on ${address} port ${port}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      this.servers.push(server);
      const bound = server.address() as AddressInfo;
      port = bound.port;
      const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
      urls.push(`http://${host}:${bound.port}`);
    }
    return urls;
  }

  /** The port actually bound (useful when port 0 asked for any free port). */
  port(): number | undefined {
    const address = this.servers[0]?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  /** Stops accepting connections and resolves once in-flight requests have been answered. */
  async stop(): Promise<void> {
    // Event streams never end by themselves, and a permission question would wait a minute.
    this.ui.close();
    this.changes.closeAll();
    const closing = this.servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    );
    this.servers.length = 0;
    // Requests being worked on finish; one still sending its body after the grace is cut off
    // (it was never acknowledged, so nothing is lost).
    const cutOff = setTimeout(() => {
      for (const req of this.receiving) req.socket.destroy();
    }, STOP_GRACE_MS);
    // MCP tool calls in progress finish and answer; then its sessions' event streams are closed.
    await this.mcp.close();
    if (this.inflight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    clearTimeout(cutOff);
    await Promise.all(closing);
    this.log?.close();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inflight++;
    try {
      await this.handle(req, res);
    } catch (err) {
      // Nothing should reach here; if something does, answer rather than drop the client.
      if (!res.headersSent) this.send(res, 'http://localhost', errorReply(err instanceof Error ? err.message : String(err)));
    } finally {
      this.inflight--;
      if (this.inflight === 0 && this.drained !== undefined) {
        this.drained();
        this.drained = undefined;
      }
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, this.settings.webBindAddress, this.settings.webAllowedHosts)) {
      res.writeHead(403, { 'Content-Type': 'application/json', Connection: 'close' });
      res.end(JSON.stringify(errorReply(`host not allowed: ${req.headers.host ?? ''}`)));
      return;
    }
    const originHeader = req.headers.origin;
    // The web UI's own page calls the API from this server's origin, whatever the list says.
    const decision = isOwnOrigin(originHeader, req.headers.host, this.settings.webAllowedHosts)
      ? { allowed: true, corsOrigin: originHeader ?? '' }
      : checkOrigin(originHeader, this.settings.webCorsOriginList);
    const path = (req.url ?? '/').split('?')[0] ?? '/';

    if (req.method === 'OPTIONS') {
      const headers: Record<string, string> = {
        'Access-Control-Allow-Origin': decision.corsOrigin,
        'Access-Control-Allow-Headers': '*',
        'Content-Length': '0',
      };
      if (req.headers['access-control-request-private-network'] === 'true') {
        headers['Access-Control-Allow-Private-Network'] = 'true';
      }
      if (path === MCP_PATH) Object.assign(headers, MCP_PREFLIGHT_HEADERS);
      res.writeHead(200, headers);
      res.end();
      return;
    }

    if (path === MCP_PATH) {
      await this.mcp.handle(req, res, decision);
      return;
    }
    if (path === '/_/ui' || path.startsWith(UI_PATH)) {
      if (!decision.allowed) {
        this.forbid(res, decision.corsOrigin);
        return;
      }
      if (path === '/_/ui') {
        res.writeHead(301, { Location: UI_PATH, 'Content-Length': 0 });
        res.end();
        return;
      }
      await this.ui.handle(req, res, new URL(req.url ?? '/', 'http://localhost'));
      return;
    }

    if (path === EVENTS_PATH && req.method === 'GET') {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!decision.allowed) this.forbid(res, decision.corsOrigin);
      else if (!keyAccepted(req, url, this.settings.apiKey)) {
        const body = JSON.stringify(errorReply('valid api key must be provided'));
        res.writeHead(403, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': decision.corsOrigin, 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      } else this.changes.attach(req, res, decision.corsOrigin, url);
      return;
    }

    if ((req.method === 'GET' || req.method === 'HEAD') && decision.allowed) {
      if (path === DESCRIPTION_PATH) {
        this.description ??= JSON.stringify(describeApi(this.dispatcher.registry));
        this.sendRaw(res, decision.corsOrigin, this.description);
        return;
      }
      if (path === HEALTH_PATH) {
        const col = this.dispatcher.server.collectionIfOpen();
        this.sendRaw(res, decision.corsOrigin, JSON.stringify({ ok: true, collectionOpen: col !== undefined }));
        return;
      }
    }

    const read = await this.receive(req);
    if (!read.ok) {
      res.setHeader('Connection', 'close');
      const message = read.tooLarge
        ? `request body too large: the limit is ${read.limit} bytes (setting webMaxRequestBytes)`
        : `request body could not be read: ${read.error}`;
      this.send(res, decision.corsOrigin, errorReply(message));
      res.once('finish', () => req.destroy());
      return;
    }
    const body = read.body;
    if (body.length === 0) {
      if (decision.allowed) this.sendRaw(res, decision.corsOrigin, BANNER);
      else this.forbid(res, decision.corsOrigin);
      return;
    }

    const utf8Error = describeUtf8Error(body);
    let request: Record<string, unknown> | undefined;
    let failure: string | null = utf8Error;
    if (failure === null) {
      const parsed = parsePythonCompatibleJson(body.toString('utf8'));
      if (!parsed.ok) failure = parsed.error;
      else {
        failure = validateRequestEnvelope(parsed.value);
        if (failure === null) request = parsed.value as Record<string, unknown>;
      }
    }
    if (!decision.allowed && (request === undefined || request['action'] !== 'requestPermission')) {
      this.forbid(res, decision.corsOrigin);
      return;
    }
    if (request === undefined) {
      this.send(res, decision.corsOrigin, errorReply(failure ?? 'invalid request'));
      return;
    }

    let corsOrigin = decision.corsOrigin;
    if (request['action'] === 'requestPermission') {
      // The transport decides these, whatever the client sent (as Anki-Connect's web layer does).
      const params = request['params'];
      const base = typeof params === 'object' && params !== null && !Array.isArray(params) ? params : {};
      request = { ...request, params: { ...base, origin: originHeader ?? '', allowed: decision.allowed } };
      if (!decision.allowed && originHeader !== undefined) corsOrigin = originHeader;
    }

    const reply = await this.dispatch(request, {
      origin: originHeader ?? '',
      allowed: decision.allowed,
      local: isLoopbackHost(req.socket.remoteAddress ?? ''),
    });
    this.send(res, corsOrigin, reply);
  }

  /** Reads a body under the limit; a client still sending it when the server stops is cut off. */
  private receive(req: IncomingMessage): Promise<BodyResult> {
    this.receiving.add(req);
    return readBody(req, this.settings.webMaxRequestBytes).finally(() => this.receiving.delete(req));
  }

  /** Runs one request (the API's or an MCP tool call's), logged when apiLogPath is set. */
  private async dispatch(request: Record<string, unknown>, info: RequestInfo): Promise<unknown> {
    this.log?.write('request', request);
    const reply = await this.dispatcher.handle(request, info);
    this.log?.write('reply', reply);
    return reply;
  }

  private forbid(res: ServerResponse, corsOrigin: string): void {
    res.writeHead(403, {
      'Access-Control-Allow-Origin': corsOrigin,
      'Access-Control-Allow-Headers': '*',
      'Content-Length': '0',
    });
    res.end();
  }

  private send(res: ServerResponse, corsOrigin: string, reply: unknown): void {
    this.sendRaw(res, corsOrigin, stringifyJson(reply));
  }

  private sendRaw(res: ServerResponse, corsOrigin: string, json: string): void {
    // Encoded once: the length header and the body come from the same bytes.
    const body = Buffer.from(json, 'utf8');
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': corsOrigin,
      'Access-Control-Allow-Headers': '*',
      'Content-Length': body.length,
    });
    res.end(body);
  }
}

function isAddressUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT';
}
