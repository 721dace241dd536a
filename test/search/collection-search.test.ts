// Searching real collections: fields excluded from search (§1.9), the settings a search reads,
// "today" (§1.8), the query plans on a generated collection, and errors that never surface as
// SQL errors.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateCollection } from '../../bench/generate.js';
import { FixedClock } from '../../src/collection/clock.js';
import type { Collection } from '../../src/collection/collection.js';
import { openCollection } from '../../src/collection/open.js';
import { findCards, findNotes, noteIdsOfCards } from '../../src/collection/search.js';
import { collectionTiming, searchContext } from '../../src/collection/search-context.js';
import { buildSearchSql, SearchError } from '../../src/search/index.js';
import { assertIntegrity, newTestCollection, TEST_NOW_MS } from '../support/collections.js';
import { buildExclusionFixture, buildSearchFixture, NEXT_DAY_AT, TODAY, type SearchFixture } from './fixture.js';

describe('fields excluded from search (§1.9)', () => {
  let fixture: ReturnType<typeof buildExclusionFixture>;
  before(() => {
    fixture = buildExclusionFixture();
  });
  after(() => fixture.close());

  const cases: [string, string[], string][] = [
    ['apple', ['e1'], 'an included sort field is searched'],
    ['banana', [], 'an excluded field is not searched by plain text'],
    ['cherry', ['e1'], 'an included field after an excluded one'],
    ['date', [], 'an excluded last field'],
    ['kiwi', [], 'an excluded sort field: neither flds nor sfld is searched there'],
    ['lemon', ['e2'], 'the included field of that note type'],
    ['mango', ['e3'], 'note types without exclusions are searched as usual'],
    ['nectarine', ['e3'], 'their second field too'],
    ['apple*cherry', [], 'one pattern per run of included fields: runs are not joined'],
    ['re:banana', [], 're: tests only the included fields'],
    ['re:cherry', ['e1'], 're: on an included field'],
    ['re:^kiwi', [], 're: skips an excluded first field'],
    ['re:^mango', ['e3'], 're: on the whole flds of a note type without exclusions'],
    ['w:date', [], 'w: tests only the included fields'],
    ['w:apple', ['e1'], 'w: on an included field'],
    ['secret:banana', ['e1'], 'a field search ignores the exclusion'],
    ['nc:banana', [], 'nc: follows the exclusions too'],
    ['*:banana', ['e1'], 'an all-field search ignores the exclusion'],
  ];
  for (const [query, labels, rule] of cases) {
    test(`${rule}: ${query}`, () => {
      assert.deepEqual(findNotes(fixture.col, query), labels.map((label) => fixture.note(label)).sort((a, b) => a - b));
    });
  }
});

describe('settings and the current deck', () => {
  let fixture: SearchFixture;
  let col: Collection;
  before(() => {
    fixture = buildSearchFixture();
    col = fixture.col;
  });
  after(() => fixture.close());

  const withConfig = (key: string, value: boolean | number, run: () => void): void => {
    const before = col.config.get(key);
    col.transact(() => col.config.set(key, value));
    try {
      run();
    } finally {
      col.transact(() => col.config.set(key, before ?? null));
    }
  };

  test('ignoreAccentsInSearch: plain text and w: behave as nc:', () => {
    assert.deepEqual(findNotes(col, 'naive'), []);
    withConfig('ignoreAccentsInSearch', true, () => {
      assert.deepEqual(findNotes(col, 'naive'), [fixture.note('naive')]);
      assert.deepEqual(findNotes(col, 'w:cafe'), [fixture.note('cafe')]);
      // Field searches are not affected.
      assert.deepEqual(findNotes(col, 'front:naive'), []);
    });
  });

  test('normalize_note_text off: a decomposed é no longer finds the stored NFC é', () => {
    assert.deepEqual(findNotes(col, 'cafe\u0301'), [fixture.note('cafe')]);
    withConfig('normalize_note_text', false, () => {
      assert.deepEqual(findNotes(col, 'cafe\u0301'), []);
      // Deck names are always normalised.
      assert.deepEqual(findNotes(col, 'deck:Cafe\u0301'), [fixture.note('cafe')]);
    });
  });

  test('deck:current follows config curDeck, subdecks included', () => {
    withConfig('curDeck', fixture.deck('Mining::Sub'), () => {
      assert.deepEqual(findCards(col, 'deck:current'), [fixture.card('dog/1'), fixture.card('dog/2'), fixture.card('bird/1')]);
    });
  });

  test('collapseTime sets how far ahead learning cards count as due', () => {
    const number = fixture.card('number/1');
    assert.ok(!findCards(col, 'is:due').includes(number), 'due in 50 minutes: not within the default 20');
    withConfig('collapseTime', 3600, () => assert.ok(findCards(col, 'is:due').includes(number)));
  });

  test('the rollover hour moves the day boundary', () => {
    // With the rollover at 12:00 it is still "yesterday" at 10:00, so day 39, and the next
    // rollover is today at 12:00.
    withConfig('rollover', 12, () => {
      assert.deepEqual(collectionTiming(col), { daysElapsed: TODAY - 1, nextDayAt: NEXT_DAY_AT - 16 * 3600, nowSecs: TEST_NOW_MS / 1000 });
      // The review due today (day 40) is now due tomorrow.
      assert.deepEqual(findCards(col, 'prop:due=1 card:1 note:Basic'), [fixture.card('cat/1')]);
    });
  });

  test('results are in ascending id order, joined queries included', () => {
    for (const query of ['', 'deck:Mining tag:animal', 'card:2 or dog', 'is:review -flag:0']) {
      const cards = findCards(col, query);
      assert.deepEqual(cards, [...cards].sort((a, b) => a - b), query);
      const notes = findNotes(col, query);
      assert.deepEqual(notes, [...notes].sort((a, b) => a - b), query);
    }
  });

  test('findNotes on cards whose order is not their notes\' order: each note once, ascending', () => {
    // A card made later for an old note (a reverse card switched on, say) follows other notes'
    // cards in id order, so the card scan meets its note id out of order.
    const query = 'prop:ivl>=0';
    assert.equal(buildSearchSql(query, 'notes', searchContext(col)).repeats, true);
    const moved = fixture.card('cat/1');
    const move = col.db.prepare('update cards set id = ? where id = ?');
    col.transact(() => move.run(9_000_000_000_000, moved));
    try {
      const expected = col.db.prepare('select distinct nid from cards where ivl >= 0 order by nid').pluck().all();
      assert.ok(expected.length > 1);
      assert.deepEqual(findNotes(col, query), expected);
    } finally {
      col.transact(() => move.run(moved, 9_000_000_000_000));
    }
  });

  test('cardsToNotes: distinct notes, ascending, unknown cards ignored', () => {
    assert.deepEqual(noteIdsOfCards(col, [fixture.card('dog/2'), fixture.card('cat/1'), fixture.card('dog/1'), 12345]), [
      fixture.note('cat'),
      fixture.note('dog'),
    ]);
    assert.deepEqual(noteIdsOfCards(col, []), []);
  });

  test('a query too big for SQLite or too deep to parse is a search error, not an SQL error', () => {
    const tooLong = 'dog '.repeat(20_000);
    assert.throws(() => findNotes(col, tooLong), (err: unknown) => err instanceof SearchError && err.kind === 'Other' && !/sqlite|variables/i.test(err.message));
    const tooDeep = '('.repeat(100_000) + 'dog' + ')'.repeat(100_000);
    assert.throws(() => findNotes(col, tooDeep), (err: unknown) => err instanceof SearchError && err.kind === 'Other');
  });

  test('the writes of the fixture left a collection Anki would not repair', () => {
    assertIntegrity(col);
  });
});

describe('"today" (§1.8)', () => {
  test('a new collection: v2 with creationOffset; today is day 0 until the next 04:00', () => {
    const { col, close } = newTestCollection(new FixedClock(TEST_NOW_MS));
    try {
      const timing = collectionTiming(col);
      assert.deepEqual(timing, { daysElapsed: 0, nextDayAt: Date.UTC(2026, 10, 28, 4) / 1000, nowSecs: TEST_NOW_MS / 1000 });
    } finally {
      close();
    }
  });

  test('the creation offset and the current offset are both honoured (UTC+10 now, UTC at creation)', () => {
    const clock = new FixedClock(TEST_NOW_MS, 0);
    const { col, close } = newTestCollection(clock);
    try {
      // The same collection read from a clock ten hours east: 20:00 local, day still 0.
      const east = new FixedClock(TEST_NOW_MS, -600);
      const reopened = Object.create(col) as Collection;
      Object.defineProperty(reopened, 'clock', { value: east });
      const timing = collectionTiming(reopened);
      assert.equal(timing.daysElapsed, 0);
      assert.equal(timing.nextDayAt, Date.UTC(2026, 10, 27, 18) / 1000);
    } finally {
      close();
    }
  });

  test('without creationOffset: the legacy cutoff; schedVer 1: whole days since crt', () => {
    const clock = new FixedClock(TEST_NOW_MS - 10 * 86_400_000);
    const { col, close } = newTestCollection(clock);
    try {
      clock.advance(10 * 86_400_000);
      col.transact(() => col.stmt("delete from config where KEY = 'creationOffset'").run());
      col.resetCaches();
      assert.deepEqual(collectionTiming(col), { daysElapsed: 10, nextDayAt: Date.UTC(2026, 10, 28, 4) / 1000, nowSecs: TEST_NOW_MS / 1000 });
      col.transact(() => col.config.set('schedVer', 1));
      const crt = (col.db.prepare('select crt from col').get() as { crt: number }).crt;
      assert.deepEqual(collectionTiming(col), { daysElapsed: 10, nextDayAt: crt + 11 * 86_400, nowSecs: TEST_NOW_MS / 1000 });
    } finally {
      close();
    }
  });
});

describe('query plans on a generated collection (indexes used as in Anki)', () => {
  let dir: string;
  let col: Collection;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acs-search-plan-'));
    const path = join(dir, 'collection.anki2');
    generateCollection(path, { notes: 3_000, decks: 12, seed: 3 });
    col = openCollection(path, { mediaDir: join(dir, 'media') });
  });
  after(() => {
    col.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const plan = (query: string, item: 'cards' | 'notes'): string => {
    const { sql, params } = buildSearchSql(query, item, searchContext(col));
    return (col.db.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');
  };

  test('nid: and cid: look rows up by id', () => {
    assert.match(plan('nid:1,2', 'notes'), /SEARCH n USING INTEGER PRIMARY KEY/);
    assert.match(plan('cid:1,2', 'cards'), /SEARCH c USING INTEGER PRIMARY KEY/);
    assert.match(plan('nid:1,2', 'cards'), /SEARCH c USING (COVERING )?INDEX ix_cards_nid/);
  });

  test('dupe: goes through the checksum index', () => {
    const mid = col.notetypes.idByName('Basic') ?? 0;
    assert.match(plan(`dupe:${mid},word`, 'notes'), /SEARCH n USING INDEX ix_notes_csum/);
  });

  test('deck: goes through the did index (and the odid index for filtered cards)', () => {
    const deckPlan = plan('deck:Japanese::Vocabulary', 'cards');
    assert.match(deckPlan, /SEARCH c USING INDEX ix_cards_sched \(did=\?\)/);
    assert.match(deckPlan, /idx_cards_odid/);
    // With notes and cards joined, SQLite drives from the deck index when the deck is small.
    assert.match(plan('deck:Misc tag:noun', 'notes'), /SEARCH c USING INDEX ix_cards_sched .*SEARCH n USING INTEGER PRIMARY KEY/);
  });

  test('added: reads a range of card ids; note: uses the note type index', () => {
    assert.match(plan('added:7', 'cards'), /SEARCH c USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    assert.match(plan('added:7', 'notes'), /SEARCH c USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    assert.match(plan('note:Cloze', 'notes'), /idx_notes_mid/);
  });

  test('a note-only findNotes never reads cards', () => {
    for (const query of ['water', 'front:water', 'tag:jlpt', 're:wat', 'note:Basic water']) assert.doesNotMatch(plan(query, 'notes'), /\bc\b|cards/);
  });
});
