/** Result of Anki-Connect's origin check for one request. */
export interface OriginDecision {
  allowed: boolean;
  /** Value for Access-Control-Allow-Origin. */
  corsOrigin: string;
}

const EXTENSION_SCHEMES = ['chrome-extension://', 'moz-extension://', 'safari-web-extension://'];

/**
 * Anki-Connect's CORS rule (ankiconnect-spec.md §1.6): `*` allows everything; an exact match
 * allows that origin; when `http://localhost` is listed, 127.0.0.1 pages and browser extensions
 * are allowed too; no Origin header at all (curl, scripts, native apps) is allowed. Anything
 * else, including the literal `null` origin, is refused.
 */
export function checkOrigin(origin: string | undefined, allowList: readonly string[]): OriginDecision {
  if (allowList.includes('*')) return { allowed: true, corsOrigin: '*' };
  if (origin === undefined) return { allowed: true, corsOrigin: 'http://localhost' };
  if (allowList.includes(origin)) return { allowed: true, corsOrigin: origin };
  if (
    allowList.includes('http://localhost') &&
    (origin === 'http://127.0.0.1' ||
      origin === 'https://127.0.0.1' ||
      origin.startsWith('http://127.0.0.1:') ||
      EXTENSION_SCHEMES.some((scheme) => origin.startsWith(scheme)))
  ) {
    return { allowed: true, corsOrigin: origin };
  }
  return { allowed: false, corsOrigin: 'http://localhost' };
}
