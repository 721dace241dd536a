import { isIP } from 'node:net';
import { hostname } from 'node:os';

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
 * Guards against DNS rebinding: a web page on evil.example whose name is made to resolve to the
 * server's address reaches it with `Host: evil.example`. Loopback names and the configured extras
 * are always accepted. While the server listens on loopback only, nothing else is. Listening on
 * other addresses, it is also reached as an IP address or by this machine's own names
 * (`hostname`, its first label, and `<hostname>.local`); any other name is refused, since no page
 * can make an IP literal or the machine's name resolve elsewhere for the browser.
 */
export function hostAllowed(
  hostHeader: string | undefined,
  bindAddresses: readonly string[],
  extraHosts: readonly string[],
  machineName: string = hostname(),
): boolean {
  if (hostHeader === undefined || hostHeader === '') return true;
  const host = hostnameOf(hostHeader).toLowerCase();
  if (isLoopbackHost(host)) return true;
  if (extraHosts.some((extra) => extra.toLowerCase() === host)) return true;
  if (bindAddresses.every((address) => isLoopbackHost(address))) return false;
  if (isIP(host) !== 0) return true;
  const machine = machineName.toLowerCase();
  const short = machine.split('.')[0] ?? machine;
  return host === machine || host === short || host === `${short}.local`;
}

/** Whether the server listens on anything but loopback, reachable from other machines. */
export function listensBeyondLoopback(bindAddresses: readonly string[]): boolean {
  return bindAddresses.some((address) => !isLoopbackHost(address));
}
