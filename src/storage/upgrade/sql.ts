/**
 * The SQL of Anki's schema upgrades (rslib `storage/upgrades/schema1{4,5,7,8}_upgrade.sql`): the
 * tables and indexes each step adds, with the declarations a collection upgraded by Anki ends up
 * with. The tables are the ones a new collection gets (src/storage/schema18.ts), declared once
 * there. The data each step moves is converted in TypeScript (see the step modules).
 */
import {
  CONFIG_TABLE_SQL,
  DECK_CONFIG_TABLE_SQL,
  GRAVES_TABLE_SQL,
  NOTETYPE_AND_DECK_TABLES_SQL,
  SCHEMA_15_NOTE_CARD_INDEXES_SQL,
  TAGS_TABLE_SQL,
} from '../schema18.js';

/**
 * Schema 14: options presets, config and tags get tables of their own. The tag table has only
 * two columns until schema 17 rebuilds it.
 */
export const SCHEMA_14_SQL = `${DECK_CONFIG_TABLE_SQL}${CONFIG_TABLE_SQL}
CREATE TABLE tags (
  tag text NOT NULL PRIMARY KEY COLLATE unicase,
  usn integer NOT NULL
) without rowid;
UPDATE col
SET ver = 14;
`;

/** Schema 15: note types (with their fields and templates) and decks get tables of their own. */
export const SCHEMA_15_SQL = `${NOTETYPE_AND_DECK_TABLES_SQL}${SCHEMA_15_NOTE_CARD_INDEXES_SQL}
UPDATE col
SET ver = 15;
ANALYZE;
`;

/** Schema 17: tags gain the `collapsed` flag and a spare `config` column. */
export const SCHEMA_17_TAGS_SQL = `
DROP TABLE tags;${TAGS_TABLE_SQL}`;

/** Schema 18: graves get a primary key (duplicates dropped) and an index of pending ones. */
export const SCHEMA_18_SQL = `
ALTER TABLE graves
  RENAME TO graves_old;${GRAVES_TABLE_SQL}
INSERT
  OR IGNORE INTO graves (oid, type, usn)
SELECT oid,
  type,
  usn
FROM graves_old;
DROP TABLE graves_old;
UPDATE col
SET ver = 18;
`;
