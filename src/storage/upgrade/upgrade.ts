/**
 * Anki's upgrade of an older collection to schema 18 (rslib `upgrade_to_latest_schema`): each
 * step from the file's version on, in one exclusive transaction, so a failure leaves the file as
 * it was. Like Anki, the upgrade does not stamp the collection modified (`col.mod` is kept); the
 * only rows it marks for the next sync are decks it had to rename and cards whose ease the
 * schema-16 step repairs.
 */
import { randomInt } from 'node:crypto';
import type { Collection } from '../../collection/collection.js';
import type { UpgradeContext } from './context.js';
import { upgradeToSchema14 } from './schema14.js';
import { upgradeToSchema15 } from './schema15.js';
import { upgradeToSchema16 } from './schema16.js';
import { upgradeToSchema17 } from './schema17.js';
import { SCHEMA_18_SQL } from './sql.js';
import { SCHEMA_MAX_VERSION } from './version.js';

export { UpgradeError } from './context.js';

/** Sources of time and chance for an upgrade; tests fix them. */
export interface UpgradeOptions {
  /** A note type id for one stored with id 0 (Anki: a random u32 of at least 1). */
  randomNotetypeId?: () => number;
}

/**
 * Upgrades the collection from schema `version` (11, or 14 to 17) to 18 in one transaction.
 * Throws (an {@link UpgradeError} for data Anki would not upgrade either) after rolling back.
 */
export function upgradeToLatestSchema(col: Collection, version: number, options: UpgradeOptions = {}): void {
  if (version >= SCHEMA_MAX_VERSION) return;
  const context: UpgradeContext = {
    col,
    nowSecs: col.nowSecs(),
    randomNotetypeId: options.randomNotetypeId ?? (() => randomInt(1, 2 ** 32)),
  };
  col.db.exec('begin exclusive');
  try {
    if (version < 14) upgradeToSchema14(context);
    if (version < 15) upgradeToSchema15(context);
    if (version < 16) upgradeToSchema16(context);
    if (version < 17) upgradeToSchema17(context);
    col.db.exec(SCHEMA_18_SQL);
    col.db.exec('commit');
  } catch (err) {
    if (col.db.inTransaction) col.db.exec('rollback');
    col.resetCaches();
    throw err;
  }
}
