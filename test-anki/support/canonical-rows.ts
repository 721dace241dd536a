/**
 * Every row of a collection, as rows.ts dumps them, with the protobuf blobs decoded and their
 * `other` bytes (legacy JSON keys Anki keeps) parsed with sorted keys: Anki writes those from a
 * hash map, so their order differs from one Anki process to the next and says nothing.
 */
import { fromBinary, toJson, type DescMessage } from '@bufbuild/protobuf';
import { DeckConfigConfigSchema } from '../../src/storage/proto/gen/anki_storage/deck_config_pb.js';
import { DeckCommonSchema, DeckKindSchema } from '../../src/storage/proto/gen/anki_storage/decks_pb.js';
import { FieldConfigSchema, NotetypeConfigSchema, TemplateConfigSchema } from '../../src/storage/proto/gen/anki_storage/notetypes_pb.js';
import { dumpRows, type Rows } from './rows.js';

/** The blob columns of each table, by position, and the message each holds. */
const BLOBS: Record<string, Record<number, DescMessage>> = {
  decks: { 4: DeckCommonSchema, 5: DeckKindSchema },
  deck_config: { 4: DeckConfigConfigSchema },
  notetypes: { 4: NotetypeConfigSchema },
  fields: { 3: FieldConfigSchema },
  templates: { 5: TemplateConfigSchema },
};

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, sortedKeys(item)]),
  );
}

function decoded(schema: DescMessage, hex: string): unknown {
  const json = toJson(schema, fromBinary(schema, Buffer.from(hex, 'hex'))) as Record<string, unknown>;
  if (typeof json['other'] === 'string') json['other'] = sortedKeys(JSON.parse(Buffer.from(json['other'], 'base64').toString('utf8')));
  return json;
}

export function canonicalRows(path: string): Rows {
  const rows = dumpRows(path);
  for (const [table, columns] of Object.entries(BLOBS)) {
    const list = rows.get(table);
    if (list === undefined) continue;
    rows.set(
      table,
      list
        .map((text) => {
          const row = JSON.parse(text) as unknown[];
          for (const [at, schema] of Object.entries(columns)) {
            const value = row[Number(at)];
            if (typeof value === 'string' && value.startsWith('blob:')) row[Number(at)] = decoded(schema, value.slice(5));
          }
          return JSON.stringify(row);
        })
        .sort(),
    );
  }
  return rows;
}
