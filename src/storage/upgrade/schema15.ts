/**
 * Upgrade to schema 15 (rslib `upgrade_notetypes_to_schema15`, `upgrade_decks_to_schema15`,
 * `upgrade_deck_conf_to_schema15`): note types and decks leave the `col` row for rows of their
 * own, with names made valid and unique, and presets become protobuf.
 */
import { deckConfigFromLegacy } from '../../deckconfig/schema11.js';
import { encodeDeckConfig } from '../../deckconfig/store.js';
import { encodeDeckCommon, encodeDeckKind, type Deck } from '../../decks/deck.js';
import { humanDeckName } from '../../decks/names.js';
import { deckFromSchema11 } from '../../decks/schema11.js';
import { uniqueNames } from '../../notetypes/names.js';
import type { Notetype } from '../../notetypes/notetype.js';
import { notetypeFromSchema11 } from '../../notetypes/schema11.js';
import { foldCase, normalizeToNfc } from '../../text/index.js';
import { colJsonObject, decoding, idFromKey, UpgradeError, type UpgradeContext } from './context.js';
import { parseLegacyJson } from './json.js';
import { SCHEMA_15_SQL } from './sql.js';

// Anki walks the legacy maps in hash order, so which of two clashing names keeps its spelling is
// left to chance there. Here the lower id (usually the older object) keeps it, every time.
const byId = <T extends { id: number }>(a: T, b: T): number => a.id - b.id;

/** NFC names, and field and template names made unique within the note type (`+` appended). */
function normalizeNames(notetype: Notetype): void {
  notetype.name = normalizeToNfc(notetype.name);
  for (const field of notetype.fields) field.name = normalizeToNfc(field.name);
  for (const template of notetype.templates) template.name = normalizeToNfc(template.name);
  uniqueNames(notetype.templates.map((template) => template.name)).forEach((name, index) => {
    const template = notetype.templates[index];
    if (template !== undefined) template.name = name;
  });
  uniqueNames(notetype.fields.map((field) => field.name)).forEach((name, index) => {
    const field = notetype.fields[index];
    if (field !== undefined) field.name = name;
  });
}

/** `col.models` → `notetypes`, `fields` and `templates` rows. */
function moveNotetypes(context: UpgradeContext): void {
  const { col } = context;
  const notetypes = decoding('decoding models', () =>
    Object.entries(colJsonObject(col, 'models')).map(([key, dict]) => {
      const notetype = notetypeFromSchema11(dict);
      // The key is what the rows are filed under (Anki writes the fields and templates under
      // it); a note type found with id 0 gets a random id, as Anki gives it.
      const id = idFromKey(key, 'model');
      return { ...notetype, id: id === 0 ? context.randomNotetypeId() : id };
    }),
  );
  const taken = new Set<string>();
  for (const notetype of notetypes.sort(byId)) {
    normalizeNames(notetype);
    while (taken.has(foldCase(notetype.name))) notetype.name += '_';
    taken.add(foldCase(notetype.name));
    col.notetypes.save(notetype);
  }
  col.db.exec("update col set models = ''");
}

/** `col.decks` → `decks` rows; a deck whose name had to change is stamped modified now. */
function moveDecks(context: UpgradeContext): void {
  const { col } = context;
  const decks = decoding('decoding decks', () =>
    Object.entries(colJsonObject(col, 'decks')).map(([key, dict]) => {
      // The keys must be ids, though the rows take the id inside each deck, as in Anki.
      idFromKey(key, 'deck');
      const deck = deckFromSchema11(dict);
      // deckFromSchema11 has read `name` as a string.
      const legacyName = String((dict as Record<string, unknown>)['name']);
      return { deck, renamed: humanDeckName(deck.name) !== legacyName };
    }),
  );
  const insert = col.db.prepare('insert or replace into decks (id, name, mtime_secs, usn, common, kind) values (?, ?, ?, ?, ?, ?)');
  const taken = new Set<string>();
  for (const { deck, renamed } of decks.sort((a, b) => byId(a.deck, b.deck))) {
    let modified = renamed;
    while (taken.has(foldCase(deck.name))) {
      deck.name += '_';
      modified = true;
    }
    taken.add(foldCase(deck.name));
    const written: Deck = modified ? { ...deck, mtimeSecs: context.nowSecs, usn: col.usn() } : deck;
    insert.run(written.id, written.name, written.mtimeSecs, written.usn, encodeDeckCommon(written.common), encodeDeckKind(written.kind));
  }
  col.db.exec("update col set decks = ''");
}

/**
 * The JSON presets of schema 14 → protobuf. Schema 15 stored the starting ease in percent
 * (2.5 as 250); the schema-16 step divides it again, as Anki's steps do.
 */
function convertPresets({ col }: UpgradeContext): void {
  const rows = col.db.prepare('select id, config from deck_config').all() as { id: number; config: unknown }[];
  const update = col.db.prepare('update deck_config set name = ?, mtime_secs = ?, usn = ?, config = ? where id = ?');
  decoding('decoding deck config', () => {
    for (const row of rows) {
      const json = Buffer.isBuffer(row.config) || typeof row.config === 'string' ? row.config.toString() : undefined;
      if (json === undefined) throw new UpgradeError(`preset ${row.id} holds no JSON`);
      const preset = deckConfigFromLegacy(parseLegacyJson(json));
      const config = { ...preset.config, initialEase: Math.fround(preset.config.initialEase * 100) };
      update.run(preset.name, preset.mtimeSecs, preset.usn, encodeDeckConfig(config), row.id);
    }
  });
}

/** Runs the schema-15 step. */
export function upgradeToSchema15(context: UpgradeContext): void {
  context.col.db.exec(SCHEMA_15_SQL);
  moveNotetypes(context);
  moveDecks(context);
  convertPresets(context);
}
