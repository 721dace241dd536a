/**
 * The unchunked part of a normal sync (anki-sync.md §3.5): note types, decks, options presets
 * and tags changed since the last sync travel as their legacy (schema-11) JSON in one request,
 * with the whole config and the creation time from whichever side changed last. Incoming objects
 * win when they are at least as new as ours (ties go to them); tags are only ever added.
 */
import type { Collection } from '../collection/collection.js';
import { deckConfigFromLegacy, deckConfigToLegacy } from '../deckconfig/schema11.js';
import { encodeDeckConfig } from '../deckconfig/store.js';
import { deckFromRow, encodeDeckCommon, encodeDeckKind, type DeckRow } from '../decks/deck.js';
import { deckFromSchema11, deckToSchema11 } from '../decks/schema11.js';
import { notetypeFromSchema11, notetypeToSchema11 } from '../notetypes/schema11.js';
import { isJsonObject, parseLegacyJson, type LegacyJson } from '../storage/upgrade/json.js';
import { stringifyJson } from '../text/json-int64.js';
import { stringifySerdeValue } from '../text/serde-json.js';
import { SyncError } from './errors.js';

/** Pending ids of a table, now stamped `serverUsn` (Anki's `objects_pending_sync` + usn update). */
function takePendingIds(col: Collection, table: 'notetypes' | 'decks' | 'deck_config'): number[] {
  const ids = col
    .stmt<[], { id: number }>(`select id from ${table} where usn = -1`)
    .all()
    .map((row) => row.id);
  return ids;
}

/**
 * Our changes as the JSON text of an `applyChanges` request, their rows stamped `serverUsn` on the
 * way (the JSON carries that usn too). With `localIsNewer`, the config goes too and its usns are
 * reset to 0, as in Anki.
 */
export function takeLocalChanges(col: Collection, serverUsn: number, localIsNewer: boolean): string {
  const notetypeIds = takePendingIds(col, 'notetypes');
  const deckIds = takePendingIds(col, 'decks');
  const presetIds = takePendingIds(col, 'deck_config');
  for (const table of ['notetypes', 'decks', 'deck_config'] as const) {
    col.stmt(`update ${table} set usn = ? where usn = -1`).run(serverUsn);
  }
  col.resetCaches();
  const models = notetypeIds.map((id) => {
    const notetype = col.notetypes.get(id);
    if (notetype === undefined) throw new Error(`note type ${id} vanished during the sync`);
    return notetypeToSchema11({ ...notetype, usn: serverUsn });
  });
  const decks = deckIds.map((id) => {
    const row = col.stmt<[number], DeckRow>('select id, name, mtime_secs, usn, common, kind from decks where id = ?').get(id);
    if (row === undefined) throw new Error(`deck ${id} vanished during the sync`);
    return deckToSchema11({ ...deckFromRow(row), usn: serverUsn });
  });
  const presets = presetIds.map((id) => {
    const preset = col.deckConfigs.get(id);
    if (preset === undefined) throw new Error(`options preset ${id} vanished during the sync`);
    return deckConfigToLegacy({ ...preset, usn: serverUsn });
  });
  const tags = col
    .stmt<[], { tag: string }>('select tag from tags where usn = -1')
    .all()
    .map((row) => row.tag);
  col.stmt('update tags set usn = ? where usn = -1').run(serverUsn);

  const parts = [
    `"models":${stringifyJson(models)}`,
    `"decks":[${stringifyJson(decks)},${stringifyJson(presets)}]`,
    `"tags":${JSON.stringify(tags)}`,
  ];
  if (localIsNewer) {
    parts.push(`"conf":${configObjectText(col)}`);
    col.stmt('update config set usn = 0 where usn != 0').run();
    const crt = col.stmt<[], { crt: number }>('select crt from col').get()?.crt ?? 0;
    parts.push(`"crt":${crt}`);
  }
  return `{"changes":{${parts.join(',')}}}`;
}

/** The config table as one JSON object, each value's stored text kept as it is. */
function configObjectText(col: Collection): string {
  const entries: string[] = [];
  for (const row of col.stmt<[], { key: string; val: Buffer }>('select KEY as key, val from config').all()) {
    const text = Buffer.from(row.val).toString('utf8');
    try {
      parseLegacyJson(text);
    } catch {
      // Anki cannot read such a value either; leaving it out keeps the request valid JSON.
      continue;
    }
    entries.push(`${JSON.stringify(row.key)}:${text}`);
  }
  return `{${entries.join(',')}}`;
}

function list(value: LegacyJson | undefined, what: string): LegacyJson[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SyncError('other', `the server sent ${what} that is not a list`);
  return value;
}

/** Parses the reply to `applyChanges` (64-bit field and template ids stay exact). */
export function parseChanges(text: string): { [key: string]: LegacyJson } {
  const value = parseLegacyJson(text);
  if (!isJsonObject(value)) throw new SyncError('other', 'the server sent changes that are not an object');
  return value;
}

/** Applies the server's changes, by Anki's merge rules; new and renamed objects get `serverUsn`. */
export function applyRemoteChanges(col: Collection, changes: { [key: string]: LegacyJson }, serverUsn: number): void {
  const decksAndPresets = list(changes['decks'], 'decks');
  mergeNotetypes(col, list(changes['models'], 'note types'), serverUsn);
  mergeDecks(col, list(decksAndPresets[0], 'decks'), serverUsn);
  mergePresets(col, list(decksAndPresets[1], 'options presets'));
  for (const tag of list(changes['tags'], 'tags')) {
    if (typeof tag === 'string') col.tags.register(tag, serverUsn);
  }
  const crt = changes['crt'];
  if (typeof crt === 'number') col.stmt('update col set crt = ?').run(crt);
  const conf = changes['conf'];
  if (conf !== undefined && conf !== null) {
    if (!isJsonObject(conf)) throw new SyncError('other', 'the server sent a config that is not an object');
    col.stmt('delete from config').run();
    const insert = col.stmt('insert into config (KEY, usn, mtime_secs, val) values (?, ?, ?, ?)');
    for (const [key, value] of Object.entries(conf)) {
      insert.run(key, serverUsn, col.nowSecs(), Buffer.from(stringifySerdeValue(value), 'utf8'));
    }
  }
  col.resetCaches();
}

function mergeNotetypes(col: Collection, dicts: LegacyJson[], serverUsn: number): void {
  for (const dict of dicts) {
    const incoming = notetypeFromSchema11(dict);
    const existing = col.notetypes.get(incoming.id);
    if (existing !== undefined) {
      if (existing.mtimeSecs > incoming.mtimeSecs) continue;
      // Anki refuses to take a note type whose fields or templates were added or removed without
      // a schema change: the notes would no longer match it.
      if (existing.fields.length !== incoming.fields.length || existing.templates.length !== incoming.templates.length) {
        throw new SyncError('resyncRequired', 'notetype schema changed');
      }
    }
    for (;;) {
      const holder = col.notetypes.idByName(incoming.name);
      if (holder === undefined || holder === incoming.id) break;
      incoming.name += '+';
      incoming.mtimeSecs = col.nowSecs();
      incoming.usn = serverUsn;
    }
    col.notetypes.save(incoming);
  }
}

function mergeDecks(col: Collection, dicts: LegacyJson[], serverUsn: number): void {
  const byName = col.stmt<[string], { id: number }>('select id from decks where name = ?');
  const write = col.stmt('insert or replace into decks (id, name, mtime_secs, usn, common, kind) values (?, ?, ?, ?, ?, ?)');
  for (const dict of dicts) {
    const incoming = deckFromSchema11(dict);
    const existing = col.stmt<[number], { mtime_secs: number }>('select mtime_secs from decks where id = ?').get(incoming.id);
    if (existing !== undefined && existing.mtime_secs > incoming.mtimeSecs) continue;
    for (;;) {
      const holder = byName.get(incoming.name)?.id;
      if (holder === undefined || holder === incoming.id) break;
      incoming.name += '+';
      incoming.mtimeSecs = col.nowSecs();
      incoming.usn = serverUsn;
    }
    write.run(incoming.id, incoming.name, incoming.mtimeSecs, incoming.usn, encodeDeckCommon(incoming.common), encodeDeckKind(incoming.kind));
  }
}

function mergePresets(col: Collection, dicts: LegacyJson[]): void {
  const write = col.stmt('insert or replace into deck_config (id, name, mtime_secs, usn, config) values (?, ?, ?, ?, ?)');
  for (const dict of dicts) {
    const incoming = deckConfigFromLegacy(dict);
    const existing = col.stmt<[number], { mtime_secs: number }>('select mtime_secs from deck_config where id = ?').get(incoming.id);
    if (existing !== undefined && existing.mtime_secs > incoming.mtimeSecs) continue;
    write.run(incoming.id, incoming.name, incoming.mtimeSecs, incoming.usn, encodeDeckConfig(incoming.config));
  }
}
