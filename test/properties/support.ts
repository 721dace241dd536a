// Shared pieces of the property-based tests (fast-check): the fixed seed, hostile strings, random
// JSON values, a generator of values that fit an action's params schema, and the checker of
// Anki-Connect's reply format. Not a test file itself (its name does not end in .test.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';

/**
 * Every property runs from this seed, so a failure reproduces exactly. For a longer hunt by
 * hand, PROP_SEED and PROP_RUNS_SCALE (a multiplier of every property's runs) override it;
 * `npm test` sets neither.
 */
export const SEED = process.env['PROP_SEED'] === undefined ? 20261204 : Number(process.env['PROP_SEED']);
const RUNS_SCALE = process.env['PROP_RUNS_SCALE'] === undefined ? 1 : Number(process.env['PROP_RUNS_SCALE']);

/** fast-check options for one property: the seed, a bounded number of runs, and the failing assertion in the report. */
export function runs(numRuns: number): { seed: number; numRuns: number; includeErrorInReport: boolean } {
  return { seed: SEED, numRuns: Math.max(1, Math.round(numRuns * RUNS_SCALE)), includeErrorInReport: true };
}

/**
 * Single "units" that break naive string handling: lone surrogates (high and low), NUL and
 * other control characters, combining marks and their precomposed forms (NFC/NFD pairs),
 * astral characters (a surrogate pair in UTF-16), zero-width and line-separator characters,
 * the BOM, and the ASCII punctuation that search, template, tag and file-name syntax use.
 */
export const SPECIAL_UNITS: readonly string[] = [
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00',
  '\0', '\x01', '\x08', '\x1b', '\x1f', '\x7f', '\x85', '\t', '\n', '\r', '\x0b', '\x0c',
  '\u00a0', '\u200b', '\u200d', '\u2028', '\u2029', '\uFEFF', '\uFFFD', '\uFFFE', '\uFFFF', '\u3000',
  '\u0301', '\u0308', 'é', 'e\u0301', 'Å', 'A\u030a', '\u212b', 'ﬁ', 'ß', 'İ', 'ı', 'Σ', 'ς', 'ǅ',
  '𝄞', '😀', '\uD83D\uDE00', '👩‍👩‍👧', '🇯🇵', '𠀋', '漢字', 'かな', 'Ω', '\u{10FFFF}', '\u{E0001}',
  ' ', '  ', '\\', '/', '.', '..', ':', '::', '"', "'", '`', '{', '}', '{{', '}}', '[', ']', '(', ')',
  '<', '>', '&', '%', '_', '*', '?', '-', '#', '^', '|', '=', ',', ';', '$', '@', '!', '~', '+',
  '<b>', '</b>', '<br>', '&nbsp;', '&amp;', 'a', 'Z', '0', '9',
];

/** One UTF-16 code unit, any of the 65536 (so surrogate halves appear on their own). */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/** One "unit" of a hostile string; see {@link SPECIAL_UNITS}. */
export const nastyUnit: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL_UNITS), weight: 5 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
  { arbitrary: anyCodeUnit, weight: 1 },
);

/** {@link nastyUnit} without lone surrogates: every string built from these is well-formed UTF-16. */
export const wellFormedUnit: fc.Arbitrary<string> = nastyUnit.filter((unit) => unit.isWellFormed());

/**
 * A string of up to `maxLength` hostile units (see {@link nastyUnit}); with `wellFormed`, one
 * with no lone surrogate (those are refused by the params check, so they never reach an action).
 */
export function nastyString(constraints: { minLength?: number; maxLength?: number; wellFormed?: boolean } = {}): fc.Arbitrary<string> {
  const unit = constraints.wellFormed === true ? wellFormedUnit : nastyUnit;
  return fc.string({ unit, minLength: constraints.minLength ?? 0, maxLength: constraints.maxLength ?? 12 });
}

/** Some of the strings from `pool`, mostly, and otherwise hostile ones (well-formed, mostly). */
export function pooledString(pool: readonly string[], maxLength = 12): fc.Arbitrary<string> {
  const hostile = fc.oneof(
    { arbitrary: nastyString({ maxLength, wellFormed: true }), weight: 3 },
    { arbitrary: nastyString({ maxLength }), weight: 1 },
  );
  if (pool.length === 0) return hostile;
  return fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 3 }, { arbitrary: hostile, weight: 2 });
}

/** Numbers that JSON can carry and code tends to mishandle. */
export const oddNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -5, max: 10 }),
  fc.constantFrom(-1, 0, -0, 1, 2, 3, 4, 5, 6, 7, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 2 ** 63, 1e20, 1e300, -1e300, 0.5, -0.5, 1.5, 1e-300),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, with hostile strings and odd numbers, nested a few levels at most. */
export function jsonish(maxDepth = 3): fc.Arbitrary<unknown> {
  const leaf: fc.Arbitrary<unknown> = fc.oneof(fc.constant(null), fc.boolean(), oddNumber, nastyString());
  if (maxDepth <= 0) return leaf;
  const inner = jsonish(maxDepth - 1);
  return fc.oneof(
    { arbitrary: leaf, weight: 4 },
    { arbitrary: fc.array(inner, { maxLength: 4 }), weight: 1 },
    { arbitrary: fc.dictionary(pooledString(['a', 'id', 'name', 'fields', 'note', 'cards'], 6), inner, { maxKeys: 4 }), weight: 1 },
  );
}

/** The subset of JSON Schema that TypeBox emits for the actions' params. */
export interface JsonSchema {
  type?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema | readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  const?: unknown;
}

/** What a schema-driven generator draws its strings and numbers from. */
export interface ValuePools {
  /** Strings that name things in the collection (decks, note types, fields, tags, templates). */
  names: readonly string[];
  /** Numbers that are ids of things in the collection. */
  ids: readonly number[];
  /** Generator used for a property with this name instead of its schema (paths, URLs). */
  overrides: ReadonlyMap<string, fc.Arbitrary<unknown>>;
}

/**
 * A value that has the shape `schema` describes, usually: strings and numbers come from the
 * pools or are hostile, optional properties come and go. With a small chance at every level the
 * value is replaced by a random JSON value of any type, so type checks are exercised too.
 */
export function valueForSchema(schema: JsonSchema, pools: ValuePools, depth = 0): fc.Arbitrary<unknown> {
  const typed = typedValue(schema, pools, depth);
  if (depth > 4) return typed;
  return fc.oneof({ arbitrary: typed, weight: 40 }, { arbitrary: jsonish(1), weight: 1 });
}

function typedValue(schema: JsonSchema, pools: ValuePools, depth: number): fc.Arbitrary<unknown> {
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) {
    return fc.oneof(...schema.anyOf.map((option) => valueForSchema(option, pools, depth + 1)));
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  switch (schema.type) {
    case 'string':
      return pooledString(pools.names);
    case 'integer':
      return pools.ids.length === 0
        ? oddNumber.map(Math.trunc)
        : fc.oneof({ arbitrary: fc.constantFrom(...pools.ids), weight: 4 }, { arbitrary: fc.integer({ min: -3, max: 10 }), weight: 2 }, { arbitrary: oddNumber.map(Math.trunc), weight: 1 });
    case 'number':
      return oddNumber;
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (Array.isArray(schema.items)) {
        const tuple = schema.items as readonly JsonSchema[];
        return fc.tuple(...tuple.map((item) => valueForSchema(item, pools, depth + 1)));
      }
      const item = (schema.items ?? {}) as JsonSchema;
      return fc.array(valueForSchema(item, pools, depth + 1), { maxLength: 4 });
    }
    case 'object':
      return objectValue(schema, pools, depth);
    default:
      return jsonish(2);
  }
}

function objectValue(schema: JsonSchema, pools: ValuePools, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of names) {
    model[name] = pools.overrides.get(name) ?? valueForSchema(properties[name] ?? {}, pools, depth + 1);
  }
  const required = (schema.required ?? []).filter((name) => names.includes(name));
  const fixed: fc.Arbitrary<Record<string, unknown>> = fc.record(model, { requiredKeys: required });
  const pattern = Object.values(schema.patternProperties ?? {})[0];
  if (pattern === undefined) return fixed;
  // A map such as a note's fields: keys from the pools (field names) and hostile ones.
  const extra = fc.dictionary(pooledString(pools.names, 8), valueForSchema(pattern, pools, depth + 1), { maxKeys: 4 });
  return fc.tuple(fixed, extra).map(([a, b]) => ({ ...b, ...a }));
}

/** True when `text` has no lone surrogate (String.prototype.isWellFormed, which Node 20 has). */
export function isWellFormed(text: string): boolean {
  return text.isWellFormed();
}

/** Strict UTF-8 decoding: throws on any invalid byte sequence (no U+FFFD substitution). */
export const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** True when `bytes` are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Messages of JavaScript's own exceptions (TypeError, RangeError, …) and of raw SQLite errors:
 * when one of these reaches a client as an `error`, the server failed internally instead of
 * refusing the input with a message of its own.
 */
export const INTERNAL_ERROR =
  /Cannot read propert|Cannot set propert|Cannot destructure|is not a function|is not iterable|is not a constructor|of undefined|of null\b|Maximum call stack|Invalid array length|Invalid string length|Invalid time value|Cannot convert|Cannot mix BigInt|Do not know how to serialize|\[object Object\]|SQLITE_|SqliteError|no such column|no such table|near ".*": syntax error|datatype mismatch|NOT NULL constraint|UNIQUE constraint|FOREIGN KEY|too many SQL variables|internal: /;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** An error reply: exactly `{result: null, error: <string>}`, with a message of the server's own. */
export function assertErrorEnvelope(reply: unknown, context: string): asserts reply is { result: null; error: string } {
  assert.ok(isRecord(reply), `an error envelope for ${context}, got ${describeValue(reply)}`);
  assert.deepEqual(Object.keys(reply).sort(), ['error', 'result'], `envelope keys for ${context}: ${describeValue(reply)}`);
  assert.equal(reply['result'], null, `result of an error reply for ${context}`);
  assert.equal(typeof reply['error'], 'string', `error of an error reply for ${context}: ${describeValue(reply)}`);
  assertNotInternal(reply['error'] as string, context);
}

/** Fails when an error text is a JavaScript or SQLite internal error rather than the server's own. */
export function assertNotInternal(message: string, context: string): void {
  assert.doesNotMatch(message, INTERNAL_ERROR, `an internal error leaked to the client for ${context}`);
}

function isErrorEnvelope(reply: unknown): reply is { result: null; error: string } {
  return isRecord(reply) && Object.keys(reply).length === 2 && 'result' in reply && typeof reply['error'] === 'string';
}

/**
 * Whether a top-level request passes the add-on's request schema (plugin/web.py): an object with
 * a non-empty string `action`, an integer `version` if present and an object `params` if present.
 */
export function passesRequestSchema(request: unknown): request is Record<string, unknown> {
  if (!isRecord(request)) return false;
  const action = request['action'];
  if (typeof action !== 'string' || action === '') return false;
  if ('version' in request && !(typeof request['version'] === 'number' && Number.isInteger(request['version']))) return false;
  if ('params' in request && !isRecord(request['params'])) return false;
  return true;
}

/**
 * Checks `reply` against Anki-Connect's reply format for `request` (a top-level request):
 * requests failing the request schema get an error envelope; otherwise see {@link assertItemReply}.
 */
export function assertTopLevelReply(request: unknown, reply: unknown, actions: ReadonlySet<string>): void {
  const context = describeValue(request);
  if (!passesRequestSchema(request)) {
    assertErrorEnvelope(reply, context);
    return;
  }
  assertItemReply(request, reply, actions, 0);
}

/**
 * The reply to one request (top-level or an item of `multi`): the version is the request's own
 * number (4 when it has none). An error is always `{result: null, error}`; a success is
 * `{result, error: null}` from version 5 on and the bare result up to 4. Only a supported action
 * can succeed, and a successful `multi` answers one reply per item, each in its own format.
 */
export function assertItemReply(request: unknown, reply: unknown, actions: ReadonlySet<string>, depth: number): void {
  const context = describeValue(request);
  if (!isRecord(request)) {
    assertErrorEnvelope(reply, context);
    return;
  }
  const rawVersion = request['version'];
  const version = typeof rawVersion === 'number' && Number.isFinite(rawVersion) ? rawVersion : 4;
  if (isErrorEnvelope(reply)) {
    assertErrorEnvelope(reply, context);
    return;
  }
  let result: unknown = reply;
  if (version >= 5) {
    assert.ok(isRecord(reply), `an envelope for version ${version}: ${context} → ${describeValue(reply)}`);
    assert.deepEqual(Object.keys(reply).sort(), ['error', 'result'], `envelope keys: ${context} → ${describeValue(reply)}`);
    assert.equal(reply['error'], null, `error of a success: ${context}`);
    result = reply['result'];
  }
  const action = request['action'];
  assert.ok(typeof action === 'string' && actions.has(action), `only a supported action succeeds: ${context} → ${describeValue(reply)}`);
  if (action === 'multi') {
    const params = request['params'];
    const items = isRecord(params) ? params['actions'] : undefined;
    assert.ok(Array.isArray(items), `multi succeeded without an actions list: ${context}`);
    assert.ok(Array.isArray(result), `multi answers a list: ${context} → ${describeValue(reply)}`);
    assert.equal(result.length, items.length, `multi answers one reply per item: ${context}`);
    items.forEach((item: unknown, i) => assertItemReply(item, result[i], actions, depth + 1));
  }
}
