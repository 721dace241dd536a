/**
 * A plain HTTP proxy between a sync client and Anki's sync server, for the failure tests: it
 * forwards every request as it came and every reply as it went, and records the paths asked
 * for. A test can have something happen the next time a given path is asked for, before that
 * request is forwarded (kill the sync server, hold the request while the client is killed), and
 * can have the request dropped: its connection closed with no reply, as a dead server leaves it.
 * A request the sync server cannot take (it is down) is dropped the same way.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What to do with the request once the interruption's own work is done. */
export type Disposal = 'forward' | 'drop';

export class SyncProxy {
  private readonly interruptions = new Map<string, () => Promise<Disposal>>();
  /** Every path asked for, in order (e.g. `/sync/meta`). */
  readonly paths: string[] = [];

  private constructor(
    private readonly server: Server,
    private readonly target: () => string,
  ) {}

  /** Listens on 127.0.0.1 (a free port), forwarding to the base URL `target` gives at the time. */
  static async start(target: () => string): Promise<SyncProxy> {
    const server = createServer();
    const proxy = new SyncProxy(server, target);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      proxy.handle(req, res).catch(() => req.socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The endpoint clients are given, with its trailing slash. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /**
   * The next request for `path` (once) first runs `interruption`, and is then forwarded or
   * dropped as it answers.
   */
  interrupt(path: string, interruption: () => Promise<Disposal>): void {
    this.interruptions.set(path, interruption);
  }

  /** Whether an interruption set for `path` has not run yet. */
  armed(path: string): boolean {
    return this.interruptions.has(path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const chunk of req) parts.push(chunk as Buffer);
    const body = Buffer.concat(parts);
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    this.paths.push(path);
    const interruption = this.interruptions.get(path);
    if (interruption !== undefined) {
      this.interruptions.delete(path);
      if ((await interruption()) === 'drop') {
        req.socket.destroy();
        return;
      }
    }
    const url = new URL((req.url ?? '/').replace(/^\//, ''), this.target());
    const upstream = request(url, { method: req.method ?? 'POST', headers: { ...req.headers, host: url.host } }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
      reply.once('error', () => req.socket.destroy());
    });
    upstream.once('error', () => req.socket.destroy());
    upstream.end(body);
  }
}
