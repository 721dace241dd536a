import { isIP } from 'node:net';
import { hostnameOf, isLoopbackHost } from './host.js';

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

/**
 * Whether a request comes from a page this server served itself, the web UI: its Origin is the
 * Host it was sent to. Only for host names a rebinding attack cannot borrow — loopback names, IP
 * literals (a page loaded from an IP address came from whoever listens there) and the configured
 * webAllowedHosts — since a server that accepts any Host (bound to a public address with no
 * host list) would otherwise let evil.example, resolved to it, count as its own origin.
 */
export function isOwnOrigin(origin: string | undefined, hostHeader: string | undefined, allowedHosts: readonly string[]): boolean {
  if (origin === undefined || hostHeader === undefined || origin.toLowerCase() !== `http://${hostHeader.toLowerCase()}`) return false;
  const host = hostnameOf(hostHeader).toLowerCase();
  return isLoopbackHost(host) || isIP(host) !== 0 || allowedHosts.some((allowed) => allowed.toLowerCase() === host);
}
