/**
 * A note type as Anki's legacy JSON dict (rslib `notetype/schema11.rs`), which is what
 * Anki-Connect returns from findModelsById, findModelsByName and createModel: the keys in
 * Anki's order, legacy extras kept in the `other` blobs appended, and the same defaults.
 *
 * Field and template ids are random signed 64-bit integers, beyond what a JavaScript number
 * holds exactly, so they are `bigint` here; the reply writer prints them as plain JSON integers
 * with every digit (see src/http/json-int64.ts), so clients receive exactly what Anki would send.
 */
import {
  NotetypeConfig_CardRequirement_Kind as ReqKind,
  NotetypeConfig_Kind,
  type NotetypeConfig_CardRequirement,
} from '../storage/proto/gen/anki_storage/notetypes_pb.js';
import type { Notetype, NotetypeField, NotetypeTemplate } from './notetype.js';

/** A JSON-ready value whose 64-bit integers may be bigints. */
export type Schema11Value = null | boolean | number | bigint | string | Schema11Value[] | { [key: string]: Schema11Value };

/** The legacy dict of a note type. */
export type Schema11Notetype = Record<string, Schema11Value>;

const RESERVED_NOTETYPE_KEYS = new Set([
  'latexPost', 'flds', 'css', 'originalStockKind', 'originalId', 'id', 'usn', 'mod', 'req', 'latexPre', 'name', 'did',
  'tmpls', 'type', 'sortf', 'latexsvg',
]);
const RESERVED_FIELD_KEYS = new Set([
  'name', 'ord', 'sticky', 'rtl', 'plainText', 'font', 'size', 'collapsed', 'description', 'excludeFromSearch', 'id', 'tag',
  'preventDeletion',
]);
const RESERVED_TEMPLATE_KEYS = new Set(['name', 'ord', 'did', 'afmt', 'bafmt', 'qfmt', 'bqfmt', 'bfont', 'bsize', 'id']);

const REQ_NAMES: Record<number, string> = { [ReqKind.ANY]: 'any', [ReqKind.ALL]: 'all', [ReqKind.NONE]: 'none' };

/**
 * The legacy keys Anki keeps in a config's `other` bytes (JSON of keys it does not know, such as
 * Anki 2.0's `vers` and `tags`), minus the reserved ones, in stored order. Bytes that are not a
 * JSON object are ignored, as Anki ignores them.
 */
function otherKeys(bytes: Uint8Array, reserved: ReadonlySet<string>): [string, Schema11Value][] {
  if (bytes.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [];
  return Object.entries(parsed as Record<string, Schema11Value>).filter(([key]) => !reserved.has(key));
}

/** An id held as int64: a number when it is one, else the exact bigint. */
function int64(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** A deck id stored as int64 where 0 (templates: anything below 1) means none: null then, as Anki writes it. */
function deckIdOrNull(value: bigint, lowest: bigint): number | bigint | null {
  return value === 0n || value < lowest ? null : int64(value);
}

function reqToSchema11(req: NotetypeConfig_CardRequirement): Schema11Value {
  return [req.cardOrd, REQ_NAMES[req.kind] ?? 'none', [...req.fieldOrds]];
}

/** One field's legacy dict. */
export function fieldToSchema11(field: NotetypeField): Schema11Notetype {
  const c = field.config;
  return Object.fromEntries<Schema11Value>([
    ['name', field.name],
    ['ord', field.ord],
    ['sticky', c.sticky],
    ['rtl', c.rtl],
    ['font', c.fontName],
    // Anki's legacy dict holds the size as a u16.
    ['size', c.fontSize & 0xffff],
    ['description', c.description],
    ['plainText', c.plainText],
    ['collapsed', c.collapsed],
    ['excludeFromSearch', c.excludeFromSearch],
    ['id', c.id ?? null],
    ['tag', c.tag ?? null],
    ['preventDeletion', c.preventDeletion],
    ...otherKeys(c.other, RESERVED_FIELD_KEYS),
  ]);
}

/** One template's legacy dict. */
export function templateToSchema11(template: NotetypeTemplate): Schema11Notetype {
  const c = template.config;
  return Object.fromEntries<Schema11Value>([
    ['name', template.name],
    ['ord', template.ord],
    ['qfmt', c.qFormat],
    ['afmt', c.aFormat],
    ['bqfmt', c.qFormatBrowser],
    ['bafmt', c.aFormatBrowser],
    ['did', deckIdOrNull(c.targetDeckId, 1n)],
    ['bfont', c.browserFontName],
    // Anki's legacy dict holds the browser font size as a u8.
    ['bsize', c.browserFontSize & 0xff],
    ['id', c.id ?? null],
    ...otherKeys(c.other, RESERVED_TEMPLATE_KEYS),
  ]);
}

/**
 * A note type's legacy dict, key for key as Anki serialises it: `originalStockKind` only when
 * set, `originalId` only when present, unknown legacy keys last.
 */
export function notetypeToSchema11(notetype: Notetype): Schema11Notetype {
  const c = notetype.config;
  const entries: [string, Schema11Value][] = [
    ['id', notetype.id],
    ['name', notetype.name],
    ['type', c.kind === NotetypeConfig_Kind.CLOZE ? 1 : 0],
    ['mod', notetype.mtimeSecs],
    ['usn', notetype.usn],
    ['sortf', c.sortFieldIdx & 0xffff],
    ['did', deckIdOrNull(c.targetDeckIdUnused, -(2n ** 63n))],
    ['tmpls', notetype.templates.map(templateToSchema11)],
    ['flds', notetype.fields.map(fieldToSchema11)],
    ['css', c.css],
    ['latexPre', c.latexPre],
    ['latexPost', c.latexPost],
    ['latexsvg', c.latexSvg],
    ['req', c.reqs.map(reqToSchema11)],
  ];
  // An open proto3 enum: Anki stores values outside the named ones (see stock.ts), kept as numbers.
  const stockKind: number = c.originalStockKind;
  if (stockKind !== 0) entries.push(['originalStockKind', stockKind]);
  if (c.originalId !== undefined) entries.push(['originalId', int64(c.originalId)]);
  entries.push(...otherKeys(c.other, RESERVED_NOTETYPE_KEYS));
  return Object.fromEntries(entries);
}
