import { request, type ClientRequest } from 'node:http';

/** One server-sent event as a client receives it. */
export interface StreamEvent {
  id: string;
  event: string;
  data: string;
}

/** A GET /events connection, read as EventSource would read it. */
export interface EventStreamClient {
  status: number;
  /** Waits for the next event not yet taken. */
  next(): Promise<StreamEvent>;
  /** The events received and not yet taken. */
  pending(): StreamEvent[];
  close(): void;
}

export function openEventStream(port: number, options: { headers?: Record<string, string>; path?: string } = {}): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const queue: StreamEvent[] = [];
    const waiters: ((event: StreamEvent) => void)[] = [];
    let buffer = '';
    let req: ClientRequest | undefined = undefined;
    const deliver = (event: StreamEvent): void => {
      const waiter = waiters.shift();
      if (waiter === undefined) queue.push(event);
      else waiter(event);
    };
    req = request({ host: '127.0.0.1', port, method: 'GET', path: options.path ?? '/events', headers: options.headers ?? {} }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || line === '') continue;
            const colon = line.indexOf(':');
            fields.set(line.slice(0, colon), line.slice(colon + 1).replace(/^ /, ''));
          }
          if (fields.has('data')) deliver({ id: fields.get('id') ?? '', event: fields.get('event') ?? 'message', data: fields.get('data') ?? '' });
        }
      });
      res.on('error', () => undefined);
      resolve({
        status: res.statusCode ?? 0,
        next: () => {
          const ready = queue.shift();
          return ready === undefined ? new Promise((got) => waiters.push(got)) : Promise.resolve(ready);
        },
        pending: () => queue.splice(0),
        close: () => req?.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
