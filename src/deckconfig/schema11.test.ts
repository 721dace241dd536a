import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { fixture } from '../../test/support/fixtures.js';
import { DeckConfigConfig_LeechAction as LeechAction, DeckConfigConfig_NewCardInsertOrder as InsertOrder } from '../storage/proto/gen/anki_storage/deck_config_pb.js';
import { defaultDeckConfig } from './defaults.js';
import { deckConfigFromLegacy, deckConfigToLegacy, f32Json, LegacyConfigError, withValidValues, type JsonObject } from './schema11.js';
import { SEED_DECK_CONFIG } from '../../test/support/seed-samples.js';

const preset = (config = defaultDeckConfig()) => ({ id: 1, mtimeSecs: 100, name: 'Default', usn: 0, config });

test('single-precision values print as their shortest decimal, as serde prints f32', () => {
  assert.equal(f32Json(Math.fround(1.3)), 1.3);
  assert.equal(f32Json(Math.fround(0.058629394)), 0.058629394);
  assert.equal(f32Json(10), 10);
  assert.equal(f32Json(Number.NaN), null);
});

test("Anki's default preset as its legacy dict: units, key names and groups", () => {
  const dict = deckConfigToLegacy(preset());
  assert.deepEqual(dict['new'], { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 });
  assert.deepEqual(dict['rev'], { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 });
  assert.deepEqual(dict['lapse'], { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 });
  assert.equal(dict['maxTaken'], 60);
  assert.equal(dict['autoplay'], true);
  assert.equal(dict['timer'], 0);
  assert.equal(dict['replayq'], true);
  assert.equal(dict['dyn'], false);
  assert.equal(dict['desiredRetention'], 0.9);
  assert.equal(dict['sm2Retention'], 0.9);
  assert.equal(dict['waitForAudio'], true);
});

test('a preset written by Anki 25.x (mixed-legacy-2.apkg) reads and writes back to the same dict', () => {
  const files = unzipSync(readFileSync(fixture('srs-converter/mixed-legacy-2.apkg')));
  const db = new Database(Buffer.from(files['collection.anki21'] ?? new Uint8Array()));
  const dconf = JSON.parse((db.prepare('select dconf from col').get() as { dconf: string }).dconf) as Record<string, JsonObject>;
  db.close();
  const original = dconf['1'];
  assert.ok(original);
  const parsed = deckConfigFromLegacy(original);
  assert.equal(parsed.config.initialEase, 2.5);
  assert.equal(parsed.config.fsrsParams4.length, 17);
  assert.equal(parsed.config.ignoreRevlogsBeforeDate, '1970-01-01');
  assert.equal(parsed.config.waitForAudio, false);
  const again = deckConfigToLegacy(parsed);
  // Newer Anki adds fsrsParams6; everything Anki 25.x wrote comes back identical.
  assert.deepEqual(again['fsrsParams6'], []);
  assert.deepEqual({ ...again, fsrsParams6: undefined }, { ...original, fsrsParams6: undefined });
});

test("the seed README's sample: groups, unit conversions and unknown keys survive the protobuf", () => {
  const sample = SEED_DECK_CONFIG;
  const parsed = deckConfigFromLegacy(sample);
  const c = parsed.config;
  assert.equal(c.initialEase, 2.5);
  assert.deepEqual(c.learnSteps, [1, 10]);
  assert.deepEqual([c.graduatingIntervalGood, c.graduatingIntervalEasy], [1, 4]);
  assert.equal(c.newCardInsertOrder, InsertOrder.DUE);
  assert.equal(c.leechAction, LeechAction.SUSPEND);
  assert.equal(c.reviewsPerDay, 100);
  assert.equal(c.buryNew, true);
  assert.equal(c.buryReviews, true);
  assert.equal(c.skipQuestionWhenReplayingAnswer, false);
  assert.deepEqual(JSON.parse(Buffer.from(c.other).toString('utf8')), { new: { separate: true }, rev: { minSpace: 1, fuzz: 0.05 } });
  // Every key of the sample comes back with its value (Anki writes the third interval as 0).
  const back = deckConfigToLegacy(parsed);
  const expected = { ...sample, new: { ...sample.new, ints: [1, 4, 0] } };
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value)) assert.deepEqual((back[key] as JsonObject)[inner], innerValue, `${key}.${inner}`);
    } else {
      assert.deepEqual(back[key], value, key);
    }
  }
});

test("serde's rules: required keys, wrong types, and groups that fall back to defaults", () => {
  const good = deckConfigToLegacy(preset());
  assert.throws(() => deckConfigFromLegacy({ ...good, maxTaken: undefined }), LegacyConfigError);
  assert.throws(() => deckConfigFromLegacy(Object.fromEntries(Object.entries(good).filter(([key]) => key !== 'timer'))), LegacyConfigError);
  assert.throws(() => deckConfigFromLegacy({ ...good, autoplay: 'yes' }), LegacyConfigError);
  assert.throws(() => deckConfigFromLegacy({ ...good, newMix: null }), LegacyConfigError);
  assert.throws(() => deckConfigFromLegacy({ ...good, answerAction: 9 }), LegacyConfigError);
  // An invalid group reads as Anki's defaults for the whole group.
  const fallback = deckConfigFromLegacy({ ...good, new: { perDay: 99 }, timer: 'x' });
  assert.equal(fallback.config.newPerDay, 20);
  assert.equal(fallback.config.showTimer, false);
  // Lenient keys inside a valid group: an invalid perDay is 0, two intervals are enough.
  const lenient = deckConfigFromLegacy({ ...good, new: { ...(good['new'] as object), perDay: 'many', ints: [2, 5] } });
  assert.equal(lenient.config.newPerDay, 0);
  assert.deepEqual([lenient.config.graduatingIntervalGood, lenient.config.graduatingIntervalEasy], [2, 5]);
  assert.equal(deckConfigFromLegacy({ ...good, id: '1403973847422' }).id, 1403973847422);
});

test("out-of-range stored values read as Anki's defaults", () => {
  const broken = { ...defaultDeckConfig(), initialEase: 0, desiredRetention: Number.NaN, newPerDay: 100_000, capAnswerTimeToSecs: 0 };
  const fixed = withValidValues(broken);
  assert.deepEqual([fixed.initialEase, fixed.newPerDay, fixed.capAnswerTimeToSecs], [2.5, 20, 60]);
  assert.equal(fixed.desiredRetention, Math.fround(0.9));
});
