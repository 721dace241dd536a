/** A profile's media files, for comparing two profiles' media folders. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `name sha1` of every file in the media folder beside `collectionPath`, sorted; [] without one. */
export function mediaOf(collectionPath: string): string[] {
  const dir = collectionPath.replace(/\.anki2$/, '.media');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.name} ${createHash('sha1').update(readFileSync(join(dir, entry.name))).digest('hex')}`)
    .sort();
}
