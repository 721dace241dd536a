/**
 * A note type as Anki's legacy JSON dict (rslib `notetype/schema11.rs`), which is what
 * Anki-Connect returns from findModelsById, findModelsByName and createModel: the keys in
 * Anki's order, legacy extras kept in the `other` blobs appended, and the same defaults.
 *
 * Field and template ids are random signed 64-bit integers, beyond what a JavaScript number
 * holds exactly, so they are `bigint` here; the reply writer prints them as plain JSON integers
 * with every digit (see src/text/json-int64.ts), so clients receive exactly what Anki would send.
 */
import { create } from '@bufbuild/protobuf';
import { reflect } from '@bufbuild/protobuf/reflect';
import {
  NotetypeConfig_CardRequirement_Kind as ReqKind,
  NotetypeConfig_Kind,
  type NotetypeConfig_CardRequirement,
} from '../storage/proto/gen/anki_storage/notetypes_pb.js';
import {
  FieldConfigSchema,
  NotetypeConfig_CardRequirementSchema,
  NotetypeConfigSchema,
  TemplateConfigSchema,
} from '../storage/proto/gen/anki_storage/notetypes_pb.js';
import { legacyReaders } from '../deckconfig/schema11.js';
import { stringifySerdeMap } from '../text/serde-json.js';
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

// ---------------------------------------------------------------------------------------------
// Legacy dict → note type, as Anki reads `col.models` when it upgrades a schema-11 collection
// (rslib `NotetypeSchema11` deserialised by serde, then `From<NotetypeSchema11> for Notetype`).

const { requiredKey, optionalKey, integer, numberFromString, bool, string, object, orDefault, boolFromAnything, readOptionalInt64 } =
  legacyReaders;

/** Refuses the dict as Anki's upgrade would (a function declaration, so TypeScript narrows after it). */
function fail(message: string): never {
  return legacyReaders.fail(message);
}

const u8 = integer(0, 255);
const u16 = integer(0, 65_535);
const u32 = integer(0, 4_294_967_295);
const i32 = integer(-2_147_483_648, 2_147_483_647);
const safeInteger = integer(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);

/** A deck id behind `default_on_invalid`: 0 when null, absent or not an i64. */
function deckIdOrZero(obj: Record<string, unknown>, key: string): bigint {
  return optionalKey(obj, key, (value) => orDefault(() => readOptionalInt64(value, key) ?? 0n, 0n), 0n);
}

/**
 * The keys Anki does not know, as the JSON bytes of the `other` field (empty when there are none),
 * written as Anki's serde_json writes them (keys sorted).
 */
function otherBytes(obj: Record<string, unknown>, reserved: ReadonlySet<string>): Uint8Array {
  const extra = Object.entries(obj).filter(([key]) => !reserved.has(key));
  if (extra.length === 0) return new Uint8Array();
  return new Uint8Array(Buffer.from(stringifySerdeMap(extra), 'utf8'));
}

const REQ_KIND_FROM_NAME: Record<string, ReqKind> = { any: ReqKind.ANY, all: ReqKind.ALL, none: ReqKind.NONE };

/** One `req` entry: `[ord, "any"|"all"|"none", [field ords]]` (or the same as an object, which serde also takes). */
function reqFromSchema11(value: unknown): NotetypeConfig_CardRequirement {
  let parts: unknown[];
  if (Array.isArray(value)) {
    if (value.length !== 3) fail('invalid length for a card requirement');
    parts = value;
  } else {
    const obj = object(value, 'req');
    parts = [requiredKey(obj, 'card_ord'), requiredKey(obj, 'kind'), requiredKey(obj, 'field_ords')];
  }
  const [ord, kindName, fieldOrds] = parts;
  const kind = typeof kindName === 'string' ? REQ_KIND_FROM_NAME[kindName] : undefined;
  if (kind === undefined) fail('invalid card requirement kind');
  if (!Array.isArray(fieldOrds)) fail('invalid card requirement field list');
  return create(NotetypeConfig_CardRequirementSchema, {
    cardOrd: u16(ord, 'req'),
    kind,
    fieldOrds: fieldOrds.map((fieldOrd) => u16(fieldOrd, 'req')),
  });
}

/** One field of `flds`; `ord` is its position, which is how Anki writes the rows. */
function fieldFromSchema11(value: unknown, ord: number): NotetypeField {
  const obj = object(value, 'flds');
  const name = string(requiredKey(obj, 'name'), 'name');
  optionalKey(obj, 'ord', (v) => (v === null ? undefined : u16(v, 'ord')), undefined);
  const sticky = boolFromAnything(requiredKey(obj, 'sticky'), 'sticky');
  const rtl = boolFromAnything(requiredKey(obj, 'rtl'), 'rtl');
  const fontName = string(requiredKey(obj, 'font'), 'font');
  const fontSize = u16(requiredKey(obj, 'size'), 'size');
  const lenient = <T>(key: string, read: (v: unknown, k: string) => T, fallback: T): T =>
    optionalKey(obj, key, (v) => orDefault(() => read(v, key), fallback), fallback);
  const id = lenient('id', readOptionalInt64, undefined);
  const tag = lenient('tag', (v, k) => (v === null ? undefined : u32(v, k)), undefined);
  const config = create(FieldConfigSchema, {
    sticky,
    rtl,
    fontName,
    fontSize,
    description: lenient('description', string, ''),
    plainText: lenient('plainText', bool, false),
    collapsed: lenient('collapsed', bool, false),
    excludeFromSearch: lenient('excludeFromSearch', bool, false),
    preventDeletion: lenient('preventDeletion', bool, false),
    other: otherBytes(obj, RESERVED_FIELD_KEYS),
  });
  if (id !== undefined) config.id = id;
  if (tag !== undefined) config.tag = tag;
  return { ord, name, config };
}

/** One template of `tmpls`; `ord` is its position. Templates read from legacy JSON get mtime 0 and usn 0, as in Anki. */
function templateFromSchema11(value: unknown, ord: number): NotetypeTemplate {
  const obj = object(value, 'tmpls');
  const name = string(requiredKey(obj, 'name'), 'name');
  optionalKey(obj, 'ord', (v) => (v === null ? undefined : u16(v, 'ord')), undefined);
  const lenient = <T>(key: string, read: (v: unknown, k: string) => T, fallback: T): T =>
    optionalKey(obj, key, (v) => orDefault(() => read(v, key), fallback), fallback);
  const id = lenient('id', readOptionalInt64, undefined);
  const config = create(TemplateConfigSchema, {
    qFormat: string(requiredKey(obj, 'qfmt'), 'qfmt'),
    aFormat: optionalKey(obj, 'afmt', string, ''),
    qFormatBrowser: optionalKey(obj, 'bqfmt', string, ''),
    aFormatBrowser: optionalKey(obj, 'bafmt', string, ''),
    targetDeckId: deckIdOrZero(obj, 'did'),
    browserFontName: lenient('bfont', string, ''),
    browserFontSize: lenient('bsize', u8, 0),
    other: otherBytes(obj, RESERVED_TEMPLATE_KEYS),
  });
  if (id !== undefined) config.id = id;
  return { ord, name, mtimeSecs: 0, usn: 0, config };
}

/**
 * A note type read from its legacy dict with the rules Anki applies when it upgrades `col.models`
 * (anki-format.md §1.5): `id`, `name`, `type`, `mod`, `usn`, `sortf`, `did` (may be null),
 * `tmpls`, `flds` and `css` are required, the other known keys optional, some of them falling
 * back to defaults when invalid; ids may be numbers or numeric strings; unknown keys are kept in
 * the `other` bytes. Field and template ords are their positions. Names are taken as they are
 * (the upgrade normalises them). Throws {@link LegacyConfigError} where Anki's upgrade fails.
 */
export function notetypeFromSchema11(dict: unknown): Notetype {
  const obj = object(dict, 'model');
  const id = numberFromString(requiredKey(obj, 'id'), 'id');
  const name = string(requiredKey(obj, 'name'), 'name');
  const kind = integer(0, 1)(requiredKey(obj, 'type'), 'type');
  const mtimeSecs = safeInteger(requiredKey(obj, 'mod'), 'mod');
  const usn = i32(requiredKey(obj, 'usn'), 'usn');
  const sortFieldIdx = u16(requiredKey(obj, 'sortf'), 'sortf');
  // The key must be there; a null or invalid value means no deck.
  const didValue = requiredKey(obj, 'did');
  const targetDeckIdUnused = orDefault(() => readOptionalInt64(didValue, 'did') ?? 0n, 0n);
  const templatesValue = requiredKey(obj, 'tmpls');
  const fieldsValue = requiredKey(obj, 'flds');
  if (!Array.isArray(templatesValue)) fail('invalid value for `tmpls`: expected a list');
  if (!Array.isArray(fieldsValue)) fail('invalid value for `flds`: expected a list');
  const templates = templatesValue.map(templateFromSchema11);
  const fields = fieldsValue.map(fieldFromSchema11);
  const cssValue = requiredKey(obj, 'css');
  const config = create(NotetypeConfigSchema, {
    kind: kind === 1 ? NotetypeConfig_Kind.CLOZE : NotetypeConfig_Kind.NORMAL,
    sortFieldIdx,
    css: orDefault(() => string(cssValue, 'css'), ''),
    targetDeckIdUnused,
    latexPre: optionalKey(obj, 'latexPre', string, ''),
    latexPost: optionalKey(obj, 'latexPost', string, ''),
    latexSvg: optionalKey(obj, 'latexsvg', (v) => orDefault(() => bool(v, 'latexsvg'), false), false),
    reqs: optionalKey(
      obj,
      'req',
      (v) =>
        orDefault(() => {
          if (!Array.isArray(v)) fail('invalid value for `req`');
          return v.map(reqFromSchema11);
        }, []),
      [],
    ),
    other: otherBytes(obj, RESERVED_NOTETYPE_KEYS),
  });
  // An open enum: Anki keeps any i32 here (see stock.ts for values outside the named ones).
  reflect(NotetypeConfigSchema, config).set(NotetypeConfigSchema.field.originalStockKind, optionalKey(obj, 'originalStockKind', i32, 0));
  const originalId = optionalKey(obj, 'originalId', readOptionalInt64, undefined);
  if (originalId !== undefined) config.originalId = originalId;
  return { id, name, mtimeSecs, usn, config, fields, templates };
}
