/**
 * The floor for request throughput: a bare node:http server that does only what any server must
 * (read the body, answer) and sends the same reply bytes and headers as ours does for
 * `{"action":"version","version":6}`, with the same keep-alive settings.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What ours answers to the version request; the benchmark checks both replies match. */
export const VERSION_REPLY = '{"result":6,"error":null}';

/** A running bare server. */
export interface BareServer {
  port: number;
  stop(): Promise<void>;
}

/** Starts the bare server on a free port of 127.0.0.1, in this process (as ours is started). */
export async function startBareServer(): Promise<BareServer> {
  const server = createServer({ keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // The body is read in full, as ours must before it can parse it.
      Buffer.concat(chunks);
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': 'http://localhost',
        'Access-Control-Allow-Headers': '*',
        'Content-Length': Buffer.byteLength(VERSION_REPLY),
      });
      res.end(VERSION_REPLY);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
