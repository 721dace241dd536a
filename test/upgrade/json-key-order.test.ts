// The JSON the upgrade writes is written as Anki's serde_json writes it: config values and the
// legacy keys Anki keeps in the `other` bytes of note types, fields, templates, decks and presets
// have their object keys sorted by code point at every depth (serde_json's map is a BTreeMap in
// Anki), whatever order the schema-11 file held them in. Found by the reference suite
// (test-anki/upgrade.test.ts): a preset's `{"rev":{"minSpace":1,"fuzz":0.05}}` came out with its
// keys as stored, where Anki writes `{"fuzz":0.05,"minSpace":1}`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromBinary } from '@bufbuild/protobuf';
import type Database from 'better-sqlite3';
import { DeckConfigConfigSchema } from '../../src/storage/proto/gen/anki_storage/deck_config_pb.js';
import { DeckCommonSchema } from '../../src/storage/proto/gen/anki_storage/decks_pb.js';
import { FieldConfigSchema, NotetypeConfigSchema, TemplateConfigSchema } from '../../src/storage/proto/gen/anki_storage/notetypes_pb.js';
import { editLegacy, fixtureBytes, openCopy } from './support.js';

const BASIC_ID = 1598919734596;

/** Puts `members` (JSON text) first in `col.conf`, keeping the rest of its text as it is. */
function prependToConf(db: Database.Database, members: string): void {
  const text = (db.prepare('select conf from col').get() as { conf: string }).conf;
  db.prepare('update col set conf = ?').run(`{${members},${text.slice(1)}`);
}

const otherText = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

test('config values, and unknown keys of note types, fields, templates, decks and presets, are written with sorted keys', () => {
  const bytes = editLegacy(fixtureBytes('ankidroid/initial_version_2_12_1.anki2'), (db) => {
    prependToConf(db, '"acsNested":{"zeta":[{"b":1,"a":2}],"alpha":{"d":true,"c":null}}');
    // The preset's unknown keys, inside its groups too: stored unsorted.
    const dconf = JSON.parse((db.prepare('select dconf from col').get() as { dconf: string }).dconf) as Record<string, Record<string, unknown>>;
    const preset = dconf['1']!;
    preset['zPresetExtra'] = { y: 1, x: 2 };
    preset['aPresetExtra'] = 'a';
    (preset['rev'] as Record<string, unknown>)['minSpace'] = 1;
    (preset['rev'] as Record<string, unknown>)['fuzz'] = 0.05;
    db.prepare('update col set dconf = ?').run(JSON.stringify(dconf));
    const models = JSON.parse((db.prepare('select models from col').get() as { models: string }).models) as Record<string, Record<string, unknown>>;
    const basic = models[String(BASIC_ID)]!;
    basic['zExtra'] = { b: 1, a: [{ d: 1, c: 2 }] };
    basic['aExtra'] = 1;
    (basic['flds'] as Record<string, unknown>[])[0]!['zField'] = { y: 1, x: 2 };
    (basic['tmpls'] as Record<string, unknown>[])[0]!['zTemplate'] = { y: 1, x: 2 };
    db.prepare('update col set models = ?').run(JSON.stringify(models));
    const decks = JSON.parse((db.prepare('select decks from col').get() as { decks: string }).decks) as Record<string, Record<string, unknown>>;
    decks['1']!['zDeck'] = { y: 1, x: 2 };
    decks['1']!['aDeck'] = 0;
    db.prepare('update col set decks = ?').run(JSON.stringify(decks));
  });
  const copy = openCopy(bytes);
  try {
    const db = copy.col.db;
    const config = db.prepare("select val from config where KEY = 'acsNested'").get() as { val: Buffer };
    assert.equal(config.val.toString('utf8'), '{"alpha":{"c":null,"d":true},"zeta":[{"a":2,"b":1}]}');

    const preset = db.prepare('select config from deck_config where id = 1').get() as { config: Buffer };
    assert.equal(
      otherText(fromBinary(DeckConfigConfigSchema, preset.config).other),
      '{"aPresetExtra":"a","new":{"separate":true},"rev":{"fuzz":0.05,"minSpace":1},"zPresetExtra":{"x":2,"y":1}}',
    );

    const notetype = db.prepare('select config from notetypes where id = ?').get(BASIC_ID) as { config: Buffer };
    assert.equal(
      otherText(fromBinary(NotetypeConfigSchema, notetype.config).other),
      '{"aExtra":1,"tags":[],"vers":[],"zExtra":{"a":[{"c":2,"d":1}],"b":1}}',
    );
    const field = db.prepare('select config from fields where ntid = ? and ord = 0').get(BASIC_ID) as { config: Buffer };
    assert.equal(otherText(fromBinary(FieldConfigSchema, field.config).other), '{"media":[],"zField":{"x":2,"y":1}}');
    const template = db.prepare('select config from templates where ntid = ? and ord = 0').get(BASIC_ID) as { config: Buffer };
    assert.equal(otherText(fromBinary(TemplateConfigSchema, template.config).other), '{"zTemplate":{"x":2,"y":1}}');

    const deck = db.prepare('select common from decks where id = 1').get() as { common: Buffer };
    assert.equal(otherText(fromBinary(DeckCommonSchema, deck.common).other), '{"aDeck":0,"zDeck":{"x":2,"y":1}}');
  } finally {
    copy.close();
  }
});
