import type { Json, JsonObject } from '../deckconfig/schema11.js';
import { f32Json } from '../deckconfig/schema11.js';
import type { Deck } from './deck.js';
import { humanDeckName } from './names.js';
import { create } from '@bufbuild/protobuf';
import { reflect } from '@bufbuild/protobuf/reflect';
import { legacyReaders } from '../deckconfig/schema11.js';
import { stringifySerdeMap } from '../text/serde-json.js';
import {
  DayLimitSchema,
  DeckCommonSchema,
  DeckKindSchema,
  FilteredDeck_SearchTermSchema,
  FilteredDeckSchema,
  NormalDeckSchema,
  type DayLimit,
  type DeckKind,
  type FilteredDeck_SearchTerm,
} from '../storage/proto/gen/anki_storage/decks_pb.js';
import { nativeDeckName } from './names.js';

// Keys of the legacy deck dict that are the deck's own; anything else stored in the `other`
// bytes of the common blob is given back as it was.
const RESERVED_KEYS = new Set([
  'usn', 'revToday', 'newLimit', 'dyn', 'reviewLimit', 'newToday', 'timeToday', 'reviewLimitToday', 'extendNew', 'mod',
  'newLimitToday', 'desc', 'name', 'lrnToday', 'conf', 'browserCollapsed', 'extendRev', 'id', 'collapsed',
  'resched', 'terms', 'separate', 'delays', 'previewDelay', 'previewAgainSecs', 'previewHardSecs', 'previewGoodSecs',
]);

function otherKeys(bytes: Uint8Array): JsonObject {
  if (bytes.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed as Record<string, Json>).filter(([key]) => !RESERVED_KEYS.has(key)));
  } catch {
    return {};
  }
}

/** The keys every legacy deck dict starts with: identity, the day's study counts, collapsed states. */
function commonLegacyKeys(deck: Deck): JsonObject {
  const common = deck.common;
  const day = common.lastDayStudied;
  return {
    id: deck.id,
    mod: deck.mtimeSecs,
    name: humanDeckName(deck.name),
    usn: deck.usn,
    lrnToday: [day, common.learningStudied],
    revToday: [day, common.reviewStudied],
    newToday: [day, common.newStudied],
    timeToday: [day, common.millisecondsStudied],
    collapsed: common.studyCollapsed,
    browserCollapsed: common.browserCollapsed,
  };
}

/**
 * The legacy ("schema 11") dict of a filtered deck, as Anki's `DeckSchema11` writes it: what
 * Anki-Connect's getDeckConfig returns for a filtered deck, `dyn` 1 telling clients apart.
 * Undefined for a normal deck.
 */
export function filteredDeckToLegacy(deck: Deck): JsonObject | undefined {
  if (deck.kind.kind.case !== 'filtered') return undefined;
  const filtered = deck.kind.kind.value;
  return {
    ...commonLegacyKeys(deck),
    desc: '',
    dyn: 1,
    ...otherKeys(deck.common.other),
    resched: filtered.reschedule,
    terms: filtered.searchTerms.map((term) => [term.search, term.limit, term.order]),
    separate: true,
    delays: filtered.delays.length === 0 ? null : filtered.delays.map(f32Json),
    previewDelay: filtered.previewDelay,
    previewAgainSecs: filtered.previewAgainSecs,
    previewHardSecs: filtered.previewHardSecs,
    previewGoodSecs: filtered.previewGoodSecs,
  };
}

/** `{limit, today}` as the legacy dict holds a day limit, or null. */
function dayLimitJson(limit: DayLimit | undefined): Json {
  return limit === undefined ? null : { limit: limit.limit, today: limit.today };
}

/**
 * The legacy dict of any deck, as Anki's `DeckSchema11` writes it when it downgrades a collection
 * to schema 11 (legacy packages, "Downgrade & Quit"): the filtered form above, or for a normal
 * deck its preset, limits and description, the desired retention as a whole percent.
 */
export function deckToSchema11(deck: Deck): JsonObject {
  const filtered = filteredDeckToLegacy(deck);
  if (filtered !== undefined) return filtered;
  if (deck.kind.kind.case !== 'normal') throw new Error(`deck ${deck.id} has no kind`);
  const normal = deck.kind.kind.value;
  const common = deck.common;
  const md: JsonObject = normal.markdownDescription ? { md: true } : {};
  const other = otherKeys(common.other);
  delete other['desiredRetention'];
  return {
    ...commonLegacyKeys(deck),
    desc: normal.description,
    ...md,
    dyn: 0,
    ...other,
    conf: Number(normal.configId),
    extendNew: normal.extendNew | 0,
    extendRev: normal.extendReview | 0,
    reviewLimit: normal.reviewLimit ?? null,
    newLimit: normal.newLimit ?? null,
    reviewLimitToday: dayLimitJson(normal.reviewLimitToday),
    newLimitToday: dayLimitJson(normal.newLimitToday),
    // Anki multiplies in single precision and truncates.
    desiredRetention: normal.desiredRetention === undefined ? null : Math.trunc(Math.fround(Math.fround(normal.desiredRetention) * 100)),
  };
}

// ---------------------------------------------------------------------------------------------
// Legacy dict → deck, as Anki reads `col.decks` when it upgrades a schema-11 collection (rslib
// `DeckSchema11` deserialised by serde, then `From<DeckSchema11> for Deck`).

const { requiredKey, optionalKey, integer, numberFromString, f32s, bool, string, object, orDefault, boolFromAnything, readInt64 } =
  legacyReaders;
const u8 = integer(0, 255);
const u32 = integer(0, 4_294_967_295);
const i32 = integer(-2_147_483_648, 2_147_483_647);

/** Refuses the dict as Anki's upgrade would (a function declaration, so TypeScript narrows after it). */
function fail(message: string): never {
  return legacyReaders.fail(message);
}

// The keys each kind of deck reads; every other key (but the obsolete `return`) is kept in the
// common blob's `other` bytes.
const COMMON_KEYS = ['id', 'mod', 'name', 'usn', 'lrnToday', 'revToday', 'newToday', 'timeToday', 'collapsed', 'browserCollapsed', 'desc', 'md', 'dyn'];
const NORMAL_KEYS = new Set([
  ...COMMON_KEYS, 'conf', 'extendNew', 'extendRev', 'reviewLimit', 'newLimit', 'reviewLimitToday', 'newLimitToday', 'desiredRetention', 'return',
]);
const FILTERED_KEYS = new Set([
  ...COMMON_KEYS, 'resched', 'terms', 'separate', 'delays', 'previewDelay', 'previewAgainSecs', 'previewHardSecs', 'previewGoodSecs', 'return',
]);

/** serde_json's `as_i64`, then Rust's `as i32`: any other value counts as 0, big ones wrap. */
function wrappingI32(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return Number(BigInt.asIntN(32, BigInt(value)));
  if (typeof value === 'bigint' && value === BigInt.asIntN(64, value)) return Number(BigInt.asIntN(32, value));
  return 0;
}

/** A `[day, amount]` pair (`TodayAmountSchema11`): the last item is the amount, the one before it the day. */
function todayAmount(obj: Record<string, unknown>, key: string): { day: number; amount: number } {
  const value = requiredKey(obj, key);
  if (!Array.isArray(value)) fail(`invalid value for \`${key}\`: expected a list`);
  const items = [...(value as unknown[])];
  const amount = wrappingI32(items.pop());
  const day = wrappingI32(items.pop());
  return { day, amount };
}

/** `{limit, today}`, or none when null or invalid (serde `default_on_invalid`). */
function dayLimit(obj: Record<string, unknown>, key: string): DayLimit | undefined {
  return optionalKey(
    obj,
    key,
    (value) =>
      orDefault((): DayLimit | undefined => {
        if (value === null) return undefined;
        const limit = object(value, key);
        return create(DayLimitSchema, { limit: u32(requiredKey(limit, 'limit'), key), today: u32(requiredKey(limit, 'today'), key) });
      }, undefined),
    undefined,
  );
}

/** One filtered-deck search term: `[search, limit, order]` (or the same as an object), the limit a number or numeric string. */
function searchTerm(value: unknown): FilteredDeck_SearchTerm {
  let parts: unknown[];
  if (Array.isArray(value)) {
    if (value.length !== 3) fail('invalid length for a search term');
    parts = value;
  } else {
    const term = object(value, 'terms');
    parts = [requiredKey(term, 'search'), requiredKey(term, 'limit'), requiredKey(term, 'order')];
  }
  const limit = i32(numberFromString(parts[1], 'terms'), 'terms');
  const term = create(FilteredDeck_SearchTermSchema, { search: string(parts[0], 'terms'), limit: Math.max(limit, 0) });
  // An open enum: Anki keeps any i32 here, named or not.
  reflect(FilteredDeck_SearchTermSchema, term).set(FilteredDeck_SearchTermSchema.field.order, i32(parts[2], 'terms'));
  return term;
}

/**
 * The keys of `obj` outside `known`, as the JSON bytes of the `other` field (empty when none),
 * written as Anki's serde_json writes them (keys sorted).
 */
function otherBytes(obj: Record<string, unknown>, known: ReadonlySet<string>): Uint8Array {
  const extra = Object.entries(obj).filter(([key]) => !known.has(key));
  if (extra.length === 0) return new Uint8Array();
  return new Uint8Array(Buffer.from(stringifySerdeMap(extra), 'utf8'));
}

/**
 * A deck read from its legacy dict with the rules Anki applies when it upgrades `col.decks`
 * (anki-format.md §1.5): `dyn` (0/1 or a bool) picks a normal or a filtered deck; `id`, `name`,
 * `usn`, the four `…Today` pairs and `collapsed` are required, plus `conf` for a normal deck and
 * `resched` and `terms` for a filtered one; ids may be numbers or numeric strings; the study
 * counts of earlier days are dropped; unknown keys are kept in the common blob's `other` bytes.
 * The name comes back in native form, normalised (`blank` for an empty component). Throws
 * {@link LegacyConfigError} where Anki's upgrade fails, including for a deck with id 0.
 */
export function deckFromSchema11(dict: unknown): Deck {
  const obj = object(dict, 'deck');
  const dynValue = requiredKey(obj, 'dyn');
  let filtered: boolean;
  if (typeof dynValue === 'boolean') {
    filtered = dynValue;
  } else if (typeof dynValue === 'number' || typeof dynValue === 'bigint') {
    filtered = dynValue === 1 || dynValue === 1n;
    // Stored as a u8 in the legacy struct, so other numbers must still fit one.
    if (typeof dynValue === 'bigint' || !Number.isInteger(dynValue)) fail('invalid value for `dyn`');
    u8(dynValue, 'dyn');
  } else {
    fail('dyn was wrong type');
  }

  const id = numberFromString(requiredKey(obj, 'id'), 'id');
  const mtimeSecs = optionalKey(obj, 'mod', numberFromString, 0);
  const name = string(requiredKey(obj, 'name'), 'name');
  const usn = i32(requiredKey(obj, 'usn'), 'usn');
  const lrn = todayAmount(obj, 'lrnToday');
  const rev = todayAmount(obj, 'revToday');
  const neu = todayAmount(obj, 'newToday');
  const time = todayAmount(obj, 'timeToday');
  const studyCollapsed = bool(requiredKey(obj, 'collapsed'), 'collapsed');
  const browserCollapsed = optionalKey(obj, 'browserCollapsed', bool, false);
  const description = optionalKey(obj, 'desc', string, '');
  const markdownDescription = optionalKey(obj, 'md', bool, false);

  let kind: DeckKind;
  if (filtered) {
    const resched = boolFromAnything(requiredKey(obj, 'resched'), 'resched');
    const termsValue = requiredKey(obj, 'terms');
    if (!Array.isArray(termsValue)) fail('invalid value for `terms`: expected a list');
    const searchTerms = termsValue.map(searchTerm);
    optionalKey(obj, 'separate', bool, false);
    kind = create(DeckKindSchema, {
      kind: {
        case: 'filtered',
        value: create(FilteredDeckSchema, {
          reschedule: resched,
          searchTerms,
          delays: optionalKey(obj, 'delays', (v) => orDefault(() => (v === null ? [] : f32s(v, 'delays')), []), []),
          previewDelay: optionalKey(obj, 'previewDelay', u32, 0),
          previewAgainSecs: optionalKey(obj, 'previewAgainSecs', u32, 0),
          previewHardSecs: optionalKey(obj, 'previewHardSecs', u32, 0),
          previewGoodSecs: optionalKey(obj, 'previewGoodSecs', u32, 0),
        }),
      },
    });
  } else {
    const configId = readInt64(numberFromString(requiredKey(obj, 'conf'), 'conf'), 'conf');
    const lenient = <T>(key: string, read: (v: unknown, k: string) => T, fallback: T): T =>
      optionalKey(obj, key, (v) => orDefault(() => read(v, key), fallback), fallback);
    const optionalU32 = (v: unknown, k: string): number | undefined => (v === null ? undefined : u32(v, k));
    const normal = create(NormalDeckSchema, {
      configId,
      extendNew: Math.max(lenient('extendNew', i32, 0), 0),
      extendReview: Math.max(lenient('extendRev', i32, 0), 0),
      description,
      markdownDescription,
    });
    const reviewLimit = lenient('reviewLimit', optionalU32, undefined);
    const newLimit = lenient('newLimit', optionalU32, undefined);
    const reviewLimitToday = dayLimit(obj, 'reviewLimitToday');
    const newLimitToday = dayLimit(obj, 'newLimitToday');
    // An integer percent in the legacy dict, a ratio in the blob.
    const desiredRetention = lenient('desiredRetention', optionalU32, undefined);
    if (reviewLimit !== undefined) normal.reviewLimit = reviewLimit;
    if (newLimit !== undefined) normal.newLimit = newLimit;
    if (reviewLimitToday !== undefined) normal.reviewLimitToday = reviewLimitToday;
    if (newLimitToday !== undefined) normal.newLimitToday = newLimitToday;
    if (desiredRetention !== undefined) normal.desiredRetention = Math.fround(Math.fround(desiredRetention) / 100);
    kind = create(DeckKindSchema, { kind: { case: 'normal', value: normal } });
  }

  // The pairs become one "last day studied": amounts counted on an earlier day are dropped
  // (study always updates the time pair, custom study may update only the new or review one).
  const lastDay = Math.max(time.day, neu.day, rev.day);
  const common = create(DeckCommonSchema, {
    studyCollapsed,
    browserCollapsed,
    lastDayStudied: lastDay >>> 0,
    newStudied: neu.day === lastDay ? neu.amount : 0,
    reviewStudied: rev.day === lastDay ? rev.amount : 0,
    learningStudied: lrn.day === lastDay ? lrn.amount : 0,
    millisecondsStudied: time.amount,
    other: otherBytes(obj, filtered ? FILTERED_KEYS : NORMAL_KEYS),
  });
  if (id === 0) fail('deck with id 0');
  return { id, name: nativeDeckName(name), mtimeSecs, usn, common, kind };
}
