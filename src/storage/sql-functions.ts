/**
 * The SQL functions Anki registers on every collection connection (rslib `storage/sqlite.rs`)
 * that the search SQL calls: `regexp` (behind SQLite's `REGEXP` operator), `regexp_fields`,
 * `regexp_tags`, `process_text`, `field_at_index`, `strip_html_media`, `extract_custom_data`,
 * `extract_fsrs_variable` and `extract_fsrs_retrievability`. Regexes use Rust's syntax and
 * meaning (src/search/rust-regex.ts); compiled patterns are cached, as Anki caches them per
 * statement.
 */
import type Database from 'better-sqlite3';
import { compileRustRegex, stripClozes, withoutCombining, type RustRegex } from '../search/index.js';
import { stripHtmlPreservingMediaFilenames } from '../text/index.js';
import { parseCardData, type CardData } from './card-data.js';

type Db = Database.Database;

const DETERMINISTIC = { deterministic: true } as const;
const FIELD_SEPARATOR = '\x1f';
// process_text flags, as the writer passes them (Anki's ProcessTextFlags).
const NO_COMBINING = 1;
const STRIP_CLOZES = 2;
/** Decay of cards whose data has none (FSRS 4.5/5 parameters). */
const DEFAULT_DECAY = 0.5;

/** Registers the search functions on `db`. Call once per connection. */
export function registerSqlFunctions(db: Db): void {
  db.function('regexp', DETERMINISTIC, (pattern: unknown, text: unknown) => (matches(pattern, text) ? 1 : 0));

  // regexp_fields(regex, flds, index…): any listed field (all fields when none listed) matches.
  db.function('regexp_fields', { deterministic: true, varargs: true }, (pattern: unknown, flds: unknown, ...indices: unknown[]) => {
    const text = asText(flds);
    if (text === undefined) return 0;
    const regex = regexFor(pattern);
    const fields = text.split(FIELD_SEPARATOR);
    if (indices.length === 0) return fields.some((field) => regex.test(field)) ? 1 : 0;
    return indices.some((index) => {
      const field = typeof index === 'number' || typeof index === 'bigint' ? fields[Number(index)] : undefined;
      return field !== undefined && regex.test(field);
    })
      ? 1
      : 0;
  });

  // regexp_tags(regex, tags): any space-separated piece of the tags column matches (the empty
  // pieces at both ends included, as in Anki).
  db.function('regexp_tags', DETERMINISTIC, (pattern: unknown, tags: unknown) => {
    const text = asText(tags);
    if (text === undefined) return 0;
    const regex = regexFor(pattern);
    return text.split(' ').some((tag) => regex.test(tag)) ? 1 : 0;
  });

  // process_text(text, flags): clozes stripped (2), then combining marks removed (1).
  db.function('process_text', DETERMINISTIC, (value: unknown, flags: unknown) => {
    let text = asText(value);
    if (text === undefined) return null;
    const bits = Number(flags);
    if (bits & STRIP_CLOZES) text = stripClozes(text);
    if (bits & NO_COMBINING) text = withoutCombining(text);
    return text;
  });

  db.function('field_at_index', DETERMINISTIC, (flds: unknown, index: unknown) => {
    return asText(flds)?.split(FIELD_SEPARATOR)[Number(index)] ?? '';
  });

  db.function('strip_html_media', DETERMINISTIC, (html: unknown) => {
    const text = asText(html);
    return text === undefined ? null : stripHtmlPreservingMediaFilenames(text);
  });

  // extract_custom_data(card.data, key): the value under `key` in the card's custom data, a
  // string as is and anything else as JSON text; null when absent.
  db.function('extract_custom_data', DETERMINISTIC, (data: unknown, key: unknown) => {
    const custom = parseCardData(data)['cd'];
    if (typeof custom !== 'string' || typeof key !== 'string') return null;
    const object = parseJson(custom);
    if (object === undefined || typeof object !== 'object' || object === null || Array.isArray(object)) return null;
    if (!Object.hasOwn(object, key)) return null;
    const value = (object as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : JSON.stringify(value);
  });

  // extract_fsrs_variable(card.data, 's' | 'd' | 'dr'): read as the f32 Anki stores in memory.
  db.function('extract_fsrs_variable', DETERMINISTIC, (data: unknown, key: unknown) => {
    if (key !== 's' && key !== 'd' && key !== 'dr') return null;
    return f32Field(parseCardData(data), key) ?? null;
  });

  db.function(
    'extract_fsrs_retrievability',
    DETERMINISTIC,
    (data: unknown, due: unknown, ivl: unknown, daysElapsed: unknown, _nextDayAt: unknown, now: unknown) =>
      retrievability(parseCardData(data), due, ivl, daysElapsed, now) ?? null,
  );
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

// The writer passes the same pattern for every row; keep the last one at hand.
let lastPattern: string | undefined;
let lastRegex: RustRegex | undefined;

function regexFor(pattern: unknown): RustRegex {
  const source = String(pattern);
  if (source !== lastPattern || lastRegex === undefined) {
    lastRegex = compileRustRegex(source);
    lastPattern = source;
  }
  return lastRegex;
}

function matches(pattern: unknown, value: unknown): boolean {
  const text = asText(value);
  return text !== undefined && regexFor(pattern).test(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function f32Field(data: CardData, key: string): number | undefined {
  const value = data[key];
  return typeof value === 'number' ? Math.fround(value) : undefined;
}

/** Rust's `x as u32` for an i64: the low 32 bits. */
const u32 = (value: number): number => Number(BigInt.asUintN(32, BigInt(Math.trunc(value))));
const saturatingSub = (a: number, b: number): number => Math.max(a - b, 0);

/**
 * FSRS retrievability now (fsrs-rs `current_retrievability`, f32 arithmetic), from the time since
 * the last review: `lrt` in the card data, else derived from due and interval (seconds for
 * learning cards, days otherwise). Undefined without a memory state.
 */
function retrievability(
  data: CardData,
  dueValue: unknown,
  ivlValue: unknown,
  todayValue: unknown,
  nowValue: unknown,
): number | undefined {
  const stability = f32Field(data, 's');
  const difficulty = f32Field(data, 'd');
  if (typeof dueValue !== 'number' || typeof nowValue !== 'number') return undefined;
  const due = dueValue;
  const now = u32(nowValue);
  const lastReview = data['lrt'];
  let secondsElapsed: number;
  if (typeof lastReview === 'number') {
    secondsElapsed = saturatingSub(now, u32(lastReview));
  } else {
    if (typeof ivlValue !== 'number') return undefined;
    if (due > 365_000) {
      secondsElapsed = saturatingSub(now, saturatingSub(u32(due), u32(ivlValue)));
    } else {
      if (typeof todayValue !== 'number') return undefined;
      const reviewDay = saturatingSub(u32(due), u32(ivlValue));
      secondsElapsed = u32(saturatingSub(u32(todayValue), reviewDay) * 86_400);
    }
  }
  if (stability === undefined || difficulty === undefined) return undefined;
  const decay = f32Field(data, 'decay') ?? DEFAULT_DECAY;
  const f = Math.fround;
  const factor = f(f(Math.pow(0.9, f(1 / -decay))) - 1);
  const days = f(f(secondsElapsed) / 86_400);
  return f(Math.pow(f(f(f(days / stability) * factor) + 1), -decay));
}
