import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Whether a request that carries no Anki-Connect body (the event stream) may pass when an API key
 * is set: the key comes as `Authorization: Bearer <key>`, or as `?key=` for browsers'
 * EventSource, which cannot set headers.
 */
export function keyAccepted(req: IncomingMessage, url: URL, apiKey: string | null): boolean {
  const query = url.searchParams.get('key');
  return bearerAccepted(req.headers.authorization, apiKey) || (apiKey !== null && query !== null && sameSecret(query, apiKey));
}

/** Whether an `Authorization` header carries the key as a bearer token (the MCP endpoint's way), or no key is set. */
export function bearerAccepted(header: string | undefined, apiKey: string | null): boolean {
  const token = bearerToken(header);
  return apiKey === null || (token !== undefined && sameSecret(token, apiKey));
}

/** The token of an `Authorization: Bearer <token>` header. */
function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
}

/** Compares a secret without leaking, through the time taken, how much of it matched. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
