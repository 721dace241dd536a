import { open, type FileHandle } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { AnkiConnectError } from '../errors.js';
import { downloadUrl } from './download.js';

/** Where a media file's bytes come from: base64 `data`, a server-side `path` or a `url`. */
export interface MediaSource {
  data?: string | null | undefined;
  path?: string | null | undefined;
  url?: string | null | undefined;
}

/** Limits on fetching media, from the server settings. */
export interface FetchPolicy {
  /** Download timeout in ms (setting webTimeout). */
  timeoutMs: number;
  /** Largest file read or downloaded, in bytes (setting webMaxDownloadBytes). */
  maxBytes: number;
  /** Whether `path` may be used by this caller (loopback callers, or allowRemoteFilePaths). */
  allowPaths: boolean;
  /** Whether the caller is on this machine; a remote one cannot have internal addresses fetched. */
  local: boolean;
}

/**
 * The bytes of a media source. As in Anki-Connect, the first non-empty of `data`, `path` and
 * `url` wins. Unlike it, files and downloads are bounded in size and time, `path` must be
 * absolute and is refused to remote callers unless allowed, and only http(s) URLs are fetched.
 */
export async function fetchMediaBytes(source: MediaSource, policy: FetchPolicy): Promise<Uint8Array> {
  if (source.data) return decodeBase64(source.data);
  if (source.path) return readLocalFile(source.path, policy);
  if (source.url) return downloadUrl(source.url, { timeoutMs: policy.timeoutMs, maxBytes: policy.maxBytes, publicOnly: !policy.local });
  throw new AnkiConnectError('You must provide a "data", "path", or "url" field.');
}

/**
 * Base64 as Python's `b64decode` reads it, which Anki-Connect calls: characters outside the
 * alphabet are skipped, and a count of data characters that cannot be whole bytes, or missing
 * padding, is refused with Python's messages (Node would decode such text to garbage silently).
 */
export function decodeBase64(data: string): Buffer {
  const cleaned = data.replace(/[^A-Za-z0-9+/=]/g, '');
  const firstPad = cleaned.indexOf('=');
  const body = firstPad < 0 ? cleaned : cleaned.slice(0, firstPad);
  const padding = firstPad < 0 ? 0 : cleaned.length - firstPad;
  const dataChars = cleaned.replaceAll('=', '').length;
  if (dataChars % 4 === 1) {
    throw new AnkiConnectError(`Invalid base64-encoded string: number of data characters (${dataChars}) cannot be 1 more than a multiple of 4`);
  }
  if (body.length % 4 !== 0 && padding < 4 - (body.length % 4)) throw new AnkiConnectError('Incorrect padding');
  return Buffer.from(body, 'base64');
}

async function readLocalFile(path: string, policy: FetchPolicy): Promise<Uint8Array> {
  if (!policy.allowPaths) {
    throw new AnkiConnectError(
      'media "path" is accepted only from clients on this machine (setting allowRemoteFilePaths); send "data" or "url" instead',
    );
  }
  if (!isAbsolute(path)) throw new AnkiConnectError(`media "path" must be absolute: ${path}`);
  const tooLarge = () => new AnkiConnectError(`${path} is larger than ${policy.maxBytes} bytes (setting webMaxDownloadBytes)`);
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    const info = await file.stat();
    if (!info.isFile()) throw new AnkiConnectError(`not a file: ${path}`);
    if (info.size > policy.maxBytes) throw tooLarge();
    // The size on record is not a bound: files under /proc report 0 and then read on and on. So
    // the read itself stops as soon as it has passed the limit (whole chunks: some of those
    // files only answer reads of a multiple of their record size).
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(READ_CHUNK);
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > policy.maxBytes) throw tooLarge();
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof AnkiConnectError) throw err;
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT') throw new AnkiConnectError(`No such file or directory: '${path}'`);
    if (code === 'EACCES') throw new AnkiConnectError(`Permission denied: '${path}'`);
    throw new AnkiConnectError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await file?.close();
  }
}

/** Bytes read from a local file per call. */
const READ_CHUNK = 1 << 20;
