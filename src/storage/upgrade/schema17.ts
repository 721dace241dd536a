/**
 * Upgrade to schema 17 (rslib `upgrade_tags_to_schema17`): the tags table is rebuilt with the
 * `collapsed` flag and a spare `config` column; every tag starts collapsed, as Anki registers it.
 */
import type { UpgradeContext } from './context.js';
import { SCHEMA_17_TAGS_SQL } from './sql.js';

/** Runs the schema-17 step. */
export function upgradeToSchema17({ col }: UpgradeContext): void {
  const tags = col.db.prepare('select tag, usn from tags').all() as { tag: string; usn: number }[];
  col.db.exec(SCHEMA_17_TAGS_SQL);
  const insert = col.db.prepare('insert or replace into tags (tag, usn, collapsed, config) values (?, ?, 1, null)');
  for (const { tag, usn } of tags) insert.run(tag, usn);
  col.db.exec('update col set ver = 17');
}
