/**
 * Media `url` downloads over node:http(s), redirects followed by hand (at most five), bounded in
 * size and time. For a caller on another machine, every connection — the first and each
 * redirect's — is checked at connect time against the addresses it must not reach through the
 * server: loopback, private, link-local, carrier-grade NAT, multicast and unspecified ones, so
 * a remote client cannot use the server to read services only the server can see (the check is
 * on the resolved address, so no spelling of 127.0.0.1 and no DNS answer gets around it).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { AnkiConnectError } from '../errors.js';

const MAX_REDIRECTS = 5;

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Whether an address is one a remote caller may not reach through the server. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is the IPv4 address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1] !== undefined) return blocked.check(mapped[1], 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return blocked.check(address, 'ipv4');
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses internal addresses, so the check holds for the address connected to. */
function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err !== null) {
      callback(err, []);
      return;
    }
    const list = addresses;
    const refused = list.find((entry) => isInternalAddress(entry.address));
    if (refused !== undefined) {
      const error: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${refused.address}, which the server does not fetch for remote callers`);
      error.code = 'EACCESINTERNAL';
      callback(error, []);
      return;
    }
    if (options.all === true) callback(null, list);
    else callback(null, list[0]?.address ?? '', list[0]?.family);
  });
}

export interface DownloadPolicy {
  timeoutMs: number;
  maxBytes: number;
  /** The caller is on another machine: internal addresses are refused. */
  publicOnly: boolean;
}

function get(url: URL, policy: DownloadPolicy, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      signal,
      ...(policy.publicOnly ? { lookup: publicOnlyLookup } : {}),
    });
    request.on('response', resolve);
    request.on('error', reject);
    request.end();
  });
}

/** The body of `url` (status 200 only), following redirects, within the policy's limits. */
export async function downloadUrl(url: string, policy: DownloadPolicy): Promise<Buffer> {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  const tooLarge = () => new AnkiConnectError(`${url} is larger than ${policy.maxBytes} bytes (setting webMaxDownloadBytes)`);
  let target = parseHttpUrl(url);
  for (let hop = 0; ; hop++) {
    if (policy.publicOnly && isIP(target.hostname.replace(/^\[|\]$/g, '')) !== 0 && isInternalAddress(target.hostname.replace(/^\[|\]$/g, ''))) {
      throw new AnkiConnectError(`${url} download failed: ${target.hostname} is an address the server does not fetch for remote callers`);
    }
    let response: IncomingMessage;
    try {
      response = await get(target, policy, signal);
    } catch (err) {
      throw new AnkiConnectError(`${url} download failed: ${reason(err, policy)}`);
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if ([301, 302, 303, 307, 308].includes(status) && location !== undefined) {
      response.resume();
      if (hop >= MAX_REDIRECTS) throw new AnkiConnectError(`${url} download failed: too many redirects`);
      target = parseHttpUrl(new URL(location, target).href);
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new AnkiConnectError(`${url} download failed with return code ${status}`);
    }
    const declared = Number(response.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > policy.maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > policy.maxBytes) {
          response.destroy();
          throw tooLarge();
        }
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof AnkiConnectError) throw err;
      throw new AnkiConnectError(`${url} download failed: ${reason(err, policy)}`);
    }
    return Buffer.concat(chunks, size);
  }
}

function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AnkiConnectError(`invalid url: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AnkiConnectError(`only http and https urls can be downloaded: ${url}`);
  }
  return parsed;
}

function reason(err: unknown, policy: DownloadPolicy): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `timed out after ${policy.timeoutMs} ms`;
  return err instanceof Error ? err.message : String(err);
}
