/**
 * Downgrade from schema 18 to schema 11 (rslib `downgrade_to_schema_11`), which legacy packages
 * need for their collection: the options presets, decks, note types, config and tags go back into
 * the JSON columns of the `col` row as their legacy dicts, the schema-18 tables and indexes are
 * dropped, graves lose their primary key, `ver` becomes 11 and the file leaves WAL mode. The inverse
 * of src/storage/upgrade, in one transaction as in Anki.
 */
import type { Collection } from '../../collection/collection.js';
import { deckConfigToLegacy } from '../../deckconfig/schema11.js';
import { deckFromRow, type DeckRow } from '../../decks/deck.js';
import { deckToSchema11 } from '../../decks/schema11.js';
import { notetypeToSchema11 } from '../../notetypes/schema11.js';
import { stringifyJson } from '../../text/json-int64.js';

/** Graves as schema 11 declares them: no primary key (Anki's `schema18_downgrade.sql`). */
const GRAVES_SQL = `
ALTER TABLE graves RENAME TO graves_old;
CREATE TABLE graves (
  usn integer NOT NULL,
  oid integer NOT NULL,
  type integer NOT NULL
);
INSERT INTO graves (usn, oid, type) SELECT usn, oid, type FROM graves_old;
DROP TABLE graves_old;
UPDATE col SET ver = 17;
`;

/** What schema 11 does not have (Anki's `schema11_downgrade.sql`). */
const DROP_SQL = `
DROP TABLE config;
DROP TABLE deck_config;
DROP TABLE tags;
DROP TABLE fields;
DROP TABLE templates;
DROP TABLE notetypes;
DROP TABLE decks;
DROP INDEX idx_cards_odid;
DROP INDEX idx_notes_mid;
UPDATE col SET ver = 11;
`;

/** `{"<id>": dict, …}` as the JSON text of a legacy map. */
function jsonMap(entries: Iterable<readonly [number | string, unknown]>): string {
  const map: Record<string, unknown> = {};
  for (const [key, value] of entries) map[String(key)] = value;
  return stringifyJson(map);
}

/** The config table as the `col.conf` JSON object: each value's JSON text, kept as stored. */
function configJson(col: Collection): string {
  const parts: string[] = [];
  for (const row of col.db.prepare('select KEY as key, val from config').all() as { key: string; val: Buffer | string }[]) {
    const text = Buffer.isBuffer(row.val) ? row.val.toString('utf8') : row.val;
    try {
      JSON.parse(text);
    } catch {
      // Anki cannot read such a value either; leaving it out keeps the column valid JSON.
      continue;
    }
    parts.push(`${JSON.stringify(row.key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * Downgrades the open collection to schema 11 and switches it to rollback-journal mode; the caller
 * closes it afterwards. The collection must not be in a transaction.
 */
export function downgradeToSchema11(col: Collection): void {
  const db = col.db;
  db.transaction(() => {
    db.exec(GRAVES_SQL);
    const presets = col.deckConfigs.ids().map((id) => col.deckConfigs.get(id));
    const dconf = jsonMap(presets.flatMap((preset) => (preset === undefined ? [] : [[preset.id, deckConfigToLegacy(preset)] as const])));
    const decks = (db.prepare('select id, name, mtime_secs, usn, common, kind from decks').all() as DeckRow[]).map(deckFromRow);
    const decksJson = jsonMap(decks.map((deck) => [deck.id, deckToSchema11(deck)] as const));
    const notetypes = col.notetypes.ids().flatMap((id) => {
      const notetype = col.notetypes.get(id);
      return notetype === undefined ? [] : [[id, notetypeToSchema11(notetype)] as const];
    });
    const models = jsonMap(notetypes);
    const conf = configJson(col);
    const tags = jsonMap((db.prepare('select tag, usn from tags').all() as { tag: string; usn: number }[]).map((row) => [row.tag, row.usn] as const));
    db.prepare('update col set conf = ?, models = ?, decks = ?, dconf = ?, tags = ?').run(conf, models, decksJson, dconf, tags);
    db.exec(DROP_SQL);
  })();
  col.resetCaches();
  db.pragma('journal_mode = delete');
}
