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
    writeSync(this.fd, `[${kind}]\n${stringifyJson(kind === 'request' ? withoutPasswords(data) : data, 4)}\n\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * The request with the password of every `syncLogin` in it (a `multi` may hold one) replaced:
 * a sync password is used once to get a host key and must not be kept anywhere, logs included.
 */
export function withoutPasswords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPasswords);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = withoutPasswords(item);
  const params = out['params'];
  if (out['action'] === 'syncLogin' && typeof params === 'object' && params !== null && 'password' in params) {
    out['params'] = { ...params, password: '(not logged)' };
  }
  return out;
}
