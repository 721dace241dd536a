import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Whether a request that carries no Anki-Connect body (the event stream) may pass when an API key
 * is set: the key comes as `Authorization: Bearer <key>`, or as `?key=` for browsers'
 * EventSource, which cannot set headers.
 */
export function keyAccepted(req: IncomingMessage, url: URL, apiKey: string | null): boolean {
  if (apiKey === null) return true;
  const token = bearerToken(req.headers.authorization) ?? url.searchParams.get('key') ?? undefined;
  return token !== undefined && sameSecret(token, apiKey);
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
}

/** Compares a secret without leaking, through the time taken, how much of it matched. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
