/**
 * The media sync client: `syncMedia` runs one sync of a profile's media folder against the
 * server the SyncHttp talks to; `mediaChangesPending` says whether local changes wait for one.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MediaDatabase } from './database.js';
import { registerChanges } from './scanner.js';
import type { MediaPaths } from './syncer.js';
import { exclusively } from './syncer.js';

export { syncMedia } from './syncer.js';
export type { MediaPaths, MediaSyncOptions, MediaSyncResult } from './syncer.js';

/**
 * Where Anki keeps the media of the collection at `collectionPath`: `x/collection.anki2` →
 * `x/collection.media` and `x/collection.media.db2` (pylib `media_paths_from_col_path`; the
 * `.anki2` suffix is replaced whatever its case, and appended to when absent).
 */
export function mediaPathsForCollection(collectionPath: string): MediaPaths {
  const full = resolve(collectionPath);
  const stem = basename(full).replace(/\.anki2$/i, '');
  const mediaDir = join(dirname(full), `${stem}.media`);
  return { mediaDir, mediaDb: `${mediaDir}.db2` };
}

/**
 * True if the media folder holds changes the server has not seen: scans the folder (recording
 * what it finds, as the next sync would) and looks for rows waiting for upload. Creates the
 * media database when missing, never the folder; without a folder, only the rows already
 * waiting count.
 */
export async function mediaChangesPending(paths: MediaPaths): Promise<boolean> {
  const mediaDir = resolve(paths.mediaDir);
  return exclusively(paths.mediaDb, async () => {
    if (!existsSync(paths.mediaDb) && !existsSync(mediaDir)) return false;
    const db = MediaDatabase.open(paths.mediaDb);
    try {
      if (existsSync(mediaDir)) await registerChanges(db, mediaDir);
      return db.hasPendingUploads();
    } finally {
      db.close();
    }
  });
}
