// The rules of Anki's upgrade on variants of a real schema-11 file (AnkiDroid 2.12.1's empty
// collection) built in the test: names made valid and unique, ids as strings and id 0, unknown
// keys and 64-bit ids kept, studied counts, the starting-ease repair of schema 16, config, tags
// and graves, refusals, upgrades resumed from schema 14 and 15, and the backup of a file with a
// write-ahead log.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { FixedClock } from '../../src/collection/clock.js';
import { Collection } from '../../src/collection/collection.js';
import { openCollection } from '../../src/collection/open.js';
import { checkIntegrity } from '../../src/dbcheck/check.js';
import { deckConfigToLegacy } from '../../src/deckconfig/schema11.js';
import { nativeDeckName } from '../../src/decks/names.js';
import { openDatabase } from '../../src/storage/database.js';
import { upgradeToSchema14 } from '../../src/storage/upgrade/schema14.js';
import { upgradeToSchema15 } from '../../src/storage/upgrade/schema15.js';
import { CollectionVersionError } from '../../src/storage/upgrade/version.js';
import { fieldChecksum } from '../../src/text/index.js';
import { assertIntegrity, TEST_NOW_MS, tempDir } from '../support/collections.js';
import { backupName, editLegacy, fixtureBytes, openCopy, setColJson, sha256 } from './support.js';

const ANKIDROID = (): Buffer => fixtureBytes('ankidroid/initial_version_2_12_1.anki2');
const BASIC_ID = 1598919734596;
const NOW_SECS = TEST_NOW_MS / 1000;

/** A schema-11 deck dict with every required key. */
function legacyDeck(id: number | string, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name,
    mod: 1600000000,
    usn: 0,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    desc: '',
    dyn: 0,
    conf: 1,
    ...extra,
  };
}

/** A schema-11 preset dict with every required key. */
function legacyPreset(id: number, name: string, initialFactor: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name,
    mod: 1600000000,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    new: { delays: [1, 10], initialFactor, ints: [1, 4, 7], order: 1, perDay: 20, bury: false, separate: true },
    rev: { perDay: 200, ease4: 1.3, ivlFct: 1, maxIvl: 36500, bury: false, fuzz: 0.05, minSpace: 1 },
    lapse: { delays: [10], mult: 0, minInt: 1, leechFails: 8, leechAction: 0 },
    ...extra,
  };
}

/** Opens a variant, expecting the upgrade to be refused; returns the message and what the file holds afterwards. */
function refusedUpgrade(bytes: Buffer): { message: string; ver: unknown; models: unknown; files: string[] } {
  const { dir, remove } = tempDir('acs-refused-');
  const path = join(dir, 'collection.anki2');
  writeFileSync(path, bytes);
  try {
    let message = '';
    assert.throws(
      () => openCollection(path, { clock: new FixedClock(TEST_NOW_MS), log: () => undefined }),
      (err: Error) => {
        message = err.message;
        return true;
      },
    );
    const db = new Database(path, { readonly: true });
    try {
      const row = db.prepare('select ver, models from col').get() as { ver: unknown; models: unknown };
      return { message, ver: row.ver, models: row.models, files: readdirSync(dir).sort() };
    } finally {
      db.close();
    }
  } finally {
    remove();
  }
}

test('note types: names NFC and unique, ids from strings or 0, unknown keys and 64-bit ids kept', () => {
  // As JSON text: the 64-bit ids would not survive JSON.stringify of JavaScript numbers.
  const models = `{
    "100": {"id": "100", "name": "Cafe\\u0301", "type": 0, "mod": 5, "usn": 3, "sortf": 1, "did": null, "css": ".card {}",
      "latexPre": "pre", "latexPost": "post", "req": [[0, "any", [0]], [1, "all", [1, 2]]], "vers": [], "tags": ["x"],
      "flds": [
        {"name": "Front", "ord": 0, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "id": -5320123542524274300, "media": []},
        {"name": "front", "ord": 1, "sticky": 1, "rtl": "true", "font": "Times", "size": 12, "description": "d"},
        {"name": "FRONT", "ord": 2, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "plainText": "yes"}
      ],
      "tmpls": [
        {"name": "Card 1", "ord": 0, "qfmt": "{{Front}}", "afmt": "{{Back}}", "did": 77, "bsize": 300, "id": 1234567890123456789},
        {"name": "card 1", "ord": 1, "qfmt": "{{front}}", "bfont": "Arial", "bsize": 12, "custom": {"k": true}}
      ]},
    "200": {"id": 200, "name": "café", "type": 1, "mod": 6, "usn": -1, "sortf": 0, "did": 1, "css": 5, "req": "broken",
      "flds": [{"name": "Text", "sticky": false, "rtl": false, "font": "Arial", "size": 20}],
      "tmpls": [{"name": "Cloze", "qfmt": "{{cloze:Text}}"}]},
    "0": {"id": 0, "name": "Zero", "type": 0, "mod": 7, "usn": 0, "sortf": 0, "did": null, "css": "",
      "flds": [{"name": "F", "sticky": false, "rtl": false, "font": "Arial", "size": 20}], "tmpls": [{"name": "T", "qfmt": "{{F}}"}]}
  }`;
  const copy = openCopy(editLegacy(ANKIDROID(), (db) => setColJson(db, 'models', models)), { randomNotetypeId: () => 424242 });
  try {
    const { col } = copy;
    assert.deepEqual(col.notetypes.namesAndIds(), [
      { id: 100, name: 'Café' },
      { id: 200, name: 'café_' },
      { id: 424242, name: 'Zero' },
    ]);
    const first = col.notetypes.get(100);
    assert.ok(first !== undefined);
    assert.equal(first.name, 'Caf\u00e9', 'NFC');
    assert.deepEqual([first.mtimeSecs, first.usn, first.config.sortFieldIdx, first.config.latexPre, first.config.latexPost], [5, 3, 1, 'pre', 'post']);
    assert.deepEqual(first.fields.map((f) => f.name), ['Front', 'front+', 'FRONT++']);
    assert.deepEqual(first.templates.map((t) => t.name), ['Card 1', 'card 1+']);
    const [front, second, third] = first.fields;
    assert.ok(front !== undefined && second !== undefined && third !== undefined);
    assert.equal(front.config.id, -5320123542524274300n, 'a 64-bit field id, exact');
    assert.deepEqual([second.config.sticky, second.config.rtl, second.config.fontName, second.config.fontSize], [true, true, 'Times', 12]);
    assert.equal(second.config.id, undefined);
    assert.equal(third.config.plainText, false, 'an invalid optional value falls back to its default');
    const [card1, card2] = first.templates;
    assert.ok(card1 !== undefined && card2 !== undefined);
    assert.equal(card1.config.id, 1234567890123456789n);
    assert.equal(card1.config.targetDeckId, 77n);
    assert.equal(card1.config.browserFontSize, 0, 'bsize beyond a u8 reads as 0');
    assert.deepEqual([card2.config.aFormat, card2.config.browserFontName, card2.config.browserFontSize], ['', 'Arial', 12]);
    assert.deepEqual(first.templates.map((t) => [t.mtimeSecs, t.usn]), [[0, 0], [0, 0]]);
    assert.deepEqual(first.config.reqs.map((r) => [r.cardOrd, r.kind, [...r.fieldOrds]]), [[0, 1, [0]], [1, 2, [1, 2]]]);
    // Unknown keys stay in the `other` bytes, 64-bit values exact, keys sorted as Anki's serde_json
    // writes them (json-key-order.test.ts).
    const other = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
    assert.equal(other(first.config.other), '{"tags":["x"],"vers":[]}');
    assert.equal(other(front.config.other), '{"media":[]}');
    assert.equal(other(card2.config.other), '{"custom":{"k":true}}');

    const cloze = col.notetypes.get(200);
    assert.ok(cloze !== undefined);
    assert.deepEqual([cloze.config.kind, cloze.config.css, cloze.config.reqs.length, cloze.config.targetDeckIdUnused], [1, '', 0, 1n]);
    assert.equal(col.notetypes.get(424242)?.fields[0]?.name, 'F', 'rows filed under the new id');
    assertIntegrity(col);
  } finally {
    copy.close();
  }
});

test('a note type Anki cannot read refuses the upgrade with its message and leaves the data as it was', () => {
  const models = '{"5": {"id": 5, "name": "No css", "type": 0, "mod": 0, "usn": 0, "sortf": 0, "did": null, "flds": [], "tmpls": []}}';
  const bytes = editLegacy(ANKIDROID(), (db) => setColJson(db, 'models', models));
  const result = refusedUpgrade(bytes);
  assert.match(result.message, /upgrading the collection from schema 11 to 18 failed.*decoding models: missing field `css`/);
  assert.match(result.message, /a copy is at .*collection\.anki2\.schema11-20261127-100000\.bak/);
  assert.equal(result.ver, 11);
  assert.equal(result.models, models);
  assert.ok(result.files.includes(backupName(11)));

  const deckZero = editLegacy(ANKIDROID(), (db) => setColJson(db, 'decks', JSON.stringify({ 0: legacyDeck(0, 'Zero') })));
  assert.match(refusedUpgrade(deckZero).message, /decoding decks: deck with id 0/);
  const noToday = editLegacy(ANKIDROID(), (db) =>
    setColJson(db, 'decks', JSON.stringify({ 1: { ...legacyDeck(1, 'Default'), lrnToday: undefined } })),
  );
  assert.match(refusedUpgrade(noToday).message, /decoding decks: missing field `lrnToday`/);
  const badPreset = editLegacy(ANKIDROID(), (db) => setColJson(db, 'dconf', JSON.stringify({ 1: { ...legacyPreset(1, 'Default', 2500), maxTaken: undefined } })));
  assert.match(refusedUpgrade(badPreset).message, /decoding deck config: missing field `maxTaken`/);
});

test('decks: names normalised and unique, filtered decks, studied counts, unknown keys kept', () => {
  const decks = {
    1: legacyDeck(1, 'Default'),
    10: legacyDeck('10', 'A::::B'),
    15: legacyDeck(15, 'A'),
    16: legacyDeck(16, 'A::'),
    11: legacyDeck(11, 'Dup'),
    12: legacyDeck(12, 'dup'),
    13: {
      ...legacyDeck(13, 'Filtered'),
      dyn: true,
      conf: undefined,
      resched: 1,
      terms: [['is:due', '50', 2]],
      delays: [1, 10],
      previewDelay: 10,
      separate: true,
      return: true,
      custom: { x: 1 },
    },
    14: {
      ...legacyDeck(14, 'Counts'),
      lrnToday: [3, 7],
      newToday: [5, 2],
      revToday: [4, 9],
      timeToday: [5, 1000],
      extendNew: -5,
      extendRev: 'many',
      reviewLimit: 'x',
      newLimit: 12,
      newLimitToday: { limit: 3, today: 5 },
      desiredRetention: 85,
      mid: '123',
      browserCollapsed: true,
      md: true,
      desc: 'about',
    },
  };
  const copy = openCopy(editLegacy(ANKIDROID(), (db) => setColJson(db, 'decks', JSON.stringify(decks))));
  try {
    const { col } = copy;
    assert.deepEqual(col.decks.namesAndIds(), [
      { id: 15, name: 'A' },
      { id: 16, name: 'A::blank' },
      { id: 10, name: 'A::blank::B' },
      { id: 14, name: 'Counts' },
      { id: 1, name: 'Default' },
      { id: 11, name: 'Dup' },
      { id: 12, name: 'dup_' },
      { id: 13, name: 'Filtered' },
    ]);
    const stamp = (id: number) => [col.decks.get(id)?.mtimeSecs, col.decks.get(id)?.usn];
    assert.deepEqual(stamp(10), [NOW_SECS, -1], 'a renamed deck is marked modified');
    assert.deepEqual(stamp(12), [NOW_SECS, -1]);
    assert.deepEqual(stamp(16), [NOW_SECS, -1]);
    assert.deepEqual(stamp(11), [1600000000, 0], 'the others keep their stamps');
    assert.equal(col.decks.get(10)?.name, nativeDeckName('A::blank::B'));

    const filtered = col.decks.get(13);
    assert.ok(filtered?.kind.kind.case === 'filtered');
    const f = filtered.kind.kind.value;
    assert.deepEqual([f.reschedule, f.delays, f.previewDelay], [true, [1, 10], 10]);
    assert.deepEqual(f.searchTerms.map((t) => [t.search, t.limit, t.order]), [['is:due', 50, 2]]);
    assert.equal(Buffer.from(filtered.common.other).toString('utf8'), '{"custom":{"x":1}}', '`return` is dropped');

    const counts = col.decks.get(14);
    assert.ok(counts?.kind.kind.case === 'normal');
    const c = counts.common;
    assert.deepEqual(
      [c.lastDayStudied, c.newStudied, c.reviewStudied, c.learningStudied, c.millisecondsStudied],
      [5, 2, 0, 0, 1000],
      'counts of an earlier day than the latest are dropped',
    );
    assert.deepEqual([c.browserCollapsed, c.studyCollapsed], [true, false]);
    const n = counts.kind.kind.value;
    assert.deepEqual([n.extendNew, n.extendReview, n.reviewLimit, n.newLimit], [0, 0, undefined, 12]);
    assert.deepEqual([n.newLimitToday?.limit, n.newLimitToday?.today, n.reviewLimitToday], [3, 5, undefined]);
    assert.equal(n.desiredRetention, Math.fround(0.85));
    assert.deepEqual([n.description, n.markdownDescription, n.configId], ['about', true, 1n]);
    assert.equal(Buffer.from(c.other).toString('utf8'), '{"mid":"123"}');
    assertIntegrity(col);
  } finally {
    copy.close();
  }
});

test('presets: ids from their keys, unknown keys kept, and the schema-16 repair of a 130% starting ease', () => {
  const variant = editLegacy(ANKIDROID(), (db) => {
    setColJson(
      db,
      'dconf',
      JSON.stringify({
        1: legacyPreset(1, 'Default', 2500),
        2: legacyPreset(2, 'Low', 1300),
        // A buggy client left another id inside; the key wins.
        3: legacyPreset(99, 'Custom', 2300, { custom: 'kept' }),
      }),
    );
    setColJson(
      db,
      'decks',
      JSON.stringify({
        1: legacyDeck(1, 'Default'),
        20: legacyDeck(20, 'Low', { conf: 2 }),
        21: legacyDeck(21, 'Normal', { conf: 3 }),
        22: { ...legacyDeck(22, 'Cram'), dyn: 1, conf: undefined, resched: true, terms: [['deck:Low', 100, 0]] },
      }),
    );
    const conf = JSON.parse((db.prepare('select conf from col').get() as { conf: string }).conf) as Record<string, unknown>;
    setColJson(db, 'conf', JSON.stringify({ ...conf, nextPos: 10 }));
    const addNote = db.prepare("insert into notes values (?, ?, ?, 1600000000, 0, '', ?, ?, ?, 0, '')");
    const addCard = db.prepare("insert into cards values (?, ?, ?, 0, 1600000000, 0, ?, ?, ?, ?, ?, 3, 0, 0, ?, ?, 0, '')");
    // id, deck, type, queue, due, ivl, factor, odue, odid
    const cards: [number, number, number, number, number, number, number, number, number][] = [
      [1, 20, 2, 2, 10, 5, 1800, 0, 0], // low ease in the repaired preset's deck: raised
      [2, 20, 2, 2, 10, 5, 2100, 0, 0], // above 200%: kept
      [3, 20, 0, 0, 1, 0, 0, 0, 0], // new, no ease: kept
      [4, 21, 2, 2, 10, 5, 1800, 0, 0], // another preset's deck: kept
      [5, 22, 2, 2, 10, 5, 1500, 10, 20], // lent to a filtered deck from the repaired deck: raised
    ];
    for (const [id] of cards) addNote.run(id, `guid${id}`, BASIC_ID, `q${id}\x1fa`, `q${id}`, fieldChecksum(`q${id}`));
    for (const [id, did, type, queue, due, ivl, factor, odue, odid] of cards) addCard.run(id, id, did, type, queue, due, ivl, factor, odue, odid);
  });
  const copy = openCopy(variant);
  try {
    const { col } = copy;
    assert.deepEqual(col.deckConfigs.ids(), [1, 2, 3]);
    assert.equal(col.deckConfigs.get(1)?.config.initialEase, 2.5);
    assert.equal(col.deckConfigs.get(2)?.config.initialEase, 2.5, 'a starting ease of 1.3 is reset to 2.5');
    assert.equal(col.deckConfigs.get(3)?.config.initialEase, Math.fround(Math.fround(Math.fround(2.3) * 100) / 100));
    const custom = col.deckConfigs.get(3);
    assert.ok(custom !== undefined);
    const legacy = deckConfigToLegacy(custom);
    assert.deepEqual([legacy['id'], legacy['name'], legacy['custom']], [3, 'Custom', 'kept']);
    assert.deepEqual([(legacy['new'] as Record<string, unknown>)['separate'], (legacy['rev'] as Record<string, unknown>)['fuzz']], [true, 0.05]);
    const factors = col.db.prepare('select id, factor, usn, mod from cards order by id').all();
    assert.deepEqual(factors, [
      { id: 1, factor: 2500, usn: -1, mod: 1600000000 },
      { id: 2, factor: 2100, usn: 0, mod: 1600000000 },
      { id: 3, factor: 0, usn: 0, mod: 1600000000 },
      { id: 4, factor: 1800, usn: 0, mod: 1600000000 },
      { id: 5, factor: 2500, usn: -1, mod: 1600000000 },
    ]);
    assertIntegrity(col);
  } finally {
    copy.close();
  }
});

test('config keys, tags and graves move to their tables; the col row and other tables are kept', () => {
  const variant = editLegacy(ANKIDROID(), (db) => {
    setColJson(db, 'conf', '{"curModel": "123", "big": 12345678901234567890, "nested": {"a": [1, 2.5, "x\\u00e9\\n"]}, "curDeck": 1, "nextPos": 1}');
    setColJson(db, 'tags', '{"a": 0, "A": -1, "b::c": 5}');
    const grave = db.prepare('insert into graves (usn, oid, type) values (?, ?, ?)');
    grave.run(-1, 5, 0);
    grave.run(3, 5, 0);
    grave.run(-1, 6, 1);
  });
  const copy = openCopy(variant);
  try {
    const { col } = copy;
    const config = col.db.prepare('select KEY as key, usn, mtime_secs as mtime, cast(val as text) as val from config order by KEY').all();
    assert.deepEqual(config, [
      { key: 'big', usn: 0, mtime: 0, val: '12345678901234567890' },
      { key: 'curDeck', usn: 0, mtime: 0, val: '1' },
      { key: 'curModel', usn: 0, mtime: 0, val: '"123"' },
      { key: 'nested', usn: 0, mtime: 0, val: '{"a":[1,2.5,"xé\\n"]}' },
      { key: 'nextPos', usn: 0, mtime: 0, val: '1' },
    ]);
    assert.deepEqual(col.db.prepare('select tag, usn, collapsed, config from tags order by tag').all(), [
      { tag: 'a', usn: 0, collapsed: 1, config: null },
      { tag: 'b::c', usn: 5, collapsed: 1, config: null },
    ]);
    assert.deepEqual(col.db.prepare('select oid, type, usn from graves order by oid').all(), [
      { oid: 5, type: 0, usn: -1 },
      { oid: 6, type: 1, usn: -1 },
    ]);
    assert.deepEqual(col.db.prepare('select * from android_metadata').all(), [{ locale: 'en_US' }]);
    const row = col.db.prepare('select mod, scm, crt from col').get();
    assert.deepEqual(row, { mod: 1598919734619, scm: 1598919734277, crt: 1598842800 });
    assertIntegrity(col);
  } finally {
    copy.close();
  }
});

test('schemas 12, 13, above 18 and below 11 are refused before anything is written', () => {
  for (const [version, kind, pattern] of [
    [12, 'FileTooNew', /schema version 12, an experimental schema .* abandoned \(FileTooNew/],
    [13, 'FileTooNew', /schema version 13, an experimental schema/],
    [19, 'FileTooNew', /written by a newer Anki \(schema version 19; this server opens schemas 11 and 14 to 18\).*Downgrade & Quit/],
    [10, 'FileTooOld', /too old \(schema version 10;.*\(FileTooOld\)/],
  ] as const) {
    const bytes = editLegacy(ANKIDROID(), (db) => db.prepare('update col set ver = ?').run(version));
    const { dir, remove } = tempDir('acs-version-');
    try {
      const path = join(dir, 'collection.anki2');
      writeFileSync(path, bytes);
      assert.throws(
        () => openCollection(path, { log: () => undefined }),
        (err: unknown) => err instanceof CollectionVersionError && err.kind === kind && err.version === version && pattern.test(err.message),
        String(version),
      );
      assert.equal(sha256(readFileSync(path)), sha256(bytes), `schema ${version}: the file is untouched`);
      assert.deepEqual(readdirSync(dir), ['collection.anki2'], `schema ${version}: nothing created beside it`);
    } finally {
      remove();
    }
  }
});

test('an upgrade stopped at schema 14 or 15 (Anki 2.1.24 to 2.1.34 files) resumes to the same collection', () => {
  const source = fixtureBytes('ankidroid/templates.apkg', 'collection.anki2');
  /** Every table's rows, blobs as hex. */
  const dump = (col: Collection) => {
    const tables = ['notes', 'cards', 'revlog', 'graves', 'config', 'tags', 'deck_config', 'decks', 'notetypes', 'fields', 'templates'];
    const rows = (table: string) =>
      (col.db.prepare(`select * from ${table}`).all() as Record<string, unknown>[]).map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('hex') : v])),
      );
    return Object.fromEntries(tables.map((table) => [table, rows(table)]));
  };
  const direct = openCopy(source);
  const expected = dump(direct.col);
  direct.close();

  for (const stopAt of [14, 15]) {
    const { dir, remove } = tempDir('acs-partial-');
    try {
      // Run Anki's first steps only, as an Anki of that era left the file.
      const path = join(dir, 'partial.anki2');
      writeFileSync(path, source);
      const partial = new Collection(openDatabase(path), path, join(dir, 'media'), new FixedClock(TEST_NOW_MS));
      const context = { col: partial, nowSecs: NOW_SECS, randomNotetypeId: () => 424242 };
      partial.db.exec('begin');
      upgradeToSchema14(context);
      if (stopAt === 15) upgradeToSchema15(context);
      partial.db.exec('commit');
      assert.equal((partial.db.prepare('select ver from col').get() as { ver: number }).ver, stopAt);
      partial.close();

      const resumed = openCopy(readFileSync(path));
      try {
        assert.ok(resumed.files().includes(backupName(stopAt)));
        assert.deepEqual(dump(resumed.col), expected, `resumed from schema ${stopAt}`);
      } finally {
        resumed.close();
      }
    } finally {
      remove();
    }
  }
});

test('a file with a write-ahead log is backed up with its log; a second backup never overwrites the first', () => {
  const { dir, remove } = tempDir('acs-wal-');
  try {
    // A schema-11 file whose latest change is still in its -wal, as after a crash.
    const live = join(dir, 'live.anki2');
    writeFileSync(live, ANKIDROID());
    const writer = new Database(live);
    writer.pragma('journal_mode = wal');
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare('update col set conf = ?').run('{"walOnly": true, "nextPos": 1, "curDeck": 1}');
    const path = join(dir, 'collection.anki2');
    copyFileSync(live, path);
    copyFileSync(`${live}-wal`, `${path}-wal`);
    writer.close();
    const mainBytes = readFileSync(path);
    const walBytes = readFileSync(`${path}-wal`);
    assert.ok(walBytes.length > 0);
    // A backup of the same name is already there (an earlier attempt in the same second).
    writeFileSync(join(dir, backupName(11)), 'earlier');

    const col = openCollection(path, { clock: new FixedClock(TEST_NOW_MS), log: () => undefined });
    try {
      assert.equal(col.config.get('walOnly'), true, 'the change in the log is upgraded too');
    } finally {
      col.close();
    }
    const backup = join(dir, backupName(11).replace(/\.bak$/, '-2.bak'));
    assert.equal(readFileSync(join(dir, backupName(11)), 'utf8'), 'earlier');
    assert.equal(sha256(readFileSync(backup)), sha256(mainBytes));
    assert.equal(sha256(readFileSync(`${backup}-wal`)), sha256(walBytes));
    // The pair, renamed back, is the original collection with its logged change.
    const restored = join(dir, 'restored.anki2');
    copyFileSync(backup, restored);
    copyFileSync(`${backup}-wal`, `${restored}-wal`);
    const db = new Database(restored);
    try {
      assert.deepEqual(db.prepare('select ver, conf from col').get(), { ver: 11, conf: '{"walOnly": true, "nextPos": 1, "curDeck": 1}' });
    } finally {
      db.close();
    }
    assert.ok(!existsSync(`${path}.schema11-20261127-100000-3.bak`));
  } finally {
    remove();
  }
});

test('the v1 scheduler is reported on every open, and nothing of its scheduling is changed', () => {
  const copy = openCopy(fixtureBytes('ankitects-anki/mediacheck.anki2'));
  try {
    assert.equal(copy.col.config.get('schedVer'), 1);
    assert.equal(copy.logs.filter((m) => /uses Anki's v1 scheduler/.test(m)).length, 1);
    copy.reopen();
    assert.equal(copy.logs.filter((m) => /uses Anki's v1 scheduler/.test(m)).length, 2);
    assert.equal(copy.col.config.get('schedVer'), 1);
    assert.deepEqual(checkIntegrity(copy.col).map((p) => p.rule), ['note-text'], 'only the damage the file came with');
  } finally {
    copy.close();
  }
});
