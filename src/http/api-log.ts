import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { stringifyJson } from '../text/json-int64.js';

/**
 * Anki-Connect's request log (setting apiLogPath): truncated at start, then a `[request]` and a
 * `[reply]` block of pretty-printed JSON for every request.
 */
export class ApiLog {
  private readonly fd: number;

  constructor(path: string) {
    // The log holds everything clients send: readable by the server's user only.
    this.fd = openSync(path, 'w', 0o600);
    fchmodSync(this.fd, 0o600);
  }

  write(kind: 'request' | 'reply', data: unknown): void {
    writeSync(this.fd, `[${kind}]\n${stringifyJson(kind === 'request' ? withoutSecrets(data) : data, 4)}\n\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * The request with its secrets replaced, wherever they are (a `multi` holds requests of its
 * own): the API key of every request, and the password of every `syncLogin`, which is used once
 * to get a host key and must not be kept anywhere, logs included.
 */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = withoutSecrets(item);
  if ('action' in out && 'key' in out) out['key'] = '(not logged)';
  const params = out['params'];
  if (out['action'] === 'syncLogin' && typeof params === 'object' && params !== null && 'password' in params) {
    out['params'] = { ...params, password: '(not logged)' };
  }
  return out;
}
