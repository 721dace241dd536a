/**
 * What may differ between a collection the server upgraded and the same collection upgraded by
 * real Anki, as precise rules: one table and column each, with the reason. A rule is applied to
 * the rows of both sides before they are compared. It either puts a value into the server's form
 * of a declared difference (differences.ts; the server's own value is already in that form, and a
 * value neither side rewrote is treated alike on both), or replaces a value Anki sets to "now" (a
 * time, or an id taken from the clock or drawn at random) by a marker, and only when the value
 * lies within the time the test ran. Everything else must be equal, byte for byte.
 */
import Database from 'better-sqlite3';
import { compareCodePoints, foldCase, normalizeToNfc } from '../../../src/text/index.js';
import { unicaseExtensionPath } from '../../../src/storage/database.js';
import { KNOWN_DIFFERENCES } from '../differences.js';
import type { Rows } from '../rows.js';
import { withNumbersAsJavaScript, withTopLevelKeysSorted } from './json-text.js';
import { FIELD_CONFIG_ID, OTHER_FIELD, rewriteTextField, TEMPLATE_CONFIG_ID, withVarintField } from './protobuf-fields.js';

/** The time a test ran, in milliseconds: values Anki sets to "now" fall inside it. */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/** What the rules know besides the rows: when the test ran, and what the original file held. */
export interface RuleContext extends TimeWindow {
  /** The note type names of the original file's `col.models`, by id (none for a schema-16 file). */
  legacyNotetypeNames: ReadonlyMap<number, string>;
}

type Row = Readonly<Record<string, unknown>>;

export interface ColumnRule {
  table: string;
  column: string;
  why: string;
  /** The declared differences (ids in differences.ts) the rule applies; none for "now" values. */
  differences: string[];
  /** Looks at the whole table once (one side's rows) before the rows are adjusted. */
  prepare?(rows: readonly Row[], context: RuleContext): unknown;
  /** The adjusted value, given the whole row (columns by name) and what `prepare` returned. */
  adjust(value: unknown, row: Row, context: RuleContext, prepared: unknown): unknown;
}

// ------------------------------------------------------------------------------------------------
// Cells as dumpRows writes them: BLOBs as `blob:<hex>`.

function blobOf(value: unknown): Buffer {
  if (typeof value === 'string' && value.startsWith('blob:')) return Buffer.from(value.slice(5), 'hex');
  throw new Error(`expected a BLOB cell, got ${JSON.stringify(value).slice(0, 60)}`);
}

const blobCell = (bytes: Uint8Array): string => `blob:${Buffer.from(bytes).toString('hex')}`;

const NOW = '<now>';
const ADDED_NOTETYPE = '<note type added now>';

const inSeconds = (value: unknown, window: TimeWindow): boolean =>
  typeof value === 'number' && value >= Math.floor(window.fromMs / 1000) && value <= Math.ceil(window.toMs / 1000);

const inMillis = (value: unknown, window: TimeWindow): boolean => typeof value === 'number' && value >= window.fromMs && value <= window.toMs;

// ------------------------------------------------------------------------------------------------
// The upgrade

/** The rules for the `other` JSON (field 255) of the config blobs in `table`.`column`. */
const otherRules = (table: string, column: string, holder: string): ColumnRule[] => [
  {
    table,
    column,
    why:
      `the ${holder} keeps the legacy keys Anki does not know as JSON in \`other\`; Anki writes its top level in hash order, ` +
      'a new order on each run (rslib notetype/schema11.rs `other_to_bytes`, decks/schema11.rs, deckconfig/schema11.rs: a HashMap)',
    differences: ['upgrade-other-key-order'],
    adjust: (value) => blobCell(rewriteTextField(blobOf(value), OTHER_FIELD, withTopLevelKeysSorted)),
  },
  {
    table,
    column,
    why: `Anki keeps a number read as \`4.0\` in the ${holder}'s \`other\` JSON as \`4.0\` (a serde_json Value)`,
    differences: ['json-numbers'],
    adjust: (value) => blobCell(rewriteTextField(blobOf(value), OTHER_FIELD, withNumbersAsJavaScript)),
  },
];

/**
 * The names each side gave note types whose stored names clash (equal once NFC and case-folded),
 * as the server assigns them: the group's names, shortest first, in id order. Anki walks its map of
 * note types in hash order, appending `_` to each name already taken, so which one keeps the name
 * is chance; the server walks them by id.
 */
function clashingNotetypeNames(rows: readonly Row[], context: RuleContext): Map<unknown, string> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const original = context.legacyNotetypeNames.get(Number(row['id']));
    if (original === undefined) continue;
    const key = foldCase(normalizeToNfc(original));
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const out = new Map<unknown, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const names = group.map((row) => String(row['name'])).sort((a, b) => a.length - b.length || compareCodePoints(a, b));
    [...group].sort((a, b) => Number(a['id']) - Number(b['id'])).forEach((row, i) => out.set(row['id'], names[i]!));
  }
  return out;
}

/**
 * Gives the note types of real Anki's upgraded file at `path` the names the server gives them
 * where their stored names clash (`upgrade-name-clash`), so that Anki's answers to the reads that
 * follow name them as the server does. Returns how many note types were renamed.
 */
export function applyNameClashRule(path: string, context: RuleContext): number {
  const db = new Database(path, { fileMustExist: true });
  db.loadExtension(unicaseExtensionPath());
  try {
    const rows = db.prepare<[], Row>('select id, name from notetypes').all();
    const wanted = [...clashingNotetypeNames(rows, context)].filter(([id, name]) => rows.some((row) => row['id'] === id && row['name'] !== name));
    const rename = db.prepare<[string, unknown]>('update notetypes set name = ? where id = ?');
    db.transaction(() => {
      // Through names no note type has, as the names are unique.
      for (const [id] of wanted) rename.run(`\u{E000}clash ${String(id)}`, id);
      for (const [id, name] of wanted) rename.run(name, id);
    })();
    return wanted.length;
  } finally {
    db.close();
  }
}

export const UPGRADE_RULES: ColumnRule[] = [
  {
    table: 'notetypes',
    column: 'name',
    why: 'note types stored with clashing names: which one keeps the name and which get `_` appended is hash order in Anki (rslib storage/notetype/mod.rs, upgrade_notetypes_to_schema15)',
    differences: ['upgrade-name-clash'],
    prepare: clashingNotetypeNames,
    adjust: (value, row, _context, prepared) => (prepared as Map<unknown, string>).get(row['id']) ?? value,
  },
  ...otherRules('notetypes', 'config', 'note type config'),
  ...otherRules('fields', 'config', 'field config'),
  ...otherRules('templates', 'config', 'template config'),
  ...otherRules('decks', 'common', 'deck'),
  ...otherRules('deck_config', 'config', 'preset'),
  {
    table: 'config',
    column: 'val',
    why: 'col.conf values move to config rows as serde_json writes them (rslib storage/config/mod.rs), keeping `4.0` as `4.0`',
    differences: ['json-numbers'],
    adjust: (value) => blobCell(Buffer.from(withNumbersAsJavaScript(blobOf(value).toString('utf8')), 'utf8')),
  },
  {
    table: 'decks',
    column: 'mtime_secs',
    why: 'a deck whose name the upgrade had to change is stamped modified now, usn -1 (rslib storage/deck/mod.rs, upgrade_decks_to_schema15)',
    differences: [],
    adjust: (value, row, window) => (row['usn'] === -1 && inSeconds(value, window) ? NOW : value),
  },
];

// ------------------------------------------------------------------------------------------------
// Check Database, run by real Anki on each side's upgraded file (rslib dbcheck.rs)

/** A note type id taken from the clock: the stock Basic note type Check Database adds. */
const addedNotetypeId = (value: unknown, _row: Row, window: TimeWindow): unknown => (inMillis(value, window) ? ADDED_NOTETYPE : value);

const addedNotetypeWhy =
  'a collection without note types gets the stock Basic note type from Check Database (rslib dbcheck.rs), its id taken from the clock';

export const CHECK_DATABASE_RULES: ColumnRule[] = [
  {
    table: 'col',
    column: 'mod',
    why: 'Check Database stamps the collection modified now',
    differences: [],
    adjust: (value, _row, window) => (inMillis(value, window) ? NOW : value),
  },
  {
    table: 'col',
    column: 'scm',
    why: 'Check Database marks the schema modified now when a repair needs a full sync',
    differences: [],
    adjust: (value, _row, window) => (inMillis(value, window) ? NOW : value),
  },
  {
    table: 'config',
    column: 'mtime_secs',
    why: 'Check Database writes `nextPos` (and a fixed `localOffset`, and `curModel` for an added note type) again, mtime now, usn -1',
    differences: [],
    adjust: (value, row, window) => (row['usn'] === -1 && inSeconds(value, window) ? NOW : value),
  },
  {
    table: 'config',
    column: 'val',
    why: `\`curModel\` names the note type Check Database added: ${addedNotetypeWhy}`,
    differences: [],
    adjust: (value, row, window) => {
      if (row['KEY'] !== 'curModel') return value;
      return inMillis(Number(blobOf(value).toString('utf8')), window) ? ADDED_NOTETYPE : value;
    },
  },
  {
    table: 'notetypes',
    column: 'mtime_secs',
    why: 'Check Database saves the note types it repairs (Image Occlusion ones on every run), mtime now, usn -1',
    differences: [],
    adjust: (value, row, window) => (row['usn'] === -1 && inSeconds(value, window) ? NOW : value),
  },
  { table: 'notetypes', column: 'id', why: addedNotetypeWhy, differences: [], adjust: addedNotetypeId },
  { table: 'fields', column: 'ntid', why: addedNotetypeWhy, differences: [], adjust: addedNotetypeId },
  { table: 'templates', column: 'ntid', why: addedNotetypeWhy, differences: [], adjust: addedNotetypeId },
  {
    table: 'fields',
    column: 'config',
    why: `the fields of that note type get random ids (FieldConfig.id): ${addedNotetypeWhy}`,
    differences: [],
    adjust: (value, row, window) => (inMillis(row['ntid'], window) ? blobCell(withVarintField(blobOf(value), FIELD_CONFIG_ID, 0)) : value),
  },
  {
    table: 'templates',
    column: 'config',
    why: `the templates of that note type get random ids (TemplateConfig.id): ${addedNotetypeWhy}`,
    differences: [],
    adjust: (value, row, window) => (inMillis(row['ntid'], window) ? blobCell(withVarintField(blobOf(value), TEMPLATE_CONFIG_ID, 0)) : value),
  },
];

// ------------------------------------------------------------------------------------------------

/** The column names of each table of the collection at `path`, in `select *` order. */
export function tableColumns(path: string): Map<string, string[]> {
  // Opened as dumpRows opens it (a read-only connection could not open a WAL file without its -shm).
  const db = new Database(path, { fileMustExist: true });
  try {
    const tables = db.prepare<[], { name: string }>("select name from sqlite_master where type = 'table'").all();
    return new Map(
      tables.map(({ name }) => [name, db.prepare<[string], { name: string }>('select name from pragma_table_info(?)').all(name).map((c) => c.name)]),
    );
  } finally {
    db.close();
  }
}

/** `rows` with `rules` applied (each row's text parsed, adjusted and written again). */
export function adjustRows(
  rows: Rows,
  columns: Map<string, string[]>,
  rules: readonly ColumnRule[],
  context: RuleContext,
  hits?: Map<ColumnRule, number>,
): Rows {
  for (const rule of rules) {
    for (const id of rule.differences) {
      if (!KNOWN_DIFFERENCES.some((difference) => difference.id === id)) throw new Error(`${rule.table}: difference ${id} is not declared`);
    }
  }
  const out: Rows = new Map();
  for (const [table, texts] of rows) {
    const names = columns.get(table) ?? [];
    const tableRules = rules.filter((rule) => rule.table === table);
    for (const rule of tableRules) {
      if (!names.includes(rule.column)) throw new Error(`a rule names ${table}.${rule.column}, which the file does not have`);
    }
    if (tableRules.length === 0) {
      out.set(table, texts);
      continue;
    }
    const parsed = texts.map((text) => JSON.parse(text) as unknown[]);
    // Every rule sees the rows as stored (`row`), whatever the others change.
    const rowsByName = parsed.map((values): Row => Object.fromEntries(names.map((name, i) => [name, values[i]])));
    const prepared = tableRules.map((rule) => rule.prepare?.(rowsByName, context));
    const adjusted = parsed.map((values, r) => {
      const out = [...values];
      tableRules.forEach((rule, k) => {
        const i = names.indexOf(rule.column);
        // Rules on the same column apply one after the other.
        const before = out[i];
        out[i] = rule.adjust(before, rowsByName[r]!, context, prepared[k]);
        if (hits !== undefined && JSON.stringify(out[i]) !== JSON.stringify(before)) hits.set(rule, (hits.get(rule) ?? 0) + 1);
      });
      return JSON.stringify(out);
    });
    out.set(table, adjusted.sort());
  }
  return out;
}

/**
 * Rows only one side has, table by table, as readable lines: `-` the first's (Anki's, or the file
 * before), `+` the second's. Unlike support/rows.ts `diffRows`, which pairs rows by their first
 * column, every row is listed: fields and templates share their first column (the note type id).
 */
export function rowDifferences(anki: Rows, ours: Rows): string[] {
  const out: string[] = [];
  for (const table of [...new Set([...anki.keys(), ...ours.keys()])].sort()) {
    const a = anki.get(table);
    const b = ours.get(table);
    if (a === undefined || b === undefined) {
      out.push(`${table}: only ${a === undefined ? 'the second' : 'the first'} has this table`);
      continue;
    }
    const inA = new Set(a);
    const inB = new Set(b);
    const lines = [...a.filter((row) => !inB.has(row)).map((row) => `${table} - ${row}`), ...b.filter((row) => !inA.has(row)).map((row) => `${table} + ${row}`)];
    // Equal sets with different counts: a row one side holds twice.
    if (lines.length === 0 && a.length !== b.length) lines.push(`${table}: ${a.length} rows in the first, ${b.length} in the second`);
    out.push(...lines);
  }
  return out;
}

/** How often each rule changed a value, on each side. */
export interface RuleHits {
  anki: Map<ColumnRule, number>;
  server: Map<ColumnRule, number>;
}

/** The differences between real Anki's rows and the server's after `rules`; none when the files agree. */
export function compareRows(
  anki: { rows: Rows; path: string },
  ours: { rows: Rows; path: string },
  rules: readonly ColumnRule[],
  context: RuleContext,
  hits?: RuleHits,
): string[] {
  return rowDifferences(
    adjustRows(anki.rows, tableColumns(anki.path), rules, context, hits?.anki),
    adjustRows(ours.rows, tableColumns(ours.path), rules, context, hits?.server),
  );
}

/** One line per rule that changed something: where, and how many values on each side. */
export function describeHits(hits: RuleHits): string[] {
  const rules = [...new Set([...hits.anki.keys(), ...hits.server.keys()])];
  return rules.map(
    (rule) => `${rule.table}.${rule.column} [${rule.differences.join(', ') || 'now'}]: Anki ${hits.anki.get(rule) ?? 0}, server ${hits.server.get(rule) ?? 0}`,
  );
}
