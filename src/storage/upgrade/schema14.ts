/**
 * Upgrade to schema 14 (rslib `upgrade_deck_conf_to_schema14`, `upgrade_tags_to_schema14`,
 * `upgrade_config_to_schema14`): options presets, tags and config leave the `col` row for tables
 * of their own. Presets are still JSON at this schema; the schema-15 step turns them into
 * protobuf.
 */
import { deckConfigFromLegacy } from '../../deckconfig/schema11.js';
import { stringifyJson } from '../../text/json-int64.js';
import { stringifySerdeValue } from '../../text/serde-json.js';
import { colJsonObject, decoding, idFromKey, UpgradeError, utf8, type UpgradeContext } from './context.js';
import { isJsonObject } from './json.js';
import { SCHEMA_14_SQL } from './sql.js';

/** `col.dconf` → `deck_config` rows holding each preset's JSON, its id forced to its key. */
function movePresets({ col }: UpgradeContext): void {
  const insert = col.db.prepare('insert into deck_config (id, name, mtime_secs, usn, config) values (?, ?, ?, ?, ?)');
  decoding('decoding deck config', () => {
    for (const [key, dict] of Object.entries(colJsonObject(col, 'dconf'))) {
      const id = idFromKey(key, 'deck config');
      // Read now so that a preset Anki cannot read fails here, as in Anki; the row keeps the
      // JSON, with the id of its key (buggy clients left other ids inside).
      const preset = deckConfigFromLegacy(dict);
      if (!isJsonObject(dict)) throw new UpgradeError('expected an object');
      insert.run(id, preset.name, preset.mtimeSecs, preset.usn, utf8(stringifyJson({ ...dict, id })));
    }
  });
  col.db.exec("update col set dconf = ''");
}

/** `col.tags` (`{"tag": usn}`) → `tags` rows; of names equal but for case, the first stays. */
function moveTags({ col }: UpgradeContext): void {
  const insert = col.db.prepare('insert or ignore into tags (tag, usn) values (?, ?)');
  decoding('decoding tags', () => {
    for (const [tag, usn] of Object.entries(colJsonObject(col, 'tags'))) {
      if (typeof usn !== 'number' || !Number.isInteger(usn) || usn < -(2 ** 31) || usn >= 2 ** 31) {
        throw new UpgradeError(`invalid usn for tag ${JSON.stringify(tag)}`);
      }
      insert.run(tag, usn);
    }
  });
  col.db.exec("update col set tags = ''");
}

/**
 * `col.conf` → one `config` row per key, the value's JSON as a BLOB, usn 0 and mtime 0, written as
 * Anki's serde_json writes it (object keys sorted at every depth).
 */
function moveConfig({ col }: UpgradeContext): void {
  const insert = col.db.prepare('insert or replace into config (KEY, usn, mtime_secs, val) values (?, 0, 0, ?)');
  decoding('decoding config', () => {
    col.db.exec('delete from config');
    for (const [key, value] of Object.entries(colJsonObject(col, 'conf'))) insert.run(key, utf8(stringifySerdeValue(value)));
  });
  col.db.exec("update col set conf = ''");
}

/** Runs the schema-14 step. */
export function upgradeToSchema14(context: UpgradeContext): void {
  context.col.db.exec(SCHEMA_14_SQL);
  movePresets(context);
  moveTags(context);
  moveConfig(context);
}
