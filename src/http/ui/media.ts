/**
 * The media folder, read-only, for the cards the web UI renders and the images in its field
 * editors. The key sits in the path (`/_/ui/media/<key>/<file>`, `-` without a key) so that a
 * card frame's `<base href>` carries it to every relative URL in the card and its CSS without
 * rewriting them. File names go through the media folder's own lookup (basename, no `..`, no
 * separators), so nothing outside the folder can be named.
 */
import type { ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { Collection } from '../../collection/collection.js';

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.bmp': 'image/bmp',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.ogv': 'video/ogg',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.css': 'text/css',
};

export const MEDIA_PREFIX = '/_/ui/media/';

/** The key segment a media URL must carry for the given API key. */
export function mediaKeySegment(apiKey: string | null): string {
  return apiKey === null ? '-' : encodeURIComponent(apiKey);
}

/** Serves `rest` (`<key>/<file>`, still URL-encoded); false when it names nothing servable. */
export function serveMedia(res: ServerResponse, col: Collection, rest: string, apiKey: string | null, head: boolean): boolean {
  const slash = rest.indexOf('/');
  if (slash < 0 || rest.slice(0, slash) !== mediaKeySegment(apiKey)) return false;
  let name: string;
  try {
    name = decodeURIComponent(rest.slice(slash + 1));
  } catch {
    return false;
  }
  // A card names a file, never a folder path: anything with a separator is refused outright.
  if (name === '' || /[/\\]/.test(name)) return false;
  const data = col.media.readFile(name);
  if (data === null) return false;
  res.writeHead(200, {
    'Content-Type': TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': data.length,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    // A file opened on its own (an SVG or HTML file among the media) runs no script in the
    // UI's origin, where it could read the key the page keeps.
    'Content-Security-Policy': 'sandbox',
  });
  res.end(head ? undefined : data);
  return true;
}
