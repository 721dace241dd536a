/**
 * The sync credentials of a profile: the host key the server gave for a username and password
 * (never the password itself), the username, and the endpoint they belong to. Kept in
 * `sync-auth.json` in the profile's own folder, readable by its owner only, and written
 * atomically so a crash never leaves half a file.
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SyncError } from './errors.js';
import { normalizeEndpoint, SyncHttp } from './http.js';

export interface SyncAuth {
  hkey: string;
  username: string;
  /** The endpoint the key is for; a server's "moved" reply updates it. */
  endpoint: string;
}

export const AUTH_FILE_NAME = 'sync-auth.json';

export function authPath(collectionPath: string): string {
  return join(dirname(collectionPath), AUTH_FILE_NAME);
}

export function readAuth(collectionPath: string): SyncAuth | undefined {
  const path = authPath(collectionPath);
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { hkey, username, endpoint } = value as Record<string, unknown>;
  if (typeof hkey !== 'string' || hkey === '' || typeof endpoint !== 'string') return undefined;
  return { hkey, username: typeof username === 'string' ? username : '', endpoint };
}

export function writeAuth(collectionPath: string, auth: SyncAuth): void {
  const path = authPath(collectionPath);
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, JSON.stringify(auth, null, 2) + '\n', { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

export function removeAuth(collectionPath: string): boolean {
  const path = authPath(collectionPath);
  if (!existsSync(path)) return false;
  rmSync(path);
  return true;
}

/** Asks the server for a host key (anki-sync.md §2); a wrong username or password is Anki's AuthFailed. */
export async function login(endpoint: string, username: string, password: string): Promise<SyncAuth> {
  const http = new SyncHttp({ endpoint, hkey: '' });
  let reply: { key?: unknown };
  try {
    reply = await http.json<{ key?: unknown }>('sync/hostKey', { u: username, p: password });
  } finally {
    http.close();
  }
  if (typeof reply.key !== 'string' || reply.key === '') throw new SyncError('other', 'the sync server sent no host key');
  return { hkey: reply.key, username, endpoint: normalizeEndpoint(endpoint) };
}
