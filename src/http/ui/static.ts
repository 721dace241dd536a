/**
 * The web UI's own files (src/gui/web: HTML, CSS and ES modules, no build step), served as they
 * are on disk so that an edit shows on reload. They hold no data, so they need no key; the page
 * asks for the key itself when the server has one.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Beside this module's folder in the source tree, and copied beside it in dist/ by the build. */
export const WEB_DIR = fileURLToPath(new URL('../../gui/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Only flat names of the kinds above: nothing else of the file system is reachable. */
const NAME = /^[a-z0-9][a-z0-9-]*\.(html|js|css|svg)$/;

export async function serveStatic(res: ServerResponse, name: string, head: boolean): Promise<boolean> {
  const file = name === '' ? 'index.html' : name;
  if (!NAME.test(file)) return false;
  let body: Buffer;
  try {
    body = await readFile(join(WEB_DIR, file));
  } catch {
    return false;
  }
  const headers: Record<string, string | number> = {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  if (file.endsWith('.html')) {
    // No other site may frame the page (a hidden "Allow" button is how clickjacking would grant
    // an origin), and only the page's own scripts run; card frames inherit the script rule.
    headers['X-Frame-Options'] = 'DENY';
    headers['Content-Security-Policy'] = "script-src 'self'; object-src 'none'";
  }
  res.writeHead(200, headers);
  res.end(head ? undefined : body);
  return true;
}
