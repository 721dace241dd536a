// The schema upgrade, compared with real Anki. Every older collection among the fixtures (bare
// schema-11 and schema-16 files, and the schema-11 collections inside packages) is copied twice:
// the server opens one copy (upgrading it to schema 18 as it does for a user, after a backup) and
// closes it; real Anki opens the other (its own upgrade, as Anki desktop runs it) and closes it.
// Then:
//  - every row of every table must be the same, and the same tables, indexes and statistics, but
//    for the precise rules of upgrade/row-rules.ts (values Anki sets to "now", and the declared
//    differences of support/differences.ts applied to Anki's values);
//  - what Anki-Connect reads from each (decks, presets, note types, tags, notes, card mtimes)
//    must be the same: the server's answers against real Anki's on its own upgrade;
//  - real Anki's Check Database on the server's file must find exactly what it finds on Anki's own
//    upgrade (nothing, unless the original file already needed repairs) and leave the same rows.
// The files Anki refuses to open, the server must refuse too, leaving them untouched.
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { fixture } from '../test/support/fixtures.js';
import { AnkiDriver, AnkiError } from './support/anki.js';
import { tempProfile, type TempProfile } from './support/profile.js';
import { ankiReads, assertSameReads, serverReads, type ReadCall } from './support/read-surface.js';
import { dumpRows, type Rows } from './support/rows.js';
import { OurServer } from './support/server.js';
import { parseLegacyJson } from '../src/storage/upgrade/json.js';
import {
  applyNameClashRule,
  CHECK_DATABASE_RULES,
  compareRows,
  describeHits,
  rowDifferences,
  UPGRADE_RULES,
  type RuleContext,
  type RuleHits,
} from './support/upgrade/row-rules.js';
import { CURRENT_FILES, fixtureCollections, REFUSED_SOURCES, UPGRADE_SOURCES, type UpgradeSource } from './support/upgrade/sources.js';
import { VARIANT_SOURCES } from './support/upgrade/variant.js';

/** `col.ver` of the collection at `path`. */
function schemaVersion(path: string): number {
  const db = new Database(path, { fileMustExist: true });
  try {
    return (db.prepare('select ver from col').get() as { ver: number }).ver;
  } finally {
    db.close();
  }
}

/** The file's tables and indexes as declared, and the statistics ANALYZE left (sqlite_stat1). */
function schemaOf(path: string): { objects: unknown[]; stats: unknown[] } {
  const db = new Database(path, { fileMustExist: true });
  try {
    return {
      objects: db.prepare('select type, name, tbl_name, sql from sqlite_master order by type, name').all(),
      stats: db.prepare('select tbl, idx, stat from sqlite_stat1 order by tbl, idx').all(),
    };
  } finally {
    db.close();
  }
}

/** The note type names in the `col.models` JSON of a schema-11 file, by id; none for a later schema. */
function legacyNotetypeNames(path: string): Map<number, string> {
  const db = new Database(path, { fileMustExist: true });
  try {
    const models = parseLegacyJson((db.prepare('select models from col').get() as { models: string }).models || '{}');
    return new Map(
      Object.entries(models as Record<string, { name?: unknown }>).map(([id, model]) => [Number(id), String(model.name)]),
    );
  } finally {
    db.close();
  }
}

const rowCount = (rows: Rows): number => [...rows.values()].reduce((sum, table) => sum + table.length, 0);

/** The Anki-Connect reads compared after the upgrade, built from the server's names and ids. */
async function upgradeReadCalls(server: OurServer): Promise<ReadCall[]> {
  const decks = (await server.call('deckNames')) as string[];
  const models = (await server.call('modelNames')) as string[];
  const notes = (await server.call('findNotes', { query: '' })) as number[];
  const cards = (await server.call('findCards', { query: '' })) as number[];
  return [
    { action: 'deckNames', params: {} },
    { action: 'deckNamesAndIds', params: {} },
    ...decks.map((deck) => ({ action: 'getDeckConfig', params: { deck } })),
    { action: 'modelNames', params: {} },
    { action: 'modelNamesAndIds', params: {} },
    { action: 'findModelsByName', params: { modelNames: models } },
    { action: 'getTags', params: {} },
    { action: 'findNotes', params: { query: '' } },
    { action: 'findCards', params: { query: '' } },
    { action: 'notesInfo', params: { notes } },
    { action: 'cardsModTime', params: { cards } },
  ];
}

describe('schema upgrade: the server against real Anki', () => {
  const anki = new AnkiDriver();
  const totals = { files: 0, tables: 0, rows: 0, reads: 0, checkProblems: 0, checkChanges: 0, refused: 0, renamed: 0 };
  const upgradeHits: RuleHits = { anki: new Map(), server: new Map() };
  const checkHits: RuleHits = { anki: new Map(), server: new Map() };

  after(async () => {
    await anki.stop();
    console.log(
      `schema upgrade: ${totals.files} files upgraded by both, ${totals.tables} tables and ${totals.rows} rows compared; ` +
        `${totals.reads} Anki-Connect reads compared (${totals.renamed} clashing note type names of Anki's set as the server's); ` +
        `Check Database on the server's upgrades: ${totals.checkProblems} problems, ${totals.checkChanges} rows removed or added, ` +
        `the same as on Anki's own upgrades; ${totals.refused} files refused by both`,
    );
    console.log(`values the upgrade rules adjusted:\n  ${describeHits(upgradeHits).join('\n  ')}`);
    console.log(`values the rules adjusted after Check Database:\n  ${describeHits(checkHits).join('\n  ')}`);
  });

  /** Real Anki's Check Database on the (closed) file at `path`: the problems it reports (and repairs). */
  async function checkDatabase(path: string): Promise<string[]> {
    await anki.open(path);
    try {
      return await anki.checkDatabase();
    } finally {
      await anki.close();
    }
  }

  async function compareUpgrade(source: UpgradeSource, ours: TempProfile, theirs: TempProfile): Promise<void> {
    const bytes = source.bytes();
    writeFileSync(ours.path, bytes);
    writeFileSync(theirs.path, bytes);
    assert.equal(schemaVersion(ours.path), source.version, 'the fixture is at the schema it is listed with');
    const context: RuleContext = { fromMs: Date.now(), toMs: 0, legacyNotetypeNames: legacyNotetypeNames(ours.path) };

    OurServer.open(ours.path).close();
    await anki.open(theirs.path);
    await anki.close();
    context.toMs = Date.now();
    assert.equal(schemaVersion(ours.path), 18);
    assert.equal(schemaVersion(theirs.path), 18);

    // The same rows, tables, indexes and statistics.
    const ankiRows = dumpRows(theirs.path);
    const ourRows = dumpRows(ours.path);
    const rowDiff = compareRows({ rows: ankiRows, path: theirs.path }, { rows: ourRows, path: ours.path }, UPGRADE_RULES, context, upgradeHits);
    assert.deepEqual(rowDiff, [], `${source.label}: rows differ after the upgrade (- Anki, + server)`);
    assert.deepEqual(schemaOf(ours.path), schemaOf(theirs.path), `${source.label}: tables, indexes or statistics differ`);
    totals.tables += ankiRows.size;
    totals.rows += rowCount(ankiRows);

    // The same answers to Anki-Connect's reads, each side on its own upgrade (Anki's note types
    // first named as the server names them where their stored names clash: upgrade-name-clash).
    totals.renamed += applyNameClashRule(theirs.path, context);
    const server = OurServer.open(ours.path);
    let calls: ReadCall[];
    let ourReads;
    try {
      calls = await upgradeReadCalls(server);
      ourReads = await serverReads(server, calls);
    } finally {
      server.close();
    }
    await anki.open(theirs.path);
    let ankiAnswers;
    try {
      ankiAnswers = await ankiReads(anki, calls);
    } finally {
      await anki.close();
    }
    totals.reads += assertSameReads(calls, ourReads, ankiAnswers, source.label);

    // Check Database finds on the server's upgrade what it finds on Anki's own, changes as many
    // rows (it always rewrites a few, such as col.mod and nextPos), and leaves the same rows.
    const ourBefore = dumpRows(ours.path);
    const ankiBefore = dumpRows(theirs.path);
    const ourCheck = await checkDatabase(ours.path);
    const ankiCheck = await checkDatabase(theirs.path);
    // The window now spans the upgrades and the checks: an upgrade's stamps stay masked.
    context.toMs = Date.now();
    assert.deepEqual(ourCheck, ankiCheck, `${source.label}: Check Database on the server's upgrade`);
    const ourAfter = dumpRows(ours.path);
    const ankiAfter = dumpRows(theirs.path);
    const ourChanges = rowDifferences(ourBefore, ourAfter);
    assert.equal(ourChanges.length, rowDifferences(ankiBefore, ankiAfter).length, `${source.label}: Check Database changed ${ourChanges.join('\n')}`);
    const checkedDiff = compareRows(
      { rows: ankiAfter, path: theirs.path },
      { rows: ourAfter, path: ours.path },
      [...UPGRADE_RULES, ...CHECK_DATABASE_RULES],
      context,
      checkHits,
    );
    assert.deepEqual(checkedDiff, [], `${source.label}: rows differ after Check Database (- Anki, + server)`);
    totals.checkProblems += ourCheck.length;
    totals.checkChanges += ourChanges.length;
    totals.files++;
  }

  test('every older collection among the fixtures is compared', () => {
    const listed = new Set([...UPGRADE_SOURCES.map((source) => source.label), ...REFUSED_SOURCES.map((source) => source.file), ...CURRENT_FILES]);
    assert.deepEqual(
      fixtureCollections().filter((collection) => !listed.has(collection)),
      [],
      'fixture collections missing from upgrade/sources.ts',
    );
  });

  for (const source of [...UPGRADE_SOURCES, ...VARIANT_SOURCES]) {
    test(`${source.label} (schema ${source.version}): upgraded by both, the same`, async () => {
      const ours = tempProfile();
      const theirs = tempProfile();
      try {
        await compareUpgrade(source, ours, theirs);
      } finally {
        ours.remove();
        theirs.remove();
      }
    });
  }

  for (const source of REFUSED_SOURCES) {
    test(`${source.file}: refused by both (${source.why})`, async () => {
      const ours = tempProfile();
      const theirs = tempProfile();
      try {
        copyFileSync(fixture(source.file), ours.path);
        copyFileSync(fixture(source.file), theirs.path);
        const original = readFileSync(ours.path);
        assert.throws(() => OurServer.open(ours.path).close(), (err: Error) => err.message.includes(source.why));
        assert.deepEqual(readFileSync(ours.path), original, 'the server leaves a refused file as it was');
        assert.deepEqual(readdirSync(dirname(ours.path)), ['collection.anki2'], 'and creates nothing beside it');
        await assert.rejects(anki.open(theirs.path), (err: Error) => err instanceof AnkiError && err.message.includes(source.why));
        totals.refused++;
      } finally {
        ours.remove();
        theirs.remove();
      }
    });
  }
});
