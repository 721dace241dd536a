/**
 * A schema-11 collection built in the test from a fixture (the fixtures themselves are never
 * changed), holding what the fixtures lack but the upgrade must treat as Anki treats it:
 * numbers written `4.0` and objects with unsorted keys in config values and in legacy keys Anki
 * does not know (note type, field, template, deck, preset); a deck name Anki stores in another
 * form (so the upgrade renames it, stamped now); study counts of an earlier day; clashing field
 * names and a template name that is not NFC; a preset with the low starting ease of the schema-15
 * bug, with cards of low ease; tags not yet in the tag list.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isJsonObject, parseLegacyJson, type LegacyJson } from '../../../src/storage/upgrade/json.js';
import { stringifyJson } from '../../../src/text/json-int64.js';
import { sourceBytes, type UpgradeSource } from './sources.js';

type JsonObject = Record<string, LegacyJson>;

/**
 * JSON text of `value` in which each string `"<raw:n>"` is replaced by `raw[n]`: JSON text
 * written as Anki's files may hold it (`4.0`), which a JavaScript value cannot carry.
 */
function withRaw(value: LegacyJson, raw: readonly string[]): string {
  return stringifyJson(value).replace(/"<raw:(\d+)>"/g, (_all, n: string) => raw[Number(n)]!);
}

function objectAt(value: LegacyJson | undefined, what: string): JsonObject {
  if (!isJsonObject(value)) throw new Error(`${what} is not a JSON object`);
  return value;
}

const BASIC = '1681194987406';
const TYPE_IN = '1681194987409';
const DECK = '1755501847974';

/** The variant's bytes: srs-converter/mixed-legacy-2.apkg's collection.anki21, edited. */
export function editedVariantBytes(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'acs-upgrade-variant-'));
  const path = join(dir, 'variant.anki2');
  try {
    writeFileSync(path, sourceBytes({ file: 'srs-converter/mixed-legacy-2.apkg', entry: 'collection.anki21' }));
    const db = new Database(path);
    try {
      const col = db.prepare('select conf, models, decks, dconf, tags from col').get() as Record<string, string>;
      const json = (column: string): JsonObject => objectAt(parseLegacyJson(col[column]!), column);

      const conf = json('conf');
      conf['acsWhole'] = '<raw:0>';
      conf['acsNested'] = { zeta: 1, alpha: { d: '<raw:1>', c: [1.5, '<raw:0>'] } };

      const models = json('models');
      const basic = objectAt(models[BASIC], 'Basic');
      basic['acsExtra'] = '<raw:2>';
      basic['tags'] = ['b', 'a'];
      objectAt((basic['flds'] as LegacyJson[])[0], 'field')['acsFieldExtra'] = '<raw:3>';
      objectAt((basic['tmpls'] as LegacyJson[])[0], 'template')['acsTemplateExtra'] = 'x';
      const typeIn = objectAt(models[TYPE_IN], 'Basic (type in the answer)');
      // "front" clashes with "Front" ignoring case; the template name is decomposed (not NFC).
      objectAt((typeIn['flds'] as LegacyJson[])[1], 'field')['name'] = 'front';
      objectAt((typeIn['tmpls'] as LegacyJson[])[0], 'template')['name'] = 'Carte\u0301 1';

      const decks = json('decks');
      const deck = objectAt(decks[DECK], 'deck');
      deck['name'] = 'Cafe\u0301 \u0007Mixed';
      deck['lrnToday'] = [859, 4];
      deck['acsDeckExtra'] = '<raw:4>';

      const dconf = json('dconf');
      const preset = objectAt(dconf['1'], 'preset');
      objectAt(preset['new'], 'new')['initialFactor'] = 1300;
      objectAt(preset['new'], 'new')['acsNewExtra'] = '<raw:0>';
      preset['acsPresetExtra'] = '<raw:5>';

      const tags = json('tags');
      tags['Zeta'] = 0;
      tags['alpha::beta'] = -1;

      const raw = ['4.0', '2.0', '{"z":1.0,"y":{"b":2,"a":1}}', '{"k":2.0,"j":[3.0]}', '{"b":[2.0],"a":null}', '{"y":1.0,"x":2}'];
      db.prepare('update col set conf = ?, models = ?, decks = ?, dconf = ?, tags = ?').run(
        withRaw(conf, raw),
        withRaw(models, raw),
        withRaw(decks, raw),
        withRaw(dconf, raw),
        withRaw(tags, raw),
      );
      // Cards of low ease in the deck of the preset: 1800 is raised to 2500 by the upgrade, 2100 is not.
      const ids = (db.prepare('select id from cards order by id limit 2').all() as { id: number }[]).map((row) => row.id);
      db.prepare('update cards set factor = 1800 where id = ?').run(ids[0]);
      db.prepare('update cards set factor = 2100 where id = ?').run(ids[1]);
    } finally {
      db.close();
    }
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Collections built in the test, compared as the fixtures are. */
export const VARIANT_SOURCES: UpgradeSource[] = [
  { label: 'variant of srs-converter/mixed-legacy-2.apkg → collection.anki21 (see upgrade/variant.ts)', version: 11, bytes: editedVariantBytes },
];
