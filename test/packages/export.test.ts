// exportPackage and exportCollectionPackage through the dispatcher: what each package holds (read
// back with the package reader), the resets of an export without scheduling, and the refusals.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { fromBinary } from '@bufbuild/protobuf';
import { openCollection } from '../../src/collection/open.js';
import { openPackage, type OpenPackage } from '../../src/packages/open.js';
import { unicaseExtensionPath } from '../../src/storage/database.js';
import { DeckConfigConfigSchema } from '../../src/storage/proto/gen/anki_storage/deck_config_pb.js';
import { tempDir } from '../support/collections.js';
import { useTestDispatcher } from '../support/dispatch.js';

describe('exportPackage', () => {
  const server = useTestDispatcher();
  const out = tempDir('acs-export-out-');
  let noteIds: number[] = [];

  test('setup: decks, notes with media and system tags, a reviewed card, a preset with FSRS parameters', async () => {
    await server.call('createDeck', { deck: 'Lang::Sub' });
    await server.call('createDeck', { deck: 'Other' });
    writeFileSync(join(server.col.mediaDir, 'pic.png'), 'PNG');
    writeFileSync(join(server.col.mediaDir, '_font.woff'), 'FONT');
    writeFileSync(join(server.col.mediaDir, 'unused.mp3'), 'MP3');
    const note = (deckName: string, front: string, tags: string[]) => ({ deckName, modelName: 'Basic', fields: { Front: front, Back: '' }, tags });
    noteIds = (await server.call('addNotes', {
      notes: [
        note('Lang', 'one <img src="pic.png">', ['marked', 'keep']),
        note('Lang::Sub', 'two [sound:missing.mp3]', ['Leech']),
        note('Other', 'three', []),
        note('Default', 'four', []),
      ],
    })) as number[];
    await server.call('updateModelStyling', { model: { name: 'Basic', css: '@font-face { src: url("_font.woff"); }' } });
    const [card] = (await server.call('findCards', { query: 'deck:Lang::Sub' })) as number[];
    await server.call('answerCards', { answers: [{ cardId: card, ease: 3 }] });
    await server.call('setSpecificValueOfCard', { card, keys: ['flags'], newValues: ['2'] });
    const configId = (await server.call('cloneDeckConfigId', { name: 'Fitted', cloneFrom: 1 })) as number;
    await server.call('setDeckConfigId', { decks: ['Lang::Sub'], configId });
    const preset = server.col.deckConfigs.get(configId)!;
    server.col.transact(() => server.col.deckConfigs.save({ ...preset, config: { ...preset.config, fsrsParams6: [0.5, 1, 2] } }));
  });

  function open(path: string): { pkg: OpenPackage; db: Database.Database; close: () => void } {
    const pkg = openPackage(path, out.dir);
    const col = openCollection(pkg.collectionPath, { mediaDir: join(out.dir, 'm'), log: () => undefined, backup: false });
    col.close();
    const db = new Database(pkg.collectionPath, { readonly: true });
    db.loadExtension(unicaseExtensionPath());
    return {
      pkg,
      db,
      close: () => {
        db.close();
        pkg.close();
      },
    };
  }

  test('an unknown deck gives false and writes nothing, as upstream', async () => {
    const path = join(out.dir, 'none.apkg');
    assert.equal(await server.call('exportPackage', { deck: 'No such deck', path }), false);
    assert.ok(!existsSync(path));
  });

  test('without scheduling: the deck and its subdecks, cards new, system tags gone, no review log, Default left out', async () => {
    const path = join(out.dir, 'nosched.apkg');
    assert.equal(await server.call('exportPackage', { deck: 'lang', path }), true);
    const { pkg, db, close } = open(path);
    try {
      assert.equal(pkg.format, 'latest');
      assert.deepEqual(db.prepare('select id from notes order by id').pluck().all(), noteIds.slice(0, 2));
      assert.deepEqual(db.prepare('select tags from notes order by id').pluck().all(), [' keep ', '']);
      assert.deepEqual(db.prepare('select distinct type, queue, ivl, factor, reps, lapses, flags from cards').all(), [
        { type: 0, queue: 0, ivl: 0, factor: 0, reps: 0, lapses: 0, flags: 0 },
      ]);
      assert.equal(db.prepare('select count() from revlog').pluck().get(), 0);
      // The package's own new collection has a Default deck (as Anki's has); the source's is not exported.
      assert.deepEqual(db.prepare('select name, mtime_secs from decks order by name').raw().all().slice(0, 1), [['Default', 0]]);
      assert.deepEqual(db.prepare('select name from decks order by name').pluck().all(), ['Default', 'Lang', 'Lang\x1fSub']);
      // Presets only with scheduling (upstream's default), and the default one is always there.
      assert.deepEqual(db.prepare('select name from deck_config').pluck().all(), ['Default']);
      assert.deepEqual(db.prepare('select name from notetypes').pluck().all(), ['Basic']);
      assert.deepEqual(pkg.media.map((m) => m.name).sort(), ['_font.woff', 'pic.png']);
      const src = server.col.db.prepare('select crt from col').pluck().get();
      assert.equal(db.prepare('select crt from col').pluck().get(), src);
    } finally {
      close();
    }
  });

  test('with scheduling: the review log, the card as studied, presets with their FSRS parameters', async () => {
    const path = join(out.dir, 'sched.apkg');
    assert.equal(await server.call('exportPackage', { deck: 'Lang', path, includeSched: true }), true);
    const { db, close } = open(path);
    try {
      assert.equal(db.prepare('select count() from revlog').pluck().get(), 1);
      assert.equal(db.prepare('select count() from cards where type != 0').pluck().get(), 1);
      assert.deepEqual(db.prepare('select tags from notes order by id').pluck().all(), [' keep marked ', ' Leech ']);
      const presets = db.prepare('select name, config from deck_config order by name').all() as { name: string; config: Buffer }[];
      assert.deepEqual(presets.map((p) => p.name), ['Default', 'Fitted']);
      assert.deepEqual(fromBinary(DeckConfigConfigSchema, presets[1]!.config).fsrsParams6, [0.5, 1, 2]);
    } finally {
      close();
    }
  });

  test('presets without scheduling lose their FSRS parameters; legacy packages hold a schema-11 collection', async () => {
    const path = join(out.dir, 'legacy.apkg');
    assert.equal(await server.call('exportPackage', { deck: 'Lang', path, includeDeckConfigs: true, legacy: true }), true);
    const { pkg, db, close } = open(path);
    try {
      assert.equal(pkg.format, 'legacy2');
      const presets = db.prepare('select name, config from deck_config order by name').all() as { name: string; config: Buffer }[];
      assert.deepEqual(fromBinary(DeckConfigConfigSchema, presets[1]!.config).fsrsParams6, []);
    } finally {
      close();
    }
    const raw = openPackage(path, out.dir);
    const db11 = new Database(raw.collectionPath, { readonly: true });
    try {
      assert.equal(db11.prepare('select ver from col').pluck().get(), 11);
      const decks = JSON.parse(db11.prepare('select decks from col').pluck().get() as string) as Record<string, { name: string }>;
      assert.deepEqual(Object.values(decks).map((d) => d.name).sort(), ['Default', 'Lang', 'Lang::Sub']);
    } finally {
      db11.close();
      raw.close();
    }
  });

  test('the whole collection as .colpkg, also inside multi', async () => {
    const path = join(out.dir, 'all.colpkg');
    assert.equal(await server.call('exportCollectionPackage', { path }), true);
    const { pkg, db, close } = open(path);
    try {
      assert.equal(db.prepare('select count() from notes').pluck().get(), 4);
      assert.deepEqual(pkg.media.map((m) => m.name).sort(), ['_font.woff', 'pic.png', 'unused.mp3']);
    } finally {
      close();
    }
    const inMulti = join(out.dir, 'multi.colpkg');
    const results = await server.call('multi', {
      actions: [
        { action: 'createDeck', version: 6, params: { deck: 'Made in multi' } },
        { action: 'exportCollectionPackage', version: 6, params: { path: inMulti, includeMedia: false } },
      ],
    });
    assert.deepEqual((results as { error: unknown }[]).map((r) => r.error), [null, null]);
    const second = open(inMulti);
    try {
      assert.equal(second.db.prepare("select count() from decks where name = 'Made in multi'").pluck().get(), 1);
      assert.deepEqual(second.pkg.media, []);
    } finally {
      second.close();
    }
  });

  test('refusals: paths from remote callers, relative paths, folders', async () => {
    const remote = (await server.request(
      { action: 'exportPackage', version: 6, params: { deck: 'Lang', path: join(out.dir, 'r.apkg') } },
      { local: false },
    )) as { error: string };
    assert.match(remote.error, /only from clients on this machine/);
    await assert.rejects(server.call('exportPackage', { deck: 'Lang', path: 'relative.apkg' }), /must be absolute/);
    await assert.rejects(server.call('exportPackage', { deck: 'Lang', path: out.dir }), /is a folder/);
    await assert.rejects(server.call('exportCollectionPackage', { path: out.dir }), /is a folder/);
    out.remove();
  });
});
