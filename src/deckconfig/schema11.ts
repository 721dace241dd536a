/**
 * Options presets in their legacy ("schema 11") JSON form, the dict Anki-Connect's getDeckConfig
 * returns and saveDeckConfig takes, converted to and from the protobuf `DeckConfig.Config` that
 * schema 18 stores. Key names, defaults, units and the treatment of invalid values follow Anki's
 * `deckconfig/schema11.rs` (serde): `new.initialFactor` 2500 is `initial_ease` 2.5, delays are
 * minutes, `timer` 1 is `show_timer`, `replayq` false is `skip_question_when_replaying_answer`,
 * and keys Anki does not know are kept in the blob's `other` bytes and given back on reading.
 */
import { create } from '@bufbuild/protobuf';
import { stringifySerdeMap } from '../text/serde-json.js';
import {
  DeckConfigConfig_LeechAction as LeechAction,
  DeckConfigConfig_NewCardInsertOrder as NewCardInsertOrder,
  DeckConfigConfigSchema,
  type DeckConfigConfig,
} from '../storage/proto/gen/anki_storage/deck_config_pb.js';

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  [key: string]: Json;
}

/** A legacy dict that Anki would refuse to read (a required key missing, a value of the wrong type). */
export class LegacyConfigError extends Error {}

/** A preset's identity and content, as the legacy dict carries them. */
export interface LegacyPreset {
  id: number;
  mtimeSecs: number;
  name: string;
  usn: number;
  config: DeckConfigConfig;
}

const TOP_KEYS = [
  'id', 'mod', 'name', 'usn', 'maxTaken', 'autoplay', 'timer', 'replayq', 'new', 'rev', 'lapse', 'dyn',
  'newMix', 'newPerDayMinimum', 'interdayLearningMix', 'reviewOrder', 'newSortOrder', 'newGatherPriority',
  'buryInterdayLearning', 'fsrsWeights', 'fsrsParams5', 'fsrsParams6', 'desiredRetention', 'ignoreRevlogsBeforeDate',
  'easyDaysPercentages', 'stopTimerOnAnswer', 'secondsToShowQuestion', 'secondsToShowAnswer', 'questionAction',
  'answerAction', 'waitForAudio', 'sm2Retention', 'weightSearch',
];
const NEW_KEYS = ['bury', 'delays', 'initialFactor', 'ints', 'order', 'perDay'];
const REV_KEYS = ['bury', 'ease4', 'ivlFct', 'maxIvl', 'perDay', 'hardFactor'];
const LAPSE_KEYS = ['delays', 'leechAction', 'leechFails', 'minInt', 'mult'];

// ---------------------------------------------------------------------------------------------
// Numbers as Anki stores them

/**
 * A single-precision float as JSON: the shortest decimal that reads back as the same float,
 * which is what serde prints (1.3, not 1.2999999523162842). Non-finite values become null.
 */
export function f32Json(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const single = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const shortest = Number(single.toPrecision(digits));
    if (Math.fround(shortest) === single) return shortest;
  }
  return single;
}

const f32List = (values: readonly number[]): (number | null)[] => values.map(f32Json);

/** Rust's saturating `as u16` of a float: NaN and negatives are 0, the fraction is dropped. */
function saturatingU16(value: number): number {
  if (Number.isNaN(value) || value <= 0) return 0;
  return Math.min(Math.trunc(value), 65_535);
}

// ---------------------------------------------------------------------------------------------
// Reading the stored blob (Anki clamps values an old options screen could store)

function fixU32(value: number, fallback: number, min: number, max: number): number {
  return value < min || value > max ? fallback : value;
}

function fixF32(value: number, fallback: number, min: number, max: number): number {
  return Number.isNaN(value) || value < Math.fround(min) || value > Math.fround(max) ? Math.fround(fallback) : value;
}

/**
 * The preset with out-of-range values replaced by Anki's defaults, as Anki does whenever it
 * reads a preset from the database (`ensure_deck_config_values_valid`).
 */
export function withValidValues(config: DeckConfigConfig): DeckConfigConfig {
  return {
    ...config,
    newPerDay: fixU32(config.newPerDay, 20, 0, 9999),
    reviewsPerDay: fixU32(config.reviewsPerDay, 200, 0, 9999),
    newPerDayMinimum: fixU32(config.newPerDayMinimum, 0, 0, 9999),
    initialEase: fixF32(config.initialEase, 2.5, 1.31, 5.0),
    easyMultiplier: fixF32(config.easyMultiplier, 1.3, 1.0, 5.0),
    hardMultiplier: fixF32(config.hardMultiplier, 1.2, 0.5, 1.3),
    lapseMultiplier: fixF32(config.lapseMultiplier, 0, 0, 1),
    intervalMultiplier: fixF32(config.intervalMultiplier, 1, 0.5, 2),
    maximumReviewInterval: fixU32(config.maximumReviewInterval, 36_500, 1, 36_500),
    minimumLapseInterval: fixU32(config.minimumLapseInterval, 1, 1, 36_500),
    graduatingIntervalGood: fixU32(config.graduatingIntervalGood, 1, 1, 36_500),
    graduatingIntervalEasy: fixU32(config.graduatingIntervalEasy, 4, 1, 36_500),
    leechThreshold: fixU32(config.leechThreshold, 8, 1, 9999),
    capAnswerTimeToSecs: fixU32(config.capAnswerTimeToSecs, 60, 1, 9999),
    desiredRetention: fixF32(config.desiredRetention, 0.9, 0.7, 0.99),
    historicalRetention: fixF32(config.historicalRetention, 0.9, 0.7, 0.97),
  };
}

// ---------------------------------------------------------------------------------------------
// Protobuf → legacy dict

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON kept in the blob's `other` bytes; unreadable bytes count as none, as in Anki. */
function storedOther(bytes: Uint8Array): JsonObject {
  if (bytes.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return isObject(parsed) ? (parsed as JsonObject) : {};
  } catch {
    return {};
  }
}

/** The entries of `source` (an object, else none) whose keys are not in `known`. */
function extraKeys(source: unknown, known: readonly string[]): JsonObject {
  const out: JsonObject = {};
  if (!isObject(source)) return out;
  for (const [key, value] of Object.entries(source)) {
    if (!known.includes(key)) out[key] = value as Json;
  }
  return out;
}

/**
 * The legacy dict of a stored preset, as Anki's `get_deck_config_legacy` gives it to
 * Anki-Connect (out-of-range values already replaced, see {@link withValidValues}).
 */
export function deckConfigToLegacy(preset: LegacyPreset): JsonObject {
  const c = withValidValues(preset.config);
  const other = storedOther(c.other);
  return {
    id: preset.id,
    mod: preset.mtimeSecs,
    name: preset.name,
    usn: preset.usn,
    maxTaken: c.capAnswerTimeToSecs,
    autoplay: !c.disableAutoplay,
    timer: c.showTimer ? 1 : 0,
    replayq: !c.skipQuestionWhenReplayingAnswer,
    new: {
      bury: c.buryNew,
      delays: f32List(c.learnSteps),
      initialFactor: saturatingU16(Math.fround(Math.fround(c.initialEase) * 1000)),
      ints: [c.graduatingIntervalGood & 0xffff, c.graduatingIntervalEasy & 0xffff, 0],
      order: c.newCardInsertOrder === NewCardInsertOrder.RANDOM ? 0 : 1,
      perDay: c.newPerDay,
      ...extraKeys(other['new'], NEW_KEYS),
    },
    rev: {
      bury: c.buryReviews,
      ease4: f32Json(c.easyMultiplier),
      ivlFct: f32Json(c.intervalMultiplier),
      maxIvl: c.maximumReviewInterval,
      perDay: c.reviewsPerDay,
      hardFactor: f32Json(c.hardMultiplier),
      ...extraKeys(other['rev'], REV_KEYS),
    },
    lapse: {
      delays: f32List(c.relearnSteps),
      leechAction: c.leechAction === LeechAction.TAG_ONLY ? 1 : 0,
      leechFails: c.leechThreshold,
      minInt: c.minimumLapseInterval,
      mult: f32Json(c.lapseMultiplier),
      ...extraKeys(other['lapse'], LAPSE_KEYS),
    },
    dyn: false,
    newMix: c.newMix,
    newPerDayMinimum: c.newPerDayMinimum,
    interdayLearningMix: c.interdayLearningMix,
    reviewOrder: c.reviewOrder,
    newSortOrder: c.newCardSortOrder,
    newGatherPriority: c.newCardGatherPriority,
    buryInterdayLearning: c.buryInterdayLearning,
    fsrsWeights: f32List(c.fsrsParams4),
    fsrsParams5: f32List(c.fsrsParams5),
    fsrsParams6: f32List(c.fsrsParams6),
    desiredRetention: f32Json(c.desiredRetention),
    ignoreRevlogsBeforeDate: c.ignoreRevlogsBeforeDate,
    easyDaysPercentages: f32List(c.easyDaysPercentages),
    stopTimerOnAnswer: c.stopTimerOnAnswer,
    secondsToShowQuestion: f32Json(c.secondsToShowQuestion),
    secondsToShowAnswer: f32Json(c.secondsToShowAnswer),
    questionAction: c.questionAction === 0 ? 0 : 1,
    answerAction: [0, 1, 3, 4].includes(c.answerAction) ? c.answerAction : 2,
    waitForAudio: c.waitForAudio,
    sm2Retention: f32Json(c.historicalRetention),
    weightSearch: c.paramSearch,
    ...extraKeys(other, [...TOP_KEYS, 'new', 'rev', 'lapse']),
  };
}

// ---------------------------------------------------------------------------------------------
// Legacy dict → protobuf

function fail(message: string): never {
  throw new LegacyConfigError(message);
}

function field(obj: Record<string, unknown>, key: string): unknown {
  if (!Object.hasOwn(obj, key)) fail(`missing field \`${key}\``);
  return obj[key];
}

/** An optional key: its value, or `fallback` when absent (serde's `default`; null is a value). */
function optional<T>(obj: Record<string, unknown>, key: string, read: (value: unknown, key: string) => T, fallback: T): T {
  return Object.hasOwn(obj, key) ? read(obj[key], key) : fallback;
}

function integer(min: number, max: number) {
  return (value: unknown, key: string): number => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      fail(`invalid value for \`${key}\`: ${JSON.stringify(value)}`);
    }
    return value;
  };
}
const u8 = integer(0, 255);
const u16 = integer(0, 65_535);
const u32 = integer(0, 4_294_967_295);
const i32 = integer(-2_147_483_648, 2_147_483_647);

/** A number, or an integer written as a string (Anki 2.0 wrote ids as strings). */
function numberFromString(value: unknown, key: string): number {
  const parsed = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed)) fail(`invalid value for \`${key}\``);
  return parsed;
}

function f32(value: unknown, key: string): number {
  if (typeof value !== 'number') fail(`invalid value for \`${key}\`: expected a number`);
  return Math.fround(value);
}

function f32s(value: unknown, key: string): number[] {
  if (!Array.isArray(value)) fail(`invalid value for \`${key}\`: expected a list`);
  return value.map((item) => f32(item, key));
}

function bool(value: unknown, key: string): boolean {
  if (typeof value !== 'boolean') fail(`invalid value for \`${key}\`: expected a boolean`);
  return value;
}

function string(value: unknown, key: string): string {
  if (typeof value !== 'string') fail(`invalid value for \`${key}\`: expected a string`);
  return value;
}

function object(value: unknown, key: string): Record<string, unknown> {
  if (!isObject(value)) fail(`invalid value for \`${key}\`: expected an object`);
  return value;
}

/** serde's `default_on_invalid`: the value read, or the type's default when it does not read. */
function orDefault<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof LegacyConfigError) return fallback;
    throw err;
  }
}

interface NewConf {
  bury: boolean;
  delays: number[];
  initialFactor: number;
  ints: [number, number];
  order: number;
  perDay: number;
  other: JsonObject;
}

const defaultNew = (): NewConf => ({ bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4], order: 1, perDay: 20, other: {} });

function readNew(value: unknown): NewConf {
  const obj = object(value, 'new');
  // Required keys whose invalid values fall back to defaults: the key itself must be there.
  const delays = field(obj, 'delays');
  const ints = field(obj, 'ints');
  const order = field(obj, 'order');
  const perDay = field(obj, 'perDay');
  return {
    bury: optional(obj, 'bury', bool, false),
    delays: orDefault(() => f32s(delays, 'delays'), []),
    initialFactor: u16(field(obj, 'initialFactor'), 'initialFactor'),
    // AnkiDroid once wrote two intervals instead of three; fewer than two gives the defaults.
    ints: orDefault((): [number, number] => {
      if (!Array.isArray(ints) || ints.length < 2) fail('ints');
      return [u16(ints[0], 'ints'), u16(ints[1], 'ints')];
    }, [1, 4]),
    order: orDefault(() => integer(0, 1)(order, 'order'), 1),
    perDay: orDefault(() => u32(perDay, 'perDay'), 0),
    other: extraKeys(obj, NEW_KEYS),
  };
}

interface RevConf {
  bury: boolean;
  ease4: number;
  ivlFct: number;
  maxIvl: number;
  perDay: number;
  hardFactor: number;
  other: JsonObject;
}

const defaultRev = (): RevConf => ({
  bury: false, ease4: Math.fround(1.3), ivlFct: 1, maxIvl: 36_500, perDay: 200, hardFactor: Math.fround(1.2), other: {},
});

function readRev(value: unknown): RevConf {
  const obj = object(value, 'rev');
  const perDay = field(obj, 'perDay');
  return {
    bury: optional(obj, 'bury', bool, false),
    ease4: f32(field(obj, 'ease4'), 'ease4'),
    ivlFct: f32(field(obj, 'ivlFct'), 'ivlFct'),
    maxIvl: u32(field(obj, 'maxIvl'), 'maxIvl'),
    perDay: orDefault(() => u32(perDay, 'perDay'), 0),
    hardFactor: optional(obj, 'hardFactor', f32, Math.fround(1.2)),
    other: extraKeys(obj, REV_KEYS),
  };
}

interface LapseConf {
  delays: number[];
  leechAction: number;
  leechFails: number;
  minInt: number;
  mult: number;
  other: JsonObject;
}

const defaultLapse = (): LapseConf => ({ delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0, other: {} });

function readLapse(value: unknown): LapseConf {
  const obj = object(value, 'lapse');
  const delays = field(obj, 'delays');
  const leechAction = field(obj, 'leechAction');
  return {
    delays: orDefault(() => f32s(delays, 'delays'), []),
    leechAction: orDefault(() => integer(0, 1)(leechAction, 'leechAction'), 1),
    leechFails: u32(field(obj, 'leechFails'), 'leechFails'),
    minInt: u32(field(obj, 'minInt'), 'minInt'),
    mult: f32(field(obj, 'mult'), 'mult'),
    other: extraKeys(obj, LAPSE_KEYS),
  };
}

/**
 * The `other` bytes for unknown keys, the groups' own under "new", "rev" and "lapse", written as
 * Anki's serde_json writes them (keys sorted, the groups' too).
 */
function otherBytes(top: JsonObject, groups: Record<'new' | 'rev' | 'lapse', JsonObject>): Uint8Array {
  const other: [string, unknown][] = Object.entries(top);
  for (const [name, extra] of Object.entries(groups)) {
    if (Object.keys(extra).length > 0) other.push([name, extra]);
  }
  return other.length === 0 ? new Uint8Array() : new Uint8Array(Buffer.from(stringifySerdeMap(other), 'utf8'));
}

/**
 * Reads a legacy dict the way Anki's `add_or_update_deck_config_legacy` does. Missing required
 * keys or values of the wrong type throw {@link LegacyConfigError}; the `new`, `rev` and `lapse`
 * groups and some keys fall back to Anki's defaults when invalid, as serde's
 * `default_on_invalid` makes them. `mod` and `usn` are read but the caller stamps new ones.
 */
export function deckConfigFromLegacy(dict: unknown): LegacyPreset {
  const obj = object(dict, 'config');
  // The groups and `timer` must be present; an invalid value gives Anki's defaults instead.
  const [newValue, revValue, lapseValue, timerValue] = [field(obj, 'new'), field(obj, 'rev'), field(obj, 'lapse'), field(obj, 'timer')];
  const newConf = orDefault(() => readNew(newValue), defaultNew());
  const rev = orDefault(() => readRev(revValue), defaultRev());
  const lapse = orDefault(() => readLapse(lapseValue), defaultLapse());
  const timer = orDefault(() => u8(timerValue, 'timer'), 0);
  const maxTaken = i32(field(obj, 'maxTaken'), 'maxTaken');
  const enumValue = (key: string, values: readonly number[]) =>
    optional(obj, key, (value: unknown) => {
      if (typeof value !== 'number' || !values.includes(value)) fail(`invalid value for \`${key}\``);
      return value;
    }, 0);
  const config = create(DeckConfigConfigSchema, {
    learnSteps: newConf.delays,
    relearnSteps: lapse.delays,
    newPerDay: newConf.perDay,
    reviewsPerDay: rev.perDay,
    newPerDayMinimum: optional(obj, 'newPerDayMinimum', u32, 0),
    initialEase: Math.fround(newConf.initialFactor / 1000),
    easyMultiplier: rev.ease4,
    hardMultiplier: rev.hardFactor,
    lapseMultiplier: lapse.mult,
    intervalMultiplier: rev.ivlFct,
    maximumReviewInterval: rev.maxIvl,
    minimumLapseInterval: lapse.minInt,
    graduatingIntervalGood: newConf.ints[0],
    graduatingIntervalEasy: newConf.ints[1],
    newCardInsertOrder: newConf.order === 0 ? NewCardInsertOrder.RANDOM : NewCardInsertOrder.DUE,
    newCardGatherPriority: optional(obj, 'newGatherPriority', i32, 0),
    newCardSortOrder: optional(obj, 'newSortOrder', i32, 0),
    reviewOrder: optional(obj, 'reviewOrder', i32, 0),
    newMix: optional(obj, 'newMix', i32, 0),
    interdayLearningMix: optional(obj, 'interdayLearningMix', i32, 0),
    leechAction: lapse.leechAction === 1 ? LeechAction.TAG_ONLY : LeechAction.SUSPEND,
    leechThreshold: lapse.leechFails,
    disableAutoplay: !bool(field(obj, 'autoplay'), 'autoplay'),
    capAnswerTimeToSecs: Math.max(maxTaken, 0),
    showTimer: timer !== 0,
    stopTimerOnAnswer: optional(obj, 'stopTimerOnAnswer', bool, false),
    secondsToShowQuestion: optional(obj, 'secondsToShowQuestion', f32, 0),
    secondsToShowAnswer: optional(obj, 'secondsToShowAnswer', f32, 0),
    questionAction: enumValue('questionAction', [0, 1]),
    answerAction: enumValue('answerAction', [0, 1, 2, 3, 4]),
    waitForAudio: optional(obj, 'waitForAudio', bool, true),
    skipQuestionWhenReplayingAnswer: !optional(obj, 'replayq', bool, false),
    buryNew: newConf.bury,
    buryReviews: rev.bury,
    buryInterdayLearning: optional(obj, 'buryInterdayLearning', bool, false),
    fsrsParams4: optional(obj, 'fsrsWeights', f32s, []),
    fsrsParams5: optional(obj, 'fsrsParams5', f32s, []),
    fsrsParams6: optional(obj, 'fsrsParams6', f32s, []),
    desiredRetention: optional(obj, 'desiredRetention', f32, 0),
    historicalRetention: optional(obj, 'sm2Retention', f32, 0),
    paramSearch: optional(obj, 'weightSearch', string, ''),
    ignoreRevlogsBeforeDate: optional(obj, 'ignoreRevlogsBeforeDate', string, ''),
    easyDaysPercentages: optional(obj, 'easyDaysPercentages', f32s, []),
    other: otherBytes(extraKeys(obj, TOP_KEYS), { new: newConf.other, rev: rev.other, lapse: lapse.other }),
  });
  return {
    id: numberFromString(field(obj, 'id'), 'id'),
    mtimeSecs: numberFromString(field(obj, 'mod'), 'mod'),
    name: string(field(obj, 'name'), 'name'),
    usn: i32(field(obj, 'usn'), 'usn'),
    config,
  };
}

// ---------------------------------------------------------------------------------------------
// Shared with the other legacy converters

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/**
 * serde's i64, as a bigint: an integer number, or a bigint (the legacy JSON reader gives integers
 * beyond 2^53, such as random field ids, as bigints).
 */
function readInt64(value: unknown, key: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'bigint' && value >= I64_MIN && value <= I64_MAX) return value;
  return fail(`invalid value for \`${key}\`: expected i64`);
}

/** serde's `Option<i64>`: null is none. */
function readOptionalInt64(value: unknown, key: string): bigint | undefined {
  return value === null ? undefined : readInt64(value, key);
}

/** serde_aux's `deserialize_bool_from_anything`: a bool, 0 or 1, or a string holding one of those. */
function boolFromAnything(value: unknown, key: string): boolean {
  const fromNumber = (n: number): boolean => {
    if (n === 1) return true;
    if (n === 0) return false;
    return fail(`invalid value for \`${key}\`: the number is neither 1 nor 0`);
  };
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value === 'string') {
    if (value === 'true') return true;
    if (value === 'false') return false;
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) return fromNumber(Number(value));
  }
  return fail(`invalid value for \`${key}\`: expected a boolean`);
}

/**
 * The serde-style readers above, for the other legacy dicts of a schema-11 collection (note
 * types, decks), which Anki reads by the same rules: `requiredKey` fails with serde's "missing
 * field", the typed readers with "invalid value", `optionalKey` is serde's `default` and
 * `orDefault` its `default_on_invalid`. Every failure is a {@link LegacyConfigError}.
 */
export const legacyReaders = {
  fail,
  requiredKey: field,
  optionalKey: optional,
  integer,
  numberFromString,
  f32,
  f32s,
  bool,
  string,
  object,
  orDefault,
  isObject,
  extraKeys,
  readInt64,
  readOptionalInt64,
  boolFromAnything,
} as const;
