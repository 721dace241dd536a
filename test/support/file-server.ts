import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server serving fixed bodies by path, for `url` media sources in tests. */
export async function startFileServer(files: Record<string, Buffer | string>): Promise<{ url: string; hits: string[]; stop: () => Promise<void> }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    hits.push(path);
    const body = files[path];
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
