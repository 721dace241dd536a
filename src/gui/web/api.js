// Talking to the server: the Anki-Connect API itself (POST /), the UI's own endpoints
// (POST /_/ui/<name>) and its event stream. The API key, when the server has one, is asked for
// once and kept in this browser's localStorage for this server's origin.

const KEY_STORE = 'anki-connect-server.key';

/** @returns {string | null} */
export function apiKey() {
  return localStorage.getItem(KEY_STORE);
}

/** @param {string | null} key */
export function setApiKey(key) {
  if (key === null) localStorage.removeItem(KEY_STORE);
  else localStorage.setItem(KEY_STORE, key);
}

/** Thrown for an error reply; `keyRefused` when the key was missing or wrong. */
export class ApiError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.keyRefused = message === 'valid api key must be provided';
  }
}

/** @param {string} url @param {unknown} body */
async function post(url, body) {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const reply = await response.json();
  if (reply.error !== null && reply.error !== undefined) throw new ApiError(reply.error);
  return reply.result;
}

/** One Anki-Connect action, version 6. */
export function invoke(action, params = {}) {
  const key = apiKey();
  return post('/', { action, version: 6, params, ...(key === null ? {} : { key }) });
}

/** One of the UI's endpoints (src/http/ui/endpoints.ts). */
export function ui(name, params = {}) {
  const key = apiKey();
  return post(`/_/ui/${name}`, { ...params, ...(key === null ? {} : { key }) });
}

/** Sends a package file to be imported; resolves with importPackage's result. */
export async function uploadPackage(file) {
  const query = new URLSearchParams({ name: file.name });
  const key = apiKey();
  if (key !== null) query.set('key', key);
  const response = await fetch(`/_/ui/upload?${query}`, { method: 'POST', body: file });
  const reply = await response.json();
  if (reply.error !== null) throw new ApiError(reply.error);
  return reply.result;
}

/** The URL prefix of the media folder; the key rides in the path (see src/http/ui/media.ts). */
export function mediaBase() {
  const key = apiKey();
  return `${location.origin}/_/ui/media/${key === null ? '-' : encodeURIComponent(key)}/`;
}

/**
 * Follows the server's events; `on(type, data)` gets `gui` (a window name), `collection` and
 * `permissions`. EventSource reconnects by itself after the server restarts.
 */
export function followEvents(on) {
  const key = apiKey();
  const source = new EventSource(`/_/ui/events${key === null ? '' : `?key=${encodeURIComponent(key)}`}`);
  for (const type of ['gui', 'collection', 'permissions']) {
    source.addEventListener(type, (event) => on(type, event.data));
  }
  source.addEventListener('open', () => on('open', ''));
  return source;
}
