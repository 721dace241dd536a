/**
 * Saving what the user decided in the web UI's permission prompt, as Anki-Connect writes its
 * add-on config after its dialog: the origin is appended to `webCorsOriginList` (allowed) or
 * `ignoreOriginList` (ignored). Only that key of the file changes; the rest is kept as it was.
 */
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { defaultSettings } from './settings.js';
import { readConfigFile } from './load.js';

export type OriginListKey = 'webCorsOriginList' | 'ignoreOriginList';

/** Appends `origin` to a list in the config file at `path` (a no-op when it is there already). */
export function saveOriginToConfigFile(path: string, key: OriginListKey, origin: string): void {
  // Read again rather than written from memory: the file may hold keys the settings dropped.
  const file = readConfigFile(path);
  const list = file[key] ?? defaultSettings({})[key];
  if (list.includes(origin)) return;
  const next = { ...file, [key]: [...list, origin] };
  // A whole new file renamed over the old one: a crash never leaves half a config.
  // It keeps the old file's mode: a config holding an apiKey is often readable by its owner only.
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: statSync(path).mode & 0o777 });
  renameSync(temporary, path);
}
