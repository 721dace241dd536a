/**
 * The five `msync/` calls over the sync transport (rslib `sync/media/protocol.rs`). Replies other
 * than downloadFiles come in the envelope `{"data": …, "err": ""}`; an envelope without `data`
 * carries a message from the server, shown as it is. Every reply is checked for shape here, so
 * the syncer only ever sees well-typed values.
 */
import type { SyncHttp } from '../http.js';
import { CLIENT_VERSION } from '../http.js';
import { SyncError } from '../errors.js';
import type { ServerMediaChange } from './changes.js';
import type { DownloadedFile } from './zip.js';
import { decodeDownloadZip } from './zip.js';

export interface UploadReply {
  /** How many changes of the zip the server applied, from the first. */
  readonly processed: number;
  /** The server's media usn after applying them. */
  readonly currentUsn: number;
}

export type SanityReply = 'OK' | 'mediaSanity';

function badReply(method: string): SyncError {
  return new SyncError('network', `unexpected reply to msync/${method}`);
}

function isUsn(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function unwrap(method: string, reply: Buffer): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.toString('utf8'));
  } catch {
    throw badReply(method);
  }
  if (typeof parsed !== 'object' || parsed === null) throw badReply(method);
  if ('data' in parsed && parsed.data !== undefined) return parsed.data;
  if ('err' in parsed && typeof parsed.err === 'string') throw new SyncError('serverMessage', parsed.err);
  throw badReply(method);
}

export class MediaSyncClient {
  constructor(private readonly http: SyncHttp) {}

  private async call(method: string, body: Uint8Array): Promise<unknown> {
    return unwrap(method, await this.http.post(`msync/${method}`, body));
  }

  private async callJson(method: string, value: unknown): Promise<unknown> {
    return this.call(method, Buffer.from(JSON.stringify(value), 'utf8'));
  }

  /** The server's media usn. (The server refuses an empty client version.) */
  async begin(): Promise<number> {
    const data = await this.callJson('begin', { v: CLIENT_VERSION });
    if (typeof data !== 'object' || data === null || !('usn' in data) || !isUsn(data.usn)) throw badReply('begin');
    return data.usn;
  }

  /** Changes after `lastUsn`, oldest first, a bounded number per call; `[]` when there are no more. */
  async mediaChanges(lastUsn: number): Promise<ServerMediaChange[]> {
    const data = await this.callJson('mediaChanges', { lastUsn });
    if (!Array.isArray(data)) throw badReply('mediaChanges');
    return data.map((item: unknown): ServerMediaChange => {
      if (!Array.isArray(item) || item.length !== 3) throw badReply('mediaChanges');
      const [fname, usn, sha1] = item as unknown[];
      if (typeof fname !== 'string' || !isUsn(usn) || typeof sha1 !== 'string') throw badReply('mediaChanges');
      return { fname, usn, sha1 };
    });
  }

  /** A prefix of `files` (the server stops after about 2.5 MiB), with their data; the reply is a bare zip. */
  async downloadFiles(files: readonly string[]): Promise<DownloadedFile[]> {
    const reply = await this.http.post('msync/downloadFiles', Buffer.from(JSON.stringify({ files }), 'utf8'));
    return decodeDownloadZip(reply);
  }

  async uploadChanges(zip: Uint8Array): Promise<UploadReply> {
    const data = await this.call('uploadChanges', zip);
    if (!Array.isArray(data) || data.length !== 2) throw badReply('uploadChanges');
    const [processed, currentUsn] = data as unknown[];
    if (!isUsn(processed) || processed < 0 || !isUsn(currentUsn)) throw badReply('uploadChanges');
    return { processed, currentUsn };
  }

  /** Compares the client's file count with the server's. */
  async mediaSanity(local: number): Promise<SanityReply> {
    const data = await this.callJson('mediaSanity', { local });
    if (data !== 'OK' && data !== 'mediaSanity') throw badReply('mediaSanity');
    return data;
  }
}
