import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** True for 127.0.0.0/8, ::1 and the name localhost (and its subdomains, RFC 6761). */
export function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase();
  if (LOOPBACK_NAMES.has(lower) || lower.endsWith('.localhost')) return true;
  if (isIP(lower) === 4) return lower.startsWith('127.');
  return lower === '::ffff:127.0.0.1';
}

/** The host part of a Host header: `[::1]:8765` → `::1`, `localhost:8765` → `localhost`. */
export function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) {
    const end = hostHeader.indexOf(']');
    return end < 0 ? hostHeader : hostHeader.slice(1, end);
  }
  const colon = hostHeader.lastIndexOf(':');
  return colon < 0 ? hostHeader : hostHeader.slice(0, colon);
}

/**
 * Guards against DNS rebinding: a web page on evil.example whose name is made to resolve to
 * 127.0.0.1 reaches a loopback server with `Host: evil.example`. While the server listens on
 * loopback only, only loopback names (plus any configured extras) are accepted. Listening on
 * other addresses is an explicit choice to be reachable by other names, so then any Host is
 * accepted unless a list is configured.
 */
export function hostAllowed(
  hostHeader: string | undefined,
  bindAddresses: readonly string[],
  extraHosts: readonly string[],
): boolean {
  if (hostHeader === undefined || hostHeader === '') return true;
  const host = hostnameOf(hostHeader).toLowerCase();
  if (isLoopbackHost(host)) return true;
  if (extraHosts.some((extra) => extra.toLowerCase() === host)) return true;
  const loopbackOnly = bindAddresses.every((address) => isLoopbackHost(address));
  return !loopbackOnly && extraHosts.length === 0;
}
