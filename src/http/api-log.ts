import { closeSync, openSync, writeSync } from 'node:fs';
import { stringifyJson } from '../text/json-int64.js';

/**
 * Anki-Connect's request log (setting apiLogPath): truncated at start, then a `[request]` and a
 * `[reply]` block of pretty-printed JSON for every request.
 */
export class ApiLog {
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(kind: 'request' | 'reply', data: unknown): void {
    writeSync(this.fd, `[${kind}]\n${stringifyJson(data, 4)}\n\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}
