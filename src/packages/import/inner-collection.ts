/**
 * Reading a package's collection: opened through the server's own open path (which upgrades
 * schema 11 to 17 as Anki does, without the backup copy: the original is the package), its
 * future ids renumbered, a studied v1 collection brought to v2, then gathered into memory and
 * closed. The extracted file is the package layer's scratch copy, so these changes touch
 * nothing of the user's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../collection/clock.js';
import { openCollection } from '../../collection/open.js';
import type { ExchangeData } from './exchange.js';
import { gatherData } from './gather.js';
import { fixInvalidIds } from './invalid-ids.js';
import { upgradeStudiedV1Collection } from './scheduler-upgrade.js';

export function readPackageCollection(path: string, clock: Clock, withDeckConfigs: boolean): ExchangeData {
  // The open path wants a media folder; the package's media are read from the package instead.
  const scratch = mkdtempSync(join(tmpdir(), 'acs-import-'));
  try {
    const col = openCollection(path, { clock, mediaDir: join(scratch, 'media'), backup: false, log: () => undefined });
    try {
      col.transact(() => {
        fixInvalidIds(col);
        upgradeStudiedV1Collection(col);
      });
      return gatherData(col, { withDeckConfigs });
    } finally {
      col.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
