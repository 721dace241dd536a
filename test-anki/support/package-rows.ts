/**
 * Two collections compared after importing a package: every row of every table, with the ids
 * and times Anki draws afresh on each import replaced by what they stand for. Deck and preset ids
 * become their names (the importer gives new decks new ids), note type ids become names (the stock
 * note types of each new collection have their own ids), and the stamps of the moment of import
 * (col times, modification times of rows the importer wrote) are left out.
 */
import Database from 'better-sqlite3';
import { fromBinary, toJson } from '@bufbuild/protobuf';
import { unicaseExtensionPath } from '../../src/storage/database.js';
import { DeckCommonSchema, DeckKindSchema } from '../../src/storage/proto/gen/anki_storage/decks_pb.js';
import { DeckConfigConfigSchema } from '../../src/storage/proto/gen/anki_storage/deck_config_pb.js';
import { FieldConfigSchema, NotetypeConfigSchema, TemplateConfigSchema } from '../../src/storage/proto/gen/anki_storage/notetypes_pb.js';

export type SemanticRows = Map<string, string[]>;

type Row = Record<string, unknown>;

/** JSON with object keys sorted at every depth. */
function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, sortedJson(item)]),
  );
}

/**
 * A protobuf blob as JSON. The `other` bytes (legacy keys Anki keeps as JSON) are parsed: Anki
 * writes them from a hash map, so their key order differs from one Anki process to the next.
 */
function blobJson(schema: Parameters<typeof fromBinary>[0], blob: unknown): unknown {
  const json = toJson(schema, fromBinary(schema, blob as Uint8Array)) as Record<string, unknown>;
  if (typeof json['other'] === 'string') {
    json['other'] = sortedJson(JSON.parse(Buffer.from(json['other'], 'base64').toString('utf8')));
  }
  return json;
}

/** The collection's rows with drawn ids replaced; see the module comment. */
export function semanticRows(path: string): SemanticRows {
  const db = new Database(path, { fileMustExist: true, readonly: true });
  db.loadExtension(unicaseExtensionPath());
  try {
    const all = (sql: string): Row[] => db.prepare(sql).all() as Row[];
    const deckName = new Map(all('select id, name from decks').map((r) => [r['id'] as number, r['name'] as string]));
    const presetName = new Map(all('select id, name from deck_config').map((r) => [r['id'] as number, r['name'] as string]));
    const notetypeName = new Map(all('select id, name from notetypes').map((r) => [r['id'] as number, r['name'] as string]));
    const deck = (id: unknown): string => (id === 0 ? '-' : (deckName.get(id as number) ?? `missing deck ${String(id)}`));
    const notetype = (id: unknown): string => notetypeName.get(id as number) ?? `missing notetype ${String(id)}`;
    const out: SemanticRows = new Map();
    const put = (table: string, rows: unknown[]): void => {
      out.set(table, rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort());
    };
    put(
      'decks',
      all('select * from decks').map((r) => {
        const kind = blobJson(DeckKindSchema, r['kind']) as { normal?: { configId?: string } };
        if (kind.normal !== undefined) {
          const configId = Number(kind.normal.configId ?? 0);
          kind.normal.configId = presetName.get(configId) ?? `missing preset ${configId}`;
        }
        return { name: r['name'], common: blobJson(DeckCommonSchema, r['common']), kind };
      }),
    );
    put(
      'deck_config',
      all('select * from deck_config').map((r) => ({ name: r['name'], config: blobJson(DeckConfigConfigSchema, r['config']) })),
    );
    put(
      'notetypes',
      all('select * from notetypes').map((r) => ({ name: r['name'], config: blobJson(NotetypeConfigSchema, r['config']) })),
    );
    put(
      'fields',
      all('select * from fields').map((r) => ({ ...r, ntid: notetype(r['ntid']), config: blobJson(FieldConfigSchema, r['config']) })),
    );
    put(
      'templates',
      all('select * from templates').map((r) => ({ ...r, ntid: notetype(r['ntid']), config: blobJson(TemplateConfigSchema, r['config']) })),
    );
    put('config', all('select KEY, usn, mtime_secs, cast(val as text) as val from config'));
    put('notes', all('select * from notes').map((r) => ({ ...r, mid: notetype(r['mid']) })));
    put('cards', all('select * from cards').map((r) => ({ ...r, did: deck(r['did']), odid: deck(r['odid']) })));
    put('revlog', all('select * from revlog'));
    put('tags', all('select * from tags'));
    put('graves', all('select * from graves'));
    return out;
  } finally {
    db.close();
  }
}

/** Differences between two semantic dumps, one line per row found on one side only. */
export function diffSemanticRows(expected: SemanticRows, actual: SemanticRows): string[] {
  const out: string[] = [];
  for (const table of new Set([...expected.keys(), ...actual.keys()])) {
    const a = expected.get(table) ?? [];
    const b = actual.get(table) ?? [];
    const setA = new Set(a);
    const setB = new Set(b);
    for (const row of a) if (!setB.has(row)) out.push(`${table} - ${row}`);
    for (const row of b) if (!setA.has(row)) out.push(`${table} + ${row}`);
  }
  return out;
}
