import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SearchContext, SearchNotetype } from './context.js';
import { SearchError } from './errors.js';
import { buildSearchSql } from './sql-writer.js';

const BASIC: SearchNotetype = {
  id: 1001,
  name: 'Basic',
  cloze: false,
  sortFieldIdx: 0,
  fields: [
    { name: 'Front', ord: 0, excludeFromSearch: false },
    { name: 'Back', ord: 1, excludeFromSearch: false },
  ],
  templates: [{ name: 'Card 1', ord: 0 }],
};
const CLOZE: SearchNotetype = {
  id: 1002,
  name: 'Cloze',
  cloze: true,
  sortFieldIdx: 0,
  fields: [
    { name: 'Text', ord: 0, excludeFromSearch: false },
    { name: 'Back Extra', ord: 1, excludeFromSearch: false },
  ],
  templates: [{ name: 'Cloze', ord: 0 }],
};

function context(overrides: Partial<SearchContext> = {}): SearchContext {
  return {
    notetypes: [BASIC, CLOZE],
    decks: [
      { id: 1, name: 'Default', presetId: 1 },
      { id: 10, name: 'Mining', presetId: 1 },
      { id: 11, name: 'Mining\x1fSub', presetId: 2 },
      { id: 12, name: 'Filtered', presetId: undefined },
    ],
    currentDeckId: 10,
    presets: [
      { id: 1, name: 'Default' },
      { id: 2, name: 'Fast' },
    ],
    timing: { daysElapsed: 40, nextDayAt: 1_800_000_000, nowSecs: 1_799_990_000 },
    config: { normalizeNoteText: true, ignoreAccentsInSearch: false, learnAheadSecs: 1200 },
    ...overrides,
  };
}

describe('SQL writer: table selection (§1.1)', () => {
  test('findNotes on a note-only query reads notes alone', () => {
    const { sql } = buildSearchSql('dog tag:x front:y', 'notes', context());
    assert.match(sql, /^select n\.id from notes n where \(/);
    assert.doesNotMatch(sql, /cards/);
  });

  test('findCards on a card-only query reads cards alone', () => {
    const { sql } = buildSearchSql('is:due prop:ivl>3', 'cards', context());
    assert.match(sql, /^select c\.id from cards c where \(/);
    assert.doesNotMatch(sql, /notes/);
  });

  test('findNotes on a card-only query filters cards, then takes their note ids (repeats removed by the caller)', () => {
    const { sql, repeats } = buildSearchSql('is:due', 'notes', context());
    assert.match(sql, /^select c\.nid from cards c where \(/);
    assert.equal(repeats, true);
  });

  test('mixed queries join cards and notes; findNotes is distinct', () => {
    assert.match(buildSearchSql('deck:Mining dog', 'cards', context()).sql, /^select c\.id from cards c, notes n where c\.nid = n\.id and \(/);
    assert.match(buildSearchSql('deck:Mining dog', 'notes', context()).sql, /^select distinct n\.id from cards c, notes n where c\.nid = n\.id and \(/);
  });

  test('card: needs both tables; nid: either, using c.nid when only cards are read', () => {
    assert.match(buildSearchSql('card:1', 'notes', context()).sql, /^select distinct n\.id from cards c, notes n/);
    assert.match(buildSearchSql('card:"Card 1"', 'notes', context()).sql, /^select distinct n\.id from cards c, notes n/);
    assert.match(buildSearchSql('nid:5', 'notes', context()).sql, /^select n\.id from notes n where \(n\.id in/);
    assert.match(buildSearchSql('nid:5 is:new', 'cards', context()).sql, /c\.nid in/);
  });

  test('an empty query is `true` over the item table', () => {
    assert.deepEqual(buildSearchSql('', 'cards', context()), { sql: 'select c.id from cards c where (true)', params: [] });
    assert.deepEqual(buildSearchSql('', 'notes', context()), { sql: 'select n.id from notes n where (true)', params: [] });
  });
});

describe('SQL writer: bound parameters only', () => {
  test('no value from the query or the context appears in the SQL text', () => {
    const query = 'secretword front:hush* deck:Mining tag:private nid:123456 prop:ivl>987 added:7 mid:1001 "re:xyz" w:abc dupe:1001,zzz preset:Fast';
    const { sql, params } = buildSearchSql(query, 'cards', context());
    for (const value of ['secretword', 'hush', 'private', '123456', '987', 'xyz', 'abc', 'zzz', '1001', '1800000000', 'Fast']) {
      assert.ok(!sql.includes(value), `${value} must not be in the SQL`);
    }
    assert.equal(sql.split('?').length - 1, params.length, 'one value per placeholder');
  });

  test('whole numbers are bound as integers, so SQLite divides as Anki\'s literals do', () => {
    const { params } = buildSearchSql('prop:due=0', 'cards', context());
    assert.ok(params.every((param) => typeof param === 'bigint'));
  });
});

describe('SQL writer: shapes Anki relies on', () => {
  test('text searches sfld and flds with one LIKE pattern', () => {
    assert.deepEqual(buildSearchSql('te*st', 'notes', context()), {
      sql: "select n.id from notes n where ((n.sfld like ? escape '\\' or n.flds like ? escape '\\'))",
      params: ['%te%st%', '%te%st%'],
    });
  });

  test('a field search pins the value to the field\'s position in flds, per note type', () => {
    const { sql, params } = buildSearchSql('back:x*', 'notes', context());
    assert.equal(sql, "select n.id from notes n where (((n.mid = ? and (n.flds like ? escape '\\'))))");
    assert.deepEqual(params, [1001n, '%\x1fx%']);
  });

  test('a field no note type has is `false`', () => {
    assert.equal(buildSearchSql('nothing:x', 'notes', context()).sql, 'select n.id from notes n where (false)');
  });

  test('did: is bracketed (Anki 26.09), so - negates all of it', () => {
    const { sql } = buildSearchSql('-did:1', 'cards', context());
    assert.equal(sql, 'select c.id from cards c where (not (c.did in (?) or (c.odid != 0 and c.odid in (?))))');
  });

  test('sc: is written as `(cloze note types) and (…)` without brackets', () => {
    const { sql } = buildSearchSql('-sc:x', 'notes', context());
    assert.match(sql, /^select n\.id from notes n where \(not \(n\.mid = \?\) and \(process_text/);
    assert.match(buildSearchSql('sc:x', 'notes', context({ notetypes: [BASIC] })).sql, /\(false\) and/);
  });

  test('deck: resolves names to ids (children included; filtered cards by home deck)', () => {
    const { sql, params } = buildSearchSql('deck:mining', 'cards', context());
    assert.equal(sql, 'select c.id from cards c where ((c.did in (?, ?) or (c.odid != 0 and c.odid in (?, ?))))');
    assert.deepEqual(params, [10n, 11n, 10n, 11n]);
    assert.equal(buildSearchSql('deck:nope', 'cards', context()).sql, 'select c.id from cards c where (false)');
    assert.deepEqual(buildSearchSql('deck:current', 'cards', context()).params, [10n, 11n, 10n, 11n]);
    assert.equal(buildSearchSql('deck:filtered', 'cards', context()).sql, 'select c.id from cards c where (c.odid != 0)');
  });

  test('deck:current falls back to Default when curDeck is gone', () => {
    assert.deepEqual(buildSearchSql('deck:current', 'cards', context({ currentDeckId: 999 })).params, [1n, 1n]);
  });

  test('preset: takes the normal decks using the preset', () => {
    assert.deepEqual(buildSearchSql('preset:fast', 'cards', context()).params, [11n, 11n]);
    assert.equal(buildSearchSql('preset:none', 'cards', context()).sql, 'select c.id from cards c where (false)');
  });

  test('note: and card: resolve names (unicase) and globs', () => {
    assert.deepEqual(buildSearchSql('note:BASIC', 'notes', context()).params, [1001n]);
    assert.deepEqual(buildSearchSql('note:*', 'notes', context()).params, [1001n, 1002n]);
    assert.deepEqual(buildSearchSql('card:cloze', 'cards', context()).params, [1002n, 0n]);
  });

  test('day-based terms use the collection\'s next rollover', () => {
    assert.deepEqual(buildSearchSql('added:2', 'cards', context()).params, [BigInt((1_800_000_000 - 2 * 86_400) * 1000)]);
    assert.deepEqual(buildSearchSql('edited:1', 'notes', context()).params, [BigInt(1_800_000_000 - 86_400)]);
    assert.deepEqual(buildSearchSql('is:due', 'cards', context()).params, [2n, 3n, 40n, 1n, 4n, BigInt(1_799_990_000 + 1200)]);
  });

  test('unqualified text with excluded fields tests the included runs per note type', () => {
    const excluded: SearchNotetype = {
      ...BASIC,
      id: 1003,
      fields: [
        { name: 'A', ord: 0, excludeFromSearch: true },
        { name: 'B', ord: 1, excludeFromSearch: false },
        { name: 'C', ord: 2, excludeFromSearch: false },
      ],
    };
    const { sql, params } = buildSearchSql('x', 'notes', context({ notetypes: [excluded] }));
    // The sort field (A) is excluded, so sfld is not tested; B and C form one run.
    assert.equal(sql, "select n.id from notes n where (((n.mid = ? and (n.flds like ? escape '\\'))))");
    assert.deepEqual(params, [1003n, '%\x1f%x%']);
  });

  test('an invalid regex is a search error before any SQL runs', () => {
    assert.throws(
      () => buildSearchSql('"re:(a"', 'notes', context()),
      (err: unknown) => err instanceof SearchError && err.kind === 'Regex' && err.message === 'Invalid search: the regular expression `(a` is not valid: unclosed group.',
    );
  });

  test('ignoreAccentsInSearch makes plain text and w: accent-insensitive', () => {
    const ctx = context({ config: { normalizeNoteText: true, ignoreAccentsInSearch: true, learnAheadSecs: 1200 } });
    const { sql, params } = buildSearchSql('café', 'notes', ctx);
    assert.match(sql, /process_text\(cast\(n\.sfld as text\), 1\)/);
    assert.deepEqual(params, ['%cafe%', '%cafe%']);
    assert.match(buildSearchSql('w:café', 'notes', ctx).sql, /process_text\(n\.flds, 1\) regexp \?/);
  });

  test('normalize_note_text off: the search text is not NFC-normalised', () => {
    const off = context({ config: { normalizeNoteText: false, ignoreAccentsInSearch: false, learnAheadSecs: 1200 } });
    assert.deepEqual(buildSearchSql('cafe\u0301', 'notes', off).params, ['%cafe\u0301%', '%cafe\u0301%']);
    assert.deepEqual(buildSearchSql('cafe\u0301', 'notes', context()).params, ['%café%', '%café%']);
  });

  test('large id lists are one JSON parameter', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => i + 1).join(',');
    const { sql, params } = buildSearchSql(`nid:${ids}`, 'notes', context());
    assert.equal(sql, 'select n.id from notes n where (n.id in (select value from json_each(?)))');
    assert.equal(params.length, 1);
    const many = buildSearchSql(`did:${ids}`, 'cards', context());
    assert.equal(many.params.length, 2);
  });
});
