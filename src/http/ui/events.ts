/**
 * The web UI's server-sent events (GET /_/ui/events): `gui` with the name of a window that
 * changed, `collection` after a request wrote, `permissions` when a permission question opens
 * or closes. An open stream is also what makes requestPermission ask rather than deny.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuiWindows, WindowName } from '../../gui/windows.js';

/** Comments keep idle connections (and proxies between) from timing out. */
const HEARTBEAT_MS = 25_000;

export class EventStreams {
  private readonly open = new Set<() => void>();

  constructor(private readonly gui: GuiWindows) {}

  attach(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      // The socket goes with the stream, so a stopping server is not held up by it.
      Connection: 'close',
    });
    // A browser reconnects a second after a dropped stream.
    res.write('retry: 1000\n\n');
    const send = (event: string, data: string): void => {
      res.write(`event: ${event}\ndata: ${data}\n\n`);
    };
    const onGui = (window: WindowName): void => send('gui', window);
    const onCollection = (): void => send('collection', '');
    const onPermissions = (): void => send('permissions', '');
    this.gui.on('change', onGui);
    this.gui.on('collection', onCollection);
    this.gui.permissions.on('change', onPermissions);
    const detachPage = this.gui.permissions.attachPage();
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = (): void => {
      if (!this.open.delete(close)) return;
      clearInterval(heartbeat);
      this.gui.off('change', onGui);
      this.gui.off('collection', onCollection);
      this.gui.permissions.off('change', onPermissions);
      detachPage();
      res.end();
    };
    this.open.add(close);
    req.on('close', close);
    res.on('error', close);
  }

  /** Ends every stream (the server stopping). */
  closeAll(): void {
    for (const close of [...this.open]) close();
  }
}
