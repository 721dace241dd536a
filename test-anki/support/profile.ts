/** Temporary profile folders laid out as Anki's (`<base>/User 1/collection.anki2`). */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempProfile {
  base: string;
  /** `<base>/User 1/collection.anki2` (not created). */
  path: string;
  remove(): void;
}

export function tempProfile(prefix = 'acs-anki-'): TempProfile {
  const base = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(base, 'User 1'));
  return {
    base,
    path: join(base, 'User 1', 'collection.anki2'),
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

/** A new profile holding a copy of the (closed) collection at `path`, media folder included. */
export function copyProfile(path: string): TempProfile {
  const copy = tempProfile();
  copyFileSync(path, copy.path);
  if (existsSync(path + '-wal')) copyFileSync(path + '-wal', copy.path + '-wal');
  const media = path.replace(/\.anki2$/, '.media');
  if (existsSync(media)) cpSync(media, copy.path.replace(/\.anki2$/, '.media'), { recursive: true });
  return copy;
}
