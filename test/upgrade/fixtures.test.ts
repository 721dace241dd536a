// Real schema-11 collections (AnkiDroid 2.12.1, Anki's media-check test file, AnkiDroid's template
// test deck, and two files Anki 25 wrote for "support older versions") opened by the server:
// upgraded to schema 18 with every note, card, review, deck, note type, preset, config key and
// tag kept, the original copied beside the file first, and a second open a plain one.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRegistry } from '../../src/api/actions/index.js';
import { Dispatcher } from '../../src/api/dispatcher.js';
import { FixedClock } from '../../src/collection/clock.js';
import type { Collection } from '../../src/collection/collection.js';
import { defaultSettings } from '../../src/config/settings.js';
import { checkIntegrity, type IntegrityProblem } from '../../src/dbcheck/check.js';
import { deckConfigToLegacy } from '../../src/deckconfig/schema11.js';
import { humanDeckName } from '../../src/decks/names.js';
import { filteredDeckToLegacy } from '../../src/decks/schema11.js';
import { notetypeToSchema11 } from '../../src/notetypes/schema11.js';
import { ProfileServerState } from '../../src/server/state.js';
import { openMemoryDatabase } from '../../src/storage/database.js';
import { parseLegacyJson, type LegacyJson } from '../../src/storage/upgrade/json.js';
import { foldCase, normalizeToNfc } from '../../src/text/index.js';
import { assertIntegrity, TEST_NOW_MS, tempDir } from '../support/collections.js';
import { backupName, fixtureBytes, openCopy, readLegacy, sha256, type LegacyObject, type LegacySnapshot } from './support.js';

interface Case {
  label: string;
  bytes: () => Buffer;
  counts: { notes: number; cards: number; revlog: number };
  v1: boolean;
  /** Rules of the integrity checker the original file already breaks (each checked against it below). */
  preexisting: string[];
}

const CASES: Case[] = [
  {
    label: 'AnkiDroid 2.12.1 empty collection (ankidroid/initial_version_2_12_1.anki2)',
    bytes: () => fixtureBytes('ankidroid/initial_version_2_12_1.anki2'),
    counts: { notes: 0, cards: 0, revlog: 0 },
    v1: true,
    preexisting: [],
  },
  {
    label: "Anki's media-check collection (ankitects-anki/mediacheck.anki2)",
    bytes: () => fixtureBytes('ankitects-anki/mediacheck.anki2'),
    counts: { notes: 3, cards: 3, revlog: 2 },
    v1: true,
    // One note holds text that is not NFC (the test file is about such names).
    preexisting: ['note-text'],
  },
  {
    label: "AnkiDroid's template test deck (collection.anki2 in ankidroid/templates.apkg)",
    bytes: () => fixtureBytes('ankidroid/templates.apkg', 'collection.anki2'),
    counts: { notes: 48, cards: 146, revlog: 102 },
    v1: true,
    // Note tags never registered in col.tags, and a nextPos below the new cards' positions (of a
    // million and more, which Anki's Check Database leaves as they are): all in the file as
    // AnkiDroid exported it.
    preexisting: ['tags', 'next-position'],
  },
  {
    label: 'Anki 25 legacy package with scheduling (collection.anki21 in srs-converter/mixed-legacy-2.apkg)',
    bytes: () => fixtureBytes('srs-converter/mixed-legacy-2.apkg', 'collection.anki21'),
    counts: { notes: 8, cards: 13, revlog: 26 },
    v1: false,
    preexisting: [],
  },
  {
    label: 'Anki 25 legacy collection package (collection.anki21 in srs-converter/empty-legacy-2.colpkg)',
    bytes: () => fixtureBytes('srs-converter/empty-legacy-2.colpkg', 'collection.anki21'),
    counts: { notes: 0, cards: 0, revlog: 0 },
    v1: false,
    preexisting: [],
  },
];

const all = (col: Collection, sql: string): unknown[] => col.db.prepare(sql).all();
const obj = (value: LegacyJson | undefined): LegacyObject => {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), 'a JSON object');
  return value;
};
const num = (value: LegacyJson | undefined): number => Number(value);

/** The col row, notes, cards, review log and graves: the same values, the JSON columns emptied. */
function assertRowsKept(col: Collection, original: LegacySnapshot, counts: Case['counts']): void {
  const row = col.db.prepare('select * from col').get() as Record<string, unknown>;
  assert.equal(row['ver'], 18);
  for (const key of ['conf', 'models', 'decks', 'dconf', 'tags']) assert.equal(row[key], '', `col.${key} is emptied`);
  // The upgrade does not mark the collection modified.
  for (const key of ['id', 'crt', 'mod', 'scm', 'dty', 'usn', 'ls']) assert.equal(row[key], original.col[key], `col.${key}`);
  assert.deepEqual(all(col, 'select * from notes order by id'), original.notes);
  assert.deepEqual(all(col, 'select * from cards order by id'), original.cards);
  assert.deepEqual(all(col, 'select * from revlog order by id'), original.revlog);
  assert.equal(original.notes.length, counts.notes);
  assert.equal(original.cards.length, counts.cards);
  assert.equal(original.revlog.length, counts.revlog);
  const key = (g: { oid: number; type: number }) => `${g.oid}/${g.type}`;
  const graves = all(col, 'select oid, type, usn from graves') as LegacySnapshot['graves'];
  assert.deepEqual(new Set(graves.map(key)), new Set(original.graves.map(key)));
  // Tables the upgrade does not know (AnkiDroid's android_metadata) stay.
  const tables = new Set((all(col, "select name from sqlite_master where type = 'table'") as { name: string }[]).map((r) => r.name));
  for (const table of original.tables) assert.ok(tables.has(table), `table ${table} is kept`);
}

/** Every `col.conf` key is a config row with usn 0, mtime 0 and the value's JSON as a BLOB. */
function assertConfigKept(col: Collection, original: LegacySnapshot): void {
  const rows = all(col, 'select KEY as key, usn, mtime_secs as mtime, typeof(val) as type, val from config') as {
    key: string;
    usn: number;
    mtime: number;
    type: string;
    val: Buffer;
  }[];
  assert.deepEqual(rows.map((r) => r.key).sort(), Object.keys(original.conf).sort());
  for (const r of rows) {
    assert.deepEqual([r.usn, r.mtime, r.type], [0, 0, 'blob'], `config ${r.key}`);
    assert.deepEqual(parseLegacyJson(r.val.toString('utf8')), original.conf[r.key], `config ${r.key}`);
  }
  const tags = all(col, 'select tag, usn, collapsed, config from tags order by tag') as { tag: string; usn: number; collapsed: number; config: null }[];
  assert.deepEqual(
    tags.map((t) => [t.tag, t.usn, t.collapsed, t.config]).sort(),
    Object.entries(original.tags).map(([tag, usn]) => [tag, usn, 1, null]).sort(),
  );
}

// The deck keys of reference/anki-format.md §1.5; any other key must survive in the common blob.
const DECK_KEYS = new Set([
  'id', 'mod', 'name', 'usn', 'lrnToday', 'revToday', 'newToday', 'timeToday', 'collapsed', 'browserCollapsed', 'desc', 'md', 'dyn',
  'conf', 'extendNew', 'extendRev', 'reviewLimit', 'newLimit', 'reviewLimitToday', 'newLimitToday', 'desiredRetention',
  'resched', 'terms', 'separate', 'delays', 'previewDelay', 'previewAgainSecs', 'previewHardSecs', 'previewGoodSecs', 'return',
]);

function assertDecksKept(col: Collection, original: LegacySnapshot): void {
  assert.equal(col.decks.namesAndIds().length, Object.keys(original.decks).length);
  for (const value of Object.values(original.decks)) {
    const dict = obj(value);
    const deck = col.decks.get(num(dict['id']));
    assert.ok(deck !== undefined, `deck ${JSON.stringify(dict['name'])}`);
    const label = humanDeckName(deck.name);
    assert.equal(label, dict['name']);
    assert.equal(deck.mtimeSecs, num(dict['mod']), `${label}: mtime`);
    assert.equal(deck.usn, dict['usn'], `${label}: usn`);
    assert.equal(deck.common.studyCollapsed, dict['collapsed']);
    assert.equal(deck.common.browserCollapsed, dict['browserCollapsed'] ?? false);
    const pair = (key: string) => dict[key] as number[];
    const [time, neu, rev, lrn] = ['timeToday', 'newToday', 'revToday', 'lrnToday'].map(pair) as [number[], number[], number[], number[]];
    const day = Math.max(time[0] ?? 0, neu[0] ?? 0, rev[0] ?? 0);
    assert.equal(deck.common.lastDayStudied, day, `${label}: last day studied`);
    assert.equal(deck.common.newStudied, neu[0] === day ? neu[1] : 0);
    assert.equal(deck.common.reviewStudied, rev[0] === day ? rev[1] : 0);
    assert.equal(deck.common.learningStudied, lrn[0] === day ? lrn[1] : 0);
    assert.equal(deck.common.millisecondsStudied, time[1]);
    const unknown = Object.fromEntries(Object.entries(dict).filter(([key]) => !DECK_KEYS.has(key)));
    const other = deck.common.other.length === 0 ? {} : (JSON.parse(Buffer.from(deck.common.other).toString('utf8')) as unknown);
    assert.deepEqual(other, unknown, `${label}: unknown keys kept`);
    if (deck.kind.kind.case === 'normal') {
      const normal = deck.kind.kind.value;
      assert.equal(dict['dyn'], 0);
      assert.equal(normal.configId, BigInt(num(dict['conf'])));
      assert.equal(normal.description, dict['desc'] ?? '');
      assert.equal(normal.extendNew, dict['extendNew'] ?? 0);
      assert.equal(normal.extendReview, dict['extendRev'] ?? 0);
      assert.equal(normal.reviewLimit, dict['reviewLimit'] ?? undefined);
      assert.equal(normal.newLimit, dict['newLimit'] ?? undefined);
    } else {
      assert.equal(dict['dyn'], 1);
      const legacy = filteredDeckToLegacy(deck);
      assert.ok(legacy !== undefined);
      for (const key of ['resched', 'terms', 'delays', 'separate']) assert.deepEqual(legacy[key], dict[key], `${label}: ${key}`);
    }
  }
}

/** Legacy values compared as Anki would see them: sticky/rtl given as 0/1 are the booleans they mean. */
function comparableNotetypeValue(key: string, value: unknown): unknown {
  if ((key === 'sticky' || key === 'rtl') && typeof value === 'number') return value === 1;
  if (key === 'id' && typeof value === 'string') return Number(value);
  return value;
}

function assertNotetypesKept(col: Collection, original: LegacySnapshot): void {
  assert.equal(col.notetypes.namesAndIds().length, Object.keys(original.models).length);
  for (const [key, value] of Object.entries(original.models)) {
    const dict = obj(value);
    const stored = col.notetypes.get(Number(key));
    assert.ok(stored !== undefined, `note type ${key}`);
    const label = stored.name;
    assert.equal(typeof dict['name'], 'string');
    assert.equal(stored.name, normalizeToNfc(dict['name'] as string));
    assert.equal(stored.config.kind, dict['type']);
    assert.equal(stored.config.sortFieldIdx, dict['sortf']);
    assert.equal(stored.config.css, dict['css']);
    const fields = dict['flds'] as LegacyObject[];
    const templates = dict['tmpls'] as LegacyObject[];
    assert.deepEqual(stored.fields.map((f) => [f.ord, f.name]), fields.map((f, i) => [i, f['name']]), `${label}: fields`);
    assert.deepEqual(
      stored.templates.map((t) => [t.ord, t.name, t.config.qFormat, t.config.aFormat]),
      templates.map((t, i) => [i, t['name'], t['qfmt'], t['afmt'] ?? '']),
      `${label}: templates`,
    );
    // The legacy dict Anki-Connect gives back holds every key of the original with its value
    // (unknown ones such as Anki 2.0's `vers`, `tags` and `media` through the `other` blobs).
    const back = notetypeToSchema11(stored);
    for (const [k, v] of Object.entries(dict)) {
      if (k === 'flds' || k === 'tmpls') continue;
      assert.deepEqual(comparableNotetypeValue(k, back[k]), comparableNotetypeValue(k, v), `${label}: ${k}`);
    }
    for (const [part, originals] of [['flds', fields], ['tmpls', templates]] as const) {
      const backParts = back[part] as Record<string, unknown>[];
      originals.forEach((original, index) => {
        for (const [k, v] of Object.entries(original)) {
          assert.deepEqual(comparableNotetypeValue(k, backParts[index]?.[k]), comparableNotetypeValue(k, v), `${label}: ${part}[${index}].${k}`);
        }
      });
    }
  }
}

function assertPresetsKept(col: Collection, original: LegacySnapshot): void {
  assert.deepEqual(col.deckConfigs.ids().map(String).sort(), Object.keys(original.dconf).sort());
  for (const [key, value] of Object.entries(original.dconf)) {
    const dict = obj(value);
    const preset = col.deckConfigs.get(Number(key));
    assert.ok(preset !== undefined);
    assert.deepEqual([preset.name, preset.mtimeSecs, preset.usn], [dict['name'], dict['mod'], dict['usn']]);
    // Read back as the legacy dict: every key of the original with its value, old keys such as
    // `new.separate` and `rev.fuzz` included. Anki keeps only two new-card intervals.
    const back = deckConfigToLegacy(preset);
    for (const [k, v] of Object.entries(dict)) {
      if (k === 'new' || k === 'rev' || k === 'lapse') {
        const group = obj(v);
        const backGroup = back[k] as Record<string, unknown>;
        for (const [gk, gv] of Object.entries(group)) {
          const expected = gk === 'ints' && Array.isArray(gv) ? [gv[0], gv[1], 0] : gv;
          assert.deepEqual(backGroup[gk], expected, `preset ${key}: ${k}.${gk}`);
        }
      } else {
        assert.deepEqual(back[k], v, `preset ${key}: ${k}`);
      }
    }
  }
}

/** Each problem the checker reports is one the original file already had. */
function assertOnlyPreexisting(problems: IntegrityProblem[], original: LegacySnapshot, expectedRules: string[]): void {
  assert.deepEqual([...new Set(problems.map((p) => p.rule))].sort(), [...expectedRules].sort());
  const cards = new Map((original.cards as { id: number; type: number; due: number }[]).map((c) => [c.id, c]));
  const notes = new Map((original.notes as { id: number; tags: string; flds: string }[]).map((n) => [n.id, n]));
  const registered = new Set(Object.keys(original.tags).map(foldCase));
  for (const { rule, detail } of problems) {
    const id = Number(/(?:card|note) (\d+)/.exec(detail)?.[1]);
    if (rule === 'new-position') {
      const card = cards.get(id);
      assert.ok(card !== undefined && card.type === 0 && card.due >= 2_000_000 && detail.endsWith(`position ${card.due}`), detail);
    } else if (rule === 'tags') {
      const tag = /has tag "(.*)" missing/.exec(detail)?.[1] ?? '';
      assert.ok(notes.get(id)?.tags.split(' ').includes(tag) === true && !registered.has(foldCase(tag)), detail);
    } else if (rule === 'next-position') {
      const highest = Math.max(...[...cards.values()].filter((c) => c.type === 0).map((c) => c.due));
      assert.ok(num(original.conf['nextPos']) <= highest, detail);
    } else if (rule === 'note-text') {
      const flds = notes.get(id)?.flds ?? '';
      assert.notEqual(normalizeToNfc(flds), flds, detail);
    } else {
      assert.fail(`unexpected problem: ${rule}: ${detail}`);
    }
  }
}

for (const c of CASES) {
  test(`${c.label}: upgraded to schema 18, everything kept, the original backed up`, () => {
    const bytes = c.bytes();
    const original = readLegacy(bytes);
    assert.equal(original.col['ver'], 11);
    const copy = openCopy(bytes);
    try {
      const { col } = copy;
      assertRowsKept(col, original, c.counts);
      assertConfigKept(col, original);
      assertDecksKept(col, original);
      assertNotetypesKept(col, original);
      assertPresetsKept(col, original);

      const backup = join(copy.dir, backupName(11));
      assert.ok(copy.files().includes(backupName(11)));
      assert.ok(!copy.files().includes(`${backupName(11)}-wal`), 'no log to copy: the original has none');
      assert.equal(sha256(readFileSync(backup)), sha256(bytes), 'the backup holds the original bytes');
      assert.match(copy.logs[0] ?? '', /upgraded .*collection\.anki2 from schema 11 to 18.*collection\.anki2\.schema11-20261127-100000\.bak/);
      assert.equal(copy.logs.some((m) => /uses Anki's v1 scheduler/.test(m)), c.v1);
      const problems = checkIntegrity(col);
      assertOnlyPreexisting(problems, original, c.preexisting);

      // Opening it again is a plain schema-18 open: no upgrade, no second backup, same content.
      const filesBefore = copy.files().filter((f) => !/-(wal|shm)$/.test(f));
      const logsBefore = copy.logs.length;
      const again = copy.reopen();
      assert.equal((again.db.prepare('select ver from col').get() as { ver: number }).ver, 18);
      assert.deepEqual(copy.files().filter((f) => !/-(wal|shm)$/.test(f)), filesBefore);
      assert.ok(copy.logs.slice(logsBefore).every((m) => !/upgraded/.test(m)));
      assert.deepEqual(checkIntegrity(again), problems);
      assertRowsKept(again, original, c.counts);
    } finally {
      copy.close();
    }
  });
}

test("Anki 25's schema-11 copy of its stock collection upgrades to the protobuf rows Anki itself stores", () => {
  // transformerman/empty_collection.anki2 is a schema-18 collection Anki 24 created; the colpkg is
  // the stock collection as Anki 25 wrote it for older versions. The note types, deck 1 and preset
  // 1 come back byte for byte, apart from the random field ids and what changed between the two
  // Anki versions (the occlusion CSS of 24.06 and the easy-days percentages of the preset).
  const copy = openCopy(fixtureBytes('srs-converter/empty-legacy-2.colpkg', 'collection.anki21'));
  const ref = openCopy(fixtureBytes('transformerman/empty_collection.anki2'));
  try {
    const notetypes = (col: Collection) =>
      all(col, "select name, mtime_secs, usn, hex(config) as config from notetypes where name != 'Image Occlusion' order by name");
    assert.deepEqual(notetypes(copy.col), notetypes(ref.col));
    const fieldsWithoutIds = (col: Collection) =>
      (all(col, 'select n.name as nt, f.ord, f.name, f.config from fields f join notetypes n on n.id = f.ntid order by n.name, f.ord') as {
        nt: string;
        ord: number;
        name: string;
        config: Buffer;
      }[]).map((f) => {
        const stored = col.notetypes.get(col.notetypes.idByName(f.nt) ?? 0)?.fields[f.ord];
        assert.ok(stored?.config.id !== undefined, 'Anki 23.10+ gives every field an id');
        return [f.nt, f.ord, f.name, { ...stored.config, id: 0n }];
      });
    assert.deepEqual(fieldsWithoutIds(copy.col), fieldsWithoutIds(ref.col));
    const templates = (col: Collection) =>
      (all(col, 'select n.name as nt, t.ord, t.name, t.mtime_secs as mtime, t.usn from templates t join notetypes n on n.id = t.ntid order by n.name, t.ord') as {
        nt: string;
        ord: number;
      }[]).map((t) => {
        const stored = col.notetypes.get(col.notetypes.idByName(t.nt) ?? 0)?.templates[t.ord];
        assert.ok(stored !== undefined);
        return [t, { ...stored.config, id: 0n }];
      });
    assert.deepEqual(templates(copy.col), templates(ref.col));
    const decks = (col: Collection) => all(col, 'select id, name, mtime_secs, usn, hex(common), hex(kind) from decks');
    assert.deepEqual(decks(copy.col), decks(ref.col));
    const preset = (col: Collection) => {
      const stored = col.deckConfigs.get(1);
      assert.ok(stored !== undefined);
      return { ...stored, config: { ...stored.config, easyDaysPercentages: [] } };
    };
    assert.deepEqual(preset(copy.col), preset(ref.col));
  } finally {
    copy.close();
    ref.close();
  }
});

test('an upgraded collection takes writes through the API and stays clean', async (t) => {
  const { dir, remove } = tempDir('acs-upgrade-api-');
  const profile = join(dir, 'User 1');
  mkdirSync(profile);
  writeFileSync(join(profile, 'collection.anki2'), fixtureBytes('srs-converter/mixed-legacy-2.apkg', 'collection.anki21'));
  const state = new ProfileServerState({ ...defaultSettings({}), base: dir }, new FixedClock(TEST_NOW_MS));
  // The server reports the upgrade on standard error (captured here rather than printed).
  const stderr: string[] = [];
  t.mock.method(process.stderr, 'write', (chunk: unknown) => {
    stderr.push(String(chunk));
    return true;
  });
  try {
    const col = state.openProfile('User 1');
    t.mock.restoreAll();
    assert.deepEqual(stderr, [
      `anki-connect-server: upgraded ${join(profile, 'collection.anki2')} from schema 11 to 18, as Anki does; the original ` +
        `file was copied to ${join(profile, backupName(11))}\n`,
    ]);
    const dispatcher = new Dispatcher(createRegistry(), state);
    const call = async (action: string, params: Record<string, unknown>) => {
      const reply = (await dispatcher.handle({ action, version: 6, params }, { origin: '', allowed: true, local: true })) as {
        result: unknown;
        error: string | null;
      };
      assert.equal(reply.error, null, `${action}: ${String(reply.error)}`);
      return reply.result;
    };
    assert.deepEqual(await call('deckNames', {}), ['Default', 'Test - Mixed Types']);
    await call('createDeck', { deck: 'Test - Mixed Types::Sub' });
    const id = await call('addNote', {
      note: { deckName: 'Test - Mixed Types::Sub', modelName: 'Basic', fields: { Front: 'après', Back: 'upgrade' }, tags: ['new'] },
    });
    assert.equal(typeof id, 'number');
    assert.deepEqual(await call('findNotes', { query: 'deck:"Test - Mixed Types" front:après' }), [id]);
    await call('updateNoteFields', { note: { id, fields: { Back: 'edited' } } });
    assertIntegrity(col);
  } finally {
    state.close();
    remove();
  }
});

test('the schema-16 collection of AnkiDroid (ankidroid/schema16.anki2) keeps its tables and gains the schema-18 ones', () => {
  const bytes = fixtureBytes('ankidroid/schema16.anki2');
  // The original's rows, read on a scratch copy (its tables need the unicase collation).
  const scratch = tempDir('acs-schema16-');
  const path = join(scratch.dir, 'schema16.anki2');
  writeFileSync(path, bytes);
  const probe = openMemoryDatabase();
  const before = (() => {
    probe.prepare('attach database ? as old').run(path);
    try {
      const read = (sql: string) => probe.prepare(sql).all();
      return {
        ver: (probe.prepare('select ver from old.col').get() as { ver: number }).ver,
        decks: read('select id, name, mtime_secs, usn, hex(common), hex(kind) from old.decks order by id'),
        notetypes: read('select id, name, mtime_secs, usn, hex(config) from old.notetypes order by id'),
        fields: read('select ntid, ord, name, hex(config) from old.fields order by ntid, ord'),
        templates: read('select ntid, ord, name, mtime_secs, usn, hex(config) from old.templates order by ntid, ord'),
        presets: read('select id, name, mtime_secs, usn, hex(config) from old.deck_config order by id'),
        config: read('select KEY, usn, mtime_secs, hex(val) from old.config order by KEY'),
        tags: read('select tag, usn from old.tags order by tag') as { tag: string; usn: number }[],
        graves: read('select oid, type, usn from old.graves order by oid, type'),
      };
    } finally {
      probe.close();
      scratch.remove();
    }
  })();
  assert.equal(before.ver, 16);

  const copy = openCopy(bytes);
  try {
    const { col } = copy;
    const read = (sql: string) => all(col, sql);
    assert.equal((col.db.prepare('select ver from col').get() as { ver: number }).ver, 18);
    assert.deepEqual(read('select id, name, mtime_secs, usn, hex(common), hex(kind) from decks order by id'), before.decks);
    assert.deepEqual(read('select id, name, mtime_secs, usn, hex(config) from notetypes order by id'), before.notetypes);
    assert.deepEqual(read('select ntid, ord, name, hex(config) from fields order by ntid, ord'), before.fields);
    assert.deepEqual(read('select ntid, ord, name, mtime_secs, usn, hex(config) from templates order by ntid, ord'), before.templates);
    assert.deepEqual(read('select id, name, mtime_secs, usn, hex(config) from deck_config order by id'), before.presets);
    assert.deepEqual(read('select KEY, usn, mtime_secs, hex(val) from config order by KEY'), before.config);
    assert.deepEqual(read('select tag, usn, collapsed from tags order by tag'), before.tags.map((t) => ({ ...t, collapsed: 1 })));
    assert.deepEqual(read('select oid, type, usn from graves order by oid, type'), before.graves);
    assert.ok(col.decks.byName('ThisIsSchema16') !== undefined);
    const columns = (table: string) => (read(`pragma table_info(${table})`) as { name: string }[]).map((c) => c.name);
    assert.deepEqual(columns('tags'), ['tag', 'usn', 'collapsed', 'config']);
    assert.deepEqual(columns('graves'), ['oid', 'type', 'usn']);
    assert.ok(read("select name from sqlite_master where name = 'idx_graves_pending'").length === 1);
    assert.equal(sha256(readFileSync(join(copy.dir, backupName(16)))), sha256(bytes));
    assert.deepEqual(checkIntegrity(col), []);
  } finally {
    copy.close();
  }
});
