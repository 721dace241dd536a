import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Collection } from '../src/collection/collection.js';
import { openCollection } from '../src/collection/open.js';
import { checkIntegrity } from '../src/dbcheck/check.js';
import { uniqueWord } from './content.js';
import { GENERATED_WORD_LIMIT, generateCollection, type GeneratedSummary } from './generate.js';

describe('generateCollection', () => {
  let dir: string;
  let col: Collection;
  let summary: GeneratedSummary;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acs-bench-gen-'));
    const path = join(dir, 'collection.anki2');
    summary = generateCollection(path, { notes: 2_000, decks: 8, seed: 7 });
    col = openCollection(path, { mediaDir: join(dir, 'media') });
  });
  after(() => {
    col.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('writes a collection that Anki would not need to repair', () => {
    assert.deepEqual(checkIntegrity(col), []);
  });

  test('holds what the summary says, spread over note types, decks and tags', () => {
    const count = (sql: string) => (col.db.prepare(sql).get() as { n: number }).n;
    assert.equal(count('select count() as n from notes'), 2_000);
    assert.equal(count('select count() as n from cards'), summary.cards);
    assert.ok(summary.cards > 2 * 2_000, 'reversed and cloze notes give more than two cards per note on average');
    assert.equal(count('select count(distinct mid) as n from notes'), 5);
    assert.ok(count('select count(distinct did) as n from cards') >= 6);
    assert.ok(summary.tags >= 150, `${summary.tags} distinct tags`);
    assert.ok(count(`select count() as n from notes where flds like '%<img src="img%'`) > 0);
    assert.ok(count(`select count() as n from notes where flds like '%[sound:a%'`) > 0);
    assert.equal(col.config.getNumber('nextPos', 0), 2_001);
  });

  test('gives every note a first field no other note of its type has', () => {
    // The benchmarks rely on this to make certain duplicates and certain new notes.
    const clashes = col.db.prepare('select count() as n from (select 1 from notes group by mid, sfld having count() > 1)').get() as { n: number };
    assert.equal(clashes.n, 0);
    const words = new Set<string>();
    for (const base of [0, GENERATED_WORD_LIMIT, 2 * GENERATED_WORD_LIMIT]) {
      for (let i = 0; i < 20_000; i++) words.add(uniqueWord(base + i, i % 3 === 0));
    }
    assert.equal(words.size, 60_000);
  });

  test('gives the same notes for the same seed', () => {
    const rowsOf = (name: string): unknown[] => {
      const path = join(dir, name);
      generateCollection(path, { notes: 50, decks: 8, seed: 7 });
      const small = openCollection(path, { mediaDir: join(dir, 'media') });
      try {
        return small.db.prepare('select n.id, guid, flds, tags, csum, c.ord, c.did, c.due from notes n join cards c on c.nid = n.id order by c.id').all();
      } finally {
        small.close();
      }
    };
    assert.deepEqual(rowsOf('one.anki2'), rowsOf('two.anki2'));
  });
});

describe('generateCollection with varied', () => {
  let dir: string;
  let col: Collection;
  let summary: GeneratedSummary;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acs-bench-varied-'));
    const path = join(dir, 'collection.anki2');
    summary = generateCollection(path, { notes: 800, decks: 6, seed: 3, varied: true });
    col = openCollection(path);
  });
  after(() => {
    col.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('passes the integrity checker', () => {
    assert.deepEqual(checkIntegrity(col), []);
  });

  test('holds cards in every queue, their reviews, Image Occlusion notes and the media they name', () => {
    const queues = col.db.prepare('select distinct queue from cards order by queue').pluck().all();
    assert.deepEqual(queues, [-3, -2, -1, 0, 1, 2, 3]);
    const types = col.db.prepare('select distinct type from cards order by type').pluck().all();
    assert.deepEqual(types, [0, 1, 2, 3]);
    assert.ok(col.db.prepare('select count() from cards where flags > 0').pluck().get() as number > 0);
    assert.equal(col.db.prepare('select count() from revlog').pluck().get(), summary.varied?.revlog);
    assert.ok((summary.byNotetype['Image Occlusion'] ?? 0) > 0);
    // Every studied card carries the time of its newest review, as Anki keeps it.
    const stale = col.db
      .prepare(
        "select count() from cards c where type != 0 and json_extract(data, '$.lrt') != (select max(id) / 1000 from revlog where cid = c.id)",
      )
      .pluck()
      .get();
    assert.equal(stale, 0);
    assert.ok((summary.varied?.mediaFiles ?? 0) > 50);
    assert.equal(readdirSync(join(dir, 'collection.media')).length, summary.varied?.mediaFiles);
  });
});
