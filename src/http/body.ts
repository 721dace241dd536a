import type { IncomingMessage } from 'node:http';

/** Outcome of reading a request body under a size limit. */
export type BodyResult = { ok: true; body: Buffer } | { ok: false; tooLarge: true; limit: number } | { ok: false; tooLarge: false; error: string };

/**
 * Reads the whole body (Content-Length or chunked) but never more than `limit` bytes: a
 * declared length over the limit is refused before reading, and a chunked body is cut off as
 * soon as it passes the limit.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.resolve({ ok: false, tooLarge: true, limit });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish({ ok: false, tooLarge: true, limit });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      finish({ ok: true, body: Buffer.concat(chunks, size) });
    });
    req.on('error', (err) => {
      finish({ ok: false, tooLarge: false, error: err.message });
    });
    req.on('aborted', () => {
      finish({ ok: false, tooLarge: false, error: 'request aborted' });
    });
    // A connection closed before the body ended (also when the server cuts a slow client off).
    req.on('close', () => {
      finish({ ok: false, tooLarge: false, error: 'request aborted' });
    });
  });
}
