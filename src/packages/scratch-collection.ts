/**
 * New collections made only to be written into a package (the dummy, the collection of an .apkg):
 * created as the server creates any collection, in a folder of their own so that nothing else
 * (media folder, journal) lands beside the caller's files, and without the settings that only a
 * desktop's first open adds (rollover hour, UTC offset), which Anki's own scratch collections lack.
 */
import { makeFolders } from '../storage/folders.js';
import { join } from 'node:path';
import { systemClock, type Clock } from '../collection/clock.js';
import type { Collection } from '../collection/collection.js';
import { openCollection } from '../collection/open.js';

/** Creates a new collection file `name` inside `dir` (which must exist, and is the caller's to remove). */
export function createScratchCollection(dir: string, name: string, clock: Clock = systemClock): Collection {
  const mediaDir = join(dir, `${name}.media`);
  makeFolders(mediaDir);
  const col = openCollection(join(dir, name), { clock, mediaDir, log: () => undefined });
  try {
    col.db.prepare("delete from config where KEY in ('rollover', 'localOffset')").run();
    col.resetCaches();
    return col;
  } catch (err) {
    col.close();
    throw err;
  }
}
