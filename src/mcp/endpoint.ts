import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ErrorCode, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Registry } from '../api/registry.js';
import type { Settings } from '../config/settings.js';
import type { BodyResult } from '../http/body.js';
import type { OriginDecision } from '../http/cors.js';
import { isLoopbackHost } from '../http/host.js';
import type { Caller, Dispatch } from './requests.js';
import { callerAuth, createSessionServer, type SessionContext } from './session.js';
import { toolsOf } from './tools.js';
import { bearerAccepted } from '../http/api-key.js';

export const MCP_PATH = '/mcp';

/**
 * Most sessions held at once. Few clients end theirs (a DELETE), so without a bound they would
 * pile up; past it, the session used least recently ends, and its client, told 404, starts anew.
 */
export const MAX_SESSIONS = 100;

/**
 * What a browser's preflight for /mcp needs besides the API's answer: the methods of Streamable
 * HTTP, and Authorization by name, since `*` does not cover it (Fetch standard).
 */
export const MCP_PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Methods': 'GET, POST, DELETE',
  'Access-Control-Allow-Headers': '*, Authorization',
};

interface Session {
  readonly server: McpServer;
  readonly transport: StreamableHTTPServerTransport;
  /** When the session was last used, as a count of requests: the least recent ends first. */
  lastUsed: number;
}

export interface McpEndpointOptions {
  settings: Settings;
  registry: Registry;
  dispatch: Dispatch;
  /** Reads a request's body under the server's limit (webMaxRequestBytes), as the API's are read. */
  readBody: (req: IncomingMessage) => Promise<BodyResult>;
}

/**
 * MCP over Streamable HTTP at /mcp: stateful sessions of the SDK's transport, each with a server
 * whose tools run actions through the dispatcher. The API's Host check has already passed; the
 * origin must pass its CORS check (no requestPermission here: a refused origin gets 403), and when
 * the server has an API key, the client sends it as a bearer token.
 */
export class McpEndpoint {
  private readonly sessions = new Map<string, Session>();
  private readonly working = new Set<Promise<unknown>>();
  private readonly context: SessionContext;
  private requests = 0;
  private closing = false;

  constructor(private readonly options: McpEndpointOptions) {
    this.context = {
      registry: options.registry,
      tools: toolsOf(options.registry),
      dispatch: options.dispatch,
      track: (work) => this.track(work),
    };
  }

  async handle(req: IncomingMessage, res: ServerResponse, decision: OriginDecision): Promise<void> {
    // Once the server is stopping, a connection whose answer or event stream is done is ended
    // rather than kept alive for a next request, which would be refused: the stop waits for it.
    const socket = req.socket;
    res.once('finish', () => {
      if (this.closing) socket.end();
    });
    res.setHeader('Access-Control-Allow-Origin', decision.corsOrigin);
    res.setHeader('Access-Control-Expose-Headers', 'Mcp-Session-Id, Mcp-Protocol-Version');
    if (!decision.allowed) {
      refuse(res, 403, `Forbidden: the origin ${req.headers.origin ?? ''} is not allowed (setting webCorsOriginList)`);
      return;
    }
    if (this.closing) {
      refuse(res, 503, 'Service Unavailable: the server is stopping');
      return;
    }
    if (!bearerAccepted(req.headers.authorization, this.options.settings.apiKey)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      refuse(res, 401, 'Unauthorized: this server needs its API key, sent as "Authorization: Bearer <key>"');
      return;
    }
    let body: unknown;
    if (req.method === 'POST') {
      const read = await this.readJson(req, res);
      if (!read.ok) return;
      body = read.value;
    }
    const sessionId = req.headers['mcp-session-id'];
    let session: Session | undefined;
    if (typeof sessionId === 'string') {
      session = this.sessions.get(sessionId);
      if (session === undefined) {
        refuse(res, 404, 'Session not found', -32001);
        return;
      }
    } else if (req.method === 'POST' && isInitializeRequest(body)) {
      session = await this.open();
    } else {
      refuse(res, 400, 'Bad Request: no session; one starts with an initialize request sent without Mcp-Session-Id');
      return;
    }
    session.lastUsed = ++this.requests;
    const caller: Caller = {
      info: { origin: req.headers.origin ?? '', allowed: decision.allowed, local: isLoopbackHost(req.socket.remoteAddress ?? '') },
      key: this.options.settings.apiKey,
    };
    // The SDK hands `auth` to the request handlers: the way to tell them who is calling.
    (req as IncomingMessage & { auth?: AuthInfo }).auth = callerAuth(caller);
    await session.transport.handleRequest(req, res, body);
    // An initialize the transport refused (a wrong Accept header) started no session.
    if (session.transport.sessionId === undefined) await session.server.close();
  }

  /**
   * Stops taking requests, lets the tool calls and resource reads in progress finish and answer,
   * then ends every session, closing the event streams that would otherwise stay open forever.
   */
  async close(): Promise<void> {
    this.closing = true;
    while (this.working.size > 0) await Promise.allSettled([...this.working]);
    // The answers of the calls that just finished are sent from promise callbacks: let them run.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([...this.sessions.values()].map((session) => session.transport.close()));
  }

  private async open(): Promise<Session> {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.values()].reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a));
      await oldest.transport.close();
    }
    const server = createSessionServer(this.context);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        this.sessions.set(id, session);
      },
    });
    const session: Session = { server, transport, lastUsed: 0 };
    // Ended by a DELETE, by the stop, or to make room (connect keeps this handler and adds its own).
    transport.onclose = () => {
      if (transport.sessionId !== undefined) this.sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    return session;
  }

  private async readJson(req: IncomingMessage, res: ServerResponse): Promise<{ ok: true; value: unknown } | { ok: false }> {
    const read = await this.options.readBody(req);
    if (!read.ok) {
      // What is left of the body is not read: the connection cannot serve another request.
      res.setHeader('Connection', 'close');
      res.once('finish', () => req.destroy());
      if (read.tooLarge) refuse(res, 413, `Payload Too Large: the limit is ${read.limit} bytes (setting webMaxRequestBytes)`);
      else refuse(res, 400, `Bad Request: the body could not be read: ${read.error}`);
      return { ok: false };
    }
    try {
      return { ok: true, value: JSON.parse(read.body.toString('utf8')) as unknown };
    } catch {
      refuse(res, 400, 'Parse error: Invalid JSON', ErrorCode.ParseError);
      return { ok: false };
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.working.add(work);
    const done = () => this.working.delete(work);
    void work.then(done, done);
    return work;
  }
}

/** An HTTP error with a JSON-RPC error body, as the SDK's transport answers its own. */
function refuse(res: ServerResponse, status: number, message: string, code: number = -32000): void {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
