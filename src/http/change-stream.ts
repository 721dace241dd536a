/**
 * GET /events: the change events as server-sent events (events/hub.ts). Each event is
 *
 *   id: <run>-<n>
 *   event: change            (or reset)
 *   data: {"action":"addNote","notes":{"added":[…]},"cards":{"added":[…]}}
 *
 * A client that reconnects sends the last id it saw as Last-Event-ID (browsers' EventSource does
 * so by itself; `?lastEventId=` does the same for the first connection) and gets what it missed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChangeEvent, ChangeEvents } from '../events/hub.js';

export const EVENTS_PATH = '/events';

/** Comments keep idle connections (and proxies between) from timing out. */
const HEARTBEAT_MS = 25_000;

/**
 * A client that reads slower than events come is cut off once this much waits for it, rather
 * than held in memory without end; it reconnects and resumes from the window, or gets a reset.
 */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export class ChangeStreams {
  private readonly open = new Set<() => void>();

  constructor(private readonly events: ChangeEvents) {}

  attach(req: IncomingMessage, res: ServerResponse, corsOrigin: string, url: URL): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Access-Control-Allow-Origin': corsOrigin,
      // The socket goes with the stream, so a stopping server is not held up by it.
      Connection: 'close',
    });
    res.write('retry: 1000\n\n');
    const header = req.headers['last-event-id'];
    const lastEventId = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('lastEventId') ?? undefined;
    const send = (event: ChangeEvent): void => {
      res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${event.data}\n\n`);
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        close();
        // Ending would still wait for the client to read what is buffered: the memory goes now.
        res.destroy();
      }
    };
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    // Set once listening: a client cut off while catching up is closed before that.
    let stopListening: (() => void) | undefined = undefined;
    const close = (): void => {
      if (!this.open.delete(close)) return;
      clearInterval(heartbeat);
      stopListening?.();
      res.end();
    };
    this.open.add(close);
    req.on('close', close);
    res.on('error', close);
    stopListening = this.events.listen(send, lastEventId);
    // Cut off already while catching up.
    if (!this.open.has(close)) stopListening();
  }

  /** Ends every stream (the server stopping). */
  closeAll(): void {
    for (const close of [...this.open]) close();
  }
}
